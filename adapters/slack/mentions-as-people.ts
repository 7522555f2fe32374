import { maxMessageLength } from '../../bot/handle-message.js';
import type { SlackIdentity } from './slack-identity.js';

const mention = /<@([UW][A-Z0-9]{2,20})(?:\|[^<>]*)?>/g;

/** No command names more than a few people; each one may cost a users.info call, so the rest stay as typed. */
const maxMentions = 10;

/**
 * Turns the people someone @mentioned ("add <@U0ROWAN> to Atlas") into what bot/ resolves without
 * doubt: the directory user's user principal name, through the same Slack identity mapping that
 * decides who is typing. GroupGate's own mention, and anyone the mapping refuses, are left for
 * `commandTextFromSlack` (dropped, or shown as @name).
 */
export async function mentionsAsPeople(text: string, identity: SlackIdentity, botUserId: string): Promise<string> {
  // A message GroupGate won't read (handleMessage says so) is not worth any lookup.
  if (text.length > maxMessageLength) return text;
  const slackIds = [...new Set([...text.matchAll(mention)].map((m) => m[1]!))].filter((id) => id !== botUserId).slice(0, maxMentions);
  let result = text;
  for (const slackId of slackIds) {
    const person = await identity.directoryUserFor(slackId);
    if (person.ok) result = result.replace(new RegExp(`<@${slackId}(?:\\|[^<>]*)?>`, 'g'), person.value.userPrincipalName);
  }
  return result;
}
