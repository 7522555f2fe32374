import { licenseImpact } from '../../domain/licensing/license-impact.js';
import { previewRuleSteps, type MembershipChanges, type MembershipRule } from '../../domain/membership-rules/index.js';
import { assignsLicenses, type DirectoryGroup } from '../../domain/model/directory-group.js';
import { groupId, userId } from '../../domain/model/ids.js';
import type { Line, RulePreviewView } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { nameBook } from '../views/name-book.js';
import { ruleLicenseLine } from '../views/rule-license-line.js';
import { rulePreviewView } from '../views/rule-preview-view.js';
import { isPaused } from './dynamic-rules.js';
import { runInSlices } from './run-in-slices.js';

// The first names of each change; the card says how many more.
const sampleSize = 10;

/**
 * Previews a rule over the whole directory for chat, on the cached snapshot: matches, and for a
 * group the change against its members now, with the license impact when the group assigns licenses.
 * The evaluation stops at the preview time budget (PREVIEW_TIME_BUDGET) and the card says how far
 * it got; the license impact, which needs every user, is then left out. Evaluation runs in slices
 * that give the event loop a turn every few milliseconds, so clicks and /healthz never wait on it.
 */
export async function previewInChat(gate: GroupGate, title: string, rule: MembershipRule, group?: DirectoryGroup, notes: readonly Line[] = []): Promise<RulePreviewView> {
  const snapshot = await gate.membershipRules.subjects.snapshot(rule, { ids: group !== undefined });
  const now = gate.clock.now();
  const members = group ? await gate.directory.listMembers(group.id) : undefined;
  // A group that assigns licenses needs every change for its forecast: the same pass lists them, within the same budget.
  const changes = group !== undefined && assignsLicenses(group);
  const preview = await runInSlices((measure) => previewRuleSteps(rule, snapshot, members, { sample: sampleSize, now, measure, changes }), { budgetMs: gate.limits.previewBudgetMs });
  const license = group && preview.changes ? await licenseLine(gate, group, preview.changes) : undefined;
  return rulePreviewView({
    title, rule, preview, notes: [...(group ? processingNotes(gate, group) : []), ...notes],
    ...(group ? { groupName: group.displayName } : {}),
    ...(license ? { license } : {}),
  });
}

/** How the group's rule is processed, when that changes what a preview means. */
export function processingNotes(gate: GroupGate, group: DirectoryGroup): Line[] {
  if (isPaused(group)) return [[`Rule processing is paused for ${group.displayName}: its members won't change until it's resumed in Entra.`]];
  if (!gate.membershipRules.processesHere) return [['Entra ID processes this group: members change as Entra catches up, usually within minutes.']];
  return [];
}

/** The forecast for the group's licenses, naming the guests it would add (group-based licensing should not license them). */
async function licenseLine(gate: GroupGate, group: DirectoryGroup, changes: MembershipChanges) {
  if (changes.add.length + changes.remove.length === 0) return undefined;
  const membership = (id: string) => ({ groupId: groupId(group.id), userId: userId(id) });
  const view = await gate.licensing.view();
  const impact = licenseImpact(view, { adds: changes.add.map(membership), removes: changes.remove.map(membership) }, gate.clock.now(), gate.licensing.rules);
  const names = nameBook(view.snapshot);
  const guests = changes.add.map(userId).filter((id) => names.isGuest(id)).map((id) => names.user(id));
  return ruleLicenseLine(impact, group.displayName, guests.sort((a, b) => a.localeCompare(b)));
}
