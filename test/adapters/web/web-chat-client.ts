import type { BrowserEntry } from '../../../adapters/web/browser-entry.js';

/** An answer from the web chat's JSON API. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: { readonly entries?: BrowserEntry[]; readonly code?: string; readonly message?: string; readonly [key: string]: unknown };
}

/** POSTs to the web chat as the page does (JSON, same origin), or with the raw body and headers given. */
export async function postJson(baseUrl: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, ...headers },
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
