import type { Next, Request, Response } from 'restify';

/**
 * Answers 400 to a request whose Host header is not a host (`[::1].evil.com`, `a b`), before
 * anything reads its URL: restify builds the URL from the Host header and throws outside any
 * handler, which would stop the whole process. Runs first, ahead of every other handler.
 */
export function refuseUnreadableHost(req: Request, res: Response, next: Next): void {
  try {
    req.getUrl();
    return next();
  } catch {
    // Nothing to log beyond the refusal: the request has no usable URL to name.
    res.setHeader('connection', 'close');
    res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ code: 'BadRequest', message: 'The Host header is not a valid host name.' }));
    return next(false);
  }
}
