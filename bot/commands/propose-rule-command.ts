import { parseMembershipRule } from '../../domain/membership-rules/index.js';
import { isDynamic } from '../../domain/model/directory-group.js';
import { bold, code, message } from '../../cards/card-view.js';
import { previewInChat } from '../membership-rules/preview-in-chat.js';
import { mayChangeGroupRule } from '../membership-rules/rule-rights.js';
import { storeRuleProposal } from '../membership-rules/rule-proposals.js';
import { resolveGroup } from '../resolve-group.js';
import { ruleErrorView } from '../views/rule-error-view.js';
import { defineCommand } from './command-spec.js';
import { auditTurn } from '../audit/audit-turn.js';

/** `propose rule for <group>: <rule>`: the preview of the change, stored as a proposal with Apply and Cancel. */
export const proposeRuleCommand = defineCommand({
  name: 'propose',
  usage: 'propose rule for <group>: <rule>',
  description: 'Preview a new rule for a dynamic group, then apply it with one click',
  audience: 'owners',
  rateLimit: 'preview',
  parse: (text) => {
    if (!/^propose\b/i.test(text)) return undefined;
    // The name starts at a non-space: with `\s+(.+?)` a run of spaces could be split every way (35 s for 4,000).
    const match = /^propose\s+(?:a\s+)?(?:new\s+)?rule\s+for\s+([^:\s][^:]*?)\s*:\s*(.+)$/is.exec(text);
    return match ? { group: match[1]!, text: match[2]!.trim() } : { group: '', text: '' };
  },
  run: async (gate, turn, command) => {
    if (!command.group) return [message([['Type ', code('propose rule for <group>: <rule>'), ' — for example ', code('propose rule for Sales US: (user.department -eq "Sales") -and (user.country -in ["US","CA"])'), '.']])];
    const found = await resolveGroup(gate.directory, command.group, (name) => `propose rule for ${name}: ${command.text}`);
    if ('reply' in found) return found.reply;
    const { group } = found;
    if (!(await mayChangeGroupRule(gate.directory, turn.actor, group))) {
      return [message([['Only the owners of ', bold(group.displayName), ' and Groups or Global Administrators can propose its rule.']], { tone: 'attention' })];
    }
    if (!isDynamic(group)) return [message([[bold(group.displayName), " isn't a dynamic group, so it has no rule. Making a group dynamic is done in the Entra admin center."]])];
    if (!gate.directory.setMembershipRule) return [message([["This directory doesn't let GroupGate store rules; change the rule in the Entra admin center."]])];
    const parsed = parseMembershipRule(command.text);
    if (!parsed.rule) return [ruleErrorView(command.text, parsed.errors)];
    if (parsed.rule.objectType === 'device') return [message([["That's a device rule; GroupGate proposes user rules only."]])];
    if (command.text === group.membershipRule) return [message([["That's already ", bold(group.displayName), "'s rule, so there's nothing to apply."]])];
    const preview = await previewInChat(gate, `Rule preview · ${group.displayName}`, parsed.rule, group);
    const { kind: _kind, ...previewFields } = preview;
    const proposal = await storeRuleProposal(gate.store, gate.requests.random, (id) => ({
      id,
      groupId: group.id,
      text: command.text,
      baseRule: group.membershipRule ?? null,
      proposedBy: turn.actor.id,
      proposedAt: gate.clock.now().toISOString(),
      status: 'pending',
      view: {
        kind: 'ruleProposal', title: `Rule proposal ${id} · ${group.displayName}`, proposalId: id, groupName: group.displayName,
        proposedBy: turn.actor.displayName, currentRule: group.membershipRule ?? null, preview: previewFields, state: { status: 'pending' },
      },
    }));
    await auditTurn(gate, turn, { action: 'rule.proposed', groupId: group.id, groupName: group.displayName, details: { proposal: proposal.id, rule: command.text } });
    return [proposal.view];
  },
});
