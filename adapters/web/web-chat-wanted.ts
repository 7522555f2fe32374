import { ConfigError, type Config } from '../../bot/config.js';

/**
 * Whether to mount the web chat. `auto` (the default) turns it on for local use — listening on
 * loopback with no Teams or Slack credentials — and `WEB_CHAT=on|off` decides outright. Throws
 * when asked to run on a non-loopback address: picking who you are must never reach a network.
 */
export function webChatWanted(config: Config): boolean {
  switch (config.WEB_CHAT) {
    case 'off':
      return false;
    case 'on':
      if (!config.loopback) {
        throw new ConfigError([
          `WEB_CHAT: the web chat lets anyone pick who they are, so it only runs when GroupGate listens on this computer alone; HOST is ${config.HOST}. Set HOST=127.0.0.1, or WEB_CHAT=off.`,
        ]);
      }
      return true;
    case 'auto':
      return config.loopback && !config.MicrosoftAppId && !config.SLACK_BOT_TOKEN;
  }
}
