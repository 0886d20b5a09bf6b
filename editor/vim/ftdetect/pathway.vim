" ftdetect/pathway.vim: pathway review scripts and tests are Lua with
" pathway's extras: filetype "lua.pathway" (a dotted filetype, :help
" 'filetype'), so Lua's ftplugin, indent and syntax load first, then
" pathway's. A script is pathway's when
"   - its name ends in _test.lua (pathway test's files), or
"   - it lies under a directory named reviews/, or
"   - one of its first 50 lines is a "-- pathway" marker or calls
"     criterion "..." / pathway "..." (the review DSL).
" Runs after Vim's own `setf lua`, so it replaces that filetype.
function! s:Detect() abort
  let l:path = expand('<afile>:p')
  if l:path =~# '_test\.lua$' || l:path =~# '/reviews/.*\.lua$'
    setlocal filetype=lua.pathway
    return
  endif
  for l:line in getline(1, 50)
    if l:line =~# '^--\s*pathway\>' || l:line =~# '\<\%(criterion\|pathway\)\s*(\=\s*["'']'
      setlocal filetype=lua.pathway
      return
    endif
  endfor
endfunction

autocmd BufNewFile,BufRead *.lua call s:Detect()
