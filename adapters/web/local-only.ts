import type { Request, Response, Next } from 'restify';
import { isLoopback } from '../../bot/config.js';

/** True for a peer address on this machine, including IPv4 loopback seen through an IPv6 socket. */
export function isLoopbackPeer(address: string | undefined): boolean {
  if (!address) return false;
  return isLoopback(address.replace(/^::ffff:/i, ''));
}

/** True when a Host header names this machine (localhost, 127.x.y.z, [::1]), with or without a port. */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return isLoopback(name.toLowerCase());
}

// Headers proxies and tunnels (nginx, ngrok, cloudflared) add: a relay on this machine connects from loopback too.
const relayHeaders = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'cf-connecting-ip'] as const;

const refusal = {
  relayed: 'The web chat lets you pick who you are, so it does not answer requests relayed by a proxy or tunnel.',
  peer: 'The web chat lets you pick who you are, so it only answers requests from this computer. Use Teams or Slack from anywhere else.',
  host: 'The web chat only answers when addressed as localhost or a loopback address.',
  origin: 'The web chat only accepts requests from its own page.',
} as const;

/**
 * Guards every web-chat route. Picking who you are is safe only when the only person who can
 * reach the page is the one at this keyboard, so each request must come from a loopback peer and
 * not through a relay, name a loopback host (a DNS-rebinding page names its own), and, when a
 * browser says where it comes from, come from this page (another site's form or fetch says otherwise).
 */
export function localOnly(req: Request, res: Response, next: Next): void {
  const problem = refusalFor(req);
  if (problem) {
    res.send(403, { code: 'Forbidden', message: problem });
    return next(false);
  }
  return next();
}

function refusalFor(req: Request): string | undefined {
  if (!isLoopbackPeer(req.socket.remoteAddress)) return refusal.peer;
  if (relayHeaders.some((name) => req.headers[name] !== undefined)) return refusal.relayed;
  if (!isLoopbackHostHeader(req.headers.host)) return refusal.host;
  if (req.headers.origin !== undefined && req.headers.origin !== `http://${req.headers.host}`) return refusal.origin;
  return undefined;
}

/** Refuses a body that is not JSON before it is read: a cross-site form can't send JSON without asking first. */
export function jsonOnly(req: Request, res: Response, next: Next): void {
  if (req.getContentType() !== 'application/json') {
    res.send(415, { code: 'UnsupportedMediaType', message: 'Send a JSON body with Content-Type: application/json.' });
    return next(false);
  }
  return next();
}
