/** The parts of the Teams manifest that name the bot's Entra app. */
export interface BotManifest {
  bots: Array<{ botId: string }>;
  webApplicationInfo?: { id: string; resource?: string };
}

/**
 * The manifest with the bot's Microsoft App ID put in: as every bot's id, and as webApplicationInfo
 * (id, and the `api://botid-{id}` resource Microsoft gives a bot-only app), which is the Entra app
 * Graph lets install itself for owners (TEAMS_INSTALL_FOR_OWNERS, docs/graph.md). An empty id keeps
 * the placeholders.
 */
export function manifestForBot<M extends BotManifest>(manifest: M, appId: string): M {
  if (!appId) return manifest;
  return {
    ...manifest,
    bots: manifest.bots.map((bot) => ({ ...bot, botId: appId })),
    ...(manifest.webApplicationInfo ? { webApplicationInfo: { ...manifest.webApplicationInfo, id: appId, resource: `api://botid-${appId}` } } : {}),
  };
}
