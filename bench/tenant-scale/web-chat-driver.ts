// Drives a running GroupGate through its web chat API as the page does (loopback, JSON, same origin,
// the key cookie it gets from opening the "Web chat:" address the bot printed, which GroupGateProcess
// keeps): typing as someone, clicking a card's button, and watching an owner's chat for the approval card.
import type { BrowserEntry } from '../../adapters/web/browser-entry.js';
import { entryText, postJson } from '../../test/adapters/web/web-chat-client.js';
import { openWebEvents, type WebEventsReader } from '../../test/adapters/web/web-events-reader.js';

/** What one typed command or click answered: the HTTP status and what GroupGate said. */
export interface Answer {
  readonly status: number;
  readonly text: string;
}

export class WebChatDriver {
  private readonly pages = new Map<string, WebEventsReader>();

  constructor(readonly baseUrl: string) {}

  say(as: string, text: string): Promise<Answer> {
    return answerWithin(postJson(this.baseUrl, '/web/api/messages', { as, where: 'direct', text }));
  }

  click(as: string, messageId: string, verb: string, data: Record<string, unknown>): Promise<Answer> {
    return answerWithin(postJson(this.baseUrl, '/web/api/actions', { as, where: 'direct', messageId, verb, data }));
  }

  /** Opens a person's page (their event stream), as an owner who has GroupGate open does. */
  async open(as: string): Promise<void> {
    if (!this.pages.has(as)) this.pages.set(as, await openWebEvents(this.baseUrl, as));
  }

  /** The id of the card in `as`'s chat that mentions `requestId` (their page must be open). */
  async cardFor(as: string, requestId: string, timeoutMs = 60_000): Promise<string> {
    const page = this.pages.get(as);
    if (!page) throw new Error(`open ${as}'s page first`);
    const event = await page.waitFor((e) => e.event === 'message' && Boolean((e.data as BrowserEntry).card) && JSON.stringify(e.data).includes(requestId), timeoutMs);
    return (event.data as BrowserEntry).id;
  }

  close(): void {
    for (const page of this.pages.values()) page.close();
    this.pages.clear();
  }
}

// A bot that stops answering must fail the run, not hang the benchmark.
const answerTimeoutMs = 120_000;

async function answerWithin(posted: ReturnType<typeof postJson>): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${answerTimeoutMs / 1000} s`)), answerTimeoutMs)));
  try {
    const answer = await Promise.race([posted, late]);
    const said = answer.body.entries?.filter((e) => e.author.kind === 'groupgate').map(entryText).join(' / ');
    return { status: answer.status, text: said ?? answer.body.message ?? '' };
  } finally {
    clearTimeout(timer);
  }
}

