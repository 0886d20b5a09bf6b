test "deep equality" (function() expect({ a = { 1, 2 } }):equals({ a = { 1, 3 } }) end)
test "skipped" (function() skip("no corpus here") end)
test "raises" (function() expect(function() error("boom") end):raises("boom") end)
