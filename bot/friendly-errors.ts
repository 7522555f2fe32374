import { StoreUnavailableError } from '../domain/ports/store.js';
import { message, type Reply } from '../cards/card-view.js';
import type { Logger } from '../domain/ports/logger.js';

/**
 * Runs a turn's work and turns an unexpected failure into words: people never see a stack trace,
 * and the log gets the details with a reference they can quote.
 */
export async function withFriendlyErrors<T>(logger: Logger, work: () => Promise<T>, fallback: (reply: Reply) => T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      logger.warn({ err: error }, 'store unavailable during a turn');
      return fallback([message([["GroupGate can't reach its store right now; nothing was changed — please try again in a moment."]], { tone: 'warning' })]);
    }
    const reference = Math.random().toString(36).slice(2, 8).toUpperCase();
    logger.error({ err: error, reference }, 'turn failed');
    return fallback([message([[`Something went wrong on my side, and nothing was changed. Please try again; if it keeps happening, tell your IT service desk the reference ${reference}.`]], { tone: 'attention' })]);
  }
}
