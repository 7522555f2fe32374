import type { AuditLog } from '../../domain/audit/audit-log.js';
import { claimLicenseAlert, markAlertPosted, type StoredAlertState, type UnsentAlert } from '../../domain/licensing/claim-license-alert.js';
import type { LicensingSnapshot } from '../../domain/licensing/licensing-snapshot.js';
import type { LowSeatSettings } from '../../domain/licensing/low-seat-threshold.js';
import type { LicensingSummary } from '../../domain/licensing/summarize-licensing.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { Store } from '../../domain/ports/store.js';
import type { CardLocation } from '../notify/chat-channel.js';
import type { Messenger } from '../notify/messenger.js';
import { licenseAlertView } from '../views/license-alert-view.js';
import { nameBook } from '../views/name-book.js';
import { listAlertChannels } from './alert-channels.js';
import { licensingKeys } from './licensing-records.js';

/** What sending alerts needs. */
export interface AlertParts {
  readonly store: Store;
  readonly messenger: Messenger;
  readonly logger: Logger;
  readonly lowSeat: LowSeatSettings;
  readonly audit: AuditLog;
}

/** How long a claimed alert may go unposted before another run takes it over (its instance is gone). */
const alertGraceMs = 2 * 60_000;

/**
 * After a licensing run: for each SKU, moves its stored alert state with an atomic update that also
 * claims the alert it calls for, if any; only the instance whose update won posts it, to every
 * subscribed channel, then marks it posted. A restart or a second instance never repeats an alert,
 * and a crash between the update and the post loses none: a run more than two minutes later posts it.
 * The cards posted earlier for the same shortfall are edited to the new alert, so none goes on
 * showing old numbers, or a Reprocess button once the shortfall is resolved.
 */
export async function sendLicenseAlerts(parts: AlertParts, summary: LicensingSummary, snapshot: LicensingSnapshot, now: Date): Promise<number> {
  let sent = 0;
  for (const pool of summary.pools) {
    if (pool.sku.appliesTo !== undefined && pool.sku.appliesTo !== 'User') continue;
    const key = licensingKeys.alert(pool.sku.skuId);
    const claimed = await parts.store.update<StoredAlertState, { readonly send: UnsentAlert; readonly earlier: readonly CardLocation[] } | undefined>(key, (current) => {
      const decided = claimLicenseAlert(current, pool, parts.lowSeat, now, alertGraceMs);
      return { ...(decided.next ? { next: decided.next } : {}), result: decided.send ? { send: decided.send, earlier: current?.cards ?? [] } : undefined };
    });
    if (!claimed) continue;
    const claim = claimed.send;
    const card = licenseAlertView(claim.alert, pool, { names: nameBook(snapshot), now, ...(claim.since ? { since: claim.since } : {}) });
    const channels = await listAlertChannels(parts.store);
    // With no channel subscribed nothing goes out: a debug line, not one that reads as an alert sent.
    const log = channels.length > 0 ? parts.logger.info.bind(parts.logger) : parts.logger.debug.bind(parts.logger);
    log({ sku: pool.sku.skuPartNumber, alert: claim.alert.kind, channels: channels.length }, channels.length > 0 ? 'license alert' : 'license alert, no channel subscribed');
    if (channels.length > 0) await parts.audit.append({ action: 'alert.sent', details: { sku: pool.sku.skuPartNumber, alert: claim.alert.kind, channels: channels.length, waiting: pool.waiting.length } });
    const posted = await Promise.all(
      channels.map((address) =>
        parts.messenger.sendToChannel(address, card).then(
          (location) => {
            sent++;
            return location;
          },
          (error: unknown) => parts.logger.warn({ platform: address.platform, err: error }, 'could not post a license alert'),
        ),
      ),
    );
    // The episode's earlier cards show this alert too (failures are logged by updateCard; the card may be gone).
    await Promise.all(claimed.earlier.map((location) => parts.messenger.updateCard(location, card)));
    await parts.store.update<StoredAlertState, void>(key, (current) => {
      const next = markAlertPosted(current, claim.claimedAt, posted.filter((location): location is CardLocation => location !== undefined));
      return { ...(next ? { next } : {}), result: undefined };
    });
  }
  return sent;
}
