import { explainRule } from '../../domain/membership-rules/index.js';
import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import { code, type Line } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { isPaused } from '../membership-rules/dynamic-rules.js';
import type { Turn } from '../turn.js';
import { notMatchedLine } from '../words/rule-words.js';

/**
 * Why the person is not in a dynamic group, in words: the clauses of its rule they fail
 * ("You're not in it because your country is *AU*, and the rule needs *NZ*.").
 */
export async function dynamicGroupExplanation(gate: GroupGate, turn: Turn, group: DirectoryGroup): Promise<readonly Line[]> {
  if (!group.membershipRule) return [];
  const rule = gate.membershipRules.rules.parse(group.membershipRule);
  if (!rule) return [['Its rule is ', code(group.membershipRule), '.']];
  const subject = await gate.membershipRules.subjects.subject(turn.actor, rule);
  return [
    notMatchedLine(explainRule(rule, subject, gate.clock.now())),
    ...(isPaused(group) ? [["Its rule processing is paused right now, so its members don't change."]] : []),
  ];
}
