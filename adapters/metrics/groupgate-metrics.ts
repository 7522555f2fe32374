import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { LicensingSummary } from '../../domain/licensing/summarize-licensing.js';
import type { GraphObserver } from '../directory/graph/graph-observer.js';

/** How a person's message or click ended, as the core answered it. */
export type TurnOutcome = 'ok' | 'refused' | 'error';

/**
 * Every metric one running GroupGate exposes at /metrics, on a registry of its own: tests run
 * several instances in one process, and prom-client's global registry would mix their counts.
 * Labels carry kinds and outcomes only, never names, ids or group names.
 */
export class GroupGateMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: 'groupgate_requests_total', help: 'Messages and card clicks from people, by platform, kind and outcome', labelNames: ['platform', 'kind', 'outcome'] as const, registers: [this.registry] });
  readonly clickDuration = new Histogram({
    name: 'groupgate_click_duration_seconds', help: 'A card click from the core receiving it to its decision stored and answered', labelNames: ['platform'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [this.registry],
  });
  readonly storeOperations = new Counter({ name: 'groupgate_store_operations_total', help: 'Store calls, by operation', labelNames: ['operation'] as const, registers: [this.registry] });
  readonly storeRoundTrips = new Counter({ name: 'groupgate_store_round_trips_total', help: 'Round trips to the store: calls sent together (in one turn of the event loop) count once', registers: [this.registry] });
  readonly storeErrors = new Counter({ name: 'groupgate_store_errors_total', help: 'Store calls that failed, by operation', labelNames: ['operation'] as const, registers: [this.registry] });
  readonly graphRequests = new Counter({ name: 'groupgate_graph_requests_total', help: 'HTTP requests to Microsoft Graph (pages and $batch included), by method and status (HTTP code or "network")', labelNames: ['method', 'status'] as const, registers: [this.registry] });
  readonly graphErrors = new Counter({ name: 'groupgate_graph_errors_total', help: 'Failed Microsoft Graph requests, by reason', labelNames: ['reason'] as const, registers: [this.registry] });
  readonly syncRoundDuration = new Histogram({
    name: 'groupgate_sync_round_duration_seconds', help: 'Microsoft Graph sync rounds, by kind (full or delta)', labelNames: ['kind'] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600], registers: [this.registry],
  });
  readonly syncRounds = new Counter({ name: 'groupgate_sync_rounds_total', help: 'Microsoft Graph sync rounds, by kind and outcome', labelNames: ['kind', 'outcome'] as const, registers: [this.registry] });
  readonly pendingRequests = new Gauge({ name: 'groupgate_pending_requests', help: 'Join requests waiting for an owner, as the last sweep counted them', registers: [this.registry] });
  readonly shortfallSkus = new Gauge({ name: 'groupgate_license_shortfall_skus', help: 'SKUs with fewer seats than group-based licensing needs, as the last licensing run saw them', registers: [this.registry] });
  readonly unlicensedMembers = new Gauge({ name: 'groupgate_unlicensed_members', help: 'Group members waiting for a license, as the last licensing run saw them', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

/** The Graph client's hooks, counted on these metrics. */
export function graphObserver(metrics: GroupGateMetrics): GraphObserver {
  return {
    request: (method, status) => metrics.graphRequests.inc({ method, status }),
    failed: (reason) => metrics.graphErrors.inc({ reason }),
    syncRound: (kind, outcome, seconds) => {
      metrics.syncRounds.inc({ kind, outcome });
      metrics.syncRoundDuration.observe({ kind }, seconds);
    },
  };
}

/** The licensing gauges from a run's summary (already computed by the run: nothing is listed for them). */
export function setLicensingGauges(metrics: GroupGateMetrics, summary: LicensingSummary): void {
  const short = summary.pools.filter((pool) => pool.waiting.length > 0);
  metrics.shortfallSkus.set(short.length);
  metrics.unlicensedMembers.set(new Set(short.flatMap((pool) => pool.waiting)).size);
}
