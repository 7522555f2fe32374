import type { SlackIdentity } from './slack-identity.js';

const mention = /<@([UW][A-Z0-9]{2,20})(?:\|[^<>]*)?>/g;

/**
 * Turns the people someone @mentioned ("add <@U0ROWAN> to Atlas") into what bot/ resolves without
 * doubt: the directory user's user principal name, through the same Slack identity mapping that
 * decides who is typing. GroupGate's own mention, and anyone the mapping refuses, are left for
 * `commandTextFromSlack` (dropped, or shown as @name).
 */
export async function mentionsAsPeople(text: string, identity: SlackIdentity, botUserId: string): Promise<string> {
  const slackIds = [...new Set([...text.matchAll(mention)].map((m) => m[1]!))].filter((id) => id !== botUserId);
  let result = text;
  for (const slackId of slackIds) {
    const person = await identity.directoryUserFor(slackId);
    if (person.ok) result = result.replace(new RegExp(`<@${slackId}(?:\\|[^<>]*)?>`, 'g'), person.value.userPrincipalName);
  }
  return result;
}
