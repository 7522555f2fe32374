import { HTTPMessageHandler, TelemetryHandler, type AuthenticationProvider, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../../../domain/ports/logger.js';
import { GraphAuthentication } from './graph-authentication.js';
import { ObserveRequests, type GraphObserver } from './graph-observer.js';
import { GraphRequestError, graphFailure } from './graph-request-error.js';
import { errorBodySchema, pageSchema, type Page } from './graph-schemas.js';
import { defaultRetryPolicy, ThrottleRetry, type RetryPolicy } from './throttle-retry.js';

/** One Graph call: a path under /v1.0 with its query, or a link Graph handed back, used as it is. */
export interface GraphCall {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Background work (sync rounds, sweeps): Graph sheds it first when a tenant is busy (B.5). */
  readonly background?: boolean;
  /** `Prefer: return=minimal`: on a delta link, Graph sends only the properties that changed (docs/graph.md). */
  readonly minimal?: boolean;
}

/** A successful answer: its status and parsed JSON body (undefined for 204). */
export interface GraphAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** What the client is built from. */
export interface GraphHttpOptions {
  /** GRAPH_BASE_URL, e.g. https://graph.microsoft.com. */
  readonly baseUrl: string;
  readonly authProvider: AuthenticationProvider;
  readonly logger: Logger;
  readonly retry?: RetryPolicy;
  /** Metrics: every request sent, every call that failed, every sync round. */
  readonly observer?: GraphObserver | undefined;
}

/**
 * Microsoft Graph over the Graph client SDK's middleware pipeline: our token and retry middleware,
 * then the SDK's telemetry (client-request-id) and fetch handlers. Links Graph hands back are sent
 * exactly as received — never parsed or rebuilt (B.4) — which the SDK's GraphRequest would do.
 */
export class GraphHttp {
  readonly origin: string;
  private readonly root: string;
  private readonly pipeline: Middleware;
  private readonly retry: ThrottleRetry;
  readonly observer: GraphObserver | undefined;

  constructor(options: GraphHttpOptions) {
    const base = new URL(options.baseUrl);
    this.origin = base.origin;
    this.root = `${options.baseUrl.replace(/\/+$/, '')}/v1.0`;
    this.retry = new ThrottleRetry(options.retry ?? defaultRetryPolicy, (notice) =>
      options.logger.warn({ ...notice }, 'Microsoft Graph asked GroupGate to slow down; waiting before retrying'),
    );
    this.observer = options.observer;
    const observe = options.observer ? [new ObserveRequests(options.observer)] : [];
    const chain: Middleware[] = [new GraphAuthentication(options.authProvider, this.origin), new TelemetryHandler(), this.retry, ...observe, new HTTPMessageHandler()];
    chain.forEach((middleware, i) => chain[i + 1] && middleware.setNext?.(chain[i + 1]!));
    this.pipeline = chain[0]!;
  }

  /** The full URL of a path under /v1.0 with its query; `$` and `,` stay readable, as in Graph's docs. */
  url(path: string, query: Readonly<Record<string, string>> = {}): string {
    const pairs = Object.entries(query).map(([name, value]) => `${name}=${encodeURIComponent(value).replace(/%2C/g, ',').replace(/%24/g, '$')}`);
    return `${this.root}${path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
  }

  /** Sends one call; a non-2xx answer throws GraphRequestError with Graph's code and message. */
  async send(pathOrLink: string, call: GraphCall = {}): Promise<GraphAnswer> {
    try {
      return await this.sendOnce(pathOrLink, call);
    } catch (error) {
      this.observer?.failed(error instanceof GraphRequestError ? error.reason : 'unexpected');
      throw error;
    }
  }

  private async sendOnce(pathOrLink: string, call: GraphCall): Promise<GraphAnswer> {
    const url = /^https?:\/\//.test(pathOrLink) ? pathOrLink : this.url(pathOrLink, call.query);
    const method = call.method ?? 'GET';
    const headers: Record<string, string> = { accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.background) headers['x-ms-throttle-priority'] = 'Low';
    if (call.minimal) headers['prefer'] = 'return=minimal';
    const context: Context = { request: url, options: { method, headers, ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}) } };
    const where = { method, path: new URL(url).pathname };
    try {
      await this.pipeline.execute(context);
    } catch (cause) {
      if (cause instanceof GraphRequestError) throw cause;
      throw new GraphRequestError('unreachable', `cannot reach Microsoft Graph at ${this.origin} (${where.method} ${where.path}): ${(cause as Error).message}`, where, { cause });
    }
    const response = context.response!;
    const text = await response.text();
    const body = text ? parseJson(text) : undefined;
    if (response.ok) return { status: response.status, body };
    const error = errorBodySchema.safeParse(body);
    const code = error.success ? error.data.error.code : '';
    const message = error.success ? error.data.error.message : text.slice(0, 200);
    throw new GraphRequestError(graphFailure(response.status, message, code), `Microsoft Graph answered ${response.status}${code ? ` ${code}` : ''} to ${where.method} ${where.path}: ${message}`, { ...where, status: response.status, code });
  }

  /** Every page of a collection, following `@odata.nextLink` to the end; the last page may carry a deltaLink. */
  async *pages(pathOrLink: string, call: GraphCall = {}): AsyncGenerator<Page> {
    let next: string | undefined = /^https?:\/\//.test(pathOrLink) ? pathOrLink : this.url(pathOrLink, call.query);
    while (next) {
      const { body } = await this.send(next, { ...call, query: {} });
      const page = pageSchema.safeParse(body);
      if (!page.success) throw new GraphRequestError('unexpectedAnswer', `Microsoft Graph answered ${new URL(next).pathname} with something that is not a page of results`);
      yield page.data;
      next = page.data['@odata.nextLink'];
    }
  }

  /** Waits before retrying requests Graph throttled inside a `$batch` answer; false when it is time to give up. */
  backOff(retryAfter: string | null, attempt: number): Promise<boolean> {
    return this.retry.backOff(retryAfter, attempt);
  }

  /** Stops retry waits (at shutdown). */
  close(): void {
    this.retry.close();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
