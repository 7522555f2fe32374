import type { GroupId, UserId } from '../model/ids.js';
import type { Store, StoreWrite } from '../ports/store.js';
import { membershipEndKeys, reminderTime, type MembershipEnd } from './membership-end.js';

/**
 * When each time-bound membership next needs the sweep, as store sets in the records' own family:
 * an entry `<minute>/<group>/<user>` in the set of its minute and in the set of its day. A sweep
 * reads the minutes since it last ran (the days, after a long stop), then only the records those
 * name, so its cost is what is due, not every membership kept for 90 days.
 *
 * The sets may hold more than is true, never less: a grant adds its entry before its record is
 * written (at the earliest its reminder can be), and only the sweep moves an entry, after it has read
 * the record and done what was due. A stale entry (an extension moved the end) costs one read.
 */
const prefix = 'membership-end:due';
export const dueIndexKeys = {
  minute: (minute: number) => `${prefix}:minute:${minute}`,
  day: (day: number) => `${prefix}:day:${day}`,
  /** The first minute a sweep still reads (outside the records' prefix, so no listing meets it). */
  from: 'membership-end-index:from',
  /** Set once the records an earlier version stored were indexed. */
  built: 'membership-end-index:built',
};

const minuteMs = 60_000;
const minutesPerDay = 1_440;
// Sweeps read this many minutes behind the clock too: an instance whose clock is a little behind
// may file an entry there.
const skewMinutes = 5;
// A longer gap (a stop) is read by days, keeping only the entries due by now.
const maxMinuteKeys = 60;
// Keys per set read and writes per batch, so a catch-up after a long stop is a few calls, not one huge one.
const keysPerRead = 500;
const writesPerBatch = 2_000;

/** One entry of the index: which record is due in which minute. */
export interface DueEntry {
  readonly minute: number;
  readonly groupId: GroupId;
  readonly userId: UserId;
}

const minuteOf = (ms: number) => Math.floor(ms / minuteMs);
const memberOf = (entry: DueEntry) => `${entry.minute}/${entry.groupId}/${entry.userId}`;
export const recordKeyOf = (entry: Pick<DueEntry, 'groupId' | 'userId'>) => membershipEndKeys.one(entry.groupId, entry.userId);

function parseMember(member: string): DueEntry | undefined {
  const [minute, groupId, userId] = member.split('/');
  const at = Number(minute);
  return Number.isInteger(at) && groupId && userId ? { minute: at, groupId: groupId as GroupId, userId: userId as UserId } : undefined;
}

/** The writes that add an entry for `at` (never earlier than `now`: the sweep reads from about now on). */
export function addEntry(record: Pick<MembershipEnd, 'groupId' | 'userId'>, at: number, now: Date): StoreWrite[] {
  const entry = { groupId: record.groupId, userId: record.userId, minute: minuteOf(Math.max(at, now.getTime())) };
  return [
    { addTo: dueIndexKeys.minute(entry.minute), members: [memberOf(entry)] },
    { addTo: dueIndexKeys.day(Math.floor(entry.minute / minutesPerDay)), members: [memberOf(entry)] },
  ];
}

const removeEntry = (entry: DueEntry): StoreWrite[] => [
  { removeFrom: dueIndexKeys.minute(entry.minute), members: [memberOf(entry)] },
  { removeFrom: dueIndexKeys.day(Math.floor(entry.minute / minutesPerDay)), members: [memberOf(entry)] },
];

/** What the sweep's steps depend on besides the record: how long a claim is left alone, how long an ended record is kept. */
export interface DueTimes {
  readonly graceMs: number;
  readonly keepForMs: number;
}

/**
 * When the sweep next has something to do for this record: its reminder or its end; taking over a
 * claim left by a crash; announcing or telling what a crash left owed; forgetting it after its keep
 * time. Undefined when there is no record.
 */
export function nextDue(record: MembershipEnd | undefined, times: DueTimes): number | undefined {
  if (!record) return undefined;
  if (record.status === 'active') return record.remindedAt === undefined ? reminderTime(record) : Date.parse(record.endsAt);
  if (record.status === 'ending') return Date.parse(record.claimedAt ?? record.endsAt) + times.graceMs;
  const endedAt = Date.parse(record.endedAt ?? record.endsAt);
  const owed = record.announcementOwed || (record.endedBy === 'expiry' && record.toldAt === undefined);
  return endedAt + (owed ? times.graceMs : times.keepForMs);
}

/** The index entry a grant of `durationMs` gets before its record is written: no reminder comes before half the period. */
export const grantEntry = (grant: Pick<MembershipEnd, 'groupId' | 'userId'>, durationMs: number, now: Date): StoreWrite[] =>
  addEntry(grant, now.getTime() + durationMs / 2, now);

/** The entries due by `now`, from the minute the last sweep left off (indexing an earlier version's records first). */
export async function readDueEntries(store: Store, now: Date, times: DueTimes): Promise<DueRead> {
  const from = await indexedFrom(store, now, times);
  const upTo = minuteOf(now.getTime());
  const keys =
    upTo - from <= maxMinuteKeys
      ? range(from, upTo).map(dueIndexKeys.minute)
      : range(Math.floor(from / minutesPerDay), Math.floor(upTo / minutesPerDay)).map(dueIndexKeys.day);
  const members: string[] = [];
  for (let start = 0; start < keys.length; start += keysPerRead) members.push(...(await store.intersectSets([keys.slice(start, start + keysPerRead)])));
  const entries = members.map(parseMember).filter((entry): entry is DueEntry => entry !== undefined && entry.minute <= upTo);
  return { entries, from, upTo };
}

/** What a sweep read from the index: the entries due, and the minutes they came from. */
export interface DueRead {
  readonly entries: readonly DueEntry[];
  readonly from: number;
  readonly upTo: number;
}

/**
 * After a sweep: each entry it read is replaced by its record's next time (from the record as it
 * is now), or dropped when there is none; then the next sweep starts a few minutes behind this one.
 * New entries go in before old ones come out, so a failure in between leaves more, not less.
 */
export async function moveEntries(store: Store, due: DueRead, records: ReadonlyMap<string, MembershipEnd | undefined>, now: Date, times: DueTimes): Promise<void> {
  const read = due.entries;
  const next = new Map<string, StoreWrite[]>();
  for (const [key, record] of records) {
    const at = nextDue(record, times);
    if (record && at !== undefined) next.set(key, addEntry(record, at, now));
  }
  const membersOf = (writes: readonly StoreWrite[]) => new Set(writes.flatMap((write) => ('addTo' in write ? write.members : [])));
  const kept = membersOf([...next.values()].flat());
  const present = new Set(read.map(memberOf));
  const removals = read.filter((entry) => !kept.has(memberOf(entry))).flatMap(removeEntry);
  const additions = [...next.values()].filter((writes) => ![...membersOf(writes)].some((member) => present.has(member))).flat();
  await writeInBatches(store, additions);
  await writeInBatches(store, removals);
  // A plain put: an instance whose clock is behind may move it back, which only reads a little more.
  if (due.from < due.upTo - skewMinutes) await store.put(dueIndexKeys.from, due.upTo - skewMinutes);
}

async function writeInBatches(store: Store, writes: readonly StoreWrite[]): Promise<void> {
  for (let start = 0; start < writes.length; start += writesPerBatch) await store.write(writes.slice(start, start + writesPerBatch));
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** What the marker of the index holds: when it was built, and when the records were last listed into it. */
interface IndexBuilt {
  readonly builtAt: string;
  readonly listedAt: string;
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/**
 * The minute the next sweep reads from, indexing the records first when the index is not built
 * yet (a store an earlier version wrote: one listing). During the first day after that, the records
 * are listed into it again every hour, for those an earlier version still running in a rolling
 * update wrote meanwhile; after that, never.
 */
async function indexedFrom(store: Store, now: Date, times: DueTimes): Promise<number> {
  const [built, from] = await store.getMany<unknown>([dueIndexKeys.built, dueIndexKeys.from]);
  const marker = built as IndexBuilt | undefined;
  const since = (at: string) => now.getTime() - Date.parse(at);
  if (marker && from !== undefined && (since(marker.builtAt) >= dayMs || since(marker.listedAt) < hourMs)) return from as number;
  if (await claimListing(store, now)) {
    await indexStoredRecords(store, now, times).catch(async (error: unknown) => {
      // Not listed after all: the next sweep lists again.
      await store.update<IndexBuilt, void>(dueIndexKeys.built, (current) => (current ? { next: { ...current, listedAt: new Date(0).toISOString() }, result: undefined } : { result: undefined })).catch(() => undefined);
      throw error;
    });
  }
  if (from !== undefined) return from as number;
  const start = minuteOf(now.getTime()) - skewMinutes;
  await store.update<number, void>(dueIndexKeys.from, (current) => (current === undefined ? { next: start, result: undefined } : { result: undefined }));
  return (await store.get<number>(dueIndexKeys.from)) ?? start;
}

/** Claims this hour's listing (instances sweeping at once list once). */
async function claimListing(store: Store, now: Date): Promise<boolean> {
  return store.update<IndexBuilt, boolean>(dueIndexKeys.built, (current) => {
    if (current && now.getTime() - Date.parse(current.listedAt) < hourMs) return { result: false };
    return { next: { builtAt: current?.builtAt ?? now.toISOString(), listedAt: now.toISOString() }, result: true };
  });
}

/** Adds an entry for every stored record (adding one that is there changes nothing). */
async function indexStoredRecords(store: Store, now: Date, times: DueTimes): Promise<void> {
  const writes = (await store.list<MembershipEnd>(membershipEndKeys.all)).flatMap(([, record]) => {
    const at = nextDue(record, times);
    return at === undefined ? [] : addEntry(record, at, now);
  });
  await writeInBatches(store, writes);
}

/** Reads the records the entries name, each once. */
export async function readRecords(store: Store, entries: readonly DueEntry[]): Promise<Map<string, MembershipEnd | undefined>> {
  const keys = [...new Set(entries.map(recordKeyOf))];
  const read = keys.length > 0 ? await store.getMany<MembershipEnd>(keys) : [];
  return new Map(keys.map((key, i) => [key, read[i]] as const));
}
