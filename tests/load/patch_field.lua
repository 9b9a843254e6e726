-- PATCH /api/v1/records/<type>/<random existing id> with If-Match: * changing one
-- field; no two requests in flight touch the same record (see common.lua). The value is unique per request so every PATCH really writes (an unchanged
-- value is answered without a write). Arguments: field=NAME (a text field, default
-- description); see common.lua for the others.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local n = 0
local field
local headers

function init(args)
    common.parse_args(args)
    headers = common.headers({["Content-Type"] = "application/json", ["If-Match"] = "*"})
    field = common.args.field or "description"
end

function request()
    n = n + 1
    local body = string.format('{"%s":"Changed by wrk %d-%d"}', field, thread_no or 0, n)
    return wrk.format("PATCH", "/api/v1/records/" .. common.type .. "/" .. common.distinct_random_id(), headers, body)
end
