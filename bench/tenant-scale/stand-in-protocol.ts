// The messages between the benchmark and its Graph stand-in process.
import type { TenantCast } from './synthetic-tenant.js';

export type StandInAsk =
  | { readonly id: number; readonly type: 'calls'; readonly from: number; readonly to: number }
  | { readonly id: number; readonly type: 'change' }
  | { readonly id: number; readonly type: 'stop' };

export type StandInAnswer =
  | { readonly id: 0; readonly type: 'ready'; readonly env: Record<string, string>; readonly cast: TenantCast; readonly buildMs: number; readonly rssMb: number }
  | { readonly id: number; readonly type: 'calls'; readonly count: number; readonly byPath: Record<string, number> }
  | { readonly id: number; readonly type: 'changed' }
  | { readonly id: number; readonly type: 'stopped' };

/** Graph requests served in a window: how many, and how many per path (ids folded). */
export interface GraphCalls {
  readonly count: number;
  readonly byPath: Readonly<Record<string, number>>;
}
