import { message, type MessageView } from '../../cards/card-view.js';
import type { RateLimitKind } from './rate-limiter.js';

/** "a minute", "2 minutes", "an hour": rounded up, so the person never comes back too early. */
function waitWords(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes === 1) return 'a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? 'an hour' : `${hours} hours`;
}

/** What a person is told when they hit a rate limit; nothing was done, and they can simply try later. */
export function rateLimitWords(kind: RateLimitKind, retryAfterMs: number): MessageView {
  const wait = waitWords(retryAfterMs);
  switch (kind) {
    case 'command':
      return message([[`You've sent a lot of commands; please wait ${wait}.`]], { tone: 'warning' });
    case 'joinRequest':
      return message([[`You've asked to join a lot of groups lately, so I didn't send this one to the owners. Please wait ${wait} and ask again.`]], { tone: 'warning' });
    case 'preview':
      return message([[`You've run a lot of rule previews; please wait ${wait} before the next one.`]], { tone: 'warning' });
  }
}
