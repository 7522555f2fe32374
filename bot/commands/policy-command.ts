import { joinPolicies, type JoinPolicy } from '../../domain/join-requests/join-policy.js';
import { readGroupSettings, writeGroupSettings } from '../../domain/join-requests/join-request-records.js';
import { isDynamic, isManagedInExchange, isSyncedFromOnPremises } from '../../domain/model/directory-group.js';
import { isGroupAdmin } from '../../domain/model/directory-user.js';
import type { Directory } from '../../domain/ports/directory.js';
import { bold, message, type Reply } from '../../cards/card-view.js';
import { auditTurn } from '../audit/audit-turn.js';
import { otherSettingsLines } from '../owner-tools/other-settings-lines.js';
import { cleanTypedName, resolveGroup } from '../resolve-group.js';
import { defineCommand } from './command-spec.js';
import { approvalPolicyLines } from '../owner-tools/approval-policy-lines.js';
import { setApprovalPolicy, type ApprovalPolicyChange } from '../owner-tools/set-approval-stages.js';
import { autoApproveLine, autoApproveRetryTail, parseAutoApproveChange, setAutoApprove, type AutoApproveChange } from '../owner-tools/set-auto-approve.js';

/** What a pick-list button adds back after the group's exact name. */
const retryTail = (approval: ApprovalPolicyChange | undefined) =>
  !approval ? '' : approval.what === 'stages' ? ` stages: ${approval.text}` : approval.what === 'escalate' ? ` escalate ${approval.text}` : ` quorum ${approval.typed}${approval.stage ? ` at stage ${approval.stage}` : ''}`;

const policyWords: Record<JoinPolicy, string> = {
  open: 'open — anyone who asks joins at once',
  approval: 'approval — an owner approves each request',
  closed: 'closed — owners add members themselves',
};

/**
 * `policy Atlas Project auto`: no group is called "Atlas Project auto", but one is called "Atlas
 * Project", so the last word was meant as a policy GroupGate does not have: say which ones it has.
 */
async function unknownPolicy(directory: Directory, command: { readonly group: string; readonly policy?: JoinPolicy | undefined }): Promise<Reply | undefined> {
  const words = /^(.+?)\s+(\S+)$/.exec(command.group.trim());
  if (command.policy || !words) return undefined;
  const [, name, typed] = words as unknown as [string, string, string];
  const groups = await directory.findGroupsByName(cleanTypedName(name));
  if (groups.length !== 1) return undefined;
  const group = groups[0]!;
  return [message([[`"${typed}" isn't a join policy. `, bold(group.displayName), ' can be ', bold('open'), ', ', bold('approval'), ' or ', bold('closed'), ': for example ', bold(`policy ${group.displayName} approval`), '.']], { tone: 'attention' })];
}

/** `policy <group> stages: manager, owners` and `policy <group> quorum 2 [at stage 2]`: who approves. */
function parseApprovalChange(text: string): { readonly group: string; readonly policy?: undefined; readonly approval: ApprovalPolicyChange } | undefined {
  const stages = /^(?:set\s+)?policy\s+(?:(?:for|of)\s+)?(.+?)\s+(?:approval\s+)?stages?\s*:?\s*(.*)$/is.exec(text);
  if (stages) return { group: stages[1]!, approval: { what: 'stages', text: stages[2]! } };
  const escalate = /^(?:set\s+)?policy\s+(?:(?:for|of)\s+)?(.+?)\s+escalat(?:e|ion)\s*:?\s*(.*)$/is.exec(text);
  if (escalate) return { group: escalate[1]!, approval: { what: 'escalate', text: escalate[2]! } };
  const quorum = /^(?:set\s+)?policy\s+(?:(?:for|of)\s+)?(.+?)\s+quorum\s+(\S+)(?:\s+(?:at|for|of)?\s*stage\s+(\S+))?$/is.exec(text);
  return quorum ? { group: quorum[1]!, approval: { what: 'quorum', typed: quorum[2]!, ...(quorum[3] ? { stage: quorum[3] } : {}) } } : undefined;
}

/**
 * `policy <group> open|approval|closed`: owners and admins set how a group takes join requests; `stages` and `quorum` set who
 * approves; `approval unless <rule>` lets requesters matching a rule join at once.
 */
export const policyCommand = defineCommand({
  name: 'policy',
  usage: 'policy <group> open|approval|closed|stages …|quorum N|approval unless …',
  description: 'Set how a group takes requests and who approves them',
  audience: 'owners',
  parse: (text): { readonly group: string; readonly policy?: JoinPolicy | undefined; readonly approval?: ApprovalPolicyChange; readonly autoApprove?: AutoApproveChange } | undefined => {
    // First: a rule may hold words ("stages", "approval") the other settings look for.
    const autoApprove = parseAutoApproveChange(text);
    if (autoApprove) return autoApprove;
    const approval = parseApprovalChange(text);
    if (approval) return approval;
    const match = /^(?:set\s+)?policy\s+(?:(?:for|of)\s+)?(.+?)(?:\s+(?:to\s+)?(open|approval|closed))?$/is.exec(text);
    return match ? { group: match[1]!, policy: match[2]?.toLowerCase() as JoinPolicy | undefined } : undefined;
  },
  run: async (gate, turn, command) => {
    const found = await resolveGroup(gate.directory, command.group, (name) => `policy ${name}${command.policy ? ` ${command.policy}` : ''}${retryTail(command.approval)}${command.autoApprove ? autoApproveRetryTail(command.autoApprove) : ''}`);
    if ('reply' in found) return (await unknownPolicy(gate.directory, command)) ?? found.reply;
    const { group } = found;
    const current = await readGroupSettings(gate.store, group);
    if (!command.approval && !command.autoApprove && (!command.policy || !joinPolicies.includes(command.policy))) {
      return [message([[bold(group.displayName), ` is ${policyWords[current.joinPolicy]}.`], ...(await approvalPolicyLines(gate, group.displayName, current)), ...autoApproveLine(group, current), ...otherSettingsLines(group.displayName, current), ['Owners can change it: ', bold(`policy ${group.displayName} open`), ', ', bold('approval'), ' or ', bold('closed'), '.']])];
    }
    const owners = await gate.directory.listOwners(group.id);
    if (!owners.includes(turn.actor.id) && !isGroupAdmin(turn.actor)) {
      return [message([['Only the owners of ', bold(group.displayName), ' or an admin can change its policy.']], { tone: 'attention' })];
    }
    if (isDynamic(group) || isSyncedFromOnPremises(group) || isManagedInExchange(group)) {
      return [message([[bold(group.displayName), "'s members aren't managed by requests, so a join policy would have no effect."]])];
    }
    if (command.approval) return setApprovalPolicy(gate, turn, group, command.approval);
    if (command.autoApprove) return setAutoApprove(gate, turn, group, command.autoApprove);
    if (!command.policy) return [];
    await writeGroupSettings(gate.store, group.id, { joinPolicy: command.policy });
    await auditTurn(gate, turn, { action: 'settings.changed', groupId: group.id, groupName: group.displayName, details: { setting: 'joinPolicy', value: command.policy, was: current.joinPolicy } });
    return [message([[bold(group.displayName), ` is now ${policyWords[command.policy]}.`]], { tone: 'good' })];
  },
});
