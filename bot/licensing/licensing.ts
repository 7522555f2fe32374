import { randomUUID } from 'node:crypto';
import { licenseImpact, type LicenseImpact, type MembershipChangeSet } from '../../domain/licensing/license-impact.js';
import { newMemberImpact } from '../../domain/licensing/new-member-impact.js';
import type { LicenseStateSource } from '../../domain/licensing/license-state-source.js';
import type { LicensingSnapshot } from '../../domain/licensing/licensing-snapshot.js';
import type { LicensingState } from '../../domain/licensing/licensing-state.js';
import type { LowSeatSettings } from '../../domain/licensing/low-seat-threshold.js';
import type { ServicePlanRules } from '../../domain/licensing/service-plan-rules.js';
import { summarizeLicensing, type LicensingSummary } from '../../domain/licensing/summarize-licensing.js';
import { assignsLicenses } from '../../domain/model/directory-group.js';
import { isGuest } from '../../domain/model/directory-user.js';
import type { SkuId, UserId } from '../../domain/model/ids.js';
import type { SubscribedSku } from '../../domain/model/subscribed-sku.js';
import type { MembershipListener } from '../../domain/ports/membership-events.js';
import type { GroupGate } from '../group-gate.js';
import { licenseImpactLine } from '../views/license-impact-line.js';
import { nameBook } from '../views/name-book.js';
import { licensingKeys, licensingProgress, loadLicensingState, saveLicensingState, type LicensingStateCache } from './licensing-records.js';
import { sendLicenseAlerts } from './send-license-alerts.js';

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

/**
 * Group-based licensing in the running bot: runs (after membership changes, seat changes, on a
 * schedule) store the state and send alerts; views and forecasts read it.
 */
export class Licensing {
  private readonly id = randomUUID();
  private queue: Promise<void> = Promise.resolve();
  private readonly cache: LicensingStateCache = {};

  constructor(private readonly parts: LicensingParts) {}

  /** Hooks into the core: a run after each membership change of a licensing group, and the license line on approval cards. */
  attach(listeners: MembershipListener[]): void {
    listeners.push(async (event) => {
      const group = await this.parts.directory.getGroup(event.groupId);
      if (group && assignsLicenses(group)) this.parts.background.run('licensing', () => this.process());
    });
    this.parts.messenger.licenseImpact = async (request) => {
      const [group, requester] = await Promise.all([this.parts.directory.getGroup(request.groupId), this.parts.directory.getUser(request.requesterId)]);
      if (!group || !assignsLicenses(group) || !requester) return undefined;
      const view = await this.view();
      const impact = newMemberImpact(view, requester, request.groupId, this.parts.rules);
      return licenseImpactLine(impact, { name: requester.displayName, guest: isGuest(requester) }, nameBook(view.snapshot).sku);
    };
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
      } finally {
        await this.releaseLease();
      }
    }
  }

  private async runOnce(covering: number): Promise<void> {
    const { store, source, clock } = this.parts;
    const now = clock.now();
    const started = performance.now();
    const [previous, snapshot] = await Promise.all([loadLicensingState(store, this.cache), source.snapshot()]);
    const next = await source.next(previous, snapshot, now);
    await saveLicensingState(store, previous, next, covering, this.cache);
    const summary = summarizeLicensing(next, snapshot);
    Object.assign(this.cache, { snapshot, summary });
    const alerts = await sendLicenseAlerts(this.parts, summary, snapshot, now);
    this.parts.logger.debug({ users: snapshot.users.length, groups: snapshot.groups.length, alerts, ms: Math.round(performance.now() - started) }, 'licensing processed');
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
