import type { Activity, ConversationReference } from 'botbuilder';
import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Store } from '../../domain/ports/store.js';

/**
 * A stored conversation reference, as botbuilder needs it to continue a conversation: where the
 * connector is (`serviceUrl`), which conversation, and who the bot is there. Read back through
 * zod, since card locations travel through the store as plain JSON.
 */
export const conversationReferenceSchema = z.looseObject({
  serviceUrl: z.url({ protocol: /^https?$/ }),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1), conversationType: z.string().optional() }),
  bot: z.looseObject({ id: z.string() }),
  user: z.looseObject({ id: z.string() }).optional(),
});

export type StoredReference = z.infer<typeof conversationReferenceSchema> & ConversationReference;

const personKey = (userId: string) => `teams:person:${userId}`;
const conversationKey = (id: string) => `teams:conversation:${id}`;

/** The reference to store for an activity: without `activityId`, so a later send is a new message, not a reply. */
export function referenceFor(activity: Partial<Activity>): StoredReference | undefined {
  const { activityId: _replyTo, ...reference } = TurnContext.getConversationReference(activity);
  const parsed = conversationReferenceSchema.safeParse(JSON.parse(JSON.stringify(reference)));
  return parsed.success ? (parsed.data as StoredReference) : undefined;
}

/**
 * Where GroupGate can reach people and conversations in Teams, kept in the shared store so every
 * instance can send proactively: each person's personal chat (by Entra object id) and each
 * channel or group chat GroupGate was added to (by conversation or channel id).
 */
export class ConversationReferences {
  constructor(private readonly store: Store) {}

  /** Keeps a person's personal-chat reference; true when GroupGate could not reach them before. */
  async rememberPerson(userId: string, reference: StoredReference): Promise<boolean> {
    return this.keep(personKey(userId), reference);
  }

  /** The personal chat with a person, if they have installed GroupGate. */
  async person(userId: string): Promise<StoredReference | undefined> {
    return this.read(personKey(userId));
  }

  /** Forgets a person's chat (they uninstalled GroupGate or blocked it). */
  async forgetPerson(userId: string): Promise<void> {
    await this.store.delete(personKey(userId));
  }

  /** Keeps a channel's or group chat's reference. */
  async rememberConversation(id: string, reference: StoredReference): Promise<void> {
    await this.keep(conversationKey(id), reference);
  }

  /** A channel or group chat GroupGate was added to. */
  async conversation(id: string): Promise<StoredReference | undefined> {
    return this.read(conversationKey(id));
  }

  /** Forgets a channel or group chat (GroupGate was removed from it). */
  async forgetConversation(id: string): Promise<void> {
    await this.store.delete(conversationKey(id));
  }

  private async keep(key: string, reference: StoredReference): Promise<boolean> {
    // Written only when something changed, so a busy chat does not cost a store write per message.
    return this.store.update<StoredReference, boolean>(key, (current) =>
      current && JSON.stringify(current) === JSON.stringify(reference) ? { result: false } : { next: reference, result: current === undefined },
    );
  }

  private async read(key: string): Promise<StoredReference | undefined> {
    const parsed = conversationReferenceSchema.safeParse(await this.store.get<unknown>(key));
    return parsed.success ? (parsed.data as StoredReference) : undefined;
  }
}
