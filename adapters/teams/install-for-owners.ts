import type { Background } from '../../bot/background.js';
import type { UserId } from '../../domain/model/ids.js';
import type { Clock } from '../../domain/ports/clock.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { Store } from '../../domain/ports/store.js';
import type { TeamsAppInstall } from '../directory/graph/install-teams-app.js';

/** What installs the Teams app for a person: the Graph directory. */
export interface TeamsAppInstaller {
  installTeamsApp(userId: UserId, catalogAppId: string): Promise<TeamsAppInstall>;
}

/** What asking for installs is built from. */
export interface InstallForOwnersParts {
  readonly installer: TeamsAppInstaller;
  /** TEAMS_APP_CATALOG_ID: the app's id in the organisation's Teams app catalog. */
  readonly catalogAppId: string;
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly background: Background;
}

/**
 * How long one ask for a person counts, across every instance: a busy group finding the same
 * owner unreachable request after request asks Graph once a day, not once a request.
 */
export const installAskedForMs = 24 * 60 * 60 * 1000;

const askedKey = (userId: UserId) => `teams:install-asked:${userId}`;

/**
 * Owners Teams cannot reach (no conversation reference: they never installed GroupGate) get the
 * app installed for them through Graph (TEAMS_INSTALL_FOR_OWNERS=on). Teams then sends the bot the
 * installation's activities, and rememberTeamsContact hands over the cards waiting for them. A
 * missing permission is said once per instance, in one warning; the requester is told as before.
 */
export class InstallForOwners {
  private warned = false;

  constructor(private readonly parts: InstallForOwnersParts) {}

  /** Asks, in the background, unless someone asked for this person in the last day. */
  ask(userId: UserId): void {
    this.parts.background.run('install GroupGate in Teams for an owner', () => this.askOnce(userId));
  }

  private async askOnce(userId: UserId): Promise<void> {
    const { store, clock, installer, catalogAppId, logger } = this.parts;
    const at = clock.now().toISOString();
    const first = await store.update<{ readonly at: string }, boolean>(askedKey(userId), (current) => (current ? { result: false } : { next: { at }, result: true }), { ttlMs: installAskedForMs });
    if (!first) return;
    let outcome: TeamsAppInstall;
    try {
      outcome = await installer.installTeamsApp(userId, catalogAppId);
    } catch (error) {
      // Throttled or unavailable: forget the ask, so the next request for this owner tries again.
      await store.delete(askedKey(userId));
      throw error;
    }
    if (outcome === 'installed' || outcome === 'alreadyInstalled') {
      logger.info({ userId, outcome }, 'asked Microsoft Graph to install GroupGate in Teams for an owner it could not reach');
      return;
    }
    if (this.warned) return;
    this.warned = true;
    logger.warn(
      { userId, outcome, catalogAppId },
      outcome === 'forbidden'
        ? 'Microsoft Graph refused to install GroupGate in Teams for an owner (403): grant the application permission TeamsAppInstallation.ReadWriteSelfForUser.All, and check that the Teams manifest\'s webApplicationInfo id is the app GroupGate signs in to Graph as (docs/permissions.md). Until then owners install GroupGate themselves.'
        : 'Microsoft Graph knows no such Teams app or user (404): check TEAMS_APP_CATALOG_ID, the app\'s id in your Teams app catalog (docs/configuration.md). Until then owners install GroupGate themselves.',
    );
  }
}
