import type restify from 'restify';
import type { Logger } from '../domain/ports/logger.js';
import type { TeamsAppInstaller } from '../adapters/teams/install-for-owners.js';
import type { Config } from './config.js';
import type { GroupGate } from './group-gate.js';

/** What a chat surface (Teams, Slack, web chat) gets to attach itself with. */
export interface SurfaceContext {
  readonly server: restify.Server;
  readonly gate: GroupGate;
  readonly config: Config;
  readonly logger: Logger;
  /** The Graph directory, when it is one: what installs the Teams app for owners (TEAMS_INSTALL_FOR_OWNERS). */
  readonly teamsAppInstaller?: TeamsAppInstaller | undefined;
}

/** A surface that is up: its name, lines to print at start, and how to stop it. */
export interface MountedSurface {
  readonly name: string;
  readonly startupLines?: readonly string[];
  stop?(): Promise<void>;
}

/**
 * Mounts a surface's routes on the server and registers its ChatChannel with the messenger;
 * resolves to undefined when configuration leaves the surface off. Throws (with a message for
 * people) when configuration is unsafe, e.g. Teams without authentication on a public address.
 */
export type MountSurface = (context: SurfaceContext) => Promise<MountedSurface | undefined>;
