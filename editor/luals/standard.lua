-- standard.lua: Lua 5.4's standard globals, as a set. They have reference
-- entries (pathway help string), but LuaLS declares them itself for
-- runtime "Lua 5.4", so gen.lua does not declare them again (that would
-- hide LuaLS's own documentation) and tests/editor/luals.lua accepts them
-- as declared.
local set = {}
for g in ([[_G _VERSION arg assert collectgarbage dofile error getmetatable
  ipairs load loadfile next pairs pcall print rawequal rawget rawlen rawset
  require select setmetatable tonumber tostring type warn xpcall coroutine
  debug io math os package string table utf8]]):gmatch("%S+") do
  set[g] = true
end
return set
