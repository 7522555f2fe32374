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
  /** Per conversation: the number its next message takes, as far as this process knows, and its appends in line. */
  private readonly nextNumber = new Map<WebConversationKey, number>();
  private readonly appending = new Map<WebConversationKey, Promise<void>>();
  private readonly cardsWritten = new WeakMap<object, Map<string, { readonly card: string; readonly entry: Promise<WebEntry | undefined> }>>();

  constructor(private readonly store: Store, private readonly clock: Clock) {}

  /** Stores a message at the end of a conversation and pushes it live. */
  async append(conversation: WebConversationKey, message: WebMessage): Promise<WebEntry> {
    const [entry] = await this.appendAll(conversation, [message]);
    return entry!;
  }

  /**
   * Stores messages at the end of a conversation, in order, and pushes them live, in one store call
   * however many there are (a `pending` answer is a card per request): see storeMessages. This
   * process appends to one conversation one call at a time, so the number it expects next stays right.
   */
  async appendAll(conversation: WebConversationKey, messages: readonly WebMessage[]): Promise<WebEntry[]> {
    if (messages.length === 0) return [];
    const mine = (this.appending.get(conversation) ?? Promise.resolve()).then(() => this.storeMessages(conversation, messages));
    const done = mine.then(() => undefined, () => undefined);
    this.appending.set(conversation, done);
    try {
      return await mine;
    } finally {
      if (this.appending.get(conversation) === done) this.appending.delete(conversation);
    }
  }

  /**
   * With the conversation's next number known, one batch creates the messages and moves its counter
   * on. Without it (this process's first message there), or when another process took the number
   * first (a create finds its key taken, so the batch writes nothing), the counter is moved on
   * atomically first and the messages are created after it: two calls.
   */
  private async storeMessages(conversation: WebConversationKey, messages: readonly WebMessage[]): Promise<WebEntry[]> {
    const at = this.clock.now().toISOString();
    const numbered = (first: number) => messages.map((message, i): WebEntry => ({ id: String(first + i).padStart(10, '0'), conversation, at, ...message }));
    const known = this.nextNumber.get(conversation);
    if (known !== undefined) {
      const entries = numbered(known);
      if (await this.create(conversation, entries, { moveCounter: true })) return this.stored(conversation, entries);
    }
    for (let attempt = 0; attempt < 10; attempt++) {
      const last = await this.store.update<number, number>(seqKey(conversation), (current) => {
        const next = (current ?? 0) + messages.length;
        return { next, result: next };
      });
      const entries = numbered(last - messages.length + 1);
      if (await this.create(conversation, entries, { moveCounter: false })) return this.stored(conversation, entries);
    }
    throw new Error(`could not number a message in ${conversation} in 10 attempts`);
  }

  /** Creates the entries (none if any number is taken) and, when asked, sets the counter to the last; true when they were written. */
  private async create(conversation: WebConversationKey, entries: readonly WebEntry[], { moveCounter }: { readonly moveCounter: boolean }): Promise<boolean> {
    const last = Number(entries[entries.length - 1]!.id);
    const [created] = await this.store.write([
      ...entries.map((entry) => ({ create: entryKey(conversation, entry.id), value: entry })),
      ...(moveCounter ? [{ put: seqKey(conversation), value: last }] : []),
    ]);
    return created === 1;
  }

  private stored(conversation: WebConversationKey, entries: WebEntry[]): WebEntry[] {
    this.nextNumber.set(conversation, Number(entries[entries.length - 1]!.id) + 1);
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
