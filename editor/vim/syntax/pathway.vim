" syntax/pathway.vim: for lua.pathway buffers, after Lua's syntax: the
" expression language (docs/expressions.md) inside the strings passed to
" filter, where, mutate and summarise:
"   f:filter "gene == 'CPS1' and variant ~ '^c\\.1003C>T$'"
"   f:mutate { age = "dose_date - birth_date" }
"   rule "x" { where = "consequence == 'nonsense'" }
" Column names, operators, 'string' literals, the pattern after ~,
" functions, numbers, na, true/false and the keywords and/or/not/in
" (syntax/pathwayexpr.vim). Strings elsewhere stay Lua strings;
" [[long strings]] and single-quoted Lua strings are not parsed.

" The expression's tokens and pathwayExprValue, a double-quoted string
" inside pathwayExprTable.
syn include @pathwayExpr syntax/pathwayexpr.vim

" filter "..." / filter("...") / filter(("..."):format(...)) and
" where = "...". Defined after Lua's strings, so it wins at the quote.
syn region  pathwayExprString matchgroup=luaString
      \ start=/\%(\<\%(filter\|where\)\%(\s*=\)\=\s*(*\s*\)\@40<="/
      \ skip=/\\\\\|\\"/ end=/"\|$/ contains=@pathwayExprTokens
" mutate { name = "..." } / summarise({ ... }): every double-quoted value
" of the table literal. It starts at the brace, where Lua's table region
" would, and wins by coming later; transparent, so the rest stays Lua.
syn region  pathwayExprTable transparent matchgroup=luaTable
      \ start=/\%(\<\%(mutate\|summarise\)\s*(\=\s*\)\@20<={/ end=/}/
      \ contains=TOP

hi def link pathwayExprColumn    Identifier
hi def link pathwayExprFunction  Function
hi def link pathwayExprKeyword   Keyword
hi def link pathwayExprConstant  Constant
hi def link pathwayExprNumber    Number
hi def link pathwayExprOperator  Operator
hi def link pathwayExprText      String
hi def link pathwayExprPattern   Special
