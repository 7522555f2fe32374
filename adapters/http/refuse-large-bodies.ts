import type { Next, Request, RequestHandler, Response } from 'restify';

/**
 * Answers 413 at once when a request declares (Content-Length) a body larger than `maxBytes`,
 * before any of it is read, and closes the connection so the rest never is. restify's body reader
 * and Bolt's receiver only count bytes as they arrive, so without this a request announcing 100 MB
 * and sending a trickle holds a connection and a handler until the client gives up. A chunked body
 * without a length is cut off by the route's own reader at its limit (also 413).
 */
export function refuseLargeBodies(maxBytes: number): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    closeWhenAnsweredEarly(req, res);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (!(declared > maxBytes)) return next();
    res.setHeader('connection', 'close');
    res.send(413, { code: 'PayloadTooLarge', message: `Request body size exceeds ${maxBytes}` });
    return next(false);
  };
}

/**
 * A reader that stops at its limit (Bolt's does) answers 413 and leaves the rest of the body unread
 * on a connection kept alive, so the next request a client sends on it is never read. An answer
 * written before the body was read to its end says `Connection: close`, and Node closes it after.
 */
function closeWhenAnsweredEarly(req: Request, res: Response): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
    if (!req.complete && !res.headersSent) res.setHeader('connection', 'close');
    return writeHead.apply(this, args);
  } as Response['writeHead'];
}
