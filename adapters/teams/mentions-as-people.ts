import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { maxMessageLength } from '../../bot/handle-message.js';
import { userId } from '../../domain/model/ids.js';
import type { Directory } from '../../domain/ports/directory.js';

/** A mention entity as Teams sends it; `mentioned.aadObjectId` (or an `8:orgid:<guid>` id) names the person in Entra. */
const mentionSchema = z.object({
  type: z.literal('mention'),
  text: z.string().max(300).optional(),
  mentioned: z.object({ id: z.string().max(200), name: z.string().max(300).optional(), aadObjectId: z.string().max(100).optional() }),
});

const orgId = /^8:orgid:([0-9a-f-]{36})$/i;

/** No command names more than a few people; the rest of the mentions stay as the names shown. */
const maxMentions = 10;

/**
 * Turns the people an owner @mentioned ("add <at>Rowan Pike</at> to Atlas") into what bot/ resolves
 * without doubt: the mentioned person's user principal name, found by their Entra object id. A
 * mention the directory doesn't know stays as the name shown. GroupGate's own mention is gone already.
 */
export async function mentionsAsPeople(activity: Partial<Activity>, text: string, directory: Directory): Promise<string> {
  // A message GroupGate won't read (handleMessage says so) is not worth any lookup.
  if (text.length > maxMessageLength) return text;
  let result = text;
  const entities: unknown[] = Array.isArray(activity.entities) ? activity.entities : [];
  const mentions = entities.flatMap((entity) => {
    const mention = mentionSchema.safeParse(entity);
    return mention.success && mention.data.mentioned.id !== activity.recipient?.id ? [mention.data] : [];
  });
  for (const { text: marked, mentioned } of mentions.slice(0, maxMentions)) {
    const name = mentioned.name ?? marked?.replace(/<\/?at>/g, '') ?? '';
    const objectId = mentioned.aadObjectId ?? orgId.exec(mentioned.id)?.[1];
    const person = objectId ? await directory.getUser(userId(objectId)) : undefined;
    const tag = marked ?? `<at>${name}</at>`;
    if (result.includes(tag)) result = result.replace(tag, person?.userPrincipalName ?? name);
  }
  return result.replace(/<at>(.*?)<\/at>/g, '$1');
}
