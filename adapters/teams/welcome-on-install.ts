import type { Activity, TurnContext } from 'botbuilder';
import type { GroupGate } from '../../bot/group-gate.js';
import { readTeamsActivity } from './teams-activity.js';
import { cardActivity } from './teams-chat-channel.js';
import { teamsWords } from './teams-words.js';

/** Marks that a person was welcomed, so a second install event (or a playground restart) stays quiet. */
const welcomedKey = (who: string) => `teams:welcomed:${who}`;

/** True for the conversationUpdate Teams sends when GroupGate is added to a person's personal chat. */
function botJoinedPersonalChat(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  const personal = (activity.conversation?.conversationType ?? 'personal') === 'personal';
  return activity.type === 'conversationUpdate' && personal && botId !== undefined && (activity.membersAdded ?? []).some((m) => m.id === botId);
}

/**
 * Says hello, once per person, when they install GroupGate in personal scope: what it does and
 * that `help` lists the rest. The mark is create-only, so two instances (or two install events)
 * never both send it.
 */
export async function welcomeOnInstall(gate: GroupGate, context: TurnContext): Promise<void> {
  if (!botJoinedPersonalChat(context.activity)) return;
  const read = readTeamsActivity(context.activity);
  if (!read.ok) return;
  const who = read.value.aadObjectId ?? read.value.conversation.id;
  const [created] = await gate.store.write([{ create: welcomedKey(who), value: { at: gate.clock.now().toISOString() } }]);
  if (created !== 1) return;
  await context.sendActivity(cardActivity(teamsWords.welcome));
}
