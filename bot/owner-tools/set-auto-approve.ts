import { parseMembershipRule, previewRuleSteps, type MembershipRule } from '../../domain/membership-rules/index.js';
import { mayAutoApprove, type GroupSettings } from '../../domain/join-requests/join-policy.js';
import { readGroupSettings, writeGroupSettings } from '../../domain/join-requests/join-request-records.js';
import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import type { GroupId, UserId } from '../../domain/model/ids.js';
import { bold, code, message, type Line, type Reply } from '../../cards/card-view.js';
import { auditTurn } from '../audit/audit-turn.js';
import type { GroupGate } from '../group-gate.js';
import { overRateLimit } from '../limits/over-rate-limit.js';
import { runInSlices } from '../membership-rules/run-in-slices.js';
import type { Turn } from '../turn.js';
import { ruleErrorView } from '../views/rule-error-view.js';

/** What `policy <group> auto-approve …` (or `approval unless …`) asks for; `save` and `cancel` are the preview's buttons. */
export type AutoApproveChange =
  | { readonly what: 'rule'; readonly text: string }
  | { readonly what: 'off' }
  | { readonly what: 'save' | 'cancel'; readonly draftId: string };

/** A previewed auto-approve rule waiting for its Save or Cancel. */
interface AutoApproveDraft {
  readonly id: string;
  readonly groupId: GroupId;
  readonly rule: string;
  /** The group's rule when previewed: Save refuses when someone changed it since. */
  readonly was: string | null;
  readonly by: UserId;
  readonly status: 'pending' | 'saved' | 'cancelled';
}

const draftKey = (id: string) => `auto-approve-draft:${id}`;
// A preview's counts go stale: a Save a day later would save what nobody looked at lately.
const draftTtlMs = 86_400_000;
const draftId = /^A-[0-9A-Z]{4,8}$/;
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const count = (n: number) => n.toLocaleString('en-US');
const people = (n: number) => `${count(n)} ${n === 1 ? 'person' : 'people'}`;

/**
 * `policy <group> approval unless <rule>`, `policy <group> auto-approve [if] <rule>`, `… auto-approve off`,
 * and the buttons' `… auto-approve save A-7F3K` / `cancel A-7F3K`. The keyword is found first from
 * the left, so a rule holding the word "stages" or "approval" is never read as another setting.
 */
export function parseAutoApproveChange(text: string): { readonly group: string; readonly autoApprove: AutoApproveChange } | undefined {
  const match = /^(?:set\s+)?policy\s+(?:(?:for|of)\s+)?(.+?)\s+(?:approval\s+unless\b|auto[\s-]?approv(?:e|al)\b(?:\s+(?:if|when|unless)\b)?\s*:?)\s*(.*)$/is.exec(text);
  if (!match) return undefined;
  const [group, tail] = [match[1]!, match[2]!.trim()];
  if (/^(?:off|none|never|stop)$/i.test(tail)) return { group, autoApprove: { what: 'off' } };
  const button = /^(save|cancel)\s+(A-\w+)$/i.exec(tail);
  if (button) return { group, autoApprove: { what: button[1]!.toLowerCase() as 'save' | 'cancel', draftId: button[2]!.toUpperCase() } };
  return { group, autoApprove: { what: 'rule', text: tail } };
}

/** What a pick-list button adds back after the group's exact name. */
export const autoApproveRetryTail = (change: AutoApproveChange) =>
  change.what === 'rule' ? ` auto-approve if ${change.text}` : change.what === 'off' ? ' auto-approve off' : ` auto-approve ${change.what} ${change.draftId}`;

const examples = (group: string): Line => ['For example: ', code(`policy ${group} approval unless user.department -eq "Research"`), ', or ', code(`policy ${group} auto-approve off`), '.'];

/** Sets, previews or turns off a group's auto-approve rule; the caller checked the group's kind and the clicker's rights. */
export async function setAutoApprove(gate: GroupGate, turn: Turn, group: DirectoryGroup, change: AutoApproveChange): Promise<Reply> {
  if (!mayAutoApprove(group)) {
    return [message([[bold(group.displayName), ' can be assigned to directory roles, so GroupGate never adds anyone to it by a rule: its requests always need a person to decide.']], { tone: 'attention' })];
  }
  const current = await readGroupSettings(gate.store, group);
  switch (change.what) {
    case 'off':
      return turnOff(gate, turn, group, current);
    case 'rule':
      return previewRule(gate, turn, group, current, change.text);
    case 'save':
    case 'cancel':
      return decideDraft(gate, turn, group, current, change.what, change.draftId);
  }
}

async function turnOff(gate: GroupGate, turn: Turn, group: DirectoryGroup, current: GroupSettings): Promise<Reply> {
  if (!current.autoApproveRule) return [message([[bold(group.displayName), ' has no auto-approve rule: every request goes to its approvers.']])];
  await writeGroupSettings(gate.store, group.id, { autoApproveRule: undefined });
  await auditTurn(gate, turn, { action: 'settings.changed', groupId: group.id, groupName: group.displayName, details: { setting: 'autoApproveRule', value: 'off', was: current.autoApproveRule } });
  return [message([['Auto-approve is off for ', bold(group.displayName), ': every request goes to its approvers again.']], { tone: 'good' })];
}

/** Parses the rule, counts whom it would let in over the resident snapshot (in slices, within the preview budget), and asks to save. */
async function previewRule(gate: GroupGate, turn: Turn, group: DirectoryGroup, current: GroupSettings, text: string): Promise<Reply> {
  if (!text) return [message([['Type the rule a requester must match to join ', bold(group.displayName), ' at once.'], examples(group.displayName)])];
  const parsed = parseMembershipRule(text);
  if (!parsed.rule) return [ruleErrorView(text, parsed.errors)];
  if (parsed.rule.objectType === 'device') return [message([["That's a device rule; people ask to join, so auto-approve takes a user rule."], examples(group.displayName)], { tone: 'attention' })];
  if (current.joinPolicy !== 'approval') {
    return [message([[bold(group.displayName), ` is ${current.joinPolicy}, so nobody waits for an approval there. Auto-approve applies to a group whose policy is approval: `, code(`policy ${group.displayName} approval`), ' first.']], { tone: 'attention' })];
  }
  if (text === current.autoApproveRule) return [message([["That's already ", bold(group.displayName), "'s auto-approve rule."]])];
  const limited = await overRateLimit(gate, 'preview', turn.actor.id);
  if (limited) return [limited];
  const counts = await countAutoApproved(gate, group, parsed.rule);
  const draft = await storeDraft(gate, { groupId: group.id, rule: text, was: current.autoApproveRule ?? null, by: turn.actor.id, status: 'pending' });
  const name = group.displayName;
  const tally = counts.checkedOf
    ? `Of the first ${count(counts.checkedOf.checked)} of ${count(counts.checkedOf.total)} users I had time to check (the preview's time limit), ${people(counts.autoApproved)} would be auto-approved.`
    : `Of ${people(counts.couldAsk)} who could ask, ${count(counts.autoApproved)} would be auto-approved.`;
  return [message(
    [
      [tally],
      ['They would join ', bold(name), ' at once, without an approval; everyone else still goes to its approvers.'],
      ...(counts.undetermined > 0 ? [[`${people(counts.undetermined)} in the directory ${counts.undetermined === 1 ? 'lacks' : 'lack'} a value the rule reads, so it never matches them.`]] : []),
      ...parsed.rule.warnings.slice(0, 2).map((w): Line => [`Note: ${w.message}.`]),
      ...(current.autoApproveRule ? [['This replaces its rule ', code(current.autoApproveRule), '.']] : []),
      ['Nothing changes until you save.'],
    ],
    {
      title: `Auto-approve for ${name}?`,
      preformatted: text,
      buttons: [
        { action: 'run', title: 'Save', command: `policy ${name} auto-approve save ${draft.id}`, style: 'primary' },
        { action: 'run', title: 'Cancel', command: `policy ${name} auto-approve cancel ${draft.id}` },
      ],
    },
  )];
}

/** What a preview found: who could ask (users in the directory who are not members) and how many of them the rule matches. */
export interface AutoApproveCounts {
  readonly couldAsk: number;
  readonly autoApproved: number;
  /** Users (members or not) the rule can't decide for: a value it reads is missing. */
  readonly undetermined: number;
  /** Set when the preview's time budget ran out first. */
  readonly checkedOf?: { readonly checked: number; readonly total: number };
}

/**
 * The counts of an auto-approve preview, on the previews' machinery: the resident snapshot (columns the
 * rule reads built in slices) and the rule run in slices within the preview budget, so 100,000 users
 * never hold the event loop. A match who is already a member would not ask, so only non-members count.
 */
export async function countAutoApproved(gate: GroupGate, group: DirectoryGroup, rule: MembershipRule): Promise<AutoApproveCounts> {
  const [snapshot, members] = await Promise.all([gate.membershipRules.subjects.snapshot(rule, { ids: true }), gate.directory.listMembers(group.id)]);
  const now = gate.clock.now();
  const preview = await runInSlices((measure) => previewRuleSteps(rule, snapshot, members, { sample: 0, now, measure }), { budgetMs: gate.limits.previewBudgetMs });
  const membersInDirectory = new Set(members).size - preview.notInDirectory;
  return {
    couldAsk: preview.total - membersInDirectory,
    autoApproved: preview.wouldAdd.count,
    undetermined: preview.undetermined.count,
    ...(preview.cutShort ? { checkedOf: { checked: preview.cutShort.checked, total: preview.total } } : {}),
  };
}

async function storeDraft(gate: GroupGate, draft: Omit<AutoApproveDraft, 'id'>): Promise<AutoApproveDraft> {
  for (let length = 4; ; length++) {
    const id = `A-${Array.from({ length }, () => alphabet[Math.floor(gate.requests.random() * alphabet.length)]).join('')}`;
    const stored = await gate.store.update<AutoApproveDraft, boolean>(draftKey(id), (current) => (current ? { result: false } : { next: { id, ...draft }, result: true }), { ttlMs: draftTtlMs });
    if (stored) return { id, ...draft };
  }
}

/**
 * Save or Cancel on a preview. The button carries only the draft's id: the rule saved is the one
 * stored with it, for this group; the clicker's rights were checked again by the caller; the first
 * click moves the draft on (atomically), so a second click or another instance's saves nothing twice.
 */
async function decideDraft(gate: GroupGate, turn: Turn, group: DirectoryGroup, current: GroupSettings, verdict: 'save' | 'cancel', id: string): Promise<Reply> {
  const gone = [message([["That auto-approve preview has expired or isn't one of mine. Type ", code(`policy ${group.displayName} approval unless <rule>`), ' to preview a rule again.']], { tone: 'attention' })];
  if (!draftId.test(id)) return gone;
  const outcome = await gate.store.update<AutoApproveDraft, { readonly moved: boolean; readonly draft?: AutoApproveDraft; readonly stale?: true }>(draftKey(id), (draft) => {
    if (!draft || draft.groupId !== group.id) return { result: { moved: false } };
    if (draft.status !== 'pending') return { result: { moved: false, draft } };
    if (verdict === 'save' && (current.autoApproveRule ?? null) !== draft.was) return { next: { ...draft, status: 'cancelled' }, result: { moved: false, draft, stale: true } };
    return { next: { ...draft, status: verdict === 'save' ? 'saved' : 'cancelled' }, result: { moved: true, draft } };
  }, { ttlMs: draftTtlMs });
  const { draft } = outcome;
  if (!draft) return gone;
  if (outcome.stale) return [message([["Someone changed ", bold(group.displayName), "'s auto-approve rule after this preview, so I didn't save it. Preview it again to see the counts as they are now."]], { tone: 'attention' })];
  if (!outcome.moved) return [message([['That preview was already ', draft.status === 'saved' ? 'saved' : 'cancelled', '.']])];
  if (verdict === 'cancel') return [message([['Cancelled — ', bold(group.displayName), "'s auto-approve is as it was."]])];
  // The group may have changed in between: a policy no longer of approval is refused as at the preview.
  if (current.joinPolicy !== 'approval') return [message([[bold(group.displayName), ` is ${current.joinPolicy} now, so I didn't save the rule.`]], { tone: 'attention' })];
  await writeGroupSettings(gate.store, group.id, { autoApproveRule: draft.rule });
  await auditTurn(gate, turn, { action: 'settings.changed', groupId: group.id, groupName: group.displayName, details: { setting: 'autoApproveRule', value: draft.rule, was: draft.was ?? 'off' } });
  return [message([['Saved — whoever matches ', code(draft.rule), ' now joins ', bold(group.displayName), ' at once; everyone else still asks its approvers.'], ['Turn it off with ', code(`policy ${group.displayName} auto-approve off`), '.']], { tone: 'good' })];
}

/** For `policy <group>`: its auto-approve rule, or that it has none, and how to change it. */
export function autoApproveLine(group: DirectoryGroup, settings: GroupSettings): Line[] {
  const name = group.displayName;
  if (!mayAutoApprove(group)) return [];
  if (!settings.autoApproveRule) return [['Nobody is auto-approved (', code(`policy ${name} approval unless user.department -eq "Research"`), ').']];
  const inert = settings.joinPolicy === 'approval' ? '' : ` It applies only while the policy is approval.`;
  return [['Requesters matching ', code(settings.autoApproveRule), ` join at once, auto-approved.${inert} (`, code(`policy ${name} auto-approve off`), ')']];
}
