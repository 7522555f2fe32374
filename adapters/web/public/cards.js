// Renders GroupGate's Adaptive Cards with the official renderer (the global AdaptiveCards from adaptivecards.min.js).

const hostConfig = new AdaptiveCards.HostConfig({
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 14, large: 20, extraLarge: 28, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#e5e7eb' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  containerStyles: {
    default: {
      backgroundColor: '#ffffff',
      foregroundColors: {
        default: { default: '#1f2937', subtle: '#6b7280' },
        accent: { default: '#2563eb', subtle: '#3b82f6' },
        good: { default: '#15803d', subtle: '#16a34a' },
        warning: { default: '#b45309', subtle: '#d97706' },
        attention: { default: '#b91c1c', subtle: '#dc2626' },
      },
    },
  },
  actions: { maxActions: 6, spacing: 'default', buttonSpacing: 8, actionsOrientation: 'horizontal', actionAlignment: 'left', showCard: { actionMode: 'inline' } },
});

// GroupGate's card text is plain (spans become TextRuns); say so, rather than have the renderer warn on every card.
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (_text, result) => {
  result.didProcess = false;
};

/**
 * Renders one card. `onExecute(verb, data)` gets Action.Execute clicks: verb is GroupGate's action
 * id, data its ids plus the card's inputs (e.g. the Deny note) — what Teams sends in an invoke.
 */
export function renderCard(json, onExecute) {
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = hostConfig;
  card.onExecuteAction = (action) => {
    if (action instanceof AdaptiveCards.ExecuteAction) onExecute(action.verb, action.data || {});
  };
  card.parse(json);
  return card.render() || document.createTextNode('(this card could not be shown)');
}
