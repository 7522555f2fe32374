import Keyv from 'keyv';
import { createClient, createCluster } from '@keyv/redis';
import { StoreUnavailableError, type Store } from '../../domain/ports/store.js';
import { KeyvStore } from './keyv-store.js';
import { countRoundTrips } from './count-round-trips.js';
import { RedisCasBackend, type RedisClient } from './redis-cas-backend.js';
import { checkNamespace, clusterLayout, singleRedisLayout } from './redis-key-layout.js';
import { parseStoreUrl, type RedisStoreAddress } from './store-url.js';
import { SqliteKeyvAdapter } from './sqlite-keyv-adapter.js';
import { redisCommandTimeoutMs } from './redis-write-deadline.js';
import { withCommandTimeout } from './redis-command-timeout.js';

/** The store GroupGate opens, plus what the copy tool needs beyond the port. */
export type OpenedStore = Store & Pick<KeyvStore, 'listSetKeys'>;

/**
 * Builds the store named by STORE_URL: `sqlite://<path>` (the default, one instance),
 * `redis://…` (several instances sharing one Redis) or `redis-cluster://host:port[,host:port…]`
 * (a Redis Cluster; any reachable node is enough to find the rest). A `?namespace=<name>` on a
 * Redis URL keeps several GroupGate deployments (or test runs) apart in one Redis; the default
 * namespace is `groupgate`.
 */
export async function createStore(url: string, options: StoreOptions = {}): Promise<OpenedStore> {
  const address = parseStoreUrl(url);
  if (address.kind === 'sqlite') {
    const adapter = new SqliteKeyvAdapter(address.path);
    return new KeyvStore(newKeyv(adapter), options.onRoundTrip ? countRoundTrips(adapter, options.onRoundTrip, 'eachCall') : adapter);
  }
  return createRedisStore(address, options);
}

export interface StoreOptions {
  /** Called once per round trip to the store (count-round-trips.ts): for the metrics. */
  readonly onRoundTrip?: () => void;
}

const connectTimeoutMs = 5_000;
const socket = { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) };

async function createRedisStore(address: RedisStoreAddress, options: StoreOptions): Promise<OpenedStore> {
  const namespace = `${checkNamespace(address.namespace)}:`;
  // Fail fast while disconnected (people get a clear "try again"), and keep reconnecting in the background.
  const client =
    address.kind === 'redis'
      ? createClient({ url: address.url, disableOfflineQueue: true, socket })
      : createCluster({ rootNodes: address.nodes.map((url) => ({ url })), defaults: { disableOfflineQueue: true, socket } });
  client.on('error', () => undefined); // reported through ping() and StoreUnavailableError instead
  // node-redis keeps retrying a first connection forever; give up after a while with a clear error.
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(`cannot reach Redis at ${address.hosts} (STORE_URL)`)), connectTimeoutMs);
  });
  try {
    await Promise.race([client.connect(), gaveUp]);
  } catch (error) {
    client.destroy();
    throw error instanceof StoreUnavailableError ? error : new StoreUnavailableError(`cannot reach Redis at ${address.hosts} (STORE_URL): ${(error as Error)?.message}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  const layout = address.kind === 'redis' ? singleRedisLayout(namespace) : clusterLayout(namespace);
  // A cluster's PING names no key, so it goes to whichever node the client picks: any node answering is the cluster answering.
  const ping = address.kind === 'redis' ? undefined : () => (client as unknown as KeylessCommands).sendCommand(undefined, true, ['PING']);
  // A stalled Redis (paused, swamped) answers nothing: each command gives up after a while, as unreachable.
  const backend = new RedisCasBackend(withCommandTimeout(client as unknown as RedisClient, redisCommandTimeoutMs), namespace, layout, ping);
  await backend.start().catch((error: unknown) => {
    client.destroy();
    throw new StoreUnavailableError(`cannot reach Redis at ${address.hosts} (STORE_URL): ${(error as Error)?.message}`, { cause: error });
  });
  // Keyv only serialises here: every read and write goes through the backend, which knows the physical keys.
  return new KeyvStore(newKeyv(), options.onRoundTrip ? countRoundTrips(backend, options.onRoundTrip, 'sentTogether') : backend, namespace);
}

interface KeylessCommands {
  sendCommand(firstKey: undefined, isReadonly: boolean, args: string[]): Promise<unknown>;
}

function newKeyv(store?: ConstructorParameters<typeof Keyv>[0]): Keyv {
  // GroupGate prefixes its own keys, so keyv's namespace is off; errors must reach the caller.
  const keyv = new Keyv(store, { namespace: '', useKeyPrefix: false, throwOnErrors: true });
  keyv.on('error', () => undefined);
  return keyv;
}
