" vim_check.vim: run by tests/editor/vim.sh in Vim or Neovim with
" editor/vim on 'runtimepath' and $PW_SAMPLES a directory of sample files;
" writes one "ok ..." / "not ok ..." line per check to $PW_RESULTS.
let s:out = []
function! s:Check(ok, what) abort
  call add(s:out, (a:ok ? 'ok ' : 'not ok ') . a:what)
endfunction
let s:dir = $PW_SAMPLES

" filetype detection: by name, by path, by content; plain Lua stays lua
for [s:file, s:want] in [['cps1_test.lua', 'lua.pathway'],
      \ ['reviews/study.lua', 'lua.pathway'], ['marked.lua', 'lua.pathway'],
      \ ['dsl.lua', 'lua.pathway'], ['plain.lua', 'lua']]
  execute 'edit ' . fnameescape(s:dir . '/' . s:file)
  call s:Check(&filetype ==# s:want, 'filetype of ' . s:file . ' is ' . s:want . ' (got ' . &filetype . ')')
endfor

" :make's errorformat on pathway's error and traceback lines
execute 'edit ' . fnameescape(s:dir . '/dsl.lua')
call s:Check(&makeprg =~# '^pathway review ', 'makeprg runs pathway review (' . &makeprg . ')')
let s:makeprg = &l:makeprg
" :make reads pathway's output through the buffer's 'errorformat'
let &l:makeprg = 'cat ' . shellescape(s:dir . '/errors.txt')
silent make!
let s:qf = filter(getqflist(), 'v:val.valid')
call s:Check(len(s:qf) == 3, 'three located errors (got ' . len(s:qf) . ')')
if len(s:qf) == 3
  call s:Check(bufname(s:qf[0].bufnr) ==# 'examples/x/review.lua' && s:qf[0].lnum == 12
        \ && s:qf[0].text =~# '^attempt to call', 'the message line: file, line, text')
  call s:Check(s:qf[1].lnum == 30 && bufname(s:qf[1].bufnr) ==# 'examples/x/review.lua',
        \ 'the traceback line: file and line')
  call s:Check(bufname(s:qf[2].bufnr) ==# 'data.csv' && s:qf[2].lnum == 1043 && s:qf[2].col == 17,
        \ 'a data error: file, line and column')
endif

let &l:makeprg = s:makeprg

" expression highlighting inside filter/mutate/where strings
execute 'edit ' . fnameescape(s:dir . '/dsl.lua')
function! s:GroupAt(lnum, text) abort
  let l:col = stridx(getline(a:lnum), a:text) + 1
  return synIDattr(synID(a:lnum, l:col, 1), 'name')
endfunction
for [s:lnum, s:text, s:want] in [[4, 'arm ==', 'pathwayExprColumn'],
      \ [4, '== ', 'pathwayExprOperator'], [4, "'treated'", 'pathwayExprText'],
      \ [4, 'and', 'pathwayExprKeyword'], [4, 'na', 'pathwayExprConstant'],
      \ [5, 'dose_date', 'pathwayExprColumn'], [5, '365', 'pathwayExprNumber'],
      \ [6, 'mean(', 'pathwayExprFunction'], [7, "'^c", 'pathwayExprPattern'],
      \ [8, 'not a column', 'luaString']]
  let s:got = s:GroupAt(s:lnum, s:text)
  call s:Check(s:got ==# s:want, 'line ' . s:lnum . ' "' . s:text . '" is ' . s:want . ' (got ' . s:got . ')')
endfor

call writefile(s:out, $PW_RESULTS)
qall!
