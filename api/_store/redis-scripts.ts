/**
 * Lua run by the Redis store. Each script is one EVAL, so each Store call is
 * one HTTP round trip to Upstash and runs atomically (Redis executes a script
 * without interleaving other commands).
 *
 * Every key the script writes is passed in KEYS. The exceptions are keys
 * whose names are only known inside the script: the first conversion's
 * record, found through a dedup key, and a withdrawn visitor's linked
 * records and raw receipts, found through the link set. The script builds
 * those from the key prefixes (fine on Upstash, whose databases are a single
 * shard).
 */

/**
 * Claim an event_id (and dedup key) and store the new conversion; with a
 * visitor, refuse while its withdrawal marker exists and link the claimed id
 * to it (store.ts ClaimInput.visitor), all in the same EVAL.
 *
 * A successful claim also reads the pause state (store.ts PauseState), so the
 * pause check rides the claim instead of costing a round trip.
 *
 * KEYS: 1 rec:<id>, 2 raw:<id>, 3 recent, 4 due, [dk:<dedupKey>], [cw:<visitor>, ve:<visitor>], pause (always last)
 * ARGV: 1 record JSON, 2 raw JSON or "", 3 event_id, 4 received_at (ms),
 *       5 next_attempt_at (ms) or "", 6 record TTL s, 7 raw TTL s,
 *       8 dedup TTL s, 9 record-key prefix, 10 recent cap,
 *       11 "1" when KEYS holds a dedup key, 12 "1" when KEYS holds the visitor's two keys
 * Returns {"claimed"[, <pause JSON>]}, {"withdrawn"} or {"event_id"|"dedup_key", <existing record JSON>}.
 */
export const CLAIM_SCRIPT = `
-- Same test as parseRecord (codec.ts): a corrupt record counts as absent.
local function usable(json)
  if not json then return false end
  local ok, value = pcall(cjson.decode, json)
  return ok and type(value) == 'table' and type(value.event_id) == 'string'
    and type(value.state) == 'string' and type(value.received_at) == 'number'
    and type(value.attempts) == 'table'
end

-- Optional keys follow the four fixed ones: the dedup key, then the visitor's two; the pause key is last.
local dedup_key, next_key = nil, 5
if ARGV[11] == '1' then dedup_key, next_key = KEYS[5], 6 end
local withdrawn_key, links_key = nil, nil
if ARGV[12] == '1' then withdrawn_key, links_key = KEYS[next_key], KEYS[next_key + 1] end
local pause_key = KEYS[#KEYS]

local existing = redis.call('GET', KEYS[1])
if usable(existing) then return {'event_id', existing} end

if withdrawn_key and redis.call('EXISTS', withdrawn_key) == 1 then return {'withdrawn'} end

if dedup_key then
  local first_id = redis.call('GET', dedup_key)
  if first_id then
    local first = redis.call('GET', ARGV[9] .. first_id)
    if usable(first) then return {'dedup_key', first} end
  end
end

redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[6])
if ARGV[2] ~= '' then redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[7]) end
if dedup_key then redis.call('SET', dedup_key, ARGV[3], 'EX', ARGV[8]) end
if links_key then
  redis.call('SADD', links_key, ARGV[3])
  redis.call('EXPIRE', links_key, ARGV[7])
end

local received_at = tonumber(ARGV[4])
redis.call('ZADD', KEYS[3], received_at, ARGV[3])
-- Bounded like the memory store: nothing older than the record TTL, at most the cap.
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. (received_at - tonumber(ARGV[6]) * 1000))
redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(tonumber(ARGV[10]) + 1))

if ARGV[5] ~= '' then redis.call('ZADD', KEYS[4], ARGV[5], ARGV[3]) end
local paused = redis.call('GET', pause_key)
if paused then return {'claimed', paused} end
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

/**
 * Mark a visitor as withdrawn, delete the raw receipts of its linked events
 * still waiting to be sent, and hand back the events linked to it (store.ts
 * withdrawVisitor).
 *
 * KEYS: 1 cw:<visitor>, 2 ve:<visitor>
 * ARGV: 1 marker TTL s, 2 record-key prefix, 3 raw-key prefix
 * Returns the linked event ids (the set is kept, so a retried withdrawal finds them again).
 */
export const WITHDRAW_SCRIPT = `
redis.call('SET', KEYS[1], '1', 'EX', ARGV[1])
local ids = redis.call('SMEMBERS', KEYS[2])
for _, id in ipairs(ids) do
  local json = redis.call('GET', ARGV[2] .. id)
  if json then
    local ok, record = pcall(cjson.decode, json)
    -- Same rule as isAwaitingSend (codec.ts): only the events the withdrawal cancels.
    if ok and type(record) == 'table' and (record.state == 'received' or record.state == 'pending') then
      redis.call('DEL', ARGV[3] .. id)
    end
  end
end
return ids
`;

/**
 * The sweeper's pick (store.ts claimDue): due ids, each leased by moving its due
 * score forward, in the same EVAL that reads them, so two sweeps at once never
 * take the same id. Ids whose record expired or is no longer waiting to be sent
 * leave the index. While the pause key exists only one id is taken (the probe).
 *
 * KEYS: 1 due, 2 pause
 * ARGV: 1 now (ms), 2 limit, 3 lease end (ms), 4 record-key prefix, 5 raw-key prefix
 * Returns {<pause JSON or "">, <ids looked at>, id1, record1 JSON, has raw 1|0, id2, …}.
 */
export const CLAIM_DUE_SCRIPT = `
local paused = redis.call('GET', KEYS[2])
local limit = tonumber(ARGV[2])
if paused and limit > 1 then limit = 1 end
local ids = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, limit)
local reply = {paused or '', #ids}
for _, id in ipairs(ids) do
  local json = redis.call('GET', ARGV[4] .. id)
  local waiting = false
  if json then
    local ok, record = pcall(cjson.decode, json)
    -- Same rule as isAwaitingSend (store.ts).
    waiting = ok and type(record) == 'table' and (record.state == 'received' or record.state == 'pending')
  end
  if waiting then
    redis.call('ZADD', KEYS[1], ARGV[3], id)
    reply[#reply + 1] = id
    reply[#reply + 1] = json
    reply[#reply + 1] = redis.call('EXISTS', ARGV[5] .. id)
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return reply
`;
