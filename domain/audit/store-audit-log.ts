import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import type { AuditEntry, AuditRecord } from './audit-entry.js';
import type { AuditLog, AuditPage, AuditQuery } from './audit-log.js';

/**
 * Store keys of the trail. Each entry is written under its time (the whole trail, in order), and
 * its id is added to a set per group and per person, so `audit <group>` reads one group's entries
 * only. The sets share the entry's key family (`audit`), so one atomic batch writes all of them.
 * Earlier versions copied each entry under `audit-group:` and `audit-person:` instead; those copies
 * are still read.
 */
export const auditKeys = {
  all: 'audit:',
  entry: (id: string) => `audit:${id}`,
  groupIndex: (groupId: string) => `audit:group:${groupId}`,
  personIndex: (personId: string) => `audit:person:${personId}`,
  byGroup: (groupId: string, id?: string) => `audit-group:${groupId}:${id ?? ''}`,
  byPerson: (personId: string, id?: string) => `audit-person:${personId}:${id ?? ''}`,
};

// Entries read per round trip when a group's or person's index names many.
const readChunk = 1_000;

/** What the store-backed trail needs. */
export interface StoreAuditLogParts {
  readonly store: Store;
  readonly clock: Clock;
  /** Numbers in [0, 1), for the random half of an entry's id. */
  readonly random: () => number;
  /** Told when an entry could not be written (the store out of reach); the action itself stands. */
  readonly onError: (error: unknown, record: AuditRecord) => void;
}

/**
 * The audit trail in the shared store. Entries are created with an atomic create-if-absent batch
 * under a fresh `<ISO time>:<random>` key, so two instances writing in the same millisecond never
 * overwrite each other, and nothing in GroupGate updates or deletes an `audit…` key afterwards.
 */
export class StoreAuditLog implements AuditLog {
  /** Keeps this instance's entries of one millisecond in the order they were written. */
  private sequence = 0;

  constructor(private readonly parts: StoreAuditLogParts) {}

  async append(record: AuditRecord): Promise<void> {
    try {
      await this.create(record);
    } catch (error) {
      this.parts.onError(error, record);
    }
  }

  async query(query: AuditQuery): Promise<AuditPage> {
    const listed = query.groupId
      ? await this.indexed(auditKeys.groupIndex(query.groupId), auditKeys.byGroup(query.groupId))
      : query.personId
        ? await this.indexed(auditKeys.personIndex(query.personId), auditKeys.byPerson(query.personId))
        : (await this.parts.store.list<AuditEntry>(auditKeys.all)).map(([, entry]) => entry);
    const matching = listed.filter(
      (entry) =>
        (!query.since || entry.at >= query.since) &&
        (!query.personId || !query.groupId || entry.actorId === query.personId || entry.subjectId === query.personId) &&
        (!query.where || query.where(entry)),
    );
    const newestFirst = matching.reverse();
    const offset = query.offset ?? 0;
    return { entries: newestFirst.slice(offset, query.limit === undefined ? undefined : offset + query.limit), total: newestFirst.length };
  }

  /** The entries an index set names, with the copies earlier versions wrote under `legacyPrefix`, oldest first. */
  private async indexed(index: string, legacyPrefix: string): Promise<AuditEntry[]> {
    const { store } = this.parts;
    const [ids, legacy] = await Promise.all([store.setMembers(index), store.list<AuditEntry>(legacyPrefix)]);
    const copied = new Set(legacy.map(([, entry]) => entry.id));
    const toRead = ids.filter((id) => !copied.has(id));
    const entries = legacy.map(([, entry]) => entry);
    for (let start = 0; start < toRead.length; start += readChunk) {
      const read = await store.getMany<AuditEntry>(toRead.slice(start, start + readChunk).map(auditKeys.entry));
      entries.push(...read.filter((entry): entry is AuditEntry => entry !== undefined));
    }
    // Ids begin with the entry's time: their order is the trail's.
    return entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private async create(record: AuditRecord): Promise<AuditEntry> {
    const at = record.at ?? this.parts.clock.now().toISOString();
    for (let attempt = 0; attempt < 10; attempt++) {
      const entry: AuditEntry = { ...record, at, id: `${at}:${this.nextSequence()}${this.randomPart()}` };
      if (await this.createOnce(entry)) return entry;
    }
    throw new Error('could not draw a free audit entry id in 10 attempts');
  }

  /**
   * Writes the entry under its id unless something is there already, with the id added to its
   * group's and people's sets: one atomic batch, all of it or (the id taken) none. True when it wrote.
   */
  private async createOnce(entry: AuditEntry): Promise<boolean> {
    const people = [...new Set([entry.actorId, entry.subjectId].filter((id): id is string => Boolean(id)))];
    const indexes = [...(entry.groupId ? [auditKeys.groupIndex(entry.groupId)] : []), ...people.map(auditKeys.personIndex)];
    const [created] = await this.parts.store.write([{ create: auditKeys.entry(entry.id), value: entry }, ...indexes.map((key) => ({ addTo: key, members: [entry.id] }))]);
    return created === 1;
  }

  private nextSequence(): string {
    this.sequence = (this.sequence + 1) % 36 ** 6;
    return this.sequence.toString(36).padStart(6, '0');
  }

  private randomPart(): string {
    let text = '';
    for (let i = 0; i < 8; i++) text += Math.floor(this.parts.random() * 36).toString(36);
    return text;
  }
}
