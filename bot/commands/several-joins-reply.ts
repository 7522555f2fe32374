import { bold, message, plainText, type CardButton, type Line, type MessageView, type Reply } from '../../cards/card-view.js';

/** One group of a `join A, B and C`: the name as typed, and what `join <that group>` alone answered. */
export interface JoinSection {
  readonly name: string;
  readonly reply: Reply;
}

/**
 * The one message answering `join A, B and C`: each group's answer in turn, in the words a single
 * join uses, led by the group's name where the answer does not name it, and every answer's buttons (Did you mean,
 * Cancel) together. A Cancel becomes the typed `cancel R-…` with the group in its title: the
 * message is about several requests, so it is no one request's receipt (a receipt is rewritten
 * whole when its request closes, which would wipe the other groups' lines).
 */
export function severalJoinsReply(sections: readonly JoinSection[]): MessageView {
  const lines = sections.flatMap(({ name, reply }) => {
    const said = reply.flatMap((card) => (card.kind === 'message' ? card.lines : []));
    const [first, ...rest] = said.length > 0 ? said : [["I couldn't answer for this group just now; please ask again."] as Line];
    // Most answers name their group ("Done — you're now a member of Lunch Club"); one that does not (a rate limit) is led by it.
    const named = said.some((line) => plainText(line).toLowerCase().includes(name.toLowerCase()));
    return [named ? first! : [bold(`${name}:`), ' ', ...first!], ...rest];
  });
  const buttons = sections.flatMap(({ name, reply }) => reply.flatMap((card) => (card.kind === 'message' ? (card.buttons ?? []).map((b) => forSeveral(b, name)) : [])));
  const allGood = sections.every(({ reply }) => reply.every((card) => card.kind === 'message' && card.tone === 'good'));
  return message(lines, { ...(buttons.length > 0 ? { buttons } : {}), ...(allGood ? { tone: 'good' as const } : {}) });
}

function forSeveral(button: CardButton, name: string): CardButton {
  return button.action === 'cancel' ? { action: 'run', title: `Cancel ${name}`, command: `cancel ${button.requestId}` } : button;
}
