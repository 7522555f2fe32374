import { membershipDurationFromMs } from '../group-management/membership-duration.js';

/** A length of time as ISO 8601 ("P3D", "PT8H", "PT45M"), whatever its size. */
export function isoDuration(ms: number): string {
  const duration = membershipDurationFromMs(ms);
  return duration.ok ? duration.value : `PT${Math.round(ms / 60_000)}M`;
}
