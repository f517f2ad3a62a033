/**
 * The turn commit as one Lua script, so the version check, the state, the message id and
 * every effect are written atomically (Upstash has no WATCH; EVAL is its compare-and-set).
 *
 * KEYS: 1 version, 2 conversation, 3 profile, 4 handled message, 5.. effect keys
 * ARGV: 1 expected version, 2 conversation JSON ('' deletes), 3 conversation TTL,
 *       4 profile JSON ('' deletes), 5 replies JSON, 6 handled TTL, 7 op count,
 *       then four per op (see ops.ts): name, KEYS index, argument, argument.
 * Returns {1, newVersion} or {0, 'duplicate' | 'conflict'}.
 */
export const COMMIT_SCRIPT = `
if redis.call('EXISTS', KEYS[4]) == 1 then return {0, 'duplicate'} end
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current ~= tonumber(ARGV[1]) then return {0, 'conflict'} end
local version = current + 1
redis.call('SET', KEYS[1], version, 'EX', ARGV[3])
if ARGV[2] == '' then redis.call('DEL', KEYS[2]) else redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3]) end
if ARGV[4] == '' then redis.call('DEL', KEYS[3]) else redis.call('SET', KEYS[3], ARGV[4]) end
redis.call('SET', KEYS[4], ARGV[5], 'EX', ARGV[6])
local ops = {hincrby = 'HINCRBY', hset = 'HSET', hdel = 'HDEL', rpush = 'RPUSH', sadd = 'SADD', srem = 'SREM'}
local withTwo = {hincrby = true, hset = true}
for i = 0, tonumber(ARGV[7]) - 1 do
  local name, key, a, b = ARGV[8 + i * 4], KEYS[tonumber(ARGV[9 + i * 4])], ARGV[10 + i * 4], ARGV[11 + i * 4]
  if withTwo[name] then redis.call(ops[name], key, a, b) else redis.call(ops[name], key, a) end
end
return {1, version}
`;
