import Keyv from 'keyv';
import KeyvRedis, { createClient } from '@keyv/redis';
import { StoreUnavailableError, type Store } from '../../domain/ports/store.js';
import { KeyvStore } from './keyv-store.js';
import { RedisCasBackend, type RedisClient } from './redis-cas-backend.js';
import { SqliteKeyvAdapter } from './sqlite-keyv-adapter.js';

/**
 * Builds the store named by STORE_URL: `sqlite://<path>` (the default, one instance) or
 * `redis://…` (several instances sharing it). A `?namespace=<name>` on a Redis URL keeps several
 * GroupGate deployments (or test runs) apart in one Redis; the default namespace is `groupgate`.
 */
export async function createStore(url: string): Promise<Store> {
  if (url.startsWith('redis://') || url.startsWith('rediss://')) return createRedisStore(url);
  const path = url.replace(/^sqlite:\/\//, '');
  const adapter = new SqliteKeyvAdapter(path);
  return new KeyvStore(newKeyv(adapter), adapter);
}

const connectTimeoutMs = 5_000;

async function createRedisStore(address: string): Promise<Store> {
  const url = new URL(address);
  const namespace = url.searchParams.get('namespace') ?? 'groupgate';
  url.searchParams.delete('namespace');
  const client = createClient({
    url: url.toString(),
    // Fail fast while disconnected (people get a clear "try again"), and keep reconnecting in the background.
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
  });
  client.on('error', () => undefined); // reported through ping() and StoreUnavailableError instead
  // node-redis keeps retrying a first connection forever; give up after a while with a clear error.
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(`cannot reach Redis at ${url.host} (STORE_URL)`)), connectTimeoutMs);
  });
  try {
    await Promise.race([client.connect(), gaveUp]);
  } catch (error) {
    client.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  // node-redis's generic client type is narrower than the adapter's parameter; the object is the same.
  const adapter = new KeyvRedis(client as unknown as ConstructorParameters<typeof KeyvRedis>[0], { throwOnErrors: true, throwOnConnectError: true });
  return new KeyvStore(newKeyv(adapter), new RedisCasBackend(client as unknown as RedisClient, `${namespace}:`), `${namespace}:`);
}

function newKeyv(store: ConstructorParameters<typeof Keyv>[0]): Keyv {
  // GroupGate prefixes its own keys, so keyv's namespace is off; errors must reach the caller.
  const keyv = new Keyv(store, { namespace: '', useKeyPrefix: false, throwOnErrors: true });
  keyv.on('error', () => undefined);
  return keyv;
}
