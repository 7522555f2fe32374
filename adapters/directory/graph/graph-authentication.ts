import type { AuthenticationProvider, Context, Middleware } from '@microsoft/microsoft-graph-client';
import { GraphRequestError } from './graph-request-error.js';

/**
 * A Graph client middleware that signs each request with the app's token, and only requests to
 * the configured Graph origin: a link Graph hands back (nextLink, deltaLink) that pointed anywhere
 * else would otherwise carry the token there. (The SDK's own handler signs only https Graph hosts,
 * so it cannot serve a loopback stand-in; this one decides by the configured origin instead.)
 */
export class GraphAuthentication implements Middleware {
  private next: Middleware | undefined;
  // Calls made together share one token request: the credential's cache only helps once it holds a token.
  private pending: Promise<string> | undefined;

  constructor(
    private readonly provider: AuthenticationProvider,
    private readonly origin: string,
  ) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('GraphAuthentication needs a next middleware');
    const url = new URL(typeof context.request === 'string' ? context.request : context.request.url);
    if (url.origin !== this.origin) {
      throw new GraphRequestError('unexpectedAnswer', `refused to send the Graph token to ${url.origin}: GroupGate talks to ${this.origin} only`);
    }
    let token: string;
    try {
      token = await (this.pending ??= this.provider.getAccessToken().finally(() => (this.pending = undefined)));
    } catch (cause) {
      throw new GraphRequestError('unauthorized', `GroupGate could not sign in to Microsoft Entra: ${(cause as Error).message ?? String(cause)}`, {}, { cause });
    }
    context.options = { ...context.options, headers: { ...asRecord(context.options?.headers), Authorization: `Bearer ${token}` } };
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** Request headers as a plain record (how GraphHttp builds them). */
function asRecord(headers: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (headers) new Headers(headers).forEach((value, name) => (record[name] = value));
  return record;
}
