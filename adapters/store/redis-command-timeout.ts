import type { RedisClient } from './redis-cas-backend.js';

/** A Redis command that got no answer in time; the store reports it as unavailable ("try again"). */
export class RedisCommandTimeout extends Error {
  override readonly name = 'RedisCommandTimeout';
}

/**
 * The client with a time limit on every command's answer. node-redis's own `timeout` stops only
 * while a command waits to be written, not once it waits for its reply, so a paused Redis holds
 * every caller until it wakes. Giving up here leaves the command in node-redis's queue: its late
 * answer still arrives in order and is dropped, so the replies after it stay matched. A write that
 * Redis runs after the caller gave up changes nothing: it carries a deadline (redis-write-deadline.ts).
 */
export function withCommandTimeout(client: RedisClient, ms: number): RedisClient {
  const bounded = <A extends unknown[], R>(command: (...args: A) => Promise<R>, name: string) => (...args: A): Promise<R> => within(ms, name, command.apply(client, args));
  return {
    get isOpen() {
      return client.isOpen;
    },
    get: bounded(client.get, 'GET'),
    mGet: bounded(client.mGet, 'MGET'),
    sMembers: bounded(client.sMembers, 'SMEMBERS'),
    sIsMember: bounded(client.sIsMember, 'SISMEMBER'),
    sCard: bounded(client.sCard, 'SCARD'),
    sAdd: bounded(client.sAdd, 'SADD'),
    set: bounded(client.set, 'SET'),
    ping: bounded(client.ping, 'PING'),
    evalSha: bounded(client.evalSha, 'EVALSHA'),
    eval: bounded(client.eval, 'EVAL'),
    // A one-off walk of an older store's keys (redis-cas-backend.ts buildIndexOnce); each batch is its own command.
    scanIterator: (options) => client.scanIterator(options),
    close: () => client.close(),
  };
}

function within<T>(ms: number, name: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new RedisCommandTimeout(`Redis did not answer ${name} within ${ms / 1000} s`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
