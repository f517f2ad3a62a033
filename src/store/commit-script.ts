import { BLOCK_FIELD_PREFIX } from './ops';

/**
 * The Lua scripts of a turn (Upstash has no WATCH; EVAL is its compare-and-set). Each is
 * one round trip; a turn costs two when nobody else of the person is mid-turn: load, commit.
 * The memory adapter (memory-turns.ts) does the same in process.
 */

/**
 * Load a turn and take its place in the person's queue.
 *
 * KEYS: 1 version, 2 conversation, 3 profile, 4 handled message, 5 stored replies,
 *       6 lease, 7 queue, 8 queue liveness, 9 rate window, 10 survey metadata,
 *       11 survey versions, 12 counters, 13 experiments, then N = ARGV[8] assignment
 *       tables (KEYS 14..13+N, one per experiment id in ARGV 10..9+N), then the overlay
 *       version (KEYS 14+N), then one hash per overlay kind (KEYS 15+N.., in the order of
 *       OVERLAY_KINDS)
 * ARGV: 1 message id, 2 token ('' reads without a lease), 3 now (ms), 4 lease ms,
 *       5 how long a waiter keeps its place (ms), 6 '1' to read the survey catalogue,
 *       7 the pseudonym to read experiments for ('' reads none), 8 N: how many experiment
 *       ids follow ARGV 9, 9 the overlay version the caller knows ('' : the overlay is not
 *       read), 10..9+N the experiment ids (in the order of their assignment tables), then
 *       the survey versions (`id@version`) the caller knows already
 * Returns {'handled', marker, replies JSON | nil, profile}, {'wait', position} or
 * {'ok', version, conversation, profile, messages in the rate window} (nil where absent),
 * followed, when the overlay is asked for, by its stored version and, when that is not
 * ARGV[9], one counted run of field/value pairs per overlay kind; then, when asked, by
 * three counted runs: survey metadata, the survey versions not known, and the counters
 * named 'survey:…'; then, when experiments were asked for, two more: every experiment's
 * definition, and the person's assignments.
 *
 * The lease goes to the first waiter in arrival order once it is free; waiters that stop
 * asking lose their place after ARGV[5] ms, so a dead isolate blocks nobody for long. A
 * message whose committing turn still holds the lease is being delivered: a re-delivery of
 * it waits in line like a new message, and then finds it delivered (or abandoned).
 */
export const LOAD_SCRIPT = `
local marker = redis.call('GET', KEYS[4])
local token = ARGV[2]
local owner = marker and string.sub(marker, 1, 2) == 'o:' and string.sub(marker, 3)
local delivering = owner and token ~= '' and owner ~= token and redis.call('GET', KEYS[6]) == owner
if marker and not delivering then
  if token ~= '' then
    redis.call('ZREM', KEYS[7], token)
    redis.call('HDEL', KEYS[8], token)
  end
  return {'handled', marker, redis.call('HGET', KEYS[5], ARGV[1]), redis.call('GET', KEYS[3])}
end
if token ~= '' and redis.call('GET', KEYS[6]) ~= token then
  local now = tonumber(ARGV[3])
  local turn = false
  if not redis.call('GET', KEYS[6]) then
    local head = redis.call('ZRANGE', KEYS[7], 0, 0)[1]
    while head and head ~= token and tonumber(redis.call('HGET', KEYS[8], head) or '0') < now do
      redis.call('ZREM', KEYS[7], head)
      redis.call('HDEL', KEYS[8], head)
      head = redis.call('ZRANGE', KEYS[7], 0, 0)[1]
    end
    turn = (not head) or head == token
  end
  if not turn then
    if not redis.call('ZSCORE', KEYS[7], token) then
      local last = redis.call('ZRANGE', KEYS[7], -1, -1, 'WITHSCORES')
      redis.call('ZADD', KEYS[7], (tonumber(last[2]) or 0) + 1, token)
    end
    redis.call('HSET', KEYS[8], token, now + tonumber(ARGV[5]))
    redis.call('EXPIRE', KEYS[7], 60)
    redis.call('EXPIRE', KEYS[8], 60)
    return {'wait', redis.call('ZRANK', KEYS[7], token)}
  end
  redis.call('SET', KEYS[6], token, 'PX', ARGV[4])
  redis.call('ZREM', KEYS[7], token)
  redis.call('HDEL', KEYS[8], token)
end
local v = redis.call('MGET', KEYS[1], KEYS[2], KEYS[3], KEYS[9])
local out = {'ok', v[1], v[2], v[3], v[4]}
local function run(flat)
  table.insert(out, #flat / 2)
  for _, item in ipairs(flat) do table.insert(out, item) end
end
local experiments = tonumber(ARGV[8])
local overlayKey = 14 + experiments
if ARGV[9] ~= '' then
  local stored = redis.call('GET', KEYS[overlayKey]) or '0'
  table.insert(out, stored)
  if stored ~= ARGV[9] then
    for i = overlayKey + 1, #KEYS do run(redis.call('HGETALL', KEYS[i])) end
  end
end
if ARGV[6] == '1' then
  run(redis.call('HGETALL', KEYS[10]))
  local known, fresh = {}, {}
  for i = 10 + experiments, #ARGV do known[ARGV[i]] = true end
  for _, field in ipairs(redis.call('HKEYS', KEYS[11])) do
    if not known[field] then
      table.insert(fresh, field)
      table.insert(fresh, redis.call('HGET', KEYS[11], field))
    end
  end
  run(fresh)
  local counters, all = {}, redis.call('HGETALL', KEYS[12])
  for i = 1, #all, 2 do
    if string.sub(all[i], 1, 7) == 'survey:' then
      table.insert(counters, all[i])
      table.insert(counters, all[i + 1])
    end
  end
  run(counters)
end
if ARGV[7] ~= '' then
  run(redis.call('HGETALL', KEYS[13]))
  local assigned = {}
  for i = 1, experiments do
    local a = redis.call('HGET', KEYS[13 + i], ARGV[7])
    if a then
      table.insert(assigned, ARGV[9 + i])
      table.insert(assigned, a)
    end
  end
  run(assigned)
end
return out
`;

/** Stored reply bodies kept per person; past this the old ones go (see keys.ts). */
const MAX_REPLIES = 64;

/**
 * Commit a turn: version check, state, message id, replies and every effect, atomically,
 * and give the lease back whatever the outcome (or keep it while the replies go out).
 *
 * KEYS: 1 version, 2 conversation, 3 profile, 4 handled message, 5 stored replies, 6 lease,
 *       7 rate window, 8.. effect keys
 * ARGV: 1 expected version, 2 conversation JSON ('' deletes), 3 conversation TTL,
 *       4 profile JSON ('' deletes), 5 replies JSON, 6 handled TTL, 7 message id, 8 token,
 *       9 mode ('' | 'keep' leaves state alone | 'erase' forgets the person, and keeps
 *       not even this turn's replies),
 *       10 '1' to count the message in the rate window, 11 ms to keep the lease for the
 *       delivery of the replies (0: give it back now), 12 op count,
 *       then four per op (see ops.ts): name, KEYS index, argument, argument; `assign`
 *       is the experiments' block randomisation (the rule of block-pick.ts).
 * Returns {1, newVersion} or {0, 'duplicate' | 'conflict'}.
 */
export const COMMIT_SCRIPT = `
local token, mode = ARGV[8], ARGV[9]
if token ~= '' and redis.call('GET', KEYS[6]) == token then
  if tonumber(ARGV[11]) > 0 then redis.call('PEXPIRE', KEYS[6], ARGV[11]) else redis.call('DEL', KEYS[6]) end
end
if redis.call('EXISTS', KEYS[4]) == 1 then return {0, 'duplicate'} end
local version = tonumber(redis.call('GET', KEYS[1]) or '0')
if mode ~= 'keep' and version ~= tonumber(ARGV[1]) then return {0, 'conflict'} end
if mode == 'erase' then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[5], KEYS[7])
  version = 0
elseif mode ~= 'keep' then
  version = version + 1
  redis.call('SET', KEYS[1], version, 'EX', ARGV[3])
  if ARGV[2] == '' then redis.call('DEL', KEYS[2]) else redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3]) end
  if ARGV[4] == '' then redis.call('DEL', KEYS[3]) else redis.call('SET', KEYS[3], ARGV[4]) end
end
redis.call('SET', KEYS[4], 'o:' .. token, 'EX', ARGV[6])
if mode ~= 'erase' then
  if redis.call('HLEN', KEYS[5]) >= ${MAX_REPLIES} then redis.call('DEL', KEYS[5]) end
  redis.call('HSET', KEYS[5], ARGV[7], ARGV[5])
  redis.call('EXPIRE', KEYS[5], ARGV[6])
  if ARGV[10] == '1' then
    redis.call('INCR', KEYS[7])
    redis.call('EXPIRE', KEYS[7], 120)
  end
end
local ops = {hincrby = 'HINCRBY', hset = 'HSET', hdel = 'HDEL', rpush = 'RPUSH', sadd = 'SADD', srem = 'SREM'}
local withTwo = {hincrby = true, hset = true}
local function assign(key, member, specJson)
  if redis.call('HEXISTS', key, member) == 1 then return end
  local spec = cjson.decode(specJson)
  local blockField = '${BLOCK_FIELD_PREFIX}' .. spec.s
  local counts = cjson.decode(redis.call('HGET', key, blockField) or '[]')
  local free, total = 0, 0
  for j, q in ipairs(spec.q) do
    counts[j] = counts[j] or 0
    free = free + math.max(0, q[2] - counts[j])
    total = total + q[2]
  end
  if free == 0 then
    for j = 1, #spec.q do counts[j] = 0 end
    free = total
  end
  local k, arm = spec.r % free, 1
  for j, q in ipairs(spec.q) do
    local left = math.max(0, q[2] - counts[j])
    if k < left then arm = j; break end
    k = k - left
  end
  counts[arm] = counts[arm] + 1
  local full = true
  for j, q in ipairs(spec.q) do if counts[j] < q[2] then full = false end end
  if full then for j = 1, #spec.q do counts[j] = 0 end end
  redis.call('HSET', key, blockField, '[' .. table.concat(counts, ',') .. ']')
  redis.call('HSET', key, member, cjson.encode({arm = spec.q[arm][1], stratum = spec.s, at = spec.at}))
  local indexed = spec.u and redis.call('HGET', spec.u, spec.ref)
  if indexed then
    local entry = cjson.decode(indexed)
    if type(entry.experiments) ~= 'table' then entry.experiments = {} end
    entry.experiments[spec.e] = spec.q[arm][1]
    redis.call('HSET', spec.u, spec.ref, cjson.encode(entry))
  end
end
-- A day's figures (ops.ts 'day'): the day's own hash and people set, never the counters.
local function day(key, member, specJson)
  local spec = cjson.decode(specJson)
  redis.call('HINCRBY', key, 'messages', 1)
  if spec.n == 1 then redis.call('HINCRBY', key, 'new', 1) end
  if redis.call('SADD', spec.p, member) == 1 then redis.call('HINCRBY', key, 'active', 1) end
  redis.call('EXPIRE', key, spec.t)
  redis.call('EXPIRE', spec.p, spec.pt)
end
for i = 0, tonumber(ARGV[12]) - 1 do
  local name, key, a, b = ARGV[13 + i * 4], KEYS[tonumber(ARGV[14 + i * 4])], ARGV[15 + i * 4], ARGV[16 + i * 4]
  if name == 'assign' then assign(key, a, b)
  elseif name == 'day' then day(key, a, b)
  elseif withTwo[name] then redis.call(ops[name], key, a, b) else redis.call(ops[name], key, a) end
end
return {1, version}
`;

/**
 * The replies reached the person: mark the message delivered, drop its stored replies and
 * give back the lease its turn kept for the delivery.
 * KEYS: 1 handled message, 2 stored replies, 3 lease. ARGV: 1 message id.
 */
export const DELIVERED_SCRIPT = `
local marker = redis.call('GET', KEYS[1])
if marker and string.sub(marker, 1, 2) == 'o:' then
  redis.call('SET', KEYS[1], 'd:' .. string.sub(marker, 3), 'KEEPTTL')
  if redis.call('GET', KEYS[3]) == string.sub(marker, 3) then redis.call('DEL', KEYS[3]) end
end
redis.call('HDEL', KEYS[2], ARGV[1])
return 1
`;

/** Take over an unconfirmed delivery. KEYS: 1 handled message. ARGV: 1 from, 2 to. */
export const CLAIM_DELIVERY_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= 'o:' .. ARGV[1] then return 0 end
redis.call('SET', KEYS[1], 'o:' .. ARGV[2], 'KEEPTTL')
return 1
`;

/** Give a lease back. KEYS: 1 lease. ARGV: 1 token. */
export const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

/**
 * Write one overlay field (see overlay.ts) with its history and a new version.
 *
 * KEYS: 1 overlay version, 2 the kind's hash, 3 the field's history
 * ARGV: 1 field, 2 value JSON ('' removes the field), 3 history entry JSON,
 *       4 '1' to write only when the field is absent
 * Returns {written (1 | 0), version, previous value | false}.
 */
export const OVERLAY_WRITE_SCRIPT = `
local previous = redis.call('HGET', KEYS[2], ARGV[1])
if ARGV[4] == '1' and previous then
  return {0, tonumber(redis.call('GET', KEYS[1]) or '0'), previous}
end
if ARGV[2] == '' then redis.call('HDEL', KEYS[2], ARGV[1]) else redis.call('HSET', KEYS[2], ARGV[1], ARGV[2]) end
redis.call('RPUSH', KEYS[3], ARGV[3])
return {1, redis.call('INCR', KEYS[1]), previous}
`;
