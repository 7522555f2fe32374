import type { Clock } from '../../domain/ports/clock.js';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start = '2026-11-30T09:00:00Z') {
    this.current = Date.parse(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves time forward by `ms`. */
  advance(ms: number): void {
    this.current += ms;
  }
}

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
export const days = (n: number) => n * 86_400_000;
