/**
 * Store keys the Slack adapter owns. All start with `slack:`, so several GroupGate instances
 * behind one store share identity mappings and see each other's handled events.
 */
export const slackKeys = {
  /** Slack user id → directory user id. */
  directoryUser: (slackUserId: string) => `slack:user:${slackUserId}`,
  /** Directory user id → Slack user id, or null when they are not on Slack. */
  slackUser: (userId: string) => `slack:slack-id:${userId}`,
  /** An Events API delivery already handled. */
  event: (eventId: string) => `slack:event:${eventId}`,
};

/** How long a Slack ↔ directory mapping is trusted before it is looked up again. */
export const identityTtlMs = 12 * 60 * 60 * 1000;
/** How long "not on Slack" is remembered; short, so a newcomer becomes reachable soon. */
export const notOnSlackTtlMs = 60 * 60 * 1000;
/** Slack redelivers for about an hour at most (retries after ~0 s, 1 min, 5 min). */
export const handledEventTtlMs = 2 * 60 * 60 * 1000;
