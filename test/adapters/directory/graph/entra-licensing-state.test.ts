import { describe, expect, it } from 'vitest';
import { entraLicensingState } from '../../../../adapters/directory/graph/entra-licensing-state.js';
import type { GraphLicenseAssignmentState } from '../../../../adapters/directory/graph/graph-schemas.js';
import { E5, VISIO, group, user } from '../../../domain/licensing/licensing-fixtures.js';

const byGroup = (groupId: string, skuId: string, state: string, error: string | null): GraphLicenseAssignmentState => ({
  assignedByGroup: groupId, skuId, disabledPlans: [], state, error, lastUpdatedDateTime: '2026-11-01T08:00:00Z',
});
const snapshot = { skus: [E5, VISIO], users: [user('u1'), user('u2'), user('u3')], groups: [group('g-e5', [E5], ['u1', 'u2']), group('g-visio', [VISIO], ['u2', 'u3'])] };
const explained = { processedAt: '2026-12-01T09:00:00Z', groups: {} };

describe("Entra's license states as a licensing state", () => {
  it('sorts each group’s members by their own states, in one pass over every user', () => {
    const states = new Map([
      ['u1', [byGroup('g-e5', E5.skuId, 'Active', null)]],
      ['u2', [byGroup('g-e5', E5.skuId, 'Error', 'CountViolation'), byGroup('g-visio', VISIO.skuId, 'Active', 'None')]],
      ['u3', [byGroup('g-visio', VISIO.skuId, 'Active', null)]],
    ]);

    const state = entraLicensingState({ previous: undefined, snapshot, states, explained, now: new Date('2026-12-01T09:00:00Z') });

    expect(Object.keys(state.groups['g-e5']!.active)).toEqual(['u1']);
    expect(Object.keys(state.groups['g-e5']!.failing)).toEqual(['u2']);
    expect(Object.keys(state.groups['g-visio']!.active)).toEqual(['u2', 'u3']);
  });

  it('keeps the record of a group whose states did not move, so the store rewrites only the group that changed', () => {
    const states = new Map([
      ['u1', [byGroup('g-e5', E5.skuId, 'Active', null)]],
      ['u3', [byGroup('g-visio', VISIO.skuId, 'Active', null)]],
    ]);
    const first = entraLicensingState({ previous: undefined, snapshot, states, explained, now: new Date('2026-12-01T09:00:00Z') });

    const moved = new Map([...states, ['u2', [byGroup('g-visio', VISIO.skuId, 'Active', null)]]]);
    const next = entraLicensingState({ previous: first, snapshot, states: moved, explained, now: new Date('2026-12-01T10:00:00Z') });

    expect(next.groups['g-e5']).toBe(first.groups['g-e5']);
    expect(next.groups['g-visio']).not.toBe(first.groups['g-visio']);
    expect(Object.keys(next.groups['g-visio']!.active)).toEqual(['u3', 'u2']);
  });
});
