import { explainRule, parseMembershipRule } from '../../domain/membership-rules/index.js';
import { isDynamic } from '../../domain/model/directory-group.js';
import { bold, message } from '../../cards/card-view.js';
import { processingNotes } from '../membership-rules/preview-in-chat.js';
import { mayReadGroupRule } from '../membership-rules/rule-rights.js';
import { resolveGroup } from '../resolve-group.js';
import { resolvePerson } from '../resolve-person.js';
import { ruleExplanationView } from '../views/rule-explanation-view.js';
import { ruleErrorView } from '../views/rule-error-view.js';
import { defineCommand } from './command-spec.js';

/** `check <person> against <group>` (also "why isn't <person> in <group>"): the group's rule, clause by clause, for one person. */
export const checkRuleCommand = defineCommand({
  name: 'check',
  usage: 'check <person> against <group>',
  description: 'Why someone is or isn’t matched by a dynamic group’s rule, clause by clause',
  audience: 'everyone',
  rateLimit: 'preview',
  parse: (text) => {
    // The name starts at a non-space: with `\s+(.+?)` a run of spaces could be split every way (35 s for 4,000).
    const check = /^check\s+(\S.*?)\s+against\s+(.+)$/is.exec(text);
    if (check) return { person: check[1]!, group: check[2]! };
    const why = /^why\s+(?:isn[’']?t|is\s+not|aren[’']?t|am)\s+(\S.*?)\s+(?:not\s+)?in\s+(.+?)\??$/is.exec(text);
    return why ? { person: /^i(?:\s+not)?$/i.test(why[1]!) ? 'me' : why[1]!, group: why[2]! } : undefined;
  },
  run: async (gate, turn, command) => {
    const foundGroup = await resolveGroup(gate.directory, command.group, (name) => `check ${command.person} against ${name}`);
    if ('reply' in foundGroup) return foundGroup.reply;
    const { group } = foundGroup;
    const foundPerson = await resolvePerson(gate.membershipRules.subjects, turn.actor, command.person, (name) => `check ${name} against ${group.displayName}`);
    if ('reply' in foundPerson) return foundPerson.reply;
    const { person } = foundPerson;
    if (person.id !== turn.actor.id && !(await mayReadGroupRule(gate.directory, turn.actor, group))) {
      return [message([['You can check yourself (', bold(`check me against ${group.displayName}`), '); the owners of ', bold(group.displayName), ' and admins can check anyone.']], { tone: 'attention' })];
    }
    const isMember = await gate.directory.isMember(group.id, person.id);
    const self = person.id === turn.actor.id;
    if (!isDynamic(group) || !group.membershipRule) {
      return [message([[bold(group.displayName), " isn't a dynamic group: its members are added by request or by its owners, not by a rule. ", self ? `You're ${isMember ? '' : 'not '}a member.` : `${person.displayName} ${isMember ? 'is' : "isn't"} a member.`]])];
    }
    const rule = gate.membershipRules.rules.parse(group.membershipRule);
    if (!rule) return [ruleErrorView(group.membershipRule, parseMembershipRule(group.membershipRule).errors, [bold(group.displayName), "'s stored rule doesn't parse here:"])];
    const subject = await gate.membershipRules.subjects.subject(person, rule);
    const explanation = explainRule(rule, subject, gate.clock.now());
    return [ruleExplanationView({ personName: person.displayName, groupName: group.displayName, explanation, isMember, self, notes: processingNotes(gate, group) })];
  },
});
