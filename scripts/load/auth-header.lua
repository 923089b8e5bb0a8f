-- wrk: every request carries the bearer token in AUTH (a signed-in reader: never from the edge cache).
local auth = os.getenv("AUTH")
if auth then wrk.headers["Authorization"] = "Bearer " .. auth end
