-- docs/gen/reference.lua: load the reference entries from the sources, with
-- the system Lua 5.4 (no pathway binary needed).
-- Usage: local entries = dofile(root .. "/docs/gen/reference.lua")(root)
-- Returns the array lang/reference.lua returns: require "pathway.X" inside
-- the reference files is root/lang/X.lua, each loaded once, in a private
-- environment (the files use only require, ipairs, pairs, table and string).
return function(root)
  local loaded = {}
  local env = setmetatable({}, { __index = _G })
  local function req(name)
    if loaded[name] ~= nil then return loaded[name] end
    local base = name:match("^pathway%.([%w_]+)$")
    if not base then error(("reference loader: cannot require '%s'"):format(name), 2) end
    local path = root .. "/lang/" .. base .. ".lua"
    local chunk, err = loadfile(path, "t", env)
    if not chunk then error(err, 0) end
    local value = chunk(name)
    loaded[name] = value == nil and true or value
    return loaded[name]
  end
  env.require = req
  local entries = req("pathway.reference")
  if type(entries) ~= "table" then error("reference loader: lang/reference.lua returned no array", 0) end
  return entries
end
