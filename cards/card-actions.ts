/** Every action id GroupGate puts on a card, in one place. Clicks carrying anything else are refused. */
export const CardActions = {
  approve: 'join-request.approve',
  deny: 'join-request.deny',
  cancel: 'join-request.cancel',
  run: 'command.run',
  applyRule: 'rule-proposal.apply',
  cancelRule: 'rule-proposal.cancel',
  confirmChange: 'member-change.confirm',
  cancelChange: 'member-change.cancel',
  reviewKeep: 'access-review.keep',
  reviewRemove: 'access-review.remove',
  reviewKeepRest: 'access-review.keep-rest',
  reviewPage: 'access-review.page',
} as const;

export type CardActionId = (typeof CardActions)[keyof typeof CardActions];
