/** When a SKU counts as running low: free seats under the larger of a share of its seats and a minimum. */
export interface LowSeatSettings {
  readonly percent: number;
  readonly minimum: number;
}

export const defaultLowSeatSettings: LowSeatSettings = { percent: 5, minimum: 5 };

/** True when `free` of `total` seats is under the threshold. A SKU with no seats and no use is not "low". */
export function isLowOnSeats(total: number, used: number, free: number, settings: LowSeatSettings): boolean {
  if (total === 0 && used === 0) return false;
  return free < Math.max((total * settings.percent) / 100, settings.minimum);
}
