import type { CardView } from '../../cards/card-view.js';
import type { CardLocation } from '../../domain/join-requests/join-request.js';
import { parseJoinRequestId } from '../../domain/join-requests/join-request-id.js';
import { recordShownCards, type ShownCard } from '../../domain/join-requests/shown-cards.js';
import type { UserId } from '../../domain/model/ids.js';
import type { GroupGate } from '../group-gate.js';

/** A card of a reply as an adapter posted it: where it landed, when the platform lets it be edited later. */
export interface PostedCard {
  readonly card: CardView;
  readonly location?: CardLocation;
}

/**
 * After an adapter posted a reply: the cards in it about one join request (an approval card that
 * `pending` showed, the receipt with Cancel that answered an ask) are recorded on their requests,
 * in the background, so the request's close edits them like every other copy.
 */
export function rememberShownCards(gate: Pick<GroupGate, 'requests' | 'background'>, viewerId: UserId, posted: readonly PostedCard[]): void {
  const shown = shownCardsOf(viewerId, posted);
  if (shown.length > 0) gate.background.run('record shown cards', () => recordShownCards(gate.requests, shown));
}

/** The posted cards that show one join request, with where they landed. */
export function shownCardsOf(viewerId: UserId, posted: readonly PostedCard[]): ShownCard[] {
  return posted.flatMap(({ card, location }): ShownCard[] => {
    if (!location) return [];
    const about = requestShownBy(card);
    const requestId = about ? parseJoinRequestId(about.requestId) : undefined;
    return about && requestId ? [{ requestId, userId: viewerId, location, as: about.as }] : [];
  });
}

/** An approval card, or a message whose one request button is Cancel (the receipt): the request it shows. */
function requestShownBy(card: CardView): { readonly requestId: string; readonly as: ShownCard['as'] } | undefined {
  if (card.kind === 'approval') return { requestId: card.requestId, as: 'approval' };
  if (card.kind !== 'message') return undefined;
  const requestButtons = (card.buttons ?? []).flatMap((button) => (button.action === 'approve' || button.action === 'deny' || button.action === 'cancel' ? [button] : []));
  const [only] = requestButtons;
  return requestButtons.length === 1 && only?.action === 'cancel' ? { requestId: only.requestId, as: 'receipt' } : undefined;
}
