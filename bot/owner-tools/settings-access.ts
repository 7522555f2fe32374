import { assessSettingsChange } from '../../domain/group-management/assess-group-change.js';
import { readActorRights } from '../../domain/group-management/owner-tool-ports.js';
import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import type { MessageView } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import type { Turn } from '../turn.js';
import { settingsRefusalWords } from '../words/owner-tool-words.js';

/** Why this person may not change the group's join settings, in words; undefined when they may. */
export async function settingsRefusal(gate: GroupGate, turn: Turn, group: DirectoryGroup): Promise<MessageView | undefined> {
  const verdict = assessSettingsChange(group, await readActorRights(gate.directory, turn.actor, group.id));
  return verdict.ok ? undefined : settingsRefusalWords(verdict.error, group);
}
