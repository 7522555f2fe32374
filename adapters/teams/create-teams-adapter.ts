import { ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { ConfigError, type Config } from '../../bot/config.js';
import type { Logger } from '../../domain/ports/logger.js';
import { TeamsCloudAdapter } from './teams-cloud-adapter.js';

/** The Bot Framework settings botbuilder reads, under their standard names. */
type TeamsCredentials = Pick<Config, 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId'>;

/**
 * Why this configuration must not run Teams, or undefined when it may. Without an app id
 * botbuilder accepts any request unsigned and posts to whatever serviceUrl it names, which is
 * only acceptable when nobody but this machine can reach the server.
 */
export function teamsAuthProblem(config: Pick<Config, 'MicrosoftAppId' | 'HOST' | 'loopback'>): string | undefined {
  if (config.MicrosoftAppId || config.loopback) return undefined;
  return (
    `MicrosoftAppId: required for Teams when HOST=${config.HOST} is reachable from other machines — without it anyone could send GroupGate ` +
    'forged Teams messages. Set MicrosoftAppId (and MicrosoftAppPassword, MicrosoftAppType, MicrosoftAppTenantId) from your Azure Bot, ' +
    'bind to HOST=127.0.0.1 for local testing, or set TEAMS=off.'
  );
}

/**
 * The settings as botbuilder reads them. With no app id nothing is signed (loopback only), which
 * botbuilder calls MultiTenant: its SingleTenant and MSI modes insist on an app id.
 */
function botFrameworkCredentials(config: TeamsCredentials): TeamsCredentials {
  const { MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType, MicrosoftAppTenantId } = config;
  if (!MicrosoftAppId) return { MicrosoftAppId, MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' };
  return { MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType, MicrosoftAppTenantId };
}

/**
 * A CloudAdapter that checks Bot Framework tokens on every request (or, on loopback with no app
 * id, runs without authentication). Throws ConfigError when the settings are unsafe or incomplete,
 * so GroupGate fails at start rather than on the first message.
 */
export function createTeamsAdapter(config: Config, logger: Logger): TeamsCloudAdapter {
  const problem = teamsAuthProblem(config);
  if (problem) throw new ConfigError([problem]);
  if (config.MicrosoftAppId && config.MicrosoftAppType === 'MultiTenant') {
    logger.warn({ MicrosoftAppType: 'MultiTenant' }, 'Teams: MicrosoftAppType=MultiTenant is for Azure Bots created before 2025-07-31; Azure creates only SingleTenant and UserAssignedMSI bots now');
  }
  const credentials = botFrameworkCredentials(config);
  let adapter: TeamsCloudAdapter;
  try {
    adapter = new TeamsCloudAdapter(new ConfigurationBotFrameworkAuthentication(credentials, new ConfigurationServiceClientCredentialFactory(credentials)));
  } catch (error) {
    // e.g. "MicrosoftAppTenantId is required for SingleTenant in configuration."
    throw new ConfigError([`Teams: ${error instanceof Error ? error.message : String(error)}`]);
  }
  adapter.onTurnError = async (context, error) => {
    // The bot answers people itself; what lands here is a bug or an unreachable connector.
    logger.error({ err: error, activityType: context.activity.type }, 'Teams turn failed');
  };
  return adapter;
}
