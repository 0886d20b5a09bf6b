" syntax/pathwayexpr.vim: the expression language (docs/expressions.md)
" in a double-quoted Lua string, `:syn include`d by syntax/pathway.vim.
" Included, so its groups stay out of Lua's `contains=ALLBUT` regions
" (Neovim's lua.vim has them): only pathway.vim's regions contain it.
" Later definitions win where two match at one place: columns first.
syn match   pathwayExprColumn    /\<\h\w*\>/ contained
syn match   pathwayExprColumn    /`[^`]*`/ contained
syn match   pathwayExprFunction  /\<\h\w*\ze\s*(/ contained
syn keyword pathwayExprKeyword   and or not in contained
syn keyword pathwayExprConstant  na true false contained
syn match   pathwayExprNumber    /\<\d\+\%(\.\d*\)\=\%([eE][-+]\=\d\+\)\=/ contained
syn match   pathwayExprOperator  /==\|!=\|<=\|>=\|[<>+\-*/%^=~]/ contained
syn region  pathwayExprText      start=/'/ skip=/\\\\\|\\'/ end=/'/ contained oneline
syn match   pathwayExprPattern   /\%(\~\s*\)\@10<='\%(\\.\|[^'\\]\)*'/ contained
syn cluster pathwayExprTokens contains=pathwayExprColumn,pathwayExprFunction,
      \pathwayExprKeyword,pathwayExprConstant,pathwayExprNumber,
      \pathwayExprOperator,pathwayExprText,pathwayExprPattern

" The string itself, in a mutate/summarise table (syntax/pathway.vim).
" containedin: a contains= list that starts with TOP excludes the rest.
syn region  pathwayExprValue matchgroup=luaString start=/"/ skip=/\\\\\|\\"/
      \ end=/"\|$/ contains=@pathwayExprTokens containedin=pathwayExprTable
