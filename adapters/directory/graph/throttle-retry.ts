import { setTimeout as sleep } from 'node:timers/promises';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/** How hard GroupGate tries again when Graph is busy. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** The longest single wait; Graph asking for more means "give up for now". */
  readonly maxWaitMs: number;
  /** The first back-off when Graph names no wait; doubles each retry. */
  readonly baseDelayMs: number;
  /** How long one attempt may take before it counts as failed. */
  readonly attemptTimeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 4, maxWaitMs: 120_000, baseDelayMs: 1_000, attemptTimeoutMs: 30_000 };

/** What a retry is about to do, for the log. */
export interface RetryNotice {
  readonly status: number | 'network';
  readonly attempt: number;
  readonly waitMs: number;
  readonly retryAfter: string | null;
  /** Graph's `x-ms-throttle-scope` and `x-ms-throttle-information`, when it sent them. */
  readonly scope: string | null;
  readonly information: string | null;
}

// Throttled (429), unavailable (503) and gateway timeout (504): the answers B.5 says to wait out.
const retryable = new Set([429, 503, 504]);

/**
 * How long to wait before retry `attempt` (1 = the first retry), or undefined to stop. Graph's
 * Retry-After (seconds or an HTTP date) is honoured with a little jitter, so clients throttled
 * together do not return together; without it, exponential back-off with jitter.
 */
export function retryDelayMs(retryAfter: string | null, attempt: number, policy: RetryPolicy, random: () => number = Math.random, now = Date.now()): number | undefined {
  if (attempt > policy.maxRetries) return undefined;
  const asked = parseRetryAfter(retryAfter, now);
  if (asked !== undefined) {
    if (asked > policy.maxWaitMs) return undefined;
    return Math.round(asked + random() * Math.min(1_000, Math.max(100, asked * 0.1)));
  }
  const ceiling = Math.min(policy.maxWaitMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1_000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A Graph client middleware that waits out 429/503/504 answers and network failures, bounded by
 * the policy; the last answer (or error) reaches the caller when the retries run out. Every
 * attempt has its own timeout. Requests are safe to repeat: reads, `$ref` writes (a repeated add
 * answers "already exist", a repeated remove 404) and PATCH.
 */
export class ThrottleRetry implements Middleware {
  private next: Middleware | undefined;
  private readonly closed = new AbortController();

  constructor(
    private readonly policy: RetryPolicy,
    private readonly notice: (notice: RetryNotice) => void,
  ) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('ThrottleRetry needs a next middleware');
    for (let attempt = 1; ; attempt++) {
      context.options = { ...context.options, signal: AbortSignal.any([AbortSignal.timeout(this.policy.attemptTimeoutMs), this.closed.signal]) };
      let failure: unknown;
      try {
        await this.next.execute(context);
      } catch (error) {
        failure = error;
      }
      const response = failure === undefined ? context.response : undefined;
      if (response && !retryable.has(response.status)) return;
      const retryAfter = response?.headers.get('retry-after') ?? null;
      const waitMs = this.closed.signal.aborted ? undefined : retryDelayMs(retryAfter, attempt, this.policy);
      if (waitMs === undefined) {
        if (failure !== undefined) throw failure;
        return;
      }
      this.notice({
        status: response?.status ?? 'network', attempt, waitMs, retryAfter,
        scope: response?.headers.get('x-ms-throttle-scope') ?? null,
        information: response?.headers.get('x-ms-throttle-information') ?? null,
      });
      // Read the refused answer's body, so its connection goes back to the pool.
      await response?.arrayBuffer().catch(() => undefined);
      await sleep(waitMs, undefined, { signal: this.closed.signal }).catch(() => undefined);
    }
  }

  /**
   * Waits before retry `attempt` of work Graph refused inside a `$batch` answer (where the outer
   * answer is a 200), by the same policy; false when the retries are used up or the client closed.
   */
  async backOff(retryAfter: string | null, attempt: number): Promise<boolean> {
    const waitMs = this.closed.signal.aborted ? undefined : retryDelayMs(retryAfter, attempt, this.policy);
    if (waitMs === undefined) return false;
    this.notice({ status: 429, attempt, waitMs, retryAfter, scope: 'batch', information: null });
    await sleep(waitMs, undefined, { signal: this.closed.signal }).catch(() => undefined);
    return !this.closed.signal.aborted;
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  /** Stops waiting: a request in a back-off ends with its last answer. */
  close(): void {
    this.closed.abort();
  }
}
