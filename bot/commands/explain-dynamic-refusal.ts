import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import { code, type Line } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import type { Turn } from '../turn.js';

/** Why the person is not in a dynamic group. Until rule explanations land (issue 3) it quotes the rule. */
export async function dynamicGroupExplanation(_gate: GroupGate, _turn: Turn, group: DirectoryGroup): Promise<readonly Line[]> {
  return group.membershipRule ? [['Its rule is ', code(group.membershipRule), '.']] : [];
}
