import type { AuditLog } from '../../domain/audit/audit-log.js';
import { decideLicenseAlert, type AlertDecision, type LicenseAlertState } from '../../domain/licensing/decide-license-alert.js';
import type { LicensingSnapshot } from '../../domain/licensing/licensing-snapshot.js';
import type { LowSeatSettings } from '../../domain/licensing/low-seat-threshold.js';
import type { LicensingSummary } from '../../domain/licensing/summarize-licensing.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { Store } from '../../domain/ports/store.js';
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

/**
 * After a licensing run: for each SKU, moves its stored alert state with an atomic update and, if
 * that update made a transition that calls for a message, posts it to every subscribed channel.
 * Only the instance whose update won sends, so a restart or a second instance never repeats one
 * (a crash between the update and the post loses that message rather than doubling it).
 */
export async function sendLicenseAlerts(parts: AlertParts, summary: LicensingSummary, snapshot: LicensingSnapshot, now: Date): Promise<number> {
  let sent = 0;
  for (const pool of summary.pools) {
    if (pool.sku.appliesTo !== undefined && pool.sku.appliesTo !== 'User') continue;
    const decision = await parts.store.update<LicenseAlertState, AlertDecision>(licensingKeys.alert(pool.sku.skuId), (current) => {
      const decided = decideLicenseAlert(current, pool, parts.lowSeat, now);
      return { ...(decided.next ? { next: decided.next } : {}), result: decided };
    });
    if (!decision.alert) continue;
    const since = decision.alert.kind === 'shortfallResolved' ? decision.alert.since : decision.next?.since;
    const card = licenseAlertView(decision.alert, pool, { names: nameBook(snapshot), now, ...(since ? { since } : {}) });
    const channels = await listAlertChannels(parts.store);
    parts.logger.info({ sku: pool.sku.skuPartNumber, alert: decision.alert.kind, channels: channels.length }, 'license alert');
    if (channels.length > 0) await parts.audit.append({ action: 'alert.sent', details: { sku: pool.sku.skuPartNumber, alert: decision.alert.kind, channels: channels.length, waiting: pool.waiting.length } });
    await Promise.all(
      channels.map((address) =>
        parts.messenger.sendToChannel(address, card).then(
          () => sent++,
          (error: unknown) => parts.logger.warn({ platform: address.platform, err: error }, 'could not post a license alert'),
        ),
      ),
    );
  }
  return sent;
}
