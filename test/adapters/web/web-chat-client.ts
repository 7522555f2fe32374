import { afterEach } from 'vitest';
import type { BrowserEntry } from '../../../adapters/web/browser-entry.js';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';
import { openWebEvents, type WebEventsReader } from './web-events-reader.js';
import { webChatHeaders } from './web-chat-session.js';

/** An answer from the web chat's JSON API. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: { readonly entries?: BrowserEntry[]; readonly code?: string; readonly message?: string; readonly [key: string]: unknown };
}

/** POSTs to the web chat as the page does (JSON, same origin, its key cookie), or with the raw body and headers given. */
export async function postJson(baseUrl: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, ...(await webChatHeaders(baseUrl)), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ApiAnswer['body'] };
}

/** Every `text` in an Adaptive Card (TextBlocks and TextRuns), joined: what a person reads on it. */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return texts.join('');
}

/** What a message says: the typed text or the card's text. */
export const entryText = (entry: BrowserEntry) => entry.text ?? cardText(entry.card);

/** A matcher for a new message whose text matches. */
export const isMessage = (match: RegExp) => (e: { event: string; data: unknown }) => e.event === 'message' && match.test(entryText(e.data as BrowserEntry));

/**
 * One GroupGate per test with the web chat on, plus the page's two moves: open the event stream
 * as someone, and type as someone. Everything is stopped after each test.
 */
export function webChatHarness() {
  let running: RunningGroupGate | undefined;
  const readers: WebEventsReader[] = [];
  afterEach(async () => {
    readers.splice(0).forEach((reader) => reader.close());
    await running?.stop();
    running = undefined;
  });
  const current = () => {
    if (!running) throw new Error('call start() first');
    return running;
  };
  return {
    /** Starts GroupGate (stopping the previous one of this test) with the web chat on unless `env` says otherwise. */
    async start(env: Record<string, string> = {}): Promise<RunningGroupGate> {
      await running?.stop();
      running = await startTestGroupGate({ WEB_CHAT: 'on', ...env });
      return running;
    },
    get running(): RunningGroupGate {
      return current();
    },
    async events(as: string): Promise<WebEventsReader> {
      const reader = await openWebEvents(current().url, as);
      readers.push(reader);
      return reader;
    },
    say: (as: string, text: string, where = 'direct') => postJson(current().url, '/web/api/messages', { as, where, text }),
  };
}
