/* l_expr.h: expression strings for frame methods, and the `expr` module. */
#ifndef PW_VM_L_EXPR_H
#define PW_VM_L_EXPR_H

#include <lua.h>

/* Replace the frame methods filter, mutate and summarise with versions
** that take expression strings (docs/expressions.md) and pass anything
** else to the method they replace. Call once per state, after the frame
** module has created its metatable (luaopen_pathway_frame). [-0, +0, e] */
void pw_expr_install(lua_State *L);

/* luaopen: the `expr` module table (expr.compile). [-0, +1, m] */
int luaopen_pathway_expr(lua_State *L);

#endif
