import type { Config } from '../config.js';
import { defaultRateLimits, type RateLimits } from './rate-limiter.js';

/** How much one person may ask of GroupGate: rates per person, and how long one rule preview may run. */
export interface UsageLimits {
  readonly rates: RateLimits;
  readonly previewBudgetMs: number;
}

export const defaultUsageLimits: UsageLimits = { rates: defaultRateLimits, previewBudgetMs: 2_000 };

const minute = 60_000;

/** The limits configuration asks for (RATE_LIMIT_*, PREVIEW_TIME_BUDGET). */
export function usageLimitsFrom(config: Pick<Config, 'RATE_LIMIT_COMMANDS_PER_MINUTE' | 'RATE_LIMIT_JOIN_REQUESTS_PER_HOUR' | 'RATE_LIMIT_PREVIEWS_PER_MINUTE' | 'PREVIEW_TIME_BUDGET'>): UsageLimits {
  return {
    rates: {
      command: { limit: config.RATE_LIMIT_COMMANDS_PER_MINUTE, windowMs: minute },
      joinRequest: { limit: config.RATE_LIMIT_JOIN_REQUESTS_PER_HOUR, windowMs: 60 * minute },
      preview: { limit: config.RATE_LIMIT_PREVIEWS_PER_MINUTE, windowMs: minute },
    },
    previewBudgetMs: config.PREVIEW_TIME_BUDGET,
  };
}
