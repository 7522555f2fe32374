import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import { localOnly } from './local-only.js';
import { keyCookie, keyFromPageUrl } from './web-chat-key.js';

const require = createRequire(import.meta.url);
const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
const types: Record<string, string> = { html: 'text/html', js: 'text/javascript', css: 'text/css' };
const typeOf = (name: string) => `${types[name.split('.').pop() ?? ''] ?? 'application/octet-stream'}; charset=utf-8`;

/** Every file the page needs, from public/ and from the adaptivecards package: no CDN, no build step. */
function assets(): ReadonlyArray<readonly [route: string, path: string]> {
  const pages = readdirSync(publicDir).map((name) => [name === 'index.html' ? '/' : `/web/${name}`, `${publicDir}${name}`] as const);
  return [...pages, ['/web/adaptivecards.min.js', require.resolve('adaptivecards/dist/adaptivecards.min.js')]];
}

// The page runs only its own scripts; the card renderer sets inline styles, so those are allowed.
const securityHeaders = {
  'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/**
 * Mounts GET / and the page's static files, read once at start so a missing file stops the start.
 * The printed address (`/?key=...`) hands the browser its key as a cookie and sends it on to `/`,
 * so the key leaves the address bar and every later request (fetch, EventSource) carries it.
 */
export function mountWebPage(server: restify.Server, key: string): void {
  for (const [route, path] of assets()) {
    const body = readFileSync(path);
    const type = typeOf(path);
    server.get(route, localOnly(key), (req: Request, res: Response, next: restify.Next) => {
      if (route === '/' && keyFromPageUrl(req.url) !== undefined) {
        res.writeHead(303, { location: '/', 'set-cookie': keyCookie(req.socket.localPort, key), ...securityHeaders });
        res.end();
        return next();
      }
      res.writeHead(200, { 'content-type': type, 'content-length': body.length, ...securityHeaders });
      res.end(body);
      return next();
    });
  }
}
