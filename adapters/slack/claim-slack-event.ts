import { StoreUnavailableError, type Store } from '../../domain/ports/store.js';
import { handledEventTtlMs, slackKeys } from './slack-keys.js';

/**
 * Claims an Events API delivery by its `event_id`: true for the first delivery, false for a
 * redelivery (`X-Slack-Retry-Num`) or a copy racing on another instance. The store's atomic
 * update makes the claim safe across instances. With the store out of reach every delivery is
 * handled (fail open), so the person hears why nothing happened.
 */
export async function claimSlackEvent(store: Store, eventId: string): Promise<boolean> {
  try {
    return await store.update<{ readonly at: number }, boolean>(
      slackKeys.event(eventId),
      (current) => (current ? { result: false } : { next: { at: Date.now() }, result: true }),
      { ttlMs: handledEventTtlMs },
    );
  } catch (error) {
    // Store out of reach: the event was acked already, so dropping it would leave the person
    // unanswered; the handler tells them the store is out of reach instead (a copy at worst says it twice).
    if (error instanceof StoreUnavailableError) return true;
    throw error;
  }
}
