import type { Store } from '../../domain/ports/store.js';
import { handledEventTtlMs, slackKeys } from './slack-keys.js';

/**
 * Claims an Events API delivery by its `event_id`: true for the first delivery, false for a
 * redelivery (`X-Slack-Retry-Num`) or a copy racing on another instance. The store's atomic
 * update makes the claim safe across instances.
 */
export async function claimSlackEvent(store: Store, eventId: string): Promise<boolean> {
  return store.update<{ readonly at: number }, boolean>(
    slackKeys.event(eventId),
    (current) => (current ? { result: false } : { next: { at: Date.now() }, result: true }),
    { ttlMs: handledEventTtlMs },
  );
}
