" compiler/pathway.vim: :make runs `pathway review %` and reads pathway's
" errors: `pathway: FILE:LINE[:COL]: message` (DESIGN.md §4.1), followed by
" a traceback whose user frames read `<Tab>FILE:LINE: in ...`.
" :let g:pathway_make = 'test' (or b:pathway_make) makes :make run
" `pathway test %` instead; pathway test reports failures the same way.
if exists('current_compiler')
  finish
endif
let current_compiler = 'pathway'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

if get(b:, 'pathway_make', get(g:, 'pathway_make', 'review')) ==# 'test'
  CompilerSet makeprg=pathway\ test\ %:S
else
  CompilerSet makeprg=pathway\ review\ %:S
endif

" The message line (with and without a column), a traceback frame, and
" whatever else (the report, the traceback header) ignored.
CompilerSet errorformat=
      \pathway:\ %f:%l:%c:\ %m,
      \pathway:\ %f:%l:\ %m,
      \%\\s%#%f:%l:\ in\ %m,
      \%-G%.%#
