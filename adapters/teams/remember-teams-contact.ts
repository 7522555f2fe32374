import type { Activity } from 'botbuilder';
import type { GroupGate } from '../../bot/group-gate.js';
import { deliverWaitingApprovals } from '../../bot/notify/deliver-waiting-approvals.js';
import type { UserId } from '../../domain/model/ids.js';
import { referenceFor, type ConversationReferences } from './conversation-references.js';
import { readTeamsActivity } from './teams-activity.js';

/** True when the activity says GroupGate was uninstalled from, or removed from, this conversation. */
function leftConversation(activity: Partial<Activity>): boolean {
  if (activity.type === 'installationUpdate') return (activity.action ?? '').startsWith('remove');
  const botId = activity.recipient?.id;
  return activity.type === 'conversationUpdate' && botId !== undefined && (activity.membersRemoved ?? []).some((m) => m.id === botId);
}

/**
 * Keeps (or forgets) where GroupGate can reach this person or conversation later, from any
 * activity: an install, a message, a click. The first time a person becomes reachable, the
 * approval cards they missed are sent to them in the background.
 */
export async function rememberTeamsContact(gate: GroupGate, references: ConversationReferences, activity: Partial<Activity>): Promise<void> {
  const read = readTeamsActivity(activity);
  const reference = referenceFor(activity);
  if (!read.ok || !reference) return;
  const { aadObjectId, conversation } = read.value;
  const left = leftConversation(activity);
  if (conversation.kind !== 'personal') {
    if (left) return references.forgetConversation(conversation.id);
    // Keyed and stored by the channel itself, without the thread or the speaker, so it stays the same
    // from message to message (and costs no store write each time).
    const { user: _speaker, ...shared } = reference;
    return references.rememberConversation(conversation.id, { ...shared, conversation: { ...shared.conversation, id: conversation.id } });
  }
  if (!aadObjectId) return;
  if (left) {
    await references.forgetPerson(aadObjectId);
    return;
  }
  if (!(await references.rememberPerson(aadObjectId, reference))) return;
  const person = await gate.directory.getUser(aadObjectId as UserId);
  if (person) gate.background.run('deliver waiting approvals in Teams', () => deliverWaitingApprovals(gate, person, 'teams'));
}
