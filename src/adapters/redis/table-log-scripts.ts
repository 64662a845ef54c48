// The TableLog's server-side steps. Each is one atomic Lua script over one table's keys
// (KEYS[1] = the meta hash: fence, last, base; KEYS[2] = the entry list; KEYS[3] = the snapshot
// hash), so a fence check and the write it guards can never be split by another client: nothing is
// written when a check fails. Entries are stored as "<epoch>|<data>"; list index i holds seq
// base + i. Replies are {status, number} pairs the adapter turns into results or typed errors.

import { LuaScript } from './lua-script.js';

/** Fence check shared by every write: the epoch may not be below the fence. */
const FENCED = `
local epoch = tonumber(ARGV[1])
local fence = tonumber(redis.call('HGET', KEYS[1], 'fence') or '0')
if epoch < fence then return {'fenced', fence} end
`;

export const APPEND = new LuaScript(`${FENCED}
local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
if tonumber(ARGV[2]) ~= last + 1 then return {'seq', last} end
for i = 3, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[1] .. '|' .. ARGV[i]) end
local newLast = last + #ARGV - 2
redis.call('HSET', KEYS[1], 'last', newLast, 'fence', epoch)
return {'ok', newLast}
`);

export const FENCE = new LuaScript(`${FENCED}
redis.call('HSET', KEYS[1], 'fence', epoch)
return {'ok', epoch}
`);

/** KEYS: meta, snapshot. ARGV: epoch, seq, data. An older snapshot never replaces a newer one. */
export const WRITE_SNAPSHOT = new LuaScript(`${FENCED}
local current = tonumber(redis.call('HGET', KEYS[2], 'seq') or '-1')
if tonumber(ARGV[2]) >= current then
  redis.call('HSET', KEYS[2], 'seq', ARGV[2], 'epoch', epoch, 'data', ARGV[3])
end
redis.call('HSET', KEYS[1], 'fence', epoch)
return {'ok', epoch}
`);

/** KEYS: meta, log, snapshot. ARGV: epoch, upto. Never past the snapshot. */
export const TRIM = new LuaScript(`${FENCED}
local upto = tonumber(ARGV[2])
local snap = tonumber(redis.call('HGET', KEYS[3], 'seq') or '0')
if snap < upto then upto = snap end
local base = tonumber(redis.call('HGET', KEYS[1], 'base') or '1')
local drop = math.min(redis.call('LLEN', KEYS[2]), upto - base + 1)
if drop > 0 then
  redis.call('LTRIM', KEYS[2], drop, -1)
  redis.call('HSET', KEYS[1], 'base', base + drop)
end
redis.call('HSET', KEYS[1], 'fence', epoch)
return {'ok', epoch}
`);

/** KEYS: meta, log. ARGV: fromSeq, count. Reply: {seq of the first item, items…}. Read-only. */
export const READ = new LuaScript(`
local base = tonumber(redis.call('HGET', KEYS[1], 'base') or '1')
local start = tonumber(ARGV[1]) - base
if start < 0 then start = 0 end
local items = redis.call('LRANGE', KEYS[2], start, start + tonumber(ARGV[2]) - 1)
return {base + start, items}
`);
