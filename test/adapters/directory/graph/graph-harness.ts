import { createStore } from '../../../../adapters/store/create-store.js';
import type { GraphDirectory } from '../../../../adapters/directory/graph/graph-directory.js';
import { openGraphDirectory } from '../../../../adapters/directory/graph/open-graph-directory.js';
import { groupId, userId, type GroupId, type UserId } from '../../../../domain/model/ids.js';
import type { Logger } from '../../../../domain/ports/logger.js';
import type { Store } from '../../../../domain/ports/store.js';
import { person, sampleGroup } from '../../../support/sample-tenant.js';
import { tempSqliteUrl } from '../../../support/temp-store-url.js';
import { GraphStandIn } from './graph-stand-in.js';
import { StandInTenant } from './stand-in-tenant.js';

/** A logger that keeps what it was told, to assert on warnings. */
export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  debug = (fields: Record<string, unknown>, message: string) => void this.lines.push({ level: 'debug', fields, message });
  info = (fields: Record<string, unknown>, message: string) => void this.lines.push({ level: 'info', fields, message });
  warn = (fields: Record<string, unknown>, message: string) => void this.lines.push({ level: 'warn', fields, message });
  error = (fields: Record<string, unknown>, message: string) => void this.lines.push({ level: 'error', fields, message });
}

/** A Graph directory on a fresh store, talking to a running stand-in. */
export interface GraphRig {
  readonly stand: GraphStandIn;
  readonly directory: GraphDirectory;
  readonly store: Store;
  readonly logger: RecordingLogger;
  /** Another GroupGate process on the same store and stand-in (a restart): a directory that knows only what the store holds. */
  restart(): Promise<GraphDirectory>;
  close(): Promise<void>;
}

/** Starts a stand-in (the sample tenant unless told otherwise) and opens GroupGate's Graph directory on it. */
export async function openRig(tenant: StandInTenant = StandInTenant.sample(), env: Record<string, string> = {}): Promise<GraphRig> {
  const stand = await new GraphStandIn(tenant).start();
  const store = await createStore(tempSqliteUrl());
  const logger = new RecordingLogger();
  const settings = { ...stand.env(), ...env };
  const open = () => openGraphDirectory({ ...settings, GRAPH_BASE_URL: settings['GRAPH_BASE_URL']!, AZURE_AUTHORITY_HOST: settings['AZURE_AUTHORITY_HOST']! }, store, logger);
  const directory = await open();
  const restarted: GraphDirectory[] = [];
  return {
    stand, directory, store, logger,
    restart: async () => {
      const again = await open();
      restarted.push(again);
      return again;
    },
    close: async () => {
      for (const opened of [directory, ...restarted]) opened.close();
      await store.close();
      await stand.stop();
    },
  };
}

/** Sample-tenant ids by name, typed. */
export const userOf = (name: string): UserId => userId(person(name).id);
export const groupOf = (name: string): GroupId => groupId(sampleGroup(name).id);
