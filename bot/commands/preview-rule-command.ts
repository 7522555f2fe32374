import { parseMembershipRule } from '../../domain/membership-rules/index.js';
import { isDynamic } from '../../domain/model/directory-group.js';
import { bold, code, message, type Reply } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { previewInChat } from '../membership-rules/preview-in-chat.js';
import { mayPreviewRules, mayReadGroupRule } from '../membership-rules/rule-rights.js';
import { resolveGroup } from '../resolve-group.js';
import type { Turn } from '../turn.js';
import { ruleErrorView } from '../views/rule-error-view.js';
import { defineCommand } from './command-spec.js';

type PreviewCommand = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'group'; readonly group: string } | { readonly kind: 'usage' };

/** `preview rule <rule>` over the whole directory, or `preview rule for <group>` against its members. */
export const previewRuleCommand = defineCommand<PreviewCommand>({
  name: 'preview',
  usage: 'preview rule <rule> | preview rule for <group>',
  description: 'See what a membership rule matches, or what a dynamic group’s rule would change',
  audience: 'owners',
  rateLimit: 'preview',
  parse: (text) => {
    if (!/^preview(?:\s+(?:the\s+)?rule)?\b/i.test(text)) return undefined;
    const forGroup = /^preview\s+(?:the\s+)?rule\s+(?:for|of)\s+(?!user\.|device\.|\()(.+)$/is.exec(text);
    if (forGroup) return { kind: 'group', group: forGroup[1]! };
    const rule = /^preview\s+(?:the\s+)?rule\s*:?\s+(.+)$/is.exec(text);
    return rule ? { kind: 'text', text: rule[1]!.trim() } : { kind: 'usage' };
  },
  run: async (gate, turn, command) => {
    if (command.kind === 'usage') return [message([['Type ', code('preview rule (user.department -eq "Sales")'), ' or ', code('preview rule for <group>'), '.']])];
    return command.kind === 'text' ? previewText(gate, turn, command.text) : previewGroup(gate, turn, command.group);
  },
});

async function previewText(gate: GroupGate, turn: Turn, text: string): Promise<Reply> {
  if (!(await mayPreviewRules(gate.directory, turn.actor))) return [refusal(['Rule previews are for admins and owners of dynamic groups.'])];
  const parsed = parseMembershipRule(text);
  if (!parsed.rule) return [ruleErrorView(text, parsed.errors)];
  if (parsed.rule.objectType === 'device') return [deviceRule];
  return [await previewInChat(gate, 'Rule preview', parsed.rule)];
}

async function previewGroup(gate: GroupGate, turn: Turn, typed: string): Promise<Reply> {
  const found = await resolveGroup(gate.directory, typed, (name) => `preview rule for ${name}`);
  if ('reply' in found) return found.reply;
  const { group } = found;
  if (!(await mayReadGroupRule(gate.directory, turn.actor, group))) return [refusal(['Only the owners of ', bold(group.displayName), ' and admins can preview its rule.'])];
  if (!isDynamic(group) || !group.membershipRule) return [message([[bold(group.displayName), " isn't a dynamic group, so it has no rule to preview. Try ", code('preview rule <rule>'), ' to try one out.']])];
  const parsed = parseMembershipRule(group.membershipRule);
  if (!parsed.rule) return [ruleErrorView(group.membershipRule, parsed.errors, [bold(group.displayName), "'s stored rule doesn't parse here:"])];
  if (parsed.rule.objectType === 'device') return [deviceRule];
  return [await previewInChat(gate, `Rule preview · ${group.displayName}`, parsed.rule, group)];
}

const refusal = (line: Parameters<typeof message>[0][number]) => message([line], { tone: 'attention' });
const deviceRule = message([["That's a device rule; GroupGate's directory holds users only, so it previews user rules."]]);
