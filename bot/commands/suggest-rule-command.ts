import { groupKindRefusal } from '../../domain/group-management/assess-group-change.js';
import { readActorRights } from '../../domain/group-management/owner-tool-ports.js';
import { parseMembershipRule } from '../../domain/membership-rules/index.js';
import { userId } from '../../domain/model/ids.js';
import { suggestMembershipRuleSteps, type RuleSuggestion } from '../../domain/rule-suggestions/suggest-membership-rule.js';
import { bold, code, message, type Line } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { previewInChat } from '../membership-rules/preview-in-chat.js';
import { runWithinBudget } from '../membership-rules/run-in-slices.js';
import { resolveGroup } from '../resolve-group.js';
import { andList, displayNames } from '../words/names.js';
import { settingsRefusalWords } from '../words/owner-tool-words.js';
import { defineCommand } from './command-spec.js';

const percent = (share: number) => `${Math.round(share * 100)}%`;
const listed = 5;

/**
 * `suggest rule for <group>`: the simplest membership rule over common attributes that
 * reproduces a static group's members, previewed against them — the first step in turning it dynamic.
 */
export const suggestRuleCommand = defineCommand({
  name: 'suggest rule',
  usage: 'suggest rule for <group>',
  description: 'Find a membership rule that fits a static group (before making it dynamic)',
  audience: 'owners',
  rateLimit: 'preview',
  parse: (text) => /^suggest\s+(?:an?\s+)?(?:membership\s+)?rule\s+(?:for\s+)?(.+)$/is.exec(text)?.[1],
  run: async (gate, turn, typed) => {
    const found = await resolveGroup(gate.directory, typed, (name) => `suggest rule for ${name}`);
    if ('reply' in found) return found.reply;
    const { group } = found;
    const kind = groupKindRefusal(group);
    if (kind?.reason === 'dynamicGroup') return [message([[bold(group.displayName), ' already fills itself from a rule: ', code(group.membershipRule ?? '')]])];
    const rights = await readActorRights(gate.directory, turn.actor, group.id);
    if (kind) return [settingsRefusalWords(kind, group)];
    if (!rights.isOwner && !rights.isAdmin) return [message([['Only the owners of ', bold(group.displayName), ' and admins can ask for a rule suggestion.']], { tone: 'attention' })];
    // The resident snapshot's users (no listing), and the search in slices: the event loop keeps its turns.
    const [users, members] = await Promise.all([gate.membershipRules.subjects.listUsers(), gate.directory.listMembers(group.id)]);
    const search = await runWithinBudget(() => suggestMembershipRuleSteps(users, members), gate.limits.previewBudgetMs);
    if (!search.done) return [outOfTime(group.displayName, gate.limits.previewBudgetMs)];
    const suggestion = search.value;
    if (!suggestion) {
      return [message([[bold(group.displayName), members.length === 0 ? ' has no members to learn a rule from.' : "'s members share no department, country, job title or other common attribute that a simple rule could use, so it's best kept as an assigned group."]])];
    }
    const parsed = parseMembershipRule(suggestion.rule);
    if (!parsed.rule) throw new Error(`a suggested rule did not parse: ${suggestion.rule}`);
    const notes = await fitNotes(gate, suggestion, members.length);
    return [await previewInChat(gate, `Suggested rule · ${group.displayName}`, parsed.rule, group, notes)];
  },
});

/** How well the rule fits, in words, with the members it misses and the others it takes in. */
async function fitNotes(gate: GroupGate, suggestion: RuleSuggestion, memberCount: number): Promise<Line[]> {
  if (suggestion.exact) {
    return [[`This rule reproduces its ${memberCount} member${memberCount === 1 ? '' : 's'} exactly.`], nextStep];
  }
  const names = async (ids: readonly string[]) => {
    const shown = await displayNames(gate.directory, ids.slice(0, listed).map(userId));
    return ids.length > listed ? `${shown.join(', ')} and ${ids.length - listed} more` : andList(shown);
  };
  return [
    [`No rule over common attributes reproduces it exactly; this is the closest: it keeps ${percent(suggestion.recall)} of the members, and ${percent(suggestion.precision)} of the people it selects are members now.`],
    ...(suggestion.missed.length ? [[`It would leave out ${await names(suggestion.missed)}.`]] : []),
    ...(suggestion.extra.length ? [[`It would take in ${await names(suggestion.extra)}.`]] : []),
    nextStep,
  ];
}

const outOfTime = (group: string, budgetMs: number) =>
  message([['Looking for a rule for ', bold(group), ` took longer than the ${(budgetMs / 1000).toLocaleString('en-US')} s a preview may take, so I stopped. Try `, code('preview rule <rule>'), ' with a rule you have in mind.']], { tone: 'attention' });

const nextStep: Line = ['To make the group dynamic, an admin changes its membership type to Dynamic User in Entra and uses this rule; check it first with ', code('preview rule <rule>'), '.'];
