import { rowsPerYield, type SlicedWork } from './sliced-work.js';
import type { SubjectSnapshot } from './subject-snapshot.js';

/** A group's current members as flags over a snapshot's rows, and how many of them it does not hold. */
export interface MarkedMembers {
  /** 1 at the row of each member the snapshot holds. */
  readonly members: Uint8Array;
  /** The rows of those members, in the order given. */
  readonly rows: readonly number[];
  readonly notInDirectory: number;
}

/** Marks each member id at its row, as sliced work (a yield every few hundred ids). */
export function* markMembers(snapshot: SubjectSnapshot, memberIds: Iterable<string>): SlicedWork<MarkedMembers> {
  const members = new Uint8Array(snapshot.size);
  const rows: number[] = [];
  let notInDirectory = 0;
  let seen = 0;
  for (const id of memberIds) {
    const index = snapshot.indexOf(id);
    if (index < 0) notInDirectory++;
    else if (members[index] === 0) {
      members[index] = 1;
      rows.push(index);
    }
    if (++seen % rowsPerYield === 0) yield;
  }
  return { members, rows, notInDirectory };
}
