import type { Activity } from 'botbuilder';
import restify from 'restify';
import { logQuietly } from '../http/create-http-server.js';
import { refuseLargeBodies } from '../http/refuse-large-bodies.js';
import { inRequestOf } from '../../bot/request-context.js';
import type { MountedSurface, SurfaceContext } from '../../bot/surface.js';
import { ConversationReferences } from './conversation-references.js';
import { createTeamsAdapter } from './create-teams-adapter.js';
import { GroupGateTeamsBot } from './groupgate-teams-bot.js';
import { inboundActivityProblem } from './inbound-activity.js';
import { InstallForOwners } from './install-for-owners.js';
import { TeamsChatChannel } from './teams-chat-channel.js';
import type { TeamsAuthRefusal } from './teams-cloud-adapter.js';

/** Teams activities are small; anything near this is not one. */
const maxActivityBytes = 256 * 1024;

/**
 * Mounts Teams on `POST /api/messages` (the Bot Framework messaging endpoint) and registers
 * Teams with the messenger. On with TEAMS=auto or on (it costs nothing until someone talks to
 * it), off with TEAMS=off. Throws ConfigError when there is no app id on a non-loopback address.
 */
export async function mountTeams(context: SurfaceContext): Promise<MountedSurface | undefined> {
  const { config, server, gate, logger } = context;
  if (config.TEAMS === 'off') return undefined;
  const adapter = createTeamsAdapter(config, logger);
  const references = new ConversationReferences(gate.store);
  const bot = new GroupGateTeamsBot(gate, references);
  const installForOwners = installForOwnersOf(context);
  gate.messenger.addChannel(new TeamsChatChannel({ adapter, appId: config.MicrosoftAppId, references, logger, installForOwners }));

  // The JSON parser sits on this route only: Slack's route needs the raw bytes it signs.
  const readJson = [refuseLargeBodies(maxActivityBytes), restify.plugins.bodyReader({ maxBodySize: maxActivityBytes }), ...restify.plugins.jsonBodyParser({ bodyReader: true })];
  const unauthorized = (res: restify.Response, reason: TeamsAuthRefusal['reason'] | 'noToken', detail?: string) => {
    // One line, no stack: an internet-facing endpoint gets probed all day. Signing keys out of reach is GroupGate's problem, not the caller's.
    if (reason === 'keysUnreachable') logger.error({ path: '/api/messages', reason, detail }, 'Teams request refused: could not read Bot Framework signing keys to check its token');
    else logger.warn({ path: '/api/messages', reason, ...(detail ? { detail } : {}) }, 'Teams request refused: no valid Bot Framework token');
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' });
    res.end('Unauthorized: a valid Bot Framework token is required.');
  };
  // The Agents Playground checks the endpoint with HEAD at every start; a 405 warning there would be noise.
  const endpointCheck = (req: restify.Request, res: restify.Response, next: restify.Next) => {
    logQuietly(req);
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', allow: 'POST, GET, HEAD' });
    res.end(req.method === 'HEAD' ? undefined : 'GroupGate\'s Bot Framework messaging endpoint: activities are POSTed here.');
    return next(false);
  };
  server.head('/api/messages', endpointCheck);
  server.get('/api/messages', endpointCheck);
  server.post('/api/messages', (req, res, next) => {
    // Refused before the body is read, so an unsigned request costs nothing.
    if (config.MicrosoftAppId && !req.headers.authorization) {
      unauthorized(res, 'noToken');
      return next(false);
    }
    return next();
  }, ...readJson, async (req, res) => {
    // Who is calling first: a caller without a valid token learns nothing about what GroupGate accepts.
    const caller = await adapter.authenticate(req.body, req.headers.authorization ?? '');
    if (!caller.ok) return unauthorized(res, caller.error.reason, caller.error.detail);
    const problem = inboundActivityProblem(req.body);
    if (problem) {
      res.send(400, { code: 'BadRequest', message: problem });
      return;
    }
    try {
      const answer = await inRequestOf(req, () => adapter.run(caller.value, req.body as Activity, (turnContext) => bot.run(turnContext)));
      res.send(answer?.status ?? 200, answer?.body);
    } catch (error) {
      // onTurnError logged the turn's own failures; this is the connector or botbuilder itself.
      logger.error({ err: error, path: '/api/messages' }, 'Teams request failed');
      if (!res.headersSent) res.send(500, { code: 'Internal', message: "Something went wrong on GroupGate's side; nothing more was changed." });
    }
  });

  return {
    name: 'teams',
    // A getter: the port is only known once the server listens (PORT=0 picks a free one).
    get startupLines() {
      const endpoint = `${config.PUBLIC_URL?.replace(/\/$/, '') ?? localUrl(server, config.HOST)}/api/messages`;
      const installs = installForOwners ? [`Teams: owners GroupGate cannot reach get it installed through Microsoft Graph (catalog app ${config.TEAMS_APP_CATALOG_ID}).`] : [];
      return config.MicrosoftAppId
        ? [`Teams: Azure Bot messaging endpoint ${endpoint} (app ${config.MicrosoftAppId}, ${config.MicrosoftAppType}${config.MicrosoftAppTenantId ? ` in tenant ${config.MicrosoftAppTenantId}` : ''}).`, ...installs]
        : [`Teams: no authentication (loopback only) — point Microsoft 365 Agents Playground (npm run playground) or the Bot Framework Emulator at ${endpoint}.`, ...installs];
    },
  };
}

/** Installing GroupGate for owners Teams cannot reach, when TEAMS_INSTALL_FOR_OWNERS is on and the directory is Graph. */
function installForOwnersOf({ config, gate, logger, teamsAppInstaller }: SurfaceContext): InstallForOwners | undefined {
  if (config.TEAMS_INSTALL_FOR_OWNERS !== 'on' || !config.TEAMS_APP_CATALOG_ID) return undefined;
  if (!teamsAppInstaller) {
    logger.warn({}, 'TEAMS_INSTALL_FOR_OWNERS=on needs the Microsoft Graph directory; owners install GroupGate in Teams themselves');
    return undefined;
  }
  const { store, clock, background } = gate;
  return new InstallForOwners({ installer: teamsAppInstaller, catalogAppId: config.TEAMS_APP_CATALOG_ID, store, clock, logger, background });
}

function localUrl(server: restify.Server, host: string): string {
  const address = server.address() as { port?: number } | null;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address?.port ?? '?'}`;
}
