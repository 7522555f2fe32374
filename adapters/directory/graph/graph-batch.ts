import { z } from 'zod';
import type { GraphHttp } from './graph-http.js';
import { GraphRequestError, graphFailure } from './graph-request-error.js';
import { errorBodySchema, pageSchema } from './graph-schemas.js';

/** One read inside a JSON batch: an id of the caller's choosing and a path under /v1.0 with its query. */
export interface BatchRead {
  readonly id: string;
  readonly url: string;
}

/** What one read of a batch came back with: its JSON body, or the error Graph answered it with. */
export type BatchAnswer = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly error: GraphRequestError };

/** Graph takes at most 20 requests in one `$batch`. */
export const batchLimit = 20;

// Answers Graph asks to be retried later (B.5), inside a batch as outside.
const retryable = new Set([429, 503, 504]);

const batchAnswerSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

/**
 * Several small reads in as few calls as Graph allows: JSON batches of 20 (`POST /$batch`). Graph
 * answers a batch 200 even when reads inside it were throttled, so those are sent again in a later
 * batch after the longest Retry-After they named, by the client's retry policy; once retries run
 * out they come back as errors, each with its own, as do reads Graph refused. Reads only, so a
 * repeat is harmless.
 */
export async function readBatch(http: GraphHttp, reads: readonly BatchRead[], options: { readonly background?: boolean } = {}): Promise<Map<string, BatchAnswer>> {
  const answers = new Map<string, BatchAnswer>();
  let waiting = [...reads];
  for (let attempt = 1; waiting.length > 0; attempt++) {
    const throttled: BatchRead[] = [];
    let retryAfter: string | null = null;
    for (let start = 0; start < waiting.length; start += batchLimit) {
      const chunk = waiting.slice(start, start + batchLimit);
      const requests = chunk.map((read) => ({
        id: read.id, method: 'GET', url: read.url, ...(options.background ? { headers: { 'x-ms-throttle-priority': 'Low' } } : {}),
      }));
      const { body } = await http.send('/$batch', { method: 'POST', body: { requests }, ...(options.background ? { background: true } : {}) });
      const parsed = batchAnswerSchema.safeParse(body);
      if (!parsed.success) throw new GraphRequestError('unexpectedAnswer', 'Microsoft Graph answered a $batch with something that is not a list of responses');
      const byId = new Map(parsed.data.responses.map((response) => [response.id, response]));
      for (const read of chunk) {
        const response = byId.get(read.id);
        if (!response) throw new GraphRequestError('unexpectedAnswer', `Microsoft Graph's $batch answer left out the request ${read.url}`);
        if (response.status >= 200 && response.status < 300) answers.set(read.id, { ok: true, body: response.body });
        else if (retryable.has(response.status)) {
          throttled.push(read);
          retryAfter = longer(retryAfter, headerOf(response.headers, 'retry-after'));
          answers.set(read.id, { ok: false, error: failureOf(read, response.status, response.body) });
        } else answers.set(read.id, { ok: false, error: failureOf(read, response.status, response.body) });
      }
    }
    waiting = throttled.length > 0 && (await http.backOff(retryAfter, attempt)) ? throttled : [];
  }
  return answers;
}

/**
 * Every item of a collection read in a batch: the page it answered with, then the rest of its
 * pages through `@odata.nextLink`, each an ordinary call.
 */
export async function collectionOf(http: GraphHttp, answer: BatchAnswer | undefined, what: string, options: { readonly background?: boolean } = {}): Promise<unknown[]> {
  if (!answer) throw new GraphRequestError('unexpectedAnswer', `no answer for ${what}`);
  if (!answer.ok) throw answer.error;
  const first = pageSchema.safeParse(answer.body);
  if (!first.success) throw new GraphRequestError('unexpectedAnswer', `Microsoft Graph answered ${what} with something that is not a page of results`);
  const items = [...first.data.value];
  const next = first.data['@odata.nextLink'];
  if (next) for await (const page of http.pages(next, options)) items.push(...page.value);
  return items;
}

function failureOf(read: BatchRead, status: number, body: unknown): GraphRequestError {
  const error = errorBodySchema.safeParse(body);
  const code = error.success ? error.data.error.code : '';
  const message = error.success ? error.data.error.message : '';
  const path = read.url.split('?')[0] ?? read.url;
  return new GraphRequestError(graphFailure(status, message, code), `Microsoft Graph answered ${status}${code ? ` ${code}` : ''} to GET ${path} (in a batch): ${message}`, { status, code, method: 'GET', path });
}

// Header names in a batch response are as Graph wrote them ("Retry-After").
function headerOf(headers: Readonly<Record<string, string>> | undefined, name: string): string | null {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return found ? found[1] : null;
}

// Of two Retry-After values in seconds, the longer; an unreadable one never wins over a readable one.
function longer(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Number(b) > Number(a) ? b : a;
}
