import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LicensingSnapshot } from '../../../domain/licensing/licensing-snapshot.js';
import type { LicensingState } from '../../../domain/licensing/licensing-state.js';
import { processLicensing } from '../../../domain/licensing/process-licensing.js';
import { summarizeLicensing } from '../../../domain/licensing/summarize-licensing.js';
import { tenant } from './random-tenant.js';

const holders = (state: LicensingState, snap: LicensingSnapshot) => new Map(summarizeLicensing(state, snap).pools.map((p) => [p.sku.skuId, p]));

describe('licensing invariants, for any small tenant', () => {
  it('never gives a new seat past capacity, and nobody waits while seats are free', () => {
    fc.assert(
      fc.property(tenant, (snap) => {
        const state = processLicensing(undefined, snap, new Date('2026-12-01T09:00:00Z'));
        for (const pool of holders(state, snap).values()) {
          const direct = snap.users.filter((u) => u.assignedLicenses?.some((l) => l.skuId === pool.sku.skuId)).length;
          expect(pool.used).toBeLessThanOrEqual(Math.max(pool.total, direct));
          if (pool.waiting.length > 0) expect(pool.free).toBe(0);
        }
      }),
    );
  });

  it("licenses each member with all of a group's SKUs or none of them", () => {
    fc.assert(
      fc.property(tenant, (snap) => {
        const state = processLicensing(undefined, snap, new Date('2026-12-01T09:00:00Z'));
        const pools = holders(state, snap);
        for (const g of snap.groups) {
          for (const member of g.members) {
            const active = state.groups[g.id]!.active[member] !== undefined;
            expect(active || state.groups[g.id]!.failing[member] !== undefined).toBe(true);
            if (active) for (const l of g.assignedLicenses) expect(pools.get(l.skuId)!.holders).toContain(member);
          }
        }
      }),
    );
  });

  it('keeps what it gave across membership changes, and gives new seats only from what is free', () => {
    fc.assert(
      fc.property(fc.array(tenant, { minLength: 2, maxLength: 5 }), (steps) => {
        const skus = steps[0]!.skus;
        let state: LicensingState | undefined;
        let before = new Map<string, Set<string>>();
        steps.forEach((step, i) => {
          const snap = { ...step, skus, users: steps[0]!.users };
          state = processLicensing(state, snap, new Date(Date.UTC(2026, 11, 1, 9, i)));
          const now = holders(state, snap);
          for (const pool of now.values()) {
            const kept = pool.holders.filter((id) => before.get(pool.sku.skuId)?.has(id)).length;
            expect(pool.used).toBeLessThanOrEqual(Math.max(pool.total, kept, snap.users.filter((u) => u.assignedLicenses?.some((l) => l.skuId === pool.sku.skuId)).length));
          }
          before = new Map([...now].map(([id, pool]) => [id, new Set(pool.holders)]));
        });
      }),
    );
  });

  it('is a fixpoint: processing the same directory again changes nothing', () => {
    fc.assert(
      fc.property(tenant, (snap) => {
        const once = processLicensing(undefined, snap, new Date('2026-12-01T09:00:00Z'));
        expect(processLicensing(once, snap, new Date('2026-12-01T10:00:00Z')).groups).toEqual(once.groups);
      }),
    );
  });
});
