import type { SkuId, UserId } from '../model/ids.js';
import type { SubscribedSku } from '../model/subscribed-sku.js';
import type { LicensingTouched } from './licensing-changes.js';
import type { LicensingSnapshot } from './licensing-snapshot.js';
import type { LicensingState } from './licensing-state.js';
import type { LicensingTouchedIds } from './untouched-groups.js';

/**
 * Where licensing states come from. For the embedded tenant GroupGate is Entra: it computes the
 * next state itself (`processLicensing`). A Graph directory feeds Entra's own states in instead:
 * it reads `licenseAssignmentStates` and returns them in this shape, keeping `since` from
 * `previous` for members still waiting. Everything downstream (seats, alerts, cards) is the same.
 */
export interface LicenseStateSource {
  /** The directory as licensing reads it. */
  snapshot(): Promise<LicensingSnapshot>;
  /**
   * The snapshot brought up to date by reading again only the records a change named (a few reads
   * for a few changes, where `snapshot()` lists the tenant). Without it, every change reads afresh.
   */
  readonly patch?: (snapshot: LicensingSnapshot, touched: LicensingTouched) => Promise<LicensingSnapshot>;
  /**
   * The next state from the previous one and a snapshot; with `touched` (what changed since the
   * previous state, when known), the pools nothing touched keep their records (`untouchedGroups`).
   */
  next(previous: LicensingState | undefined, snapshot: LicensingSnapshot, now: Date, touched?: LicensingTouchedIds): Promise<LicensingState>;
  /** Embedded tenant only: buys or cancels seats (Graph: seats are bought in the Microsoft 365 admin center). */
  readonly setSeats?: (skuId: SkuId, seats: number) => Promise<SubscribedSku | undefined>;
  /** Graph: asks Entra to try these users again (`POST /users/{id}/reprocessLicenseAssignment`); embedded runs retry everyone anyway. */
  readonly reprocess?: (userIds: readonly UserId[]) => Promise<void>;
}
