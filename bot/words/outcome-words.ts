import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import type { JoinRequestTiming } from '../../domain/join-requests/join-request-timing.js';
import { bold, italic, message, type MessageView } from '../../cards/card-view.js';
import { untilLine } from './time-bound-words.js';
import { span } from './time-words.js';

/** The direct message a requester gets when their request is decided or expires (none for their own cancel). */
export function outcomeForRequester(
  request: JoinRequest,
  groupName: string,
  deciderName: string | undefined,
  timing: JoinRequestTiming,
  /** For a time-bound membership: when it ends. */
  timeBound?: { readonly endsAt: string; readonly now: Date },
): MessageView | undefined {
  const who = deciderName ?? 'An owner';
  switch (request.status) {
    case 'approved':
      if (request.notApplied) {
        return message(
          [[`${who} approved your request to join `, bold(groupName), ", but the directory would not add you, so you're not a member:"], [request.notApplied.why], ['Asking again will not help; please contact your IT service desk.']],
          { tone: 'attention' },
        );
      }
      if (timeBound && request.duration) {
        const until = untilLine(timeBound.endsAt, request.approvedDuration ?? request.duration, timeBound.now, request.duration);
        return message([[`✅ ${who} approved your request — you're a member of `, bold(groupName), `${until}.`], ["I'll remind you before it ends."]], { tone: 'good' });
      }
      return message([[`✅ ${who} approved your request — you're now a member of `, bold(groupName), '.']], { tone: 'good' });
    case 'denied':
      return message(
        [[`${who} declined your request to join `, bold(groupName), ...(request.note ? [': ', italic(request.note)] : ['.'])]],
        { tone: 'attention' },
      );
    case 'expired':
      return message([
        ['Your request to join ', bold(groupName), ` expired after ${span(timing.expireAfterMs)} without an answer. You can ask again.`],
      ]);
    case 'cancelled':
    case 'pending':
      return undefined;
  }
}

/**
 * What the requester's receipt (the answer to their ask, with its Cancel button) shows once the
 * request is closed: a line of where it ended, never a button. The outcome itself comes as a
 * message of its own; the receipt only stops offering to cancel what is over.
 */
export function closedReceipt(request: JoinRequest, groupName: string, deciderName: string | undefined): MessageView {
  const who = deciderName ?? 'an owner';
  const ended = (words: string) => message([['Your request to join ', bold(groupName), ` (${request.id}) ${words}.`]]);
  switch (request.status) {
    case 'approved':
      return ended(`was approved by ${who}`);
    case 'denied':
      return ended(`was declined by ${who}`);
    case 'expired':
      return ended('expired without an answer');
    case 'cancelled':
    case 'pending':
      return message([['You cancelled your request to join ', bold(groupName), ` (${request.id}).`]]);
  }
}
