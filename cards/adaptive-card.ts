/** Wraps body elements as an Adaptive Card 1.5 (the newest version Teams renders for bots). */
export function adaptiveCard(body: readonly unknown[], extra: Record<string, unknown> = {}) {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...extra,
  };
}

export type AdaptiveCardJson = ReturnType<typeof adaptiveCard>;

/** A Slack message: fallback text (shown in notifications) and blocks. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: readonly unknown[];
}
