import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import type { Reply } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { resolveGroup } from '../resolve-group.js';
import { resolvePerson } from '../resolve-person.js';
import type { Turn } from '../turn.js';

/** The person and group a command names, or the reply asking which. */
export type PersonAndGroup = { readonly person: DirectoryUser; readonly group: DirectoryGroup } | { readonly reply: Reply };

/**
 * Resolves "<person> … <group>" the way every owner command needs it. A pick-list button re-runs
 * the command (`retry(person, group)`) with the exact name of the one picked and the other as typed.
 */
export async function resolvePersonAndGroup(gate: GroupGate, turn: Turn, typed: { readonly person: string; readonly group: string }, retry: (person: string, group: string) => string): Promise<PersonAndGroup> {
  const group = await resolveGroup(gate.directory, typed.group, (name) => retry(typed.person, name));
  if ('reply' in group) return group;
  const person = await resolvePerson(gate.directory, turn.actor, typed.person, (upn) => retry(upn, group.group.displayName));
  if ('reply' in person) return person;
  return { person: person.person, group: group.group };
}
