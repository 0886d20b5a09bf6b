test "adds" (function() expect(1 + 1):equals(2) end)
test "near" (function() near(0.1 + 0.2, 0.3, 1e-15) end)
