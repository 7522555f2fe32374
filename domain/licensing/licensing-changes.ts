/**
 * What a directory change feed reported in one round (structurally the Graph directory's changes),
 * as far as licensing reads it.
 */
export interface ReportedDirectoryChanges {
  readonly users: readonly { readonly userId: string; readonly change: 'added' | 'updated' | 'removed'; readonly fields: readonly string[] }[];
  readonly groups: readonly { readonly groupId: string; readonly change: 'added' | 'updated' | 'removed'; readonly fields: readonly string[] }[];
  /** Users whose license assignment states changed. */
  readonly licenseStates: readonly string[];
}

// What licensing's snapshot and its alerts read of a user (names are shown on alerts) and of a group.
const userFields = new Set(['accountenabled', 'assignedlicenses', 'usagelocation', 'usertype', 'displayname', 'userprincipalname', 'mail']);
// A group starts or stops assigning licenses through these, on any group.
const groupLicensingFields = new Set(['assignedlicenses', 'securityenabled']);

/** `assignedLicenses.0.skuId` → `assignedlicenses`: nested changes count as their top-level field. */
const topField = (field: string) => field.split('.')[0]!.toLowerCase();

/**
 * The groups whose licensing role decides whether a change matters, to be looked up in the copy:
 * those added or renamed. A round of k changes names at most k.
 */
export function groupsToCheck(changes: ReportedDirectoryChanges): string[] {
  return changes.groups.filter((g) => g.change === 'added' || g.fields.some((f) => topField(f) === 'displayname')).map((g) => g.groupId);
}

/**
 * True when a round touched what licensing's snapshot holds, so its resident copy must be read
 * again: a license state moved; a user went, or changed a field licensing reads; a group stopped
 * or started assigning licenses, or went; a licensing group (`licensingGroups`: those among
 * `groupsToCheck` that assign licenses) was added or renamed. Memberships are not read here: each
 * one the round saw is announced to the membership listeners, and licensing's own listener reacts
 * to those of licensing groups. A new user matters only once they hold a license or join a
 * licensing group, which the same round reports. A job title is not licensing's business, so a
 * tenant's everyday edits do not make every instance re-read 100k users.
 */
export function affectsLicensing(changes: ReportedDirectoryChanges, licensingGroups: ReadonlySet<string>): boolean {
  const touched = touchedByRound(changes, licensingGroups);
  return touched.users.length + touched.groups.length > 0;
}

/** The records a change named, for a run to read again instead of the whole directory. */
export interface LicensingTouched {
  readonly users: readonly string[];
  readonly groups: readonly string[];
  /** One person joining or leaving one licensing group. */
  readonly memberships: readonly { readonly groupId: string; readonly userId: string }[];
}

/**
 * The users and groups a round touched that licensing's snapshot holds (empty: the round does not
 * concern licensing; see `affectsLicensing` for what counts).
 */
export function touchedByRound(changes: ReportedDirectoryChanges, licensingGroups: ReadonlySet<string>): LicensingTouched {
  const licensingFieldOf = (fields: readonly string[], names: ReadonlySet<string>) => fields.some((f) => names.has(topField(f)));
  const users = changes.users.filter((u) => u.change === 'removed' || (u.change === 'updated' && licensingFieldOf(u.fields, userFields))).map((u) => u.userId);
  const groups = changes.groups.filter((g) => g.change === 'removed' || (g.change === 'updated' && licensingFieldOf(g.fields, groupLicensingFields)) || licensingGroups.has(g.groupId));
  return { users: [...new Set([...users, ...changes.licenseStates])], groups: groups.map((g) => g.groupId), memberships: [] };
}

// How a touched record is written among a counter move's ids (`bumpRuleVersion`): one string each.
const prefixes = { user: 'user:', group: 'group:', member: 'member:' } as const;

/** The touched records as the ids a counter move records. */
export function touchedIds(touched: LicensingTouched): string[] {
  return [
    ...touched.users.map((id) => prefixes.user + id),
    ...touched.groups.map((id) => prefixes.group + id),
    ...touched.memberships.map((m) => `${prefixes.member}${m.groupId}:${m.userId}`),
  ];
}

/** The touched records back from the ids of counter moves; undefined when one is not licensing's (a move made for something else). */
export function touchedFromIds(ids: readonly string[]): LicensingTouched | undefined {
  const users: string[] = [];
  const groups: string[] = [];
  const memberships: { groupId: string; userId: string }[] = [];
  for (const id of ids) {
    if (id.startsWith(prefixes.user)) users.push(id.slice(prefixes.user.length));
    else if (id.startsWith(prefixes.group)) groups.push(id.slice(prefixes.group.length));
    else if (id.startsWith(prefixes.member)) {
      const [groupId, userId] = id.slice(prefixes.member.length).split(':');
      if (!groupId || !userId) return undefined;
      memberships.push({ groupId, userId });
    } else return undefined;
  }
  return { users, groups, memberships };
}
