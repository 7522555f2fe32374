import { membershipChangeSteps, type MembershipRule } from '../../domain/membership-rules/index.js';
import { announceMembershipChange } from '../../domain/join-requests/notify-members.js';
import { isDynamic } from '../../domain/model/directory-group.js';
import { groupId, userId, type GroupId, type UserId } from '../../domain/model/ids.js';
import type { Clock } from '../../domain/ports/clock.js';
import type { Directory } from '../../domain/ports/directory.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { MembershipListener } from '../../domain/ports/membership-events.js';
import { readRecords } from '../../domain/ports/read-records.js';
import type { Store } from '../../domain/ports/store.js';
import { DynamicRules } from './dynamic-rules.js';
import { finishStuckProposals } from './finish-rule-proposal.js';
import { RuleSubjects } from './rule-subjects.js';
import { runInSlices } from './run-in-slices.js';
import { bumpRuleVersion } from './rule-versions.js';

/** What rule processing is built from. */
export interface MembershipRulesParts {
  readonly store: Store;
  readonly directory: Directory;
  /**
   * The directory without the per-turn memo, for the snapshot and rule index kept across turns: a
   * record a turn remembered must not be patched into them as the newer one a counter announced.
   */
  readonly cacheDirectory?: Directory;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly membershipListeners: readonly MembershipListener[];
}

/** What one group's members became under its rule. */
export interface GroupMembershipUpdate {
  readonly added: readonly UserId[];
  readonly removed: readonly UserId[];
  /** Users the rule can't decide for (a missing value): left as they were. */
  readonly undetermined: number;
}

/** What one user's attribute change did to dynamic groups. */
export interface AttributeChangeOutcome {
  /** The (not paused) dynamic groups whose rules read a changed attribute: the only ones evaluated. */
  readonly evaluated: readonly GroupId[];
  readonly joined: readonly GroupId[];
  readonly left: readonly GroupId[];
  /** True when the directory (Entra) processes rules itself, so GroupGate wrote nothing. */
  readonly byDirectory: boolean;
}

/** Changes a directory's change feed reports (structurally what the Graph directory's `onChange` hands over). */
export interface ReportedChanges {
  readonly users: readonly { readonly userId: UserId; readonly change: 'added' | 'updated' | 'removed'; readonly fields: readonly string[] }[];
  readonly groups: readonly { readonly groupId: GroupId; readonly change: 'added' | 'updated' | 'removed'; readonly fields: readonly string[] }[];
}

// Group fields that change which rule applies, or whether it is processed.
const ruleFields = new Set(['membershiprule', 'membershipruleprocessingstate', 'grouptypes']);

/**
 * Dynamic-membership processing. With the embedded directory GroupGate is the rule processor: an
 * attribute change re-evaluates only the dynamic groups whose rules read that attribute, and adds
 * or removes the user (cause `membershipRule`, so licensing reacts). With Microsoft Graph, Entra
 * processes dynamic groups itself, so GroupGate writes no membership: it keeps its snapshot and
 * rule index current for previews and explanations, and sync rounds report Entra's changes.
 * Paused groups (membershipRuleProcessingState "Paused") are never processed.
 */
export class MembershipRules {
  readonly subjects: RuleSubjects;
  readonly rules: DynamicRules;
  /** Dynamic groups evaluated for attribute changes on this instance (tests and logs). */
  groupsEvaluated = 0;

  constructor(private readonly parts: MembershipRulesParts) {
    this.subjects = new RuleSubjects(parts.store, parts.cacheDirectory ?? parts.directory);
    this.rules = new DynamicRules(parts.store, parts.cacheDirectory ?? parts.directory, parts.logger);
  }

  /** True when GroupGate writes dynamic groups' members (the embedded directory), false under Entra. */
  get processesHere(): boolean {
    return this.parts.directory.processesMembershipRules !== true;
  }

  /** After a user's attributes changed (`fields`: Graph field paths): evaluates exactly the rules reading them. */
  async userChanged(id: UserId, fields: readonly string[]): Promise<AttributeChangeOutcome> {
    // Set in chat on the embedded tenant (rare): licensing's snapshot holds users too, so it reads again.
    await Promise.all([this.usersChanged([id]), bumpRuleVersion(this.parts.store, 'directory')]);
    return this.evaluateUser(id, fields);
  }

  private async evaluateUser(id: UserId, fields: readonly string[]): Promise<AttributeChangeOutcome> {
    const user = await this.parts.directory.getUser(id);
    const none = { evaluated: [], joined: [], left: [], byDirectory: !this.processesHere };
    if (!user || fields.length === 0) return none;
    const { index } = await this.rules.current();
    const evaluations = index.evaluateChange(user, fields, { now: this.parts.clock.now() });
    this.groupsEvaluated += evaluations.length;
    const evaluated = evaluations.map((e) => groupId(e.groupId));
    if (!this.processesHere) return { ...none, evaluated };
    const memberOf = new Set<string>(await this.parts.directory.groupsOf(id));
    const joined: GroupId[] = [];
    const left: GroupId[] = [];
    for (const { groupId: raw, result } of evaluations) {
      const group = groupId(raw);
      // Undetermined (a missing value) changes nothing, as previews count it apart instead of guessing.
      if (result === true && !memberOf.has(group) && (await this.add(group, id))) joined.push(group);
      if (result === false && memberOf.has(group) && (await this.remove(group, id))) left.push(group);
    }
    return { evaluated, joined, left, byDirectory: false };
  }

  /** Brings a group's members in line with its rule over the whole directory; nothing under Entra. */
  async bringInLine(group: GroupId, rule: MembershipRule): Promise<GroupMembershipUpdate> {
    if (!this.processesHere) return { added: [], removed: [], undetermined: 0 };
    const snapshot = await this.subjects.snapshot(rule, { ids: true });
    const members = await this.parts.directory.listMembers(group);
    const now = this.parts.clock.now();
    const changes = await runInSlices(() => membershipChangeSteps(rule, snapshot, members, now));
    const added: UserId[] = [];
    const removed: UserId[] = [];
    for (const id of changes.add.map(userId)) if (await this.add(group, id)) added.push(id);
    for (const id of changes.remove.map(userId)) if (await this.remove(group, id)) removed.push(id);
    return { added, removed, undetermined: changes.undetermined };
  }

  /**
   * A dynamic group's rule or processing state changed (`groups`, when known): every instance brings
   * its index up to date, re-reading just those groups when the counter recorded them.
   */
  async rulesChanged(groups?: readonly GroupId[]): Promise<void> {
    await Promise.all([bumpRuleVersion(this.parts.store, 'rules', groups), bumpRuleVersion(this.parts.store, 'directory')]);
    if (!groups) this.rules.forget();
  }

  /**
   * The scheduled pass: rules that read the clock (employeeHireDate against system.now) change
   * membership with time alone, so their groups are brought in line; and proposals whose Apply was
   * recorded but not finished (a crash in between) are finished.
   */
  async sweep(): Promise<void> {
    await finishStuckProposals(this.parts, this);
    if (!this.processesHere) return;
    const { index, groups } = await this.rules.current();
    for (const id of index.timeDependentGroupIds) {
      const entry = groups.get(id);
      if (entry) await this.bringInLine(groupId(id), entry.rule);
    }
  }

  /** A directory change feed's round (Graph): keeps the snapshot and index current; Entra writes the members. */
  async directoryChanged(changes: ReportedChanges): Promise<void> {
    // Licensing hears the same round and decides for itself whether its snapshot is touched.
    const ruleGroups = await this.groupsTouchingRules(changes.groups);
    if (ruleGroups.length > 0) await this.rulesChanged(ruleGroups);
    if (changes.users.length === 0) return;
    await this.usersChanged(changes.users.some((u) => u.change !== 'updated') ? undefined : changes.users.map((u) => u.userId));
    for (const user of changes.users) {
      if (user.change === 'removed') continue;
      const outcome = await this.evaluateUser(user.userId, user.fields);
      if (outcome.evaluated.length > 0) this.parts.logger.debug({ userId: user.userId, groups: outcome.evaluated.length }, 'rules re-evaluated after a directory change');
    }
  }

  /**
   * The groups of a round that change which rules exist: a group that went (it may have been
   * dynamic), one whose rule, processing state or types changed, and a new dynamic group. A new
   * assigned group is no rule's business: Teams and Outlook create them all day. The groups added
   * are looked up in the copy, k reads for k groups.
   */
  private async groupsTouchingRules(groups: ReportedChanges['groups']): Promise<GroupId[]> {
    const touched = groups.filter((g) => g.change === 'removed' || (g.change === 'updated' && g.fields.some((f) => ruleFields.has(f.toLowerCase())))).map((g) => g.groupId);
    const added = groups.filter((g) => g.change === 'added').map((g) => g.groupId);
    const { groups: found } = await readRecords(this.parts.directory, { groups: added });
    return [...touched, ...added.filter((_, i) => found[i] === undefined || isDynamic(found[i]!))];
  }

  /** Tells every instance the users changed; this one patches its snapshot when it knows exactly who. */
  private async usersChanged(ids?: readonly UserId[]): Promise<void> {
    const version = await bumpRuleVersion(this.parts.store, 'users', ids);
    const users = ids ? await Promise.all(ids.map((id) => this.parts.directory.getUser(id))) : [];
    if (ids && users.every((user) => user !== undefined)) await this.subjects.patch(version, users);
    else this.subjects.forget();
  }

  private async add(group: GroupId, user: UserId): Promise<boolean> {
    if ((await this.parts.directory.addMember(group, user)) !== 'changed') return false;
    await announceMembershipChange(this.parts.membershipListeners, group, user, 'added', 'membershipRule');
    return true;
  }

  private async remove(group: GroupId, user: UserId): Promise<boolean> {
    if ((await this.parts.directory.removeMember(group, user)) !== 'changed') return false;
    await announceMembershipChange(this.parts.membershipListeners, group, user, 'removed', 'membershipRule');
    return true;
  }
}
