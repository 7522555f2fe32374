const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Reads a duration people write ("90s", "15m", "8h", "2d", "2w") as milliseconds; undefined if it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$/i.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * units[match[2]!.toLowerCase()]!;
  return ms > 0 && Number.isFinite(ms) ? ms : undefined;
}
