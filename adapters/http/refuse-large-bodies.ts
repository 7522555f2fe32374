import type { Next, Request, RequestHandler, Response } from 'restify';

/**
 * Answers 413 at once when a request declares (Content-Length) a body larger than `maxBytes`,
 * before any of it is read, and closes the connection so the rest never is. restify's body reader
 * and the Slack route's only count bytes as they arrive, so without this a request announcing 100 MB
 * and sending a trickle holds a connection and a handler until the client gives up. A chunked body
 * without a length is cut off by the route's own reader at its limit (also 413).
 */
export function refuseLargeBodies(maxBytes: number): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (!(declared > maxBytes)) return next();
    res.setHeader('connection', 'close');
    res.send(413, { code: 'PayloadTooLarge', message: `Request body size exceeds ${maxBytes}` });
    return next(false);
  };
}

