import { userId } from '../../domain/model/ids.js';
import type { GroupGate } from '../../bot/group-gate.js';
import type { Turn } from '../../bot/turn.js';
import { directChat, roomChat, webRooms, type WebConversationKey } from './web-rooms.js';

/** A refusal to answer with: HTTP status and words. */
export interface WebProblem {
  readonly status: 404;
  readonly message: string;
}

/** Who is acting in the page and in which conversation, or why not. */
export type WebTurn = { readonly ok: true; readonly turn: Turn; readonly conversation: WebConversationKey } | { readonly ok: false; readonly problem: WebProblem };

/**
 * The Turn for a web request. The person is whoever the page says (that is the point of the
 * local web chat, and why every route is loopback-only), looked up fresh in the directory.
 */
export async function webTurn(gate: GroupGate, as: string, where: string): Promise<WebTurn> {
  const actor = await gate.directory.getUser(userId(as));
  if (!actor || actor.accountEnabled === false) {
    return { ok: false, problem: { status: 404, message: `There is no one with id "${as}" in the directory; pick someone from /web/api/people.` } };
  }
  if (where === 'direct') {
    const conversation = webConversationOf(actor.id, where)!;
    return { ok: true, conversation, turn: { actor, platform: 'web', conversation: { platform: 'web', id: conversation, kind: 'personal' } } };
  }
  const room = webRooms.find((r) => r.id === where);
  const conversation = webConversationOf(actor.id, where);
  if (!room || !conversation) {
    return { ok: false, problem: { status: 404, message: `There is no room "${where}"; the rooms are ${webRooms.map((r) => r.id).join(', ')}.` } };
  }
  return { ok: true, conversation, turn: { actor, platform: 'web', conversation: { platform: 'web', id: room.id, name: room.name, kind: 'channel' } } };
}

/** The conversation a web request names: `as`'s direct chat with GroupGate, or a room (undefined for no room). */
export function webConversationOf(as: string, where: string): WebConversationKey | undefined {
  return where === 'direct' ? directChat(as) : roomChat(where);
}
