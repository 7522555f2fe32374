import { PermanentWriteRefusal } from '../domain/ports/permanent-write-refusal.js';
import { StoreUnavailableError } from '../domain/ports/store.js';
import { message, type Reply } from '../cards/card-view.js';
import type { Logger } from '../domain/ports/logger.js';

/** What people are told, on every surface, while the store (Redis) is out of reach. */
export const storeUnreachableWords = "GroupGate can't reach its store right now; nothing was changed — please try again in a moment.";

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
      return fallback([message([[storeUnreachableWords]], { tone: 'warning' })]);
    }
    if (error instanceof PermanentWriteRefusal) {
      // The directory's own words say what is wrong and where to change it instead.
      logger.info({ err: error }, 'the directory refused a write');
      return fallback([message([[error.message]], { tone: 'attention' })]);
    }
    const reference = Math.random().toString(36).slice(2, 8).toUpperCase();
    logger.error({ err: error, reference }, 'turn failed');
    return fallback([message([[`Something went wrong on my side, and nothing was changed. Please try again; if it keeps happening, tell your IT service desk the reference ${reference}.`]], { tone: 'attention' })]);
  }
}
