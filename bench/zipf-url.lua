-- wrk script: each request is an address from a list picked by a Zipf distribution (exponent 1,
-- as web traffic roughly is): the first address of the list is the most asked for, the
-- hundredth a hundred times less. Arguments (after --): the file of addresses, in random order.
local urls = {}
local cdf = {}

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then urls[#urls + 1] = line end
  end
  local total = 0
  for rank = 1, #urls do
    total = total + 1 / rank
    cdf[rank] = total
  end
  for rank = 1, #urls do cdf[rank] = cdf[rank] / total end
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
end

function request()
  local u = math.random()
  local low, high = 1, #cdf
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cdf[middle] < u then low = middle + 1 else high = middle end
  end
  return wrk.format("GET", urls[low], { ["Accept-Encoding"] = "gzip, deflate, br", ["Accept"] = "text/html" })
end
