import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response, Next } from 'restify';
import { isLoopback } from '../../bot/config.js';
import { keyCookieName, keyFromCookies, keyFromPageUrl } from './web-chat-key.js';

/** True for a peer address on this machine, including IPv4 loopback seen through an IPv6 socket. */
export function isLoopbackPeer(address: string | undefined): boolean {
  if (!address) return false;
  return isLoopback(address.replace(/^::ffff:/i, ''));
}

// A whole Host header: a bracketed IPv6 address or a name without colons, then at most a port. Nothing may follow.
const hostHeader = /^(?:\[([0-9a-f:.]+)\]|([^:[\]\s]+))(?::(\d{1,5}))?$/i;

/** True when a Host header names this machine (localhost, 127.x.y.z, [::1]), with or without a port, and nothing else ("[::1].evil.com" is not). */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  const parts = hostHeader.exec(host ?? '');
  if (!parts) return false;
  const [, ipv6, name, port] = parts;
  if (port !== undefined && Number(port) > 65535) return false;
  return isLoopback((ipv6 ?? name ?? '').toLowerCase());
}

// Headers proxies, CDNs and tunnels (nginx, ngrok, cloudflared, Akamai, Squid) add: a relay on this
// machine connects from loopback too. A default nginx proxy_pass adds none of them, hence the key.
const relayHeaders = ['forwarded', 'x-real-ip', 'cf-connecting-ip', 'true-client-ip', 'x-client-ip', 'via', 'x-cluster-client-ip', 'fastly-client-ip'] as const;
const relayPrefixes = ['x-forwarded-', 'x-original-'] as const;

const isRelayed = (req: Request) =>
  relayHeaders.some((name) => req.headers[name] !== undefined) || Object.keys(req.headers).some((name) => relayPrefixes.some((prefix) => name.startsWith(prefix)));

const refusal = {
  relayed: 'The web chat lets you pick who you are, so it does not answer requests relayed by a proxy or tunnel.',
  peer: 'The web chat lets you pick who you are, so it only answers requests from this computer. Use Teams or Slack from anywhere else.',
  host: 'The web chat only answers when addressed as localhost or a loopback address.',
  origin: 'The web chat only accepts requests from its own page.',
  key: 'Open the web chat at the address GroupGate printed when it started (it carries a key that changes at every start).',
} as const;

/**
 * Guards every web-chat route. Picking who you are is safe only when the only person who can
 * reach the page is the one at this keyboard, so each request must arrive on a loopback address
 * from a loopback peer and not through a relay, name a loopback host (a DNS-rebinding page names
 * its own), come from this page when a browser says where it comes from (Origin, Sec-Fetch-Site),
 * and carry the key GroupGate printed at start: a relay that adds no header (nginx's default
 * proxy_pass) passes every other check, and only someone who read the start-up output has the key.
 */
export function localOnly(key: string): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    const problem = refusalFor(req, key);
    if (problem) {
      res.send(403, { code: 'Forbidden', message: problem });
      return next(false);
    }
    return next();
  };
}

function refusalFor(req: Request, key: string): string | undefined {
  // The address the connection arrived on, not HOST's text: 0.0.0.0 or a name that resolves elsewhere also answer the network.
  if (!isLoopbackPeer(req.socket.remoteAddress) || !isLoopbackPeer(req.socket.localAddress)) return refusal.peer;
  if (isRelayed(req)) return refusal.relayed;
  if (!isLoopbackHostHeader(req.headers.host)) return refusal.host;
  if (req.headers.origin !== undefined && req.headers.origin !== `http://${req.headers.host}`) return refusal.origin;
  // Browsers say whether a request comes from this page's own origin; another site (or another port on localhost, "same-site") is refused, GETs too.
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return refusal.origin;
  const given = keyFromCookies(req.headers.cookie, keyCookieName(req.socket.localPort)) ?? (req.path() === '/' ? keyFromPageUrl(req.url) : undefined);
  if (given === undefined || !sameKey(given, key)) return refusal.key;
  return undefined;
}

const sameKey = (given: string, key: string) => {
  const [a, b] = [Buffer.from(given), Buffer.from(key)];
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Refuses a body that is not JSON before it is read: a cross-site form can't send JSON without asking first. */
export function jsonOnly(req: Request, res: Response, next: Next): void {
  if (req.getContentType() !== 'application/json') {
    res.send(415, { code: 'UnsupportedMediaType', message: 'Send a JSON body with Content-Type: application/json.' });
    return next(false);
  }
  return next();
}
