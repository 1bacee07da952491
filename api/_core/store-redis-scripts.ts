/**
 * Lua run by the Redis store. Each script is one EVAL, so each Store call is
 * one HTTP round trip to Upstash and runs atomically (Redis executes a script
 * without interleaving other commands).
 *
 * Every key the script writes is passed in KEYS. The one exception is the
 * first conversion's record, found through a dedup key: its name is only
 * known inside the script, so the script builds it from the record-key
 * prefix (fine on Upstash, whose databases are a single shard).
 */

/**
 * Claim an event_id (and dedup key) and store the new conversion.
 *
 * KEYS: 1 rec:<id>, 2 raw:<id>, 3 recent, 4 due, [5 dk:<dedupKey>]
 * ARGV: 1 record JSON, 2 raw JSON or "", 3 event_id, 4 received_at (ms),
 *       5 next_attempt_at (ms) or "", 6 record TTL s, 7 raw TTL s,
 *       8 dedup TTL s, 9 record-key prefix, 10 recent cap
 * Returns {"claimed"} or {"event_id"|"dedup_key", <existing record JSON>}.
 */
export const CLAIM_SCRIPT = `
-- Same test as parseRecord (store-codec.ts): a corrupt record counts as absent.
local function usable(json)
  if not json then return false end
  local ok, value = pcall(cjson.decode, json)
  return ok and type(value) == 'table' and type(value.event_id) == 'string'
    and type(value.state) == 'string' and type(value.received_at) == 'number'
    and type(value.attempts) == 'table'
end

local existing = redis.call('GET', KEYS[1])
if usable(existing) then return {'event_id', existing} end

if KEYS[5] then
  local first_id = redis.call('GET', KEYS[5])
  if first_id then
    local first = redis.call('GET', ARGV[9] .. first_id)
    if usable(first) then return {'dedup_key', first} end
  end
end

redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[6])
if ARGV[2] ~= '' then redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[7]) end
if KEYS[5] then redis.call('SET', KEYS[5], ARGV[3], 'EX', ARGV[8]) end

local received_at = tonumber(ARGV[4])
redis.call('ZADD', KEYS[3], received_at, ARGV[3])
-- Bounded like the memory store: nothing older than the record TTL, at most the cap.
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. (received_at - tonumber(ARGV[6]) * 1000))
redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(tonumber(ARGV[10]) + 1))

if ARGV[5] ~= '' then redis.call('ZADD', KEYS[4], ARGV[5], ARGV[3]) end
return {'claimed'}
`;

/**
 * Replace a record, keeping its expiry, and move it in or out of the due index.
 *
 * KEYS: 1 rec:<id>, 2 due
 * ARGV: 1 record JSON, 2 event_id, 3 next_attempt_at (ms) or "" to leave the due index
 * Returns 1, or 0 when the record does not exist (never claimed, or expired):
 * SET ... KEEPTTL on a missing key would create a record that never expires.
 */
export const SAVE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
if ARGV[3] ~= '' then
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
else
  redis.call('ZREM', KEYS[2], ARGV[2])
end
return 1
`;
