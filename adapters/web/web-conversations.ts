import type { Store } from '../../domain/ports/store.js';
import { currentRequest } from '../../bot/request-context.js';
import type { Clock } from '../../domain/ports/clock.js';
import type { CardView } from '../../cards/card-view.js';
import type { WebConversationKey } from './web-rooms.js';

/** Who wrote a web message: GroupGate, or a person typing in the page. */
export type WebAuthor = { readonly kind: 'groupgate' } | { readonly kind: 'person'; readonly userId: string; readonly name: string };

/** One message in a web conversation, as stored. */
export interface WebEntry {
  /** Zero-padded sequence number within its conversation, so key order is arrival order. */
  readonly id: string;
  readonly conversation: WebConversationKey;
  readonly at: string;
  readonly author: WebAuthor;
  readonly text?: string;
  readonly card?: CardView;
  readonly updatedAt?: string;
}

/** A new message or a replaced card, as pushed to open pages. */
export type WebEvent = { readonly kind: 'message' | 'update'; readonly entry: WebEntry };

type Listener = (event: WebEvent) => void;

/** What a new message says, and who says it. */
export type WebMessage = { readonly author: WebAuthor; readonly text?: string; readonly card?: CardView };

// How much history a page loads; older messages stay in the store.
const historyLimit = 200;

const seqKey = (conversation: WebConversationKey) => `web:seq:${conversation}`;
const entryPrefix = (conversation: WebConversationKey) => `web:log:${conversation}:`;
const entryKey = (conversation: WebConversationKey, id: string) => `${entryPrefix(conversation)}${id}`;

/**
 * Web conversations: every message is stored (so nothing is lost across restarts and a person who
 * opens the page later still sees it) and pushed to the pages open on it right now. Pushes reach
 * pages served by this process only; the web chat is a one-machine, local-mode surface.
 */
export class WebConversations {
  private readonly listeners = new Map<WebConversationKey, Set<Listener>>();
  private readonly cardsWritten = new WeakMap<object, Map<string, { readonly card: string; readonly entry: Promise<WebEntry | undefined> }>>();

  constructor(private readonly store: Store, private readonly clock: Clock) {}

  /** Stores a message at the end of a conversation and pushes it live. */
  async append(conversation: WebConversationKey, message: WebMessage): Promise<WebEntry> {
    const [entry] = await this.appendAll(conversation, [message]);
    return entry!;
  }

  /**
   * Stores messages at the end of a conversation, in order, and pushes them live: one update takes
   * their sequence numbers and one batch stores them, however many there are (a `pending` answer is
   * a card per request).
   */
  async appendAll(conversation: WebConversationKey, messages: readonly WebMessage[]): Promise<WebEntry[]> {
    if (messages.length === 0) return [];
    const last = await this.store.update<number, number>(seqKey(conversation), (current) => {
      const next = (current ?? 0) + messages.length;
      return { next, result: next };
    });
    const at = this.clock.now().toISOString();
    const entries = messages.map((message, i): WebEntry => ({ id: String(last - messages.length + 1 + i).padStart(10, '0'), conversation, at, ...message }));
    await this.store.write(entries.map((entry) => ({ put: entryKey(conversation, entry.id), value: entry })));
    for (const entry of entries) this.publish({ kind: 'message', entry });
    return entries;
  }

  /**
   * Replaces the card of a stored message and pushes the change; undefined when there is no such
   * message. A click answers with the clicked card as it now stands, and the decision it made then
   * updates every approver's copy, the clicker's too: the second write of the same card within one
   * request is skipped.
   */
  async replaceCard(conversation: WebConversationKey, id: string, card: CardView): Promise<WebEntry | undefined> {
    const key = entryKey(conversation, id);
    const written = this.writtenThisRequest();
    const shown = JSON.stringify(card);
    const same = written?.get(key);
    if (same?.card === shown) return same.entry;
    const updatedAt = this.clock.now().toISOString();
    const entry = this.store.update<WebEntry, WebEntry | undefined>(key, (current) =>
      current ? { next: { ...current, card, updatedAt }, result: { ...current, card, updatedAt } } : { result: undefined },
    );
    // Remembered before it is written: the two writes of a click run side by side.
    written?.set(key, { card: shown, entry });
    entry.then((stored) => stored && this.publish({ kind: 'update', entry: stored }), () => written?.get(key)?.entry === entry && written.delete(key));
    return entry;
  }

  /** The cards the request being served has written (or is writing), by entry key. */
  private writtenThisRequest(): Map<string, { readonly card: string; readonly entry: Promise<WebEntry | undefined> }> | undefined {
    const request = currentRequest();
    if (!request) return undefined;
    let written = this.cardsWritten.get(request);
    if (!written) this.cardsWritten.set(request, (written = new Map()));
    return written;
  }

  /** One stored message. */
  async find(conversation: WebConversationKey, id: string): Promise<WebEntry | undefined> {
    return this.store.get<WebEntry>(entryKey(conversation, id));
  }

  /** The latest messages of a conversation, oldest first. */
  async recent(conversation: WebConversationKey): Promise<readonly WebEntry[]> {
    const entries = await this.store.list<WebEntry>(entryPrefix(conversation));
    return entries.slice(-historyLimit).map(([, entry]) => entry);
  }

  /** Calls `listener` for every new or changed message in these conversations until unsubscribed. */
  subscribe(conversations: readonly WebConversationKey[], listener: Listener): () => void {
    for (const conversation of conversations) {
      const set = this.listeners.get(conversation) ?? new Set();
      set.add(listener);
      this.listeners.set(conversation, set);
    }
    return () => {
      for (const conversation of conversations) this.listeners.get(conversation)?.delete(listener);
    };
  }

  private publish(event: WebEvent): void {
    for (const listener of this.listeners.get(event.entry.conversation) ?? []) listener(event);
  }
}
