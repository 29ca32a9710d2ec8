// Lua scripts for the Redis store: each runs atomically on the server, so replicas counting or voting at the same
// moment cannot interleave between the read and the write. ioredis sends them with EVALSHA (EVAL the first time).
//
// Why a script and not rate-limiter-flexible: the bot's limit is a sliding window (N hits in any 60 s, as the
// in-memory limiter had), the limit and window are per call rather than per limiter object, and the bot needs
// "first refusal since the last allowed hit" to warn once; the script does all three in one round trip and
// about fifteen lines, with no extra dependency. rate-limiter-flexible's Redis limiter is a fixed window.

/**
 * Sliding-window log. KEYS[1] zset of hit times, KEYS[2] "already warned" flag.
 * ARGV[1] limit, ARGV[2] window ms, ARGV[3] a unique member for this hit.
 * Returns {allowed 0|1, remaining, retryAfterMs, firstRefusal 0|1}. Time is the server's (TIME), so replicas
 * with skewed clocks still share one window.
 */
export const HIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
if n < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  redis.call('DEL', KEYS[2])
  return {1, limit - n - 1, 0, 0}
end
local retry = window
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if oldest[2] then retry = tonumber(oldest[2]) + window - now end
if retry < 1 then retry = 1 end
local first = redis.call('SET', KEYS[2], '1', 'NX', 'PX', retry)
return {0, 0, retry, first and 1 or 0}
`;

/**
 * A vote, changed in place when the same voter votes again on the same answer.
 * KEYS[1] the expiring voter link, KEYS[2] the feedback time index (zset).
 * ARGV[1] new row id, ARGV[2] row JSON (without vote), ARGV[3] vote, ARGV[4] now ms, ARGV[5] link ttl ms,
 * ARGV[6] the row key prefix (rows are hashes at prefix..id; one Redis server, so keys built here are fine). Each row
 * also gets a sequence number (a counter at prefix..'seq'): two votes in the same millisecond keep their order.
 */
export const VOTE = `
local prev = redis.call('GET', KEYS[1])
if prev and redis.call('EXISTS', ARGV[6] .. prev) == 1 then
  redis.call('HSET', ARGV[6] .. prev, 'vote', ARGV[3], 'updatedAt', ARGV[4])
  return 'changed'
end
local seq = redis.call('INCR', ARGV[6] .. 'seq')
redis.call('HSET', ARGV[6] .. ARGV[1], 'row', ARGV[2], 'vote', ARGV[3], 'createdAt', ARGV[4], 'updatedAt', ARGV[4], 'seq', seq)
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[5])
return 'added'
`;

/**
 * Retention for feedback: deletes the rows indexed before a cutoff. KEYS[1] the time index; ARGV[1] cutoff ms
 * (exclusive), ARGV[2] the row key prefix. Returns how many rows went.
 */
export const PURGE_FEEDBACK = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])
for _, id in ipairs(ids) do redis.call('DEL', ARGV[2] .. id) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1])
return #ids
`;
