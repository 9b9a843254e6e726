-- Shared by the wrk scripts of scripts/bench-records.sh (loaded with dofile).
--
-- Arguments after `--` on the wrk command line, as key=value pairs:
--   min_id=N max_id=N   the range of existing record ids to pick from at random
--   department=N        an existing department id (create)
--   threads=N           the number of wrk threads (patch: disjoint ids per thread)
--   token=orb_...       an API token, sent as Authorization: Bearer (every case)
--   ids_file=PATH       a file of record ids, one per line, to pick from instead of
--                       min_id..max_id (the records a non-admin user may see)
--   type=NAME           the entity type (default ticket)
--
-- done() prints one machine-readable line that the bench script parses:
--   BENCH requests=.. duration_us=.. p50_us=.. p99_us=.. connect=.. read=.. write=.. status=.. timeout=..
-- `status` counts responses >= 400; the bench script also compares the server's own
-- per-route 2xx/4xx/5xx counters with `requests`.

local common = {}

common.args = {}
common.type = "ticket"

local thread_counter = 0

-- Runs in the main Lua state once per wrk thread: number the threads so each one
-- draws a different random sequence and makes different unique values.
function setup(thread)
    thread_counter = thread_counter + 1
    thread:set("thread_no", thread_counter)
end

function common.parse_args(args)
    for _, a in ipairs(args) do
        local k, v = a:match("^([%w_]+)=(.*)$")
        if not k then error("bad argument '" .. a .. "' (want key=value)") end
        common.args[k] = v
    end
    common.type = common.args.type or "ticket"
    common.auth = {}
    if common.args.token then common.auth["Authorization"] = "Bearer " .. common.args.token end
    common.min_id = tonumber(common.args.min_id or "1")
    common.max_id = tonumber(common.args.max_id or "1")
    common.ids = nil
    if common.args.ids_file then
        common.ids = {}
        for line in io.lines(common.args.ids_file) do
            if line ~= "" then common.ids[#common.ids + 1] = tonumber(line) end
        end
        if #common.ids == 0 then error("no ids in " .. common.args.ids_file) end
    end
    math.randomseed(os.time() * 100 + (thread_no or 0))
end

-- Request headers: the Authorization header plus `extra` (wrk.format does not merge
-- the -H headers into headers given to it, so the scripts pass the token themselves).
function common.headers(extra)
    local h = {}
    for k, v in pairs(common.auth) do h[k] = v end
    for k, v in pairs(extra or {}) do h[k] = v end
    return h
end

function common.random_id()
    if common.ids then return common.ids[math.random(1, #common.ids)] end
    return math.random(common.min_id, common.max_id)
end

-- A random id that no request still in flight uses: each wrk thread draws from its own
-- residue class (threads=N gives the number of threads) and never repeats one of its
-- last 256 ids, more than it has connections. Two concurrent PATCHes of one record are
-- a version conflict on PostgreSQL (one answers 409), which is not what the PATCH case
-- measures.
local recent, recent_set, recent_pos = {}, {}, 0

function common.distinct_random_id()
    local threads = tonumber(common.args.threads or "1")
    local residue = ((thread_no or 1) - 1) % threads
    local id
    -- Fewer remembered ids than the thread can draw from, or the loop would not end.
    local keep = math.min(256, math.floor((common.max_id - common.min_id + 1) / threads) - 1)
    repeat
        id = math.random(common.min_id, common.max_id)
        id = id - (id - common.min_id) % threads + residue
    until id <= common.max_id and (keep < 1 or not recent_set[id])
    if keep < 1 then return id end
    recent_pos = recent_pos % keep + 1
    if recent[recent_pos] then recent_set[recent[recent_pos]] = nil end
    recent[recent_pos] = id
    recent_set[id] = true
    return id
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
        e.connect, e.read, e.write, e.status, e.timeout))
end

return common
