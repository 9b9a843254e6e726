-- GET /api/v1/records/<type>?filter[status]=<status>&limit=50: the first page of a
-- filtered list (default status "new", about a fifth of the demo tickets).
-- Arguments: status=NAME, limit=N; see common.lua for the others.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local path, headers

function init(args)
    common.parse_args(args)
    path = "/api/v1/records/" .. common.type .. "?filter%5Bstatus%5D=" .. (common.args.status or "new") ..
           "&limit=" .. (common.args.limit or "50")
    headers = common.headers()
end

function request()
    return wrk.format("GET", path, headers)
end
