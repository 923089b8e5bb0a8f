-- wrk script for the comment-war benchmark. MODE (env):
--   list:   GET /api/comments?post=<POST>&limit=10&cursor=<random cursor from CURSORS, or first page>
--   create: POST /api/comments (needs AUTH), a new root comment with a unique body
local mode = os.getenv("MODE") or "list"
local auth = os.getenv("AUTH")
local post = os.getenv("POST")
local cursors = {}
local counter = 0

function setup(thread)
  thread:set("id", math.random(1, 1000000))
end

function init(args)
  math.randomseed(os.time() + (id or 0))
  local path = os.getenv("CURSORS")
  if path then
    for line in io.lines(path) do cursors[#cursors + 1] = line end
  end
end

function request()
  local headers = {}
  if auth then headers["Authorization"] = "Bearer " .. auth end
  if mode == "list" then
    local pick = math.random(#cursors + 1)
    local cursor = pick <= #cursors and ("&cursor=" .. cursors[pick]) or ""
    return wrk.format("GET", "/api/comments?post=" .. post .. "&limit=10" .. cursor, headers)
  end
  counter = counter + 1
  headers["Content-Type"] = "application/json"
  return wrk.format("POST", "/api/comments", headers,
    string.format('{"post":"%s","body":"Benchmark comment %d from thread %d"}', post, counter, id))
end
