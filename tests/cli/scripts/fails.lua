-- fails.lua: an error two calls deep, for the traceback.
local function check(v)
  if v < 0 then error("negative dose: " .. v) end
end

local function review(doses)
  for _, d in ipairs(doses) do check(d) end
end

review({ 1, 2, -3 })
