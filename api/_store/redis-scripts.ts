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
 * With join keys (a `waiting` record, store.ts ClaimInput.joinKeys) it also takes the
 * details parked under one of them (deleting them, their keys and their parked-due entry)
 * and files each key → event_id.
 *
 * KEYS: 1 rec:<id>, 2 raw:<id>, 3 recent, 4 due, [dk:<dedupKey>], [cw:<visitor>, ve:<visitor>],
 *       [ix:<identity>...], [parked-due, then jk:<key>, jp:<key> per join key], pause (always last)
 * ARGV: 1 record JSON, 2 raw JSON or "", 3 event_id, 4 received_at (ms),
 *       5 next_attempt_at (ms) or "", 6 record TTL s, 7 raw TTL s,
 *       8 dedup TTL s, 9 record-key prefix, 10 recent cap,
 *       11 "1" when KEYS holds a dedup key, 12 "1" when KEYS holds the visitor's two keys,
 *       13 most events linked to one visitor, 14 how many ix: keys follow,
 *       15 how many join keys follow, 16 parked-details key prefix (pd:), 17 parked-key prefix (jp:)
 * Returns {"claimed", <pause JSON or "">, <parked details JSON or "">}, {"withdrawn"}, {"visitor_limit"}
 * or {"event_id"|"dedup_key", <existing record JSON>}.
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

-- Optional keys follow the four fixed ones: the dedup key, then the visitor's two, then
-- ARGV[14] identity index keys (store.ts ClaimInput.identities); the pause key is last.
local dedup_key, next_key = nil, 5
if ARGV[11] == '1' then dedup_key, next_key = KEYS[5], 6 end
local withdrawn_key, links_key = nil, nil
if ARGV[12] == '1' then withdrawn_key, links_key, next_key = KEYS[next_key], KEYS[next_key + 1], next_key + 2 end
local identity_last = next_key + (tonumber(ARGV[14]) or 0) - 1
local pause_key = KEYS[#KEYS]

local existing = redis.call('GET', KEYS[1])
if usable(existing) then return {'event_id', existing} end

if withdrawn_key and redis.call('EXISTS', withdrawn_key) == 1 then return {'withdrawn'} end
if links_key and redis.call('SCARD', links_key) >= tonumber(ARGV[13]) then return {'visitor_limit'} end

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
-- The identity index lives as long as the newest filing's record, or its raw receipt when that lives
-- longer (DATA_RETENTION_DAYS > AUDIT_RETENTION_DAYS): an erasure must still find the receipt.
local identity_ttl = tonumber(ARGV[6])
if ARGV[2] ~= '' and tonumber(ARGV[7]) > identity_ttl then identity_ttl = tonumber(ARGV[7]) end
for i = next_key, identity_last do
  redis.call('SADD', KEYS[i], ARGV[3])
  redis.call('EXPIRE', KEYS[i], identity_ttl)
end

local join_count = tonumber(ARGV[15]) or 0
local parked_json = ''
if join_count > 0 then
  local parked_due = KEYS[identity_last + 1]
  for i = 0, join_count - 1 do
    local filed, parked_key = KEYS[identity_last + 2 + 2 * i], KEYS[identity_last + 3 + 2 * i]
    if parked_json == '' then
      local park_id = redis.call('GET', parked_key)
      local json = park_id and redis.call('GET', ARGV[16] .. park_id)
      if json then
        parked_json = json
        redis.call('DEL', ARGV[16] .. park_id)
        redis.call('ZREM', parked_due, park_id)
        local ok, park = pcall(cjson.decode, json)
        if ok and type(park) == 'table' and type(park.keys) == 'table' then
          for _, key in ipairs(park.keys) do
            if redis.call('GET', ARGV[17] .. key) == park_id then redis.call('DEL', ARGV[17] .. key) end
          end
        end
      end
    end
    redis.call('SET', filed, ARGV[3], 'EX', ARGV[6])
  end
end
local paused = redis.call('GET', pause_key)
return {'claimed', paused or '', parked_json}
`;

/**
 * The write both saves end with, once their checks passed: the record, keeping its expiry
 * (KEYS[1], ARGV[1]), and its due-index entry (KEYS[2]; ARGV[3] the score or "" to leave, ARGV[2] the id).
 */
const WRITE_RECORD_AND_DUE = `redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
if ARGV[3] ~= '' then
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
else
  redis.call('ZREM', KEYS[2], ARGV[2])
end
`;

/**
 * Replace a record, keeping its expiry, and move it in or out of the due index;
 * with ARGV[4] = "1", only while the stored record is still received or pending
 * (store.ts SaveOptions.ifAwaitingSend: a withdrawal that cancelled it wins).
 *
 * KEYS: 1 rec:<id>, 2 due
 * ARGV: 1 record JSON, 2 event_id, 3 next_attempt_at (ms) or "" to leave the due index,
 *       4 "1" to write only while the stored record awaits send
 * Returns 1, 2 when the condition held the write back, or 0 when the record does not exist
 * (never claimed, or expired): SET ... KEEPTTL on a missing key would create a record that never expires.
 */
export const SAVE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
if ARGV[4] == '1' then
  local ok, stored = pcall(cjson.decode, current)
  -- Same rule as isAwaitingSend (store.ts).
  if not (ok and type(stored) == 'table' and (stored.state == 'received' or stored.state == 'pending' or stored.state == 'waiting')) then return 2 end
end
${WRITE_RECORD_AND_DUE}return 1
`;

/**
 * Mark a visitor as withdrawn and cancel its linked events still waiting to
 * be sent, all in one EVAL (store.ts withdrawVisitor): each becomes what
 * codec.ts cancelledByWithdrawal makes of it, leaves the due index and loses
 * its raw receipt. The link set holds at most MAX_EVENTS_PER_VISITOR ids.
 *
 * cjson re-encodes the record: strings and the integers a record holds
 * (ms epochs have 13 digits, cjson keeps 14) come back unchanged, but an empty
 * array would come back as {}, so `attempts` is written by hand.
 *
 * KEYS: 1 cw:<visitor>, 2 ve:<visitor>, 3 due
 * ARGV: 1 marker TTL s, 2 record-key prefix, 3 raw-key prefix, 4 now (ms),
 *       5 marker TTL s when no event is linked
 * Returns {cancelled ids, final ids}.
 */
export const WITHDRAW_SCRIPT = `
local ids = redis.call('SMEMBERS', KEYS[2])
local ttl = ARGV[1]
if #ids == 0 then ttl = ARGV[5] end
redis.call('SET', KEYS[1], '1', 'EX', ttl)
local cancelled, final = {}, {}
for _, id in ipairs(ids) do
  local key = ARGV[2] .. id
  local json = redis.call('GET', key)
  if json then
    local ok, record = pcall(cjson.decode, json)
    if ok and type(record) == 'table' and (record.state == 'received' or record.state == 'pending' or record.state == 'waiting') then
      record.state = 'suppressed'
      record.reason = 'withdrawn'
      record.updated_at = tonumber(ARGV[4])
      record.payload = nil
      record.next_attempt_at = nil
      if type(record.consent) == 'table' then
        record.consent.verdict = 'suppressed'
        record.consent.basis = 'withdrawn'
      end
      local attempts = '[]'
      if type(record.attempts) == 'table' and next(record.attempts) ~= nil then attempts = cjson.encode(record.attempts) end
      record.attempts = nil
      local out = cjson.encode(record)
      redis.call('SET', key, string.sub(out, 1, -2) .. ',"attempts":' .. attempts .. '}', 'KEEPTTL')
      redis.call('ZREM', KEYS[3], id)
      redis.call('DEL', ARGV[3] .. id)
      cancelled[#cancelled + 1] = id
    elseif ok and type(record) == 'table' then
      final[#final + 1] = id
    end
  end
end
return {cancelled, final}
`;

/**
 * The sweeper's pick (store.ts claimDue): due ids, each leased by moving its due
 * score forward, in the same EVAL that reads them, so two sweeps at once never
 * take the same id. Ids whose record expired or is no longer waiting to be sent
 * leave the index. While the pause key exists only one id is taken (the probe).
 *
 * KEYS: 1 due, 2 pause
 * ARGV: 1 now (ms), 2 limit, 3 lease end (ms), 4 record-key prefix, 5 raw-key prefix
 * Returns {<pause JSON or "">, <ids looked at>, id1, record1 JSON, raw1 JSON or "", id2, …}.
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
    waiting = ok and type(record) == 'table' and (record.state == 'received' or record.state == 'pending' or record.state == 'waiting')
  end
  if waiting then
    redis.call('ZADD', KEYS[1], ARGV[3], id)
    reply[#reply + 1] = id
    reply[#reply + 1] = json
    -- the raw receipt holds the payload's context (codec.ts withPayloadContext), or '' when gone
    reply[#reply + 1] = redis.call('GET', ARGV[5] .. id) or ''
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return reply
`;

/**
 * One page of the conversion log (store.ts listLog): walk the recent index
 * newest first (or one identity's set, sorted the same way), skip what the
 * cursor already showed, apply the filters of codec.ts matchesLogFilters,
 * and stop at the page size or after the scan cap.
 *
 * KEYS: 1 recent, 2 ix:<identity> or the recent key again when there is no identity
 * ARGV: 1 record-key prefix, 2 limit, 3 scan cap, 4 cursor at or "", 5 cursor id,
 *       6 state or "", 7 tool or "", 8 form or "", 9 from (ms) or "", 10 to (ms) or "",
 *       11 "1" to list the identity's set, 12 raw-key prefix
 * Returns {next_at or "", next_id or "", record JSON..., raw email or "" per record}:
 * the raw receipts' emails ride along (one MGET) so the admin answer can show them masked.
 */
export const LOG_SCRIPT = `
local prefix, limit, cap, raw_prefix = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[12]
local cursor_at, cursor_id = tonumber(ARGV[4]), ARGV[5]
local state, tool, form = ARGV[6], ARGV[7], ARGV[8]
local from, to = tonumber(ARGV[9]), tonumber(ARGV[10])
local out, examined, matched_ids = {'', ''}, 0, {}

local function with_emails()
  if #matched_ids == 0 then return out end
  local raws = redis.call('MGET', unpack(matched_ids))
  for i = 1, #matched_ids do
    local email = ''
    if raws[i] then
      local ok, raw = pcall(cjson.decode, raws[i])
      if ok and type(raw) == 'table' and type(raw.user) == 'table' and type(raw.user.email) == 'string' then email = raw.user.email end
    end
    out[#out + 1] = email
  end
  return out
end

local function after_cursor(at, id)
  return not cursor_at or at < cursor_at or (at == cursor_at and id < cursor_id)
end

local function matches(record)
  if state ~= '' and record.state ~= state then return false end
  local source = type(record.source) == 'table' and record.source or {}
  if tool ~= '' and source.tool ~= tool then return false end
  if form ~= '' and source.form ~= form then return false end
  return true
end

-- true when the page is complete
local function visit(id, at, json)
  if not after_cursor(at, id) then return false end
  if (from and at < from) or (to and at > to) then return false end
  examined = examined + 1
  if json then
    local ok, record = pcall(cjson.decode, json)
    if ok and type(record) == 'table' and type(record.state) == 'string' and matches(record) then
      out[#out + 1] = json
      matched_ids[#matched_ids + 1] = raw_prefix .. id
    end
  end
  if #out - 2 >= limit or examined >= cap then
    out[1], out[2] = string.format('%d', at), id
    return true
  end
  return false
end

if ARGV[11] == '1' then
  local entries = {}
  for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
    local json = redis.call('GET', prefix .. id)
    if json then
      local ok, record = pcall(cjson.decode, json)
      if ok and type(record) == 'table' and type(record.received_at) == 'number' then
        entries[#entries + 1] = {id = id, at = record.received_at, json = json}
      end
    end
  end
  table.sort(entries, function(a, b) if a.at ~= b.at then return a.at > b.at end return a.id > b.id end)
  for _, e in ipairs(entries) do if visit(e.id, e.at, e.json) then break end end
  return with_emails()
end

local max = '+inf'
if cursor_at then max = string.format('%d', cursor_at) end
if to and (not cursor_at or to < cursor_at) then max = string.format('%d', to) end
local min = '-inf'
if from then min = string.format('%d', from) end
local offset, batch, done = 0, 200, false
while not done do
  local page = redis.call('ZREVRANGEBYSCORE', KEYS[1], max, min, 'WITHSCORES', 'LIMIT', offset, batch)
  if #page == 0 then break end
  local ids = {}
  for i = 1, #page, 2 do ids[#ids + 1] = prefix .. page[i] end
  local jsons = redis.call('MGET', unpack(ids))
  for i = 1, #page, 2 do
    if visit(page[i], tonumber(page[i + 1]), jsons[(i + 1) / 2] or nil) then done = true break end
  end
  offset = offset + batch
end
return with_emails()
`;

/**
 * Replace a record only while the stored one has the expected state and
 * updated_at (store.ts saveIfUnchanged): the re-send lease.
 *
 * KEYS: 1 rec:<id>, 2 due
 * ARGV: 1 record JSON, 2 event_id, 3 next_attempt_at (ms) or "", 4 expected state, 5 expected updated_at
 * Returns "saved", "changed" or "not_found".
 */
export const SAVE_IF_UNCHANGED_SCRIPT = `
local json = redis.call('GET', KEYS[1])
if not json then return 'not_found' end
local ok, current = pcall(cjson.decode, json)
if not ok or type(current) ~= 'table' then return 'not_found' end
if current.state ~= ARGV[4] or current.updated_at ~= tonumber(ARGV[5]) then return 'changed' end
${WRITE_RECORD_AND_DUE}return 'saved'
`;

/**
 * Erase one person (store.ts erase): every event listed under their identity
 * index entries loses its record, raw receipt, dedup key (when it still
 * points at that event) and index entries; the identity entries go too.
 *
 * KEYS: the ix:<identity> keys
 * ARGV: 1 record-key prefix, 2 raw-key prefix, 3 dedup-key prefix, 4 recent key, 5 due key
 * Returns {records, raw receipts, dedup keys, identity entries} removed.
 */
export const ERASE_SCRIPT = `
local records, raws, dedups, entries = 0, 0, 0, 0
local seen = {}
for _, key in ipairs(KEYS) do
  local ids = redis.call('SMEMBERS', key)
  if redis.call('DEL', key) == 1 then entries = entries + 1 end
  for _, id in ipairs(ids) do
    if not seen[id] then
      seen[id] = true
      local json = redis.call('GET', ARGV[1] .. id)
      if json then
        local ok, record = pcall(cjson.decode, json)
        if ok and type(record) == 'table' and type(record.dedup_key) == 'string' then
          local dk = ARGV[3] .. record.dedup_key
          if redis.call('GET', dk) == id then dedups = dedups + redis.call('DEL', dk) end
        end
      end
      records = records + redis.call('DEL', ARGV[1] .. id)
      raws = raws + redis.call('DEL', ARGV[2] .. id)
      redis.call('ZREM', ARGV[4], id)
      redis.call('ZREM', ARGV[5], id)
    end
  end
end
return {records, raws, dedups, entries}
`;

/**
 * The admin page's counts (store.ts summarize, codec.ts addToSummary): walk
 * the recent index back to the week's start, count states per day and week,
 * and for sent events which match keys their payload carried.
 *
 * KEYS: 1 recent
 * ARGV: 1 record-key prefix, 2 day start (ms), 3 week start (ms), 4 match keys joined by ","
 * Returns a JSON text {day, week, sent, carrying}.
 */
export const SUMMARY_SCRIPT = `
local prefix, day_start = ARGV[1], tonumber(ARGV[2])
local keys = {}
for key in string.gmatch(ARGV[4], '[^,]+') do keys[#keys + 1] = key end
local day, week, carrying, sent = {}, {}, {}, 0
for _, key in ipairs(keys) do carrying[key] = 0 end
local offset, batch = 0, 500
while true do
  local ids = redis.call('ZREVRANGEBYSCORE', KEYS[1], '+inf', ARGV[3], 'LIMIT', offset, batch)
  if #ids == 0 then break end
  local names = {}
  for i, id in ipairs(ids) do names[i] = prefix .. id end
  for _, json in ipairs(redis.call('MGET', unpack(names))) do
    if json then
      local ok, r = pcall(cjson.decode, json)
      if ok and type(r) == 'table' and type(r.state) == 'string' and type(r.received_at) == 'number' then
        week[r.state] = (week[r.state] or 0) + 1
        if r.received_at >= day_start then day[r.state] = (day[r.state] or 0) + 1 end
        if r.state == 'sent' then
          sent = sent + 1
          local ud = type(r.payload) == 'table' and type(r.payload.user_data) == 'table' and r.payload.user_data or {}
          -- IP, UA, fbc and fbp live with the raw receipt; their names stay in context_keys (codec.ts serializeRecord)
          local named = {}
          if type(r.context_keys) == 'table' then for _, k in ipairs(r.context_keys) do named[k] = true end end
          for _, key in ipairs(keys) do
            local v = ud[key]
            if named[key] or (v ~= nil and v ~= '' and not (type(v) == 'table' and #v == 0)) then carrying[key] = carrying[key] + 1 end
          end
        end
      end
    end
  end
  offset = offset + batch
end
-- an empty Lua table encodes as [] in cjson; the caller reads it as "no counts"
return cjson.encode({day = day, week = week, sent = sent, carrying = carrying})
`;

/**
 * A details half (store.ts parkOrFind): answer the event a browser half filed
 * under one of its keys; else refuse a second copy of details already parked;
 * else park them under every key, expiring, and in the parked-due index.
 *
 * KEYS: 1 pd:<id>, 2 parked-due, then jk:<key>, jp:<key> per join key
 * ARGV: 1 details JSON, 2 park id, 3 TTL s, 4 due (ms), 5 record-key prefix, 6 parked-details key prefix
 * Returns {"found", event_id}, {"already_parked"} or {"parked"}.
 */
export const PARK_OR_FIND_SCRIPT = `
local count = (#KEYS - 2) / 2
for i = 0, count - 1 do
  local id = redis.call('GET', KEYS[3 + 2 * i])
  if id and redis.call('EXISTS', ARGV[5] .. id) == 1 then return {'found', id} end
end
for i = 0, count - 1 do
  local park_id = redis.call('GET', KEYS[4 + 2 * i])
  if park_id and redis.call('EXISTS', ARGV[6] .. park_id) == 1 then return {'already_parked'} end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
for i = 0, count - 1 do redis.call('SET', KEYS[4 + 2 * i], ARGV[2], 'EX', ARGV[3]) end
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[2])
return {'parked'}
`;

/**
 * The join's last step (store.ts completeJoin): the conditional save of
 * SAVE_IF_UNCHANGED_SCRIPT, then the raw receipt replaced (keeping its expiry)
 * or deleted, the identity index entries added, and the pause state read.
 *
 * KEYS: 1 rec:<id>, 2 due, 3 raw:<id>, 4 pause, [ix:<identity>...]
 * ARGV: 1 record JSON, 2 event_id, 3 next_attempt_at (ms) or "", 4 expected state,
 *       5 expected updated_at, 6 "keep" | "delete" | "write" (the raw receipt), 7 raw JSON or "",
 *       8 identity entry TTL s
 * Returns {"saved", <pause JSON or "">}, {"changed"} or {"not_found"}.
 */
export const COMPLETE_JOIN_SCRIPT = `
local json = redis.call('GET', KEYS[1])
if not json then return {'not_found'} end
local ok, current = pcall(cjson.decode, json)
if not ok or type(current) ~= 'table' then return {'not_found'} end
if current.state ~= ARGV[4] or current.updated_at ~= tonumber(ARGV[5]) then return {'changed'} end
${WRITE_RECORD_AND_DUE}if ARGV[6] == 'delete' then
  redis.call('DEL', KEYS[3])
elseif ARGV[6] == 'write' and redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('SET', KEYS[3], ARGV[7], 'KEEPTTL')
end
for i = 5, #KEYS do
  redis.call('SADD', KEYS[i], ARGV[2])
  redis.call('EXPIRE', KEYS[i], ARGV[8])
end
return {'saved', redis.call('GET', KEYS[4]) or ''}
`;

/**
 * Parked details past their deadline (store.ts claimParkedDue), leased like
 * CLAIM_DUE_SCRIPT; ids whose details expired leave the index.
 *
 * KEYS: 1 parked-due
 * ARGV: 1 now (ms), 2 limit, 3 lease end (ms), 4 parked-details key prefix
 * Returns the details JSON of each leased park.
 */
export const CLAIM_PARKED_DUE_SCRIPT = `
local ids = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  local json = redis.call('GET', ARGV[4] .. id)
  if json then
    redis.call('ZADD', KEYS[1], ARGV[3], id)
    out[#out + 1] = json
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
`;

/**
 * Delete parked details (store.ts dropParked), the keys that still point at
 * them and their parked-due entry.
 *
 * KEYS: 1 pd:<id>, 2 parked-due
 * ARGV: 1 park id, 2 parked-key prefix (jp:)
 * Returns 1 when they were there, else 0.
 */
export const DROP_PARKED_SCRIPT = `
local json = redis.call('GET', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
if not json then return 0 end
redis.call('DEL', KEYS[1])
local ok, park = pcall(cjson.decode, json)
if ok and type(park) == 'table' and type(park.keys) == 'table' then
  for _, key in ipairs(park.keys) do
    if redis.call('GET', ARGV[2] .. key) == ARGV[1] then redis.call('DEL', ARGV[2] .. key) end
  end
end
return 1
`;
