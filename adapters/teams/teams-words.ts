import { code, message } from '../../cards/card-view.js';

/** What GroupGate says in Teams that only Teams needs; everything else comes from bot/. */
export const teamsWords = {
  /** The sender has no Entra object id, or it is not in the directory GroupGate reads. */
  unknownPerson: message(
    [["I can't find your account in the directory GroupGate works with, so I can't act for you. If you joined recently, try again later; otherwise ask your IT service desk."]],
    { tone: 'warning' },
  ),
  /** The first words after someone installs GroupGate in personal scope. */
  welcome: message(
    [
      ["Hi, I'm GroupGate. Ask me to join a Microsoft 365 group (", code('join Atlas Project because …'), ') and I ask its owners; owners approve with one click on the card I send them here.'],
      ['Type ', code('help'), ' to see what you can do, or ', code('groups'), ' to find a group.'],
    ],
    { title: 'Welcome to GroupGate' },
  ),
  /** Teams refreshed a card by itself; GroupGate cards change only when someone decides. */
  nothingToRefresh: 'This card updates by itself when someone decides; there is nothing to refresh.',
  /** A button's answer went into the chat as new messages. */
  answeredInChat: 'My answer is in the chat.',
} as const;
