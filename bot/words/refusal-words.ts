import { groupKind, type DirectoryGroup } from '../../domain/model/directory-group.js';
import type { CancelRefusal, DecisionRefusal, JoinRefusal, LeaveRefusal } from '../../domain/join-requests/join-refusal.js';
import { bold, code, italic, message, type Line, type MessageView } from '../../cards/card-view.js';
import { durationRefusalLine } from './time-bound-words.js';
import { clockTime, since } from './time-words.js';

/** What the words need to know besides the refusal itself. */
export interface RefusalContext {
  readonly group: DirectoryGroup;
  readonly ownerNames: readonly string[];
  readonly now: Date;
  /** For dynamic groups: why this person is not matched by the rule, in plain words. */
  readonly ruleExplanation?: readonly Line[];
}

const managedInExchange = (group: DirectoryGroup): Line => [
  bold(group.displayName),
  groupKind(group) === 'distribution' ? ' is a distribution list' : ' is a mail-enabled security group',
  ' managed in Exchange; ask your IT service desk or use Outlook.',
];

const synced = (group: DirectoryGroup): Line => [
  bold(group.displayName),
  " is managed in your on-premises Active Directory, so it can't be changed here. Ask your IT service desk.",
];

const orNames = (names: readonly string[]) => (names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`);

/** Who to ask about a group its owners manage: its owners by name, or the service desk when it has none. */
const askOwners = (names: readonly string[], to: string): string =>
  names.length === 0 ? 'It has no owners right now; ask your IT service desk.' : `Ask ${orNames(names)} ${to}.`;

/** Why a join request was refused, and what to do instead. */
export function joinRefusalWords(refusal: JoinRefusal, context: RefusalContext): MessageView {
  const { group } = context;
  const name = bold(group.displayName);
  switch (refusal.reason) {
    case 'groupNotFound':
      return message([["I couldn't find that group. Type ", bold('groups'), ' to see the groups you can join.']]);
    case 'closed':
      return message([[name, ` doesn't take join requests: its owners add members themselves. ${askOwners(context.ownerNames, 'to add you')}`]]);
    case 'syncedFromOnPremises':
      return message([synced(group)]);
    case 'mailEnabledOrDistributionList':
      return message([managedInExchange(group)]);
    case 'roleAssignable':
      return message([[name, ' can grant admin roles, so its members are managed by your admins, not by request. Ask your IT service desk.']]);
    case 'dynamicGroup':
      return message([[name, ' fills itself from a rule, so nobody can be added by hand.'], ...(context.ruleExplanation ?? [])]);
    case 'alreadyMember':
      return message([["You're already a member of ", name, '.']]);
    case 'alreadyPending':
      return message([['You already asked to join ', name, ` (${refusal.request.id}, waiting ${since(refusal.request.createdAt, context.now)}).`]]);
    case 'reasonRequired':
      return message([[name, "'s owners ask for a reason. Try: ", code(`join ${group.displayName} because …`)]]);
    case 'tooManyPendingRequests':
      return message([[`You have ${refusal.limit} requests waiting. Cancel one or wait for a decision before asking again.`]], {
        buttons: [{ action: 'run', title: 'My requests', command: 'my requests' }],
      });
    case 'noApprovers':
      return message([[name, " has no owners, and there's no admin who could approve instead. Ask your IT service desk."]]);
    case 'durationTooLong':
    case 'durationTooShort':
      return message(durationRefusalLine(group.displayName, refusal));
  }
}

/** Why someone can't leave a group by themselves. */
export function leaveRefusalWords(refusal: LeaveRefusal, context: RefusalContext): MessageView {
  const name = bold(context.group.displayName);
  switch (refusal.reason) {
    case 'notMember':
      return message([["You're not a member of ", name, ', so there is nothing to leave.']]);
    case 'dynamicGroup':
      return message([[name, ' fills itself from a rule, so you leave it only when the rule stops matching you — for example when your department or country changes.']]);
    case 'syncedFromOnPremises':
      return message([synced(context.group)]);
    case 'mailEnabledOrDistributionList':
      return message([managedInExchange(context.group)]);
    case 'closed':
      return message([[name, ` is managed by its owners. ${askOwners(context.ownerNames, 'to remove you')}`]]);
  }
}

/** Why a click on Approve or Deny did not record a decision. */
export function decisionRefusalWords(refusal: DecisionRefusal, groupName: string, deciderName: string | undefined, now: Date): MessageView {
  switch (refusal.reason) {
    case 'requestNotFound':
      return message([["I can't find that request any more."]]);
    case 'alreadyDecided':
      return message([alreadyDecidedLine(refusal.request.status, deciderName, refusal.request.decidedAt, now)]);
    case 'notAnOwner':
      return refusal.groupHasOwners
        ? message([['Only the owners of ', bold(groupName), ' can decide this request.']], { tone: 'attention' })
        : message([[bold(groupName), ' has no owners, so only Groups or Global Administrators can decide this request.']], { tone: 'attention' });
    case 'selfDecision':
      return message([[`You can't decide ${refusal.askedForThem ? 'a request you asked for someone else' : 'your own request'} — ${refusal.groupHasOwners ? 'another owner' : 'another admin'} will.`]], { tone: 'attention' });
    case 'notAnApproverNow':
      return message([['This request to join ', bold(groupName), ` is waiting at stage ${refusal.stage + 1}, and you're not one of its approvers there.`]], { tone: 'attention' });
    case 'alreadyCounted':
      return message([alreadyCountedLine]);
  }
}

/** A second click by an approver whose approval is counted already. */
export const alreadyCountedLine: Line = ['Your approval is already counted; this stage is waiting for the other approvers.'];

/** Why a cancel did not happen. */
export function cancelRefusalWords(refusal: CancelRefusal, deciderName: string | undefined, now: Date): MessageView {
  switch (refusal.reason) {
    case 'requestNotFound':
      return message([["I can't find that request. Type ", bold('my requests'), ' to see yours.']]);
    case 'notRequester':
      return message([['Only the person who asked can cancel a request.']]);
    case 'alreadyDecided':
      // Only the requester gets this far (anyone else is refused as notRequester): a cancelled request is theirs.
      return message([alreadyDecidedLine(refusal.request.status, deciderName, refusal.request.decidedAt, now, 'requester')]);
  }
}

/** "Already approved by Tomas Berg at 13:58." and its siblings. */
export function alreadyDecidedLine(status: string, byName: string | undefined, at: string | undefined, now: Date, reader: 'requester' | 'approver' = 'approver'): Line {
  const when = at ? ` at ${clockTime(at, now)}` : '';
  switch (status) {
    case 'approved':
      return [`Already approved${byName ? ` by ${byName}` : ''}${when}.`];
    case 'denied':
      return [`Already declined${byName ? ` by ${byName}` : ''}${when}.`];
    case 'cancelled':
      return [`${reader === 'requester' ? 'You' : 'The requester'} cancelled this request${when}.`];
    case 'expired':
      return [`This request expired${when} without an answer.`];
    default:
      return [italic('This request is still waiting.')];
  }
}
