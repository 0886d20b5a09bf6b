-- syntax.lua: does not compile.
local x = = 1
