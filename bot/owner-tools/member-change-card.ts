import type { PendingMemberChange } from '../../domain/group-management/pending-member-change.js';
import { isGuest } from '../../domain/model/directory-user.js';
import { bold, message, type Line, type MessageView } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { licenseImpactLine } from '../views/license-impact-line.js';
import { nameBook } from '../views/name-book.js';
import { ruleLicenseLine } from '../views/rule-license-line.js';
import { andList } from '../words/names.js';
import { clockTime } from '../words/time-words.js';

/**
 * The card for an owner's add or remove of a member in a group that assigns licenses: while it
 * waits, what it does to licenses (read fresh) with Confirm and Cancel; afterwards, what happened.
 */
export async function memberChangeCard(gate: GroupGate, change: PendingMemberChange, notice?: Line): Promise<MessageView> {
  const [group, person, asker] = await Promise.all([gate.directory.getGroup(change.groupId), gate.directory.getUser(change.userId), gate.directory.getUser(change.requestedBy)]);
  const groupName = group?.displayName ?? 'a group that no longer exists';
  const personName = person?.displayName ?? 'someone no longer in the directory';
  const add = change.change === 'add';
  const top: Line[] = notice ? [notice] : [];
  const when = change.decidedAt ? clockTime(change.decidedAt, gate.clock.now()) : '';
  switch (change.status) {
    case 'pending': {
      const impact = await impactLines(gate, change, personName, person ? isGuest(person) : false);
      return message([...top, [bold(groupName), ' assigns licenses to its members.'], ...impact.lines, ['Nothing changes until you confirm.']], {
        title: add ? `Add ${personName} to ${groupName}?` : `Remove ${personName} from ${groupName}?`,
        tone: impact.tone,
        buttons: [
          { action: 'confirmChange', title: add ? 'Confirm add' : 'Confirm removal', changeId: change.id, style: 'primary' },
          { action: 'cancelChange', title: 'Cancel', changeId: change.id },
        ],
      });
    }
    case 'confirmed': {
      const already = change.outcome === 'unchanged' ? [[add ? `${personName} was already a member.` : `${personName} had already left.`]] : [];
      return message([...top, [`✅ Confirmed by ${asker?.displayName ?? 'the owner'} · ${when}`], ...already], { title: add ? `Added ${personName} to ${groupName}` : `Removed ${personName} from ${groupName}`, tone: 'good' });
    }
    case 'cancelled':
      return message([...top, [`Cancelled by ${asker?.displayName ?? 'the owner'} · ${when} — nothing changed.`]], { title: add ? `Add ${personName} to ${groupName}` : `Remove ${personName} from ${groupName}` });
    case 'refused':
    case 'expired':
      return message([...top, [change.status === 'expired' ? `Expired · ${when} — nothing changed.` : `Not made · ${when} — nothing changed.`]], { title: add ? `Add ${personName} to ${groupName}` : `Remove ${personName} from ${groupName}` });
  }
}

/** The license lines of a waiting change: what adding assigns, or what removing frees (and for whom). */
async function impactLines(gate: GroupGate, change: PendingMemberChange, personName: string, guest: boolean): Promise<{ lines: Line[]; tone: MessageView['tone'] }> {
  const membership = [{ groupId: change.groupId, userId: change.userId }];
  const [view, impact] = await Promise.all([gate.licensing.view(), gate.licensing.impact(change.change === 'add' ? { adds: membership, removes: [] } : { adds: [], removes: membership })]);
  const names = nameBook(view.snapshot);
  if (change.change === 'add') {
    const line = licenseImpactLine(impact, { name: personName, guest }, names.sku, 'adding');
    return line ? { lines: [[`License: ${line.text}`]], tone: line.tone } : { lines: [], tone: 'default' };
  }
  const line = ruleLicenseLine(impact, names.group(change.groupId));
  const freedFor = impact.licensedFromQueue.map(names.user);
  const queue = freedFor.length > 0 ? [[`The freed seat goes to ${andList(freedFor)}, who ${freedFor.length === 1 ? 'is' : 'are'} waiting for one.`]] : [];
  return { lines: [...(line ? [[`License: ${line.text}`]] : []), ...queue], tone: line?.tone ?? 'default' };
}
