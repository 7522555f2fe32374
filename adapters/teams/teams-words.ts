import { message } from '../../cards/card-view.js';

/** What GroupGate says in Teams that only Teams needs; everything else comes from bot/. */
export const teamsWords = {
  /** The sender has no Entra object id, or it is not in the directory GroupGate reads. */
  unknownPerson: message(
    [["I can't find your account in the directory GroupGate works with, so I can't act for you. If you joined recently, try again later; otherwise ask your IT service desk."]],
    { tone: 'warning' },
  ),
  /** Teams refreshed a card by itself; GroupGate cards change only when someone decides. */
  nothingToRefresh: 'This card updates by itself when someone decides; there is nothing to refresh.',
  /** A button's answer went into the chat as new messages. */
  answeredInChat: 'My answer is in the chat.',
} as const;
