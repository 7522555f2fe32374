/** The parts of the Teams manifest that name the bot's Entra app. */
export interface BotManifest {
  bots: Array<{ botId: string }>;
  webApplicationInfo?: { id: string; resource?: string };
}

/**
 * The manifest with the bot's Microsoft App ID put in as every bot's id, and webApplicationInfo
 * naming the Entra app Graph lets install itself for owners (TEAMS_INSTALL_FOR_OWNERS,
 * docs/graph.md): the app GroupGate signs in to Graph as, which is the bot's own unless a separate
 * app registration is given; its resource is the `api://botid-{id}` Microsoft gives a bot-only app.
 * An empty id keeps the placeholders.
 */
export function manifestForBot<M extends BotManifest>(manifest: M, appId: string, graphAppId = appId): M {
  if (!appId) return manifest;
  return {
    ...manifest,
    bots: manifest.bots.map((bot) => ({ ...bot, botId: appId })),
    ...(manifest.webApplicationInfo ? { webApplicationInfo: { ...manifest.webApplicationInfo, id: graphAppId, resource: `api://botid-${graphAppId}` } } : {}),
  };
}
