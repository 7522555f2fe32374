import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import type { CreationRefusal, GroupKindRefusal, GroupSettingsRefusal, MemberChangeRefusal, OwnerChangeRefusal, PendingChangeRefusal } from '../../domain/group-management/owner-tool-refusal.js';
import { bold, code, message, type MessageView } from '../../cards/card-view.js';
import { joinRefusalWords } from './refusal-words.js';
import { clockTime } from './time-words.js';

const kindWords = { security: 'security groups', microsoft365: 'Microsoft 365 groups' } as const;
const onlyOwners = (group: DirectoryGroup, what: string) => message([['Only the owners of ', bold(group.displayName), ` or an admin can ${what}.`]], { tone: 'attention' });

/** Why a group was not created, and what to do instead. */
export function creationRefusalWords(refusal: CreationRefusal, context: { readonly allowedGroupName?: string; readonly typedName: string }): MessageView {
  switch (refusal.reason) {
    case 'selfServiceOff':
      return message([["Your admins have turned off creating groups in GroupGate. Ask your IT service desk for a new group."]]);
    case 'directoryForbids':
      return message([
        ['Only admins', ...(context.allowedGroupName ? [' and members of ', bold(context.allowedGroupName)] : []), ` can create ${kindWords[refusal.kind]} in your organisation. Ask your IT service desk.`],
        ...(refusal.kind === 'microsoft365' ? [] : [['You could create a ', bold('microsoft365'), ' group instead, if your organisation allows those.']]),
      ]);
    case 'duplicateName':
      return message([["There's already a group called ", bold(refusal.name), '. Pick another name, or type ', code(`join ${refusal.name}`), ' to ask to join it.']]);
    case 'blockedWord':
      return message([[`Group names can't contain "${refusal.word}" here (your organisation's naming policy). Pick another name.`]]);
    case 'emptyName':
      return message([['Give the group a name: ', code('create group Hiking Club'), '.']]);
    case 'nameTooLong':
      return message([[`That name is too long: with your organisation's prefix and suffix it must fit in ${refusal.limit} characters.`]]);
    case 'descriptionTooLong':
      return message([[`Please keep the description under ${refusal.limit.toLocaleString('en-US')} characters.`]]);
  }
}

/** The words for a group whose kind keeps its members (or owners) from being changed here. */
function kindRefusalWords(refusal: GroupKindRefusal, group: DirectoryGroup, change: 'add' | 'remove' | 'settings'): MessageView {
  if (refusal.reason === 'dynamicGroup' && change !== 'add') {
    const tail = change === 'remove' ? 'nobody can be removed by hand: members leave when the rule stops matching them.' : "join requests don't apply to it.";
    return message([[bold(group.displayName), ` fills itself from a rule, so ${tail}`]]);
  }
  return joinRefusalWords(refusal, { group, ownerNames: [], now: new Date(0) });
}

/** Why an owner's add or remove of a member did not happen. */
export function memberChangeRefusalWords(refusal: MemberChangeRefusal, group: DirectoryGroup, person: DirectoryUser, change: 'add' | 'remove'): MessageView {
  switch (refusal.reason) {
    case 'dynamicGroup':
    case 'syncedFromOnPremises':
    case 'mailEnabledOrDistributionList':
      return kindRefusalWords(refusal, group, change);
    case 'notAnOwner':
      return onlyOwners(group, change === 'add' ? 'add members' : 'remove members');
    case 'alreadyMember':
      return message([[`${person.displayName} is already a member of `, bold(group.displayName), '.']]);
    case 'notMember':
      return message([[`${person.displayName} isn't a member of `, bold(group.displayName), ', so there is nobody to remove.']]);
  }
}

/** Why an owner was not added or removed. */
export function ownerChangeRefusalWords(refusal: OwnerChangeRefusal, group: DirectoryGroup, person: DirectoryUser): MessageView {
  switch (refusal.reason) {
    case 'syncedFromOnPremises':
    case 'mailEnabledOrDistributionList':
      return kindRefusalWords(refusal, group, 'add');
    case 'notAnOwner':
      return onlyOwners(group, 'change its owners');
    case 'alreadyOwner':
      return message([[`${person.displayName} already owns `, bold(group.displayName), '.']]);
    case 'notOwner':
      return message([[`${person.displayName} isn't an owner of `, bold(group.displayName), '.']]);
    case 'lastOwner':
      return message([[`${person.displayName} is the last owner of `, bold(group.displayName), '. Add another owner first — only an admin can leave a group without owners.']], { tone: 'attention' });
    case 'ownerLimit':
      return message([[bold(group.displayName), ` already has ${refusal.limit} owners, the most a group can have. Remove one first.`]], { tone: 'attention' });
  }
}

/** Why someone may not change a group's join settings. */
export function settingsRefusalWords(refusal: GroupSettingsRefusal, group: DirectoryGroup): MessageView {
  return refusal.reason === 'notAnOwner' ? onlyOwners(group, 'change its settings') : kindRefusalWords(refusal, group, 'settings');
}

/** Why a Confirm or Cancel click did nothing. */
export function pendingChangeRefusalWords(
  refusal: PendingChangeRefusal,
  context: { readonly group?: DirectoryGroup; readonly person?: DirectoryUser; readonly change?: 'add' | 'remove'; readonly now: Date },
): MessageView {
  switch (refusal.reason) {
    case 'changeNotFound':
      return message([["I can't find that change any more (it may be more than a day old, or the group is gone). Type the command again."]]);
    case 'notRequester':
      return message([['Only the owner who asked for this change can confirm or cancel it.']], { tone: 'attention' });
    case 'alreadyDecided': {
      const { status, decidedAt } = refusal.change;
      const when = decidedAt ? ` at ${clockTime(decidedAt, context.now)}` : '';
      const what = status === 'confirmed' ? 'confirmed' : status === 'cancelled' ? 'cancelled' : status === 'expired' ? 'expired' : 'closed';
      return message([[`This change was already ${what}${when}.`]]);
    }
    case 'expired':
      return message([['This confirmation has expired — licenses may have moved since. Type the command again to see the impact now.']]);
    case 'noLongerAllowed':
      return context.group && context.person
        ? memberChangeRefusalWords(refusal.refusal, context.group, context.person, context.change ?? 'add')
        : message([["That change isn't possible any more."]]);
  }
}
