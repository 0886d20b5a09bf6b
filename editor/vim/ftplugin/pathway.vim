" ftplugin/pathway.vim: for lua.pathway buffers, after Lua's ftplugin:
" :make runs the review (compiler/pathway.vim), K shows `pathway help` for
" the dotted name under the cursor (stats.t_test, criterion, visits:filter).
if exists('b:did_pathway_ftplugin')
  finish
endif
let b:did_pathway_ftplugin = 1

compiler pathway

if !exists('*s:Help')
  " The name under the cursor with its dots and colons; a method on a
  " variable (visits:filter) falls back to the method's own name.
  function! s:Help() abort
    let l:line = getline('.')
    let l:start = match(strpart(l:line, 0, col('.')), '[[:alnum:]_.:]*$')
    let l:name = substitute(matchstr(l:line, '^[[:alnum:]_.:]*', l:start), '[.:]\+$', '', '')
    let l:out = system('pathway help ' . shellescape(l:name))
    if v:shell_error && l:name =~# '[.:]'
      let l:out = system('pathway help ' . shellescape(matchstr(l:name, '[^.:]*$')))
    endif
    echo l:out
  endfunction
endif
nnoremap <buffer> <silent> K :call <SID>Help()<CR>

let b:undo_ftplugin = get(b:, 'undo_ftplugin', '') .
      \ (exists('b:undo_ftplugin') ? ' | ' : '') .
      \ 'setlocal makeprg< errorformat< | silent! nunmap <buffer> K | unlet! b:did_pathway_ftplugin'
