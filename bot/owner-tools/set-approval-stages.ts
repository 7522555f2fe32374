import type { ApprovalEscalation, ApprovalStage } from '../../domain/join-requests/approval-stage.js';
import { readGroupSettings, writeGroupSettings } from '../../domain/join-requests/join-request-records.js';
import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import type { UserId } from '../../domain/model/ids.js';
import { bold, code, message, type Reply } from '../../cards/card-view.js';
import { auditTurn } from '../audit/audit-turn.js';
import type { GroupGate } from '../group-gate.js';
import { resolvePerson } from '../resolve-person.js';
import type { Turn } from '../turn.js';
import { pointAtRuleError } from '../views/rule-error-view.js';
import { approvalStagesWords } from '../words/approval-policy-words.js';
import { parseApprovalStages } from './parse-approval-stages.js';

/** What `policy <group> stages …` or `policy <group> quorum …` asks for. */
export type ApprovalPolicyChange =
  | { readonly what: 'stages'; readonly text: string }
  | { readonly what: 'escalate'; readonly text: string }
  | { readonly what: 'quorum'; readonly typed: string; readonly stage?: string };

/** How the syntax reads, for every mistake's answer. */
const examples = (group: string) => [
  ['For example: ', code(`policy ${group} stages: manager, owners`), ', ', code(`policy ${group} stages: 2 of Ines Duarte and Tomas Berg and Ada Ito`), ' or ', code(`policy ${group} stages off`), '.'],
  ['A stage is ', bold('owners'), ', ', bold('manager'), ', ', bold('admins'), ' or people joined by "and"; stages are split by commas (at most 3). ', code(`policy ${group} quorum 2`), ' asks 2 approvals of the first stage.'],
];

/** Sets a group's approval stages or a stage's quorum; the caller checked the group and the clicker's rights. */
export async function setApprovalPolicy(gate: GroupGate, turn: Turn, group: DirectoryGroup, change: ApprovalPolicyChange): Promise<Reply> {
  if (change.what === 'escalate') return setEscalation(gate, turn, group, change.text);
  const current = await readGroupSettings(gate.store, group);
  const next = change.what === 'stages' ? await typedStages(gate, turn, group, change.text) : quorumChanged(group, current.approvalStages, change);
  if ('reply' in next) return next.reply;
  await writeGroupSettings(gate.store, group.id, { approvalStages: next.stages.length > 0 ? next.stages : undefined });
  const summary = approvalStagesWords(next.stages, await namesInStages(gate, next.stages));
  await auditTurn(gate, turn, { action: 'settings.changed', groupId: group.id, groupName: group.displayName, details: { setting: 'approvalStages', value: summary, was: approvalStagesWords(current.approvalStages ?? [], await namesInStages(gate, current.approvalStages ?? [])) } });
  return [message([['Requests to join ', bold(group.displayName), ` now go to ${summary}.`], ['Requests already waiting keep the stages they were asked with.']], { tone: 'good' })];
}

async function typedStages(gate: GroupGate, turn: Turn, group: DirectoryGroup, text: string): Promise<{ readonly stages: readonly ApprovalStage[] } | { readonly reply: Reply }> {
  if (/^(?:off|none|reset|default)$/i.test(text.trim())) return { stages: [] };
  const reading = parseApprovalStages(text);
  const first = reading.errors[0];
  if (first) {
    return { reply: [message([[`${first.message.charAt(0).toUpperCase()}${first.message.slice(1)}.`], ...reading.errors.slice(1, 4).map((e) => [`Also, at character ${e.offset + 1}: ${e.message}.`]), ...examples(group.displayName)], { title: "Those stages don't read right", tone: 'attention', preformatted: pointAtRuleError(text, first) })] };
  }
  const stages: ApprovalStage[] = [];
  for (const typed of reading.stages) {
    if (typed.approvers !== 'people') {
      stages.push({ approvers: typed.approvers, ...(typed.quorum ? { quorum: typed.quorum } : {}) });
      continue;
    }
    const people: UserId[] = [];
    for (const { name } of typed.names ?? []) {
      const found = await resolvePerson(gate.directory, turn.actor, name, (exact) => `policy ${group.displayName} stages: ${text.replace(name, exact)}`);
      if ('reply' in found) return found;
      people.push(found.person.id);
    }
    stages.push({ approvers: 'people', people: [...new Set(people)], ...(typed.quorum ? { quorum: typed.quorum } : {}) });
  }
  return { stages };
}

/** `quorum 2` (the first stage) or `quorum 2 at stage 3`: a group without stages gets one stage of owners with it. */
function quorumChanged(group: DirectoryGroup, stages: readonly ApprovalStage[] | undefined, change: { readonly typed: string; readonly stage?: string }): { readonly stages: readonly ApprovalStage[] } | { readonly reply: Reply } {
  const n = Number(change.typed);
  const at = change.stage === undefined ? 1 : Number(change.stage);
  const have = stages?.length ? stages : [{ approvers: 'owners' } as const];
  const refuse = (words: string) => ({ reply: [message([[words], ...examples(group.displayName)], { tone: 'attention' as const })] });
  if (!Number.isInteger(n) || n < 1 || n > 50) return refuse(`"${change.typed}" isn't a number of approvals (1 to 50).`);
  if (!Number.isInteger(at) || at < 1 || at > have.length) return refuse(`${group.displayName} has ${have.length} stage${have.length === 1 ? '' : 's'}, so there is no stage "${change.stage}".`);
  const stage = have[at - 1]!;
  if (stage.approvers === 'manager' && n > 1) return refuse('A requester has one manager, so a stage of the manager needs one approval.');
  if (stage.approvers === 'people' && n > (stage.people?.length ?? 0)) return refuse(`Stage ${at} has ${stage.people?.length ?? 0} approvers, so it can't need ${n} approvals.`);
  return { stages: have.map((s, i) => (i === at - 1 ? { ...s, quorum: n } : s)) };
}

/** Display names of the named approvers in these stages. */
export async function namesInStages(gate: GroupGate, stages: readonly ApprovalStage[]): Promise<ReadonlyMap<UserId, string>> {
  const ids = [...new Set(stages.flatMap((s) => s.people ?? []))];
  const users = await Promise.all(ids.map((id) => gate.directory.getUser(id)));
  return new Map(ids.map((id, i) => [id, users[i]?.displayName ?? 'someone no longer in the directory']));
}

/** `escalate after 3d to admins` / `… to Dana Lee and Riley Chen` / `escalate off`: where an unanswered stage goes, and when. */
async function setEscalation(gate: GroupGate, turn: Turn, group: DirectoryGroup, text: string): Promise<Reply> {
  const example = [['For example: ', code(`policy ${group.displayName} escalate after 3d to admins`), ', ', code(`policy ${group.displayName} escalate after 5d to Dana Lee and Riley Chen`), ' or ', code(`policy ${group.displayName} escalate off`), '.']];
  let escalation: ApprovalEscalation | undefined;
  if (!/^(?:off|none|never)$/i.test(text.trim())) {
    const typed = /^after\s+(\d{1,3})\s*(?:d|days?)\s+to\s+(.+)$/i.exec(text.trim());
    const days = typed ? Number(typed[1]) : 0;
    if (!typed || days < 1 || days > 365) return [message([[typed ? 'Escalate after 1 to 365 days.' : `I couldn't read "${text}" as when and to whom a stage goes when nobody answers.`], ...example], { tone: 'attention' })];
    const to = typed[2]!.trim();
    if (/^(?:the\s+)?admins?$/i.test(to)) escalation = { afterDays: days, to: 'admins' };
    else {
      const people: UserId[] = [];
      for (const name of to.split(/\s*(?:,|\band\b|\+|&)\s*/i).filter(Boolean)) {
        const found = await resolvePerson(gate.directory, turn.actor, name, (exact) => `policy ${group.displayName} escalate ${text.replace(name, exact)}`);
        if ('reply' in found) return found.reply;
        people.push(found.person.id);
      }
      escalation = { afterDays: days, to: [...new Set(people)] };
    }
  }
  await writeGroupSettings(gate.store, group.id, { escalation });
  const words = await escalationWords(gate, escalation);
  await auditTurn(gate, turn, { action: 'settings.changed', groupId: group.id, groupName: group.displayName, details: { setting: 'escalation', value: words } });
  return [message([[bold(group.displayName), `: ${words}.`], ['Requests already waiting keep the escalation they were asked with.']], { tone: 'good' })];
}

/** "a stage unanswered for 3 days also goes to the admins", or that none is set. */
export async function escalationWords(gate: GroupGate, escalation: ApprovalEscalation | undefined): Promise<string> {
  if (!escalation) return 'an unanswered stage waits for its own approvers, with no escalation';
  const to = escalation.to === 'admins' ? 'the admins' : [...(await namesInStages(gate, [{ approvers: 'people', people: escalation.to }])).values()].join(', ');
  return `a stage unanswered for ${escalation.afterDays} day${escalation.afterDays === 1 ? '' : 's'} also goes to ${to}`;
}
