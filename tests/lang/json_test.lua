-- json_test.lua: behaviour tests of the json module's public API.

test "encode sorts object keys" (function()
  expect(json.encode({b = 1, a = 2})):equals('{"a":2,"b":1}')
  expect(json.encode({["b"] = 1, ["B"] = 2, ["a"] = 3})):equals('{"B":2,"a":3,"b":1}')
end)

test "encode writes 1..n as an array and an empty table as an object" (function()
  expect(json.encode({10, 20, 30})):equals('[10,20,30]')
  expect(json.encode({})):equals('{}')
  expect(json.encode(json.array())):equals('[]')
  expect(json.encode({list = json.array({}), map = json.object()})):equals('{"list":[],"map":{}}')
end)

test "encode keeps integers exact and floats recognisable" (function()
  expect(json.encode({1, 2.0, 0.1, 1e20, -0.0})):equals('[1,2.0,0.1,1e+20,-0.0]')
  expect(json.encode(math.maxinteger)):equals('9223372036854775807')
  expect(json.encode(1 / 3)):equals('0.3333333333333333')
end)

test "encode escapes only what JSON requires" (function()
  expect(json.encode('say "hi"\\\n\t/caf\u{E9}')):equals('"say \\"hi\\"\\\\\\n\\t/caf\u{E9}"')
  expect(json.encode('\1\0')):equals('"\\u0001\\u0000"')
end)

test "encode indents with two spaces when asked" (function()
  local text = json.encode({a = {1, 2}, b = {}}, {indent = true})
  expect(text):equals('{\n  "a": [\n    1,\n    2\n  ],\n  "b": {}\n}')
  expect(json.encode({a = 1}, {indent = false})):equals('{"a":1}')
end)

test "json.null encodes as null and decodes to itself" (function()
  expect(json.encode({json.null, true, false})):equals('[null,true,false]')
  expect(json.decode('null') == json.null):is_true()
  expect(tostring(json.null)):equals('json.null')
  expect(json.decode('{"a": null}').a == json.null):is_true()
end)

test "decode keeps the integer/float distinction of the text" (function()
  expect(math.type(json.decode('2'))):equals('integer')
  expect(math.type(json.decode('2.0'))):equals('float')
  expect(math.type(json.decode('1e2'))):equals('float')
  expect(json.decode('9007199254740993')):equals(9007199254740993)
  near(json.decode('0.1') * 3, 0.3, 1e-12)
end)

test "decode gives plain tables for objects and marked tables for arrays" (function()
  expect(json.decode('{"a": 1, "b": "x"}')):equals({a = 1, b = 'x'})
  local list = json.decode('[1, "two", [3]]')
  expect(#list):equals(3)
  expect(list[2]):equals('two')
  expect(list[3][1]):equals(3)
  expect(json.encode(json.decode('[]'))):equals('[]')
  expect(json.encode(json.decode('{}'))):equals('{}')
end)

test "decode reads escapes and keeps NUL bytes" (function()
  expect(json.decode('"caf\\u00e9 \\ud83d\\ude00"')):equals('caf\u{E9} \u{1F600}')
  expect(#json.decode('"a\\u0000b"')):equals(3)
end)

test "round trip preserves nested values and awkward strings" (function()
  local value = {
    name = 'quote " backslash \\ newline \n tab \t nul \0 emoji \u{1F600}',
    numbers = {0, -1, 2.5, 2.0, math.mininteger},
    nested = {deeper = {flags = {true, false, json.null}, empty = json.array()}},
    [''] = 'empty key',
  }
  local text = json.encode(value)
  expect(json.encode(json.decode(text))):equals(text)
  local back = json.decode(text)
  expect(back.name):equals(value.name)
  expect(math.type(back.numbers[4])):equals('float')
  expect(back.nested.deeper.flags[3] == json.null):is_true()
end)

test "encode names the path of a value it cannot write" (function()
  expect(function() json.encode({a = {1, 0/0}}) end):raises('json.encode: NaN at $.a[2] cannot be encoded')
  expect(function() json.encode({x = math.huge}) end):raises('json.encode: inf at $.x cannot be encoded')
  expect(function() json.encode({f = print}) end):raises('json.encode: cannot encode a function at $.f')
  expect(function() json.encode({name = 'bad \xff'}) end)
    :raises('json.encode: invalid UTF-8 at byte 5 of string at $.name')
end)

test "encode rejects cycles and ambiguous tables" (function()
  local t = {a = {b = {}}}
  t.a.b.c = t
  expect(function() json.encode(t) end):raises('json.encode: table cycle at $.a.b.c')
  expect(function() json.encode({1, 2, x = 3}) end)
    :raises('json.encode: mixed or sparse keys at $ (keys must be 1..n or all strings)')
  expect(function() json.encode({[1] = 'a', [3] = 'c'}) end):raises('mixed or sparse keys at $')
  local shared = {1}
  expect(json.encode({shared, shared})):equals('[[1],[1]]')
end)

test "decode reports line and column" (function()
  expect(function() json.decode("[1,]") end):raises("json.decode: 1:4: invalid JSON")
  expect(function() json.decode('{"a": 1,}') end):raises("json.decode: 1:9: invalid JSON near '}'")
  expect(function() json.decode('[1,\n  2,\n  x]') end):raises("json.decode: 3:3: invalid JSON near 'x'")
  expect(function() json.decode('[01]') end):raises("json.decode: 1:3: invalid JSON near '1'")
end)

test "decode rejects duplicate keys, trailing text, empty and non-UTF-8 input" (function()
  expect(function() json.decode('{"a":1,"a":2}') end):raises("json.decode: 1:8: duplicate key 'a'")
  expect(function() json.decode('[1] x') end):raises("json.decode: 1:5: invalid JSON near 'x'")
  expect(function() json.decode('  ') end):raises('json.decode: empty input')
  expect(function() json.decode('"\xc0\x80"') end):raises('json.decode: invalid UTF-8 at byte 2')
  expect(function() json.decode({}) end):raises('string expected, got table')
end)

test "array and object markers control the encoding" (function()
  local t = json.array({1, 2})
  expect(getmetatable(t).__jsontype):equals('array')
  expect(json.object(t) == t):is_true()
  expect(function() json.encode(t) end):raises('object-marked table has a non-string key at $')
  expect(json.encode(setmetatable({}, {__jsontype = 'array'}))):equals('[]')
  expect(function() json.encode(json.array({x = 1})) end)
    :raises('array-marked table has keys other than 1..n at $')
  expect(function() json.array(setmetatable({}, {})) end):raises('table already has a metatable')
  expect(function() json.array(json.null) end):raises('table already has a metatable')
end)

test "encode refuses unknown options" (function()
  expect(function() json.encode({}, {ident = true}) end):raises("unknown option 'ident'")
  expect(function() json.encode({}, {indent = 4}) end):raises("option 'indent' must be a boolean")
end)

test "json.null is not an empty table" (function()
  expect(json.null):equals(json.null)
  expect(function() expect(json.null):equals({}) end):raises("expected {}, got json.null")
  expect(json.decode("[1, 2]")):equals({ 1, 2 })
end)
