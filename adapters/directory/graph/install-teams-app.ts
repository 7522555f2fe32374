import type { UserId } from '../../../domain/model/ids.js';
import type { GraphHttp } from './graph-http.js';
import { GraphRequestError } from './graph-request-error.js';

/**
 * What became of asking Graph to install the Teams app for someone: done, it was there already
 * (409 Conflict), GroupGate may not (403: TeamsAppInstallation.ReadWriteSelfForUser.All missing,
 * or the manifest's webApplicationInfo names another app), or Graph knows no such app or user (404).
 */
export type TeamsAppInstall = 'installed' | 'alreadyInstalled' | 'forbidden' | 'notFound';

/**
 * `POST /users/{id}/teamwork/installedApps` binding the app by its catalog id (docs/graph.md,
 * "Installing GroupGate for owners in Teams"). Teams then tells the bot with an installationUpdate
 * and a conversationUpdate, which carry the conversation reference GroupGate needs. Other failures
 * (throttled, unavailable) are thrown.
 */
export async function installTeamsApp(http: GraphHttp, userId: UserId, catalogAppId: string): Promise<TeamsAppInstall> {
  try {
    await http.send(`/users/${encodeURIComponent(userId)}/teamwork/installedApps`, {
      method: 'POST',
      body: { 'teamsApp@odata.bind': http.url(`/appCatalogs/teamsApps/${encodeURIComponent(catalogAppId)}`) },
      background: true,
    });
    return 'installed';
  } catch (error) {
    if (!(error instanceof GraphRequestError)) throw error;
    if (error.details.status === 409) return 'alreadyInstalled';
    if (error.reason === 'forbidden') return 'forbidden';
    if (error.reason === 'notFound') return 'notFound';
    throw error;
  }
}
