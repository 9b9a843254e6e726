-- GET /api/v1/records/<type>/<random existing id>. See common.lua for the arguments.
local common = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local headers

function init(args)
    common.parse_args(args)
    headers = common.headers()
end

function request()
    return wrk.format("GET", "/api/v1/records/" .. common.type .. "/" .. common.random_id(), headers)
end
