-- wrk script: each request is a random address from a list, with the headers a browser sends.
-- Arguments (after --): the file of addresses, and optionally a Cookie header value.
local urls = {}
local cookie = nil

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then urls[#urls + 1] = line end
  end
  if args[2] and #args[2] > 0 then cookie = args[2] end
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
end

function request()
  local headers = { ["Accept-Encoding"] = "gzip, deflate, br", ["Accept"] = "text/html" }
  if cookie then headers["Cookie"] = cookie end
  return wrk.format("GET", urls[math.random(#urls)], headers)
end
