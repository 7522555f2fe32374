import type { MountedSurface, SurfaceContext } from '../../bot/surface.js';
import { mountWebApi } from './web-api-routes.js';
import { WebChatChannel } from './web-chat-channel.js';
import { newWebChatKey, webChatPageUrl } from './web-chat-key.js';
import { webChatWanted } from './web-chat-wanted.js';
import { WebConversations } from './web-conversations.js';
import { mountWebEvents } from './web-events-route.js';
import { mountWebPage } from './web-page-routes.js';
import { webStartupLines } from './web-startup-lines.js';

/** Mounts the local web chat (page, JSON API, event stream) and makes everyone reachable on it; undefined when it is off. */
export async function mountWeb(context: SurfaceContext): Promise<MountedSurface | undefined> {
  const { server, gate, config, logger } = context;
  if (!webChatWanted(config)) return undefined;
  const conversations = new WebConversations(gate.store, gate.clock);
  gate.messenger.addChannel(new WebChatChannel(conversations, logger));
  // Anyone who can reach the port could pick who they are; the key, printed for the person who started GroupGate, tells them apart.
  const key = newWebChatKey();
  mountWebPage(server, key);
  mountWebApi(server, gate, conversations, key);
  const closeStreams = mountWebEvents(server, gate, conversations, key);
  return {
    name: 'web chat',
    // Read when printed, after the server listens, so the URL has the real port.
    get startupLines() {
      const address = server.address();
      const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
      return webStartupLines(webChatPageUrl(`http://${host}:${address?.port ?? config.PORT}`, key));
    },
    stop: async () => closeStreams(),
  };
}
