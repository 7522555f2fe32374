import { createHash } from 'node:crypto';

/** What a loaded script needs of a node-redis client (or cluster, which routes by the first key). */
export interface ScriptRunner {
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** A Lua script sent once: calls go by its SHA1, and the text only when a server does not know it yet. */
export interface RedisScript {
  run(client: ScriptRunner, keys: string[], args: string[]): Promise<unknown>;
}

export function redisScript(source: string): RedisScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return {
    async run(client, keys, args) {
      try {
        return await client.evalSha(sha, { keys, arguments: args });
      } catch (error) {
        // A restarted server, a failover or a cluster node seeing it for the first time: EVAL loads it there.
        if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error;
        return client.eval(source, { keys, arguments: args });
      }
    },
  };
}

/**
 * Lua that refuses a write Redis runs after `deadline` (Unix ms in the server's clock, the argument
 * named): a stalled server (paused, swapping, a long script ahead) runs what was sent once it wakes,
 * after GroupGate told the person "try again"; past the deadline it changes nothing instead.
 */
const refuseLate = (deadline: string) => `
local now = redis.call('TIME')
if tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) > tonumber(${deadline}) then
  return redis.error_reply('LATE the write reached Redis after its deadline; nothing was written')
end
`;

/** The server's clock (Unix seconds and microseconds), routed like a write to `KEYS[1]`. */
export const serverTime = redisScript(`return redis.call('TIME')`);

// One write of a value and its listing-index entry (the key in its collection's set, the collection
// in the set of collections), optionally only if the key still holds what was read.
// KEYS: the key, its collection's set, the set of collections. ARGV: expectedKind (absent|value|any),
// expected, nextKind (delete|value), next, ttlMs (0 = none), collection, deadline (see refuseLate).
export const writeValue = redisScript(`${refuseLate('ARGV[7]')}
if ARGV[1] ~= 'any' then
  local current = redis.call('GET', KEYS[1])
  if ARGV[1] == 'absent' then
    if current then return 0 end
  elseif current ~= ARGV[2] then
    return 0
  end
end
if ARGV[3] == 'delete' then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], KEYS[1])
  return 1
end
if tonumber(ARGV[5]) > 0 then
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
else
  redis.call('SET', KEYS[1], ARGV[4])
end
redis.call('SADD', KEYS[2], KEYS[1])
redis.call('SADD', KEYS[3], ARGV[6])
return 1
`);

// Drops index entries whose key is gone (expired), checking each inside the script: a key written
// again in the meantime keeps its entry. KEYS: the collection's set, then the keys to check.
export const pruneIndex = redisScript(`
for i = 2, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 0 then redis.call('SREM', KEYS[1], KEYS[i]) end
end
return 1
`);

// An atomic batch (Store.write): Redis runs a script with nothing else in between. Every argument
// is checked before it is sent, so no command fails half-way (a failing command would not undo the
// ones before it).
// KEYS: the family's set of collections, its set of set keys, then per write its keys: put and
// delete the value key and its collection's set; the set ops the set key.
// ARGV per write: put, raw, ttlMs (0 = none), collection | create, raw, collection | delete | addTo
// or removeFrom, plain set key, the members as one JSON array (a set of 100,000 is one argument, not
// 100,000) | deleteSet, plain set key | replace, expected raw, raw, ttlMs, collection. A create's and
// a replace's keys are those of a put. The last ARGV is the deadline (see refuseLate).
// Returns per write how many entries it changed; all zeros, having written nothing, when a create's
// key holds a value already or a replace's key no longer holds what it expected.
export const writeBatch = redisScript(`${refuseLate('ARGV[#ARGV]')}
local last = #ARGV - 1
local function chunked(command, key, members)
  local changed = 0
  -- unpack is bounded by Lua's stack: members go 5,000 at a time
  for i = 1, #members, 5000 do
    changed = changed + redis.call(command, key, unpack(members, i, math.min(i + 4999, #members)))
  end
  return changed
end
-- How many keys and arguments each kind of write takes.
local width = { put = { 2, 4 }, create = { 2, 3 }, replace = { 2, 5 }, delete = { 2, 1 }, addTo = { 1, 3 }, removeFrom = { 1, 3 }, deleteSet = { 1, 2 } }
local k, a, n, taken = 3, 1, 0, false
while a <= last do
  local op = ARGV[a]
  if op == 'create' and redis.call('EXISTS', KEYS[k]) == 1 then taken = true end
  if op == 'replace' and redis.call('GET', KEYS[k]) ~= ARGV[a + 1] then taken = true end
  n = n + 1
  k, a = k + width[op][1], a + width[op][2]
end
if taken then
  local zeros = {}
  for i = 1, n do zeros[i] = 0 end
  return zeros
end
local counts = {}
k, a = 3, 1
while a <= last do
  local op = ARGV[a]
  if op == 'put' or op == 'replace' then
    -- A replace is a put whose arguments start one later (after the value it expected, checked above).
    local o = a + (op == 'replace' and 1 or 0)
    if tonumber(ARGV[o + 2]) > 0 then
      redis.call('SET', KEYS[k], ARGV[o + 1], 'PX', ARGV[o + 2])
    else
      redis.call('SET', KEYS[k], ARGV[o + 1])
    end
    redis.call('SADD', KEYS[k + 1], KEYS[k])
    redis.call('SADD', KEYS[1], ARGV[o + 3])
    counts[#counts + 1] = 1
    k, a = k + 2, o + 4
  elseif op == 'create' then
    redis.call('SET', KEYS[k], ARGV[a + 1])
    redis.call('SADD', KEYS[k + 1], KEYS[k])
    redis.call('SADD', KEYS[1], ARGV[a + 2])
    counts[#counts + 1] = 1
    k, a = k + 2, a + 3
  elseif op == 'delete' then
    counts[#counts + 1] = redis.call('DEL', KEYS[k])
    redis.call('SREM', KEYS[k + 1], KEYS[k])
    k, a = k + 2, a + 1
  elseif op == 'addTo' or op == 'removeFrom' then
    local changed = chunked(op == 'addTo' and 'SADD' or 'SREM', KEYS[k], cjson.decode(ARGV[a + 2]))
    if op == 'addTo' then
      if changed > 0 then redis.call('SADD', KEYS[2], ARGV[a + 1]) end
    elseif redis.call('EXISTS', KEYS[k]) == 0 then
      redis.call('SREM', KEYS[2], ARGV[a + 1])
    end
    counts[#counts + 1] = changed
    k, a = k + 1, a + 3
  else
    counts[#counts + 1] = redis.call('SCARD', KEYS[k])
    redis.call('DEL', KEYS[k])
    redis.call('SREM', KEYS[2], ARGV[a + 1])
    k, a = k + 1, a + 2
  end
end
return counts
`);

// The members that are, for every group of sets, in one of its sets (Store.intersectSets): the
// smallest group's members (by the sum of its sets' sizes) are checked against the other groups
// here, so only the answer travels, and the work is that group's size, not the tenant's.
// KEYS: the sets, group after group. ARGV: how many sets each group has.
export const intersectSets = redisScript(`
local groups, at = {}, 1
for g = 1, #ARGV do
  local n, sets, size = tonumber(ARGV[g]), {}, 0
  for i = at, at + n - 1 do
    sets[#sets + 1] = KEYS[i]
    size = size + redis.call('SCARD', KEYS[i])
  end
  groups[g] = { sets = sets, size = size }
  at = at + n
end
local smallest = 1
for g = 2, #groups do
  if groups[g].size < groups[smallest].size then smallest = g end
end
local found = {}
for _, member in ipairs(redis.call('SUNION', unpack(groups[smallest].sets))) do
  local everywhere = true
  for g = 1, #groups do
    if g ~= smallest then
      local inGroup = false
      for _, key in ipairs(groups[g].sets) do
        if redis.call('SISMEMBER', key, member) == 1 then inGroup = true; break end
      end
      if not inGroup then everywhere = false; break end
    end
  end
  if everywhere then found[#found + 1] = member end
end
return found
`);
