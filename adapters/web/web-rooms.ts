/** A shared web room: the web chat's stand-in for a Teams or Slack channel. */
export interface WebRoom {
  readonly id: string;
  readonly name: string;
  readonly purpose: string;
}

/** The rooms the page shows. One is enough to post channel messages (alerts) somewhere real. */
export const webRooms: readonly WebRoom[] = [
  { id: 'alerts', name: '#alerts', purpose: 'A shared room everyone on the web chat sees, like a Teams or Slack channel.' },
];

/** Where a web message lives: a person's direct chat with GroupGate, or a room. */
export type WebConversationKey = `dm:${string}` | `room:${string}`;

/** The direct chat between GroupGate and one person. */
export const directChat = (userId: string): WebConversationKey => `dm:${userId}`;

/** A room's conversation, or undefined when there is no such room. */
export function roomChat(roomId: string): WebConversationKey | undefined {
  return webRooms.some((room) => room.id === roomId) ? `room:${roomId}` : undefined;
}
