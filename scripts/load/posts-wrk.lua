-- wrk script for the post-war benchmark. MODE (env) picks the request:
--   slug:    GET /api/posts/<random slug from SLUGS file>      (AUTH set: signed in, bypasses the cache)
--   list:    GET /api/posts?limit=10&cursor=<random cursor from CURSORS file>
--   search:  GET /api/posts/search?size=20&q=<random word>
--   create:  POST /api/posts (needs AUTH), unique titles
local mode = os.getenv("MODE") or "slug"
local auth = os.getenv("AUTH")
local items = {}
local counter = 0
local words = {"consistency", "replication", "latency", "cache", "index", "pagination", "scheduler", "gateway",
               "分布式", "一致性", "缓存", "索引", "性能", "架构", "database", "throughput"}

local function load(path)
  local list = {}
  if path then
    for line in io.lines(path) do list[#list + 1] = line end
  end
  return list
end

function setup(thread)
  thread:set("id", math.random(1, 1000000))
end

function init(args)
  math.randomseed(os.time() + (id or 0))
  if mode == "slug" then items = load(os.getenv("SLUGS")) end
  if mode == "list" then items = load(os.getenv("CURSORS")) end
end

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  local headers = {}
  if auth then headers["Authorization"] = "Bearer " .. auth end
  if mode == "slug" then
    return wrk.format("GET", "/api/posts/" .. urlencode(items[math.random(#items)]), headers)
  elseif mode == "list" then
    if #items == 0 then return wrk.format("GET", "/api/posts?limit=10", headers) end
    return wrk.format("GET", "/api/posts?limit=10&cursor=" .. items[math.random(#items)], headers)
  elseif mode == "search" then
    return wrk.format("GET", "/api/posts/search?size=20&q=" .. urlencode(words[math.random(#words)]), headers)
  else
    counter = counter + 1
    headers["Content-Type"] = "application/json"
    local body = string.format('{"title":"Burst %d-%d","body":"Burst body with cache and index words","tags":["burst"],"status":"PUBLISHED"}', id, counter)
    return wrk.format("POST", "/api/posts", headers, body)
  end
end
