import type { CasBackend } from './cas-backend.js';

/** The few node-redis client calls this backend makes. */
export interface RedisClient {
  readonly isOpen: boolean;
  get(key: string): Promise<string | null | unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  scanIterator(options: { MATCH: string; COUNT: number }): AsyncIterable<string[]>;
  mGet(keys: string[]): Promise<unknown[]>;
  ping(): Promise<unknown>;
  close(): Promise<unknown>;
}

// Compare-and-swap in one Lua script: Redis runs it atomically, so no other client's write can
// slip between the comparison and the write. ARGV: expectedKind (absent|value), expected,
// nextKind (delete|value), next, ttlMs (0 = none).
const compareAndSwapScript = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == 'absent' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
if ARGV[3] == 'delete' then
  redis.call('DEL', KEYS[1])
elseif tonumber(ARGV[5]) > 0 then
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
else
  redis.call('SET', KEYS[1], ARGV[4])
end
return 1
`;

/** Compare-and-swap and prefix listing on the node-redis client that keyv's Redis adapter uses. */
export class RedisCasBackend implements CasBackend {
  constructor(private readonly client: RedisClient) {}

  async readRaw(key: string): Promise<string | undefined> {
    const raw = await this.client.get(key);
    return typeof raw === 'string' ? raw : undefined;
  }

  async compareAndSwap(key: string, expected: string | undefined, next: string | null, ttlMs = 0): Promise<boolean> {
    const swapped = await this.client.eval(compareAndSwapScript, {
      keys: [key],
      arguments: [
        expected === undefined ? 'absent' : 'value', expected ?? '',
        next === null ? 'delete' : 'value', next ?? '',
        String(Math.max(0, Math.ceil(ttlMs))),
      ],
    });
    return swapped === 1;
  }

  async listRaw(prefix: string): Promise<Array<[string, string]>> {
    const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    const keys: string[] = [];
    for await (const batch of this.client.scanIterator({ MATCH: pattern, COUNT: 1000 })) keys.push(...batch);
    keys.sort();
    const entries: Array<[string, string]> = [];
    for (let i = 0; i < keys.length; i += 500) {
      const slice = keys.slice(i, i + 500);
      const values = await this.client.mGet(slice);
      slice.forEach((key, j) => {
        const value = values[j];
        if (typeof value === 'string') entries.push([key, value]);
      });
    }
    return entries;
  }

  async ping(): Promise<boolean> {
    return (await this.client.ping()) === 'PONG';
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }
}
