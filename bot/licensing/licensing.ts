import { randomUUID } from 'node:crypto';
import { licenseImpact, type LicenseImpact, type MembershipChangeSet } from '../../domain/licensing/license-impact.js';
import { memberLicenseOutcome } from '../../domain/licensing/member-license-outcome.js';
import { newMemberImpact } from '../../domain/licensing/new-member-impact.js';
import { groupsToCheck, touchedByRound, touchedFromIds, touchedIds, type LicensingTouched, type ReportedDirectoryChanges } from '../../domain/licensing/licensing-changes.js';
import { touchedSince } from '../../domain/licensing/touched-since.js';
import type { LicensingTouchedIds } from '../../domain/licensing/untouched-groups.js';
import type { LicenseStateSource } from '../../domain/licensing/license-state-source.js';
import type { LicensingSnapshot } from '../../domain/licensing/licensing-snapshot.js';
import type { LicensingState } from '../../domain/licensing/licensing-state.js';
import type { LowSeatSettings } from '../../domain/licensing/low-seat-threshold.js';
import type { ServicePlanRules } from '../../domain/licensing/service-plan-rules.js';
import { summarizeLicensing, type LicensingSummary } from '../../domain/licensing/summarize-licensing.js';
import { assignsLicenses } from '../../domain/model/directory-group.js';
import { isGuest } from '../../domain/model/directory-user.js';
import { groupId, type SkuId, type UserId } from '../../domain/model/ids.js';
import type { SubscribedSku } from '../../domain/model/subscribed-sku.js';
import type { MembershipListener } from '../../domain/ports/membership-events.js';
import { readRecords } from '../../domain/ports/read-records.js';
import type { GroupGate } from '../group-gate.js';
import { approvedLicenseLine, licenseImpactLine } from '../views/license-impact-line.js';
import { nameBook } from '../views/name-book.js';
import { licensingKeys, licensingProgress, loadLicensingState, saveLicensingState, type LicensingStateCache } from './licensing-records.js';
import { refreshOutcomeLines, refreshSeatLines, skusWithSeatsMoved } from './refresh-seat-lines.js';
import { sendLicenseAlerts } from './send-license-alerts.js';
import { seatNews, tellSeatNews } from './tell-seat-news.js';
import { bumpRuleVersion, changedSince, readRuleVersion } from '../membership-rules/rule-versions.js';

/** What licensing is built from: the core's ports, and where states come from. */
export interface LicensingParts extends Pick<GroupGate, 'store' | 'directory' | 'clock' | 'logger' | 'background' | 'messenger' | 'audit'> {
  readonly source: LicenseStateSource;
  readonly lowSeat: LowSeatSettings;
  readonly rules: ServicePlanRules;
}

/** The licensing picture at one moment. */
export interface LicensingView {
  readonly snapshot: LicensingSnapshot;
  readonly state: LicensingState;
  readonly summary: LicensingSummary;
}

interface Lease {
  readonly holder: string;
  readonly until: number;
}

// Longer than any run (a 100,000-user tenant processes in about a second), short enough that a
// crashed holder's lease runs out soon after a restart.
const leaseMs = 30_000;

// A safety net under the directory counter: a snapshot is read afresh at least this often even when
// nothing moved it (a Graph resync that reloads the tenant tells no listener). Once an hour, not every round.
const snapshotRefreshMs = 60 * 60_000;

/** The snapshot a run read, with the directory counter it was read at: a round with no change reuses it. */
interface ResidentSnapshot {
  readonly version: number;
  readonly snapshot: LicensingSnapshot;
  readonly readAt: number;
}

/**
 * Group-based licensing in the running bot: runs (after membership changes, seat changes, on a
 * schedule) store the state and send alerts; views and forecasts read it.
 */
export class Licensing {
  private readonly id = randomUUID();
  private queue: Promise<void> = Promise.resolve();
  private readonly cache: LicensingStateCache = {};
  private resident: ResidentSnapshot | undefined;
  /**
   * Runs on this instance that read the directory's users and groups, those that read only what
   * changes named (patched), and those that found nothing changed (tests and logs).
   */
  readonly rounds = { read: 0, patched: 0, unchanged: 0 };

  constructor(private readonly parts: LicensingParts) {}

  /** Hooks into the core: a run after each membership change of a licensing group, and the license line on approval cards. */
  attach(listeners: MembershipListener[]): void {
    listeners.push(async (event) => {
      const group = await this.parts.directory.getGroup(event.groupId);
      if (!group || !assignsLicenses(group)) return;
      // Moved first, so the run (here or on the instance holding the lease) reads the directory afresh:
      // this person and their place in this group, when it holds the snapshot of the move before.
      await bumpRuleVersion(this.parts.store, 'directory', touchedIds({ users: [event.userId], groups: [], memberships: [{ groupId: event.groupId, userId: event.userId }] }));
      this.parts.background.run('licensing', () => this.process());
    });
    this.parts.messenger.licenseImpact = async (request) => {
      const [group, requester] = await Promise.all([this.parts.directory.getGroup(request.groupId), this.parts.directory.getUser(request.requesterId)]);
      if (!group || !assignsLicenses(group) || !requester) return undefined;
      const person = { name: requester.displayName, guest: isGuest(requester) };
      if (request.status === 'approved') {
        // The decider's answer: built from the picture in hand, so the click spends no store call (nor, on an
        // instance holding none, a read of the directory) on it; such an instance reads one for the next card.
        const view = this.viewInHand();
        if (!view) return void this.parts.background.run('licensing picture', () => this.view());
        const outcome = memberLicenseOutcome(view, requester, request.groupId, request.appliedAt ?? request.decidedAt ?? request.createdAt, this.parts.rules);
        return outcome && approvedLicenseLine(outcome, person, nameBook(view.snapshot).sku);
      }
      const view = await this.view();
      const impact = newMemberImpact(view, requester, request.groupId, this.parts.rules);
      return licenseImpactLine(impact, person, nameBook(view.snapshot).sku);
    };
  }

  /**
   * A directory change feed's round (Graph). Moves the shared counter, and runs, only when the round
   * touched what the licensing snapshot holds; the groups it names are looked up in the copy (k reads
   * for k changes), never the whole directory.
   */
  async directoryChanged(changes: ReportedDirectoryChanges): Promise<void> {
    const { groups: named } = await readRecords(this.parts.directory, { groups: groupsToCheck(changes).map(groupId) });
    const licensingGroups = new Set<string>(named.filter((g) => g !== undefined && assignsLicenses(g)).map((g) => g!.id));
    const touched = touchedByRound(changes, licensingGroups);
    if (touched.users.length + touched.groups.length === 0) return;
    await bumpRuleVersion(this.parts.store, 'directory', touchedIds(touched));
    this.parts.background.run('licensing', () => this.process());
  }

  /**
   * Asks for a run and waits for this instance's part. Runs happen one at a time across instances
   * (a lease in the store); every request bumps a counter, and the lease holder keeps running until
   * the stored state covers every request, so a change made during a run is never missed.
   */
  async process(): Promise<void> {
    await this.parts.store.update<number, void>(licensingKeys.wanted, (n) => ({ next: (n ?? 0) + 1, result: undefined }));
    const turn = this.queue.then(() => this.drain());
    this.queue = turn.catch(() => undefined);
    // Tracked, so shutdown waits for a run (even a scheduled one) instead of closing the store under it.
    this.parts.background.run('licensing run', () => this.queue);
    return turn;
  }

  /**
   * The picture as of the last run: the stored state, with the snapshot and seats that run saw
   * when this instance ran it (else the directory now). Runs follow every change GroupGate makes
   * and the schedule, so it is at most one sweep interval behind changes made elsewhere.
   */
  async view(): Promise<LicensingView> {
    const { store, source, clock } = this.parts;
    const stored = await loadLicensingState(store, this.cache);
    if (stored && this.cache.state === stored && this.cache.snapshot && this.cache.summary) {
      return { state: stored, snapshot: this.cache.snapshot, summary: this.cache.summary };
    }
    const snapshot = await source.snapshot();
    const state = stored ?? (await source.next(undefined, snapshot, clock.now()));
    const summary = summarizeLicensing(state, snapshot);
    if (stored && this.cache.state === stored) Object.assign(this.cache, { snapshot, summary });
    return { state, snapshot, summary };
  }

  /**
   * The picture this instance last read or processed, without asking the store whether a later run
   * changed it; undefined when it holds none. For a decision's answer, where a store call costs.
   */
  viewInHand(): LicensingView | undefined {
    const { state, snapshot, summary } = this.cache;
    return state && snapshot && summary ? { state, snapshot, summary } : undefined;
  }

  /** Which service plans can't be on together, and which need others (for forecasts made outside). */
  get rules(): ServicePlanRules {
    return this.parts.rules;
  }

  /** Forecasts a membership change (a rule preview) over the picture as of the last run. */
  async impact(change: MembershipChangeSet): Promise<LicenseImpact> {
    return licenseImpact(await this.view(), change, this.parts.clock.now(), this.parts.rules);
  }

  /** When a SKU counts as running low. */
  get lowSeat(): LowSeatSettings {
    return this.parts.lowSeat;
  }

  /** True when seats can be set here (the embedded tenant). */
  get simulatesSeats(): boolean {
    return this.parts.source.setSeats !== undefined;
  }

  /** Sets a SKU's seats (embedded tenant), then runs licensing so waiters get freed seats. */
  async setSeats(skuId: SkuId, seats: number): Promise<SubscribedSku | undefined> {
    const sku = await this.parts.source.setSeats?.(skuId, seats);
    if (sku) await this.process();
    return sku;
  }

  /** Tries waiting members again: asks the directory to (Graph), then runs licensing. */
  async reprocess(userIds: readonly UserId[]): Promise<void> {
    await this.parts.source.reprocess?.(userIds);
    await this.process();
  }

  private async drain(): Promise<void> {
    for (;;) {
      const { done, wanted } = await licensingProgress(this.parts.store);
      if (done >= wanted) return;
      // Another instance holds the lease: it will run again for our request before it lets go.
      if (!(await this.takeLease())) return;
      try {
        await this.runOnce(wanted);
      } catch (error) {
        // A run that did not save leaves the stored state behind the snapshot it read: the next run
        // reads afresh rather than patch from a snapshot the stored state never saw.
        this.resident = undefined;
        throw error;
      } finally {
        await this.releaseLease();
      }
    }
  }

  private async runOnce(covering: number): Promise<void> {
    const { store, source, clock } = this.parts;
    const now = clock.now();
    const started = performance.now();
    const [previous, { snapshot, changed, touched }] = await Promise.all([loadLicensingState(store, this.cache), this.currentSnapshot()]);
    const { summary: kept } = this.cache;
    if (!changed && previous && kept && this.cache.state === previous && this.cache.snapshot === snapshot) {
      // Nothing changed since this instance's last run: only time moved, which only reminders follow.
      await saveLicensingState(store, previous, previous, covering, this.cache);
      Object.assign(this.cache, { snapshot, summary: kept });
      this.rounds.unchanged++;
      await sendLicenseAlerts(this.parts, kept, snapshot, now);
      return;
    }
    const next = await source.next(previous, snapshot, now, touched);
    await saveLicensingState(store, previous, next, covering, this.cache);
    const summary = summarizeLicensing(next, snapshot);
    Object.assign(this.cache, { snapshot, summary });
    const alerts = await sendLicenseAlerts(this.parts, summary, snapshot, now);
    // Approval cards say what approving does to the seats: where seats moved, the waiting ones are told again.
    // What moved is measured from the stored state this run started from (whichever instance ran
    // last), over today's directory, so no instance tells what another already told.
    if (previous) {
      const before = summarizeLicensing(previous, snapshot);
      // Over today's directory, bought seats look unmoved: this instance's last picture, if any, shows them.
      const moved = new Set([...skusWithSeatsMoved(before, summary), ...(kept ? skusWithSeatsMoved(kept, summary) : [])]);
      await refreshSeatLines(this.parts, moved);
      // And the people it concerns hear it: waiting for a seat (and where in line), or a seat theirs at last.
      await tellSeatNews(this.parts, seatNews(before, summary, snapshot));
      // And the owners' closed cards that said they were waiting say they have it now.
      await refreshOutcomeLines(this.parts, before, summary, snapshot);
    }
    this.parts.logger.debug({ users: snapshot.users.length, groups: snapshot.groups.length, alerts, ms: Math.round(performance.now() - started) }, 'licensing processed');
  }

  /**
   * The directory as licensing reads it: the snapshot of an earlier run while the directory counter has
   * not moved (seats re-read, they change outside GroupGate); patched with the records the moves since
   * named, when they are on record; else read afresh (and at least hourly). `changed` is false when
   * it is exactly the earlier run's.
   */
  private async currentSnapshot(): Promise<{ readonly snapshot: LicensingSnapshot; readonly changed: boolean; readonly touched?: LicensingTouchedIds }> {
    // Read before the snapshot: a change made while it is read moves the counter past it, so the next run reads again.
    const version = await readRuleVersion(this.parts.store, 'directory');
    const kept = this.resident;
    const fresh = kept !== undefined && Date.now() - kept.readAt < snapshotRefreshMs;
    if (fresh && kept.version === version) {
      const skus = await this.parts.directory.listSubscribedSkus();
      if (JSON.stringify(skus) === JSON.stringify(kept.snapshot.skus)) return { snapshot: kept.snapshot, changed: false };
      this.resident = { ...kept, snapshot: { ...kept.snapshot, skus } };
      return { snapshot: this.resident.snapshot, changed: true };
    }
    const patched = fresh && this.parts.source.patch ? await this.patched(kept, version) : undefined;
    if (patched) {
      this.resident = { version, snapshot: patched.snapshot, readAt: kept!.readAt };
      this.rounds.patched++;
      // What the patch named is all that moved since the stored state (a later run's, at the latest,
      // read at a version past this snapshot's), so the pools it does not touch keep their records.
      return { snapshot: patched.snapshot, changed: true, touched: touchedSince(kept!.snapshot, patched.snapshot, patched.touched) };
    }
    const snapshot = await this.parts.source.snapshot();
    this.resident = { version, snapshot, readAt: Date.now() };
    this.rounds.read++;
    return { snapshot, changed: true };
  }

  /** The resident snapshot with what the counter's moves since it named read again; undefined when a move is not on record. */
  private async patched(kept: ResidentSnapshot, version: number): Promise<{ readonly snapshot: LicensingSnapshot; readonly touched: LicensingTouched } | undefined> {
    const ids = await changedSince(this.parts.store, 'directory', kept.version, version);
    const touched = ids && touchedFromIds(ids);
    const snapshot = touched && (await this.parts.source.patch?.(kept.snapshot, touched));
    return touched && snapshot ? { snapshot, touched } : undefined;
  }

  private async takeLease(): Promise<boolean> {
    const now = Date.now();
    return this.parts.store.update<Lease, boolean>(licensingKeys.lease, (current) =>
      current && current.holder !== this.id && current.until > now ? { result: false } : { next: { holder: this.id, until: now + leaseMs }, result: true },
    );
  }

  private async releaseLease(): Promise<void> {
    await this.parts.store.update<Lease, void>(licensingKeys.lease, (current) => (current?.holder === this.id ? { next: null, result: undefined } : { result: undefined }));
  }
}
