/* l_hgvs.h: the Lua bindings of the hgvs core: the `hgvs` and `editing`
** modules, and the helpers other bindings use to take and give variants. */
#ifndef PW_STDLIB_L_HGVS_H
#define PW_STDLIB_L_HGVS_H

#include <lua.h>

#include "hgvs/hgvs.h"

/* Metatable of the variant tables hgvs.parse returns (__tostring gives
** the normal form, __name this name). */
#define PW_HGVS_VARIANT_MT "pathway.hgvs.variant"

/* Open the module: {annotate, editing, parse}. [-0, +1, m] */
int luaopen_pathway_hgvs(lua_State *L);

/* Open the module: {sites}. [-0, +1, m] */
int luaopen_pathway_editing(lua_State *L);

/* This state's scratch result (a userdata kept in the registry, so no
** call allocates 13 KiB). Valid until the next call that parses. [-0, +0, m] */
hgvs_result *pw_hgvs_scratch(lua_State *L);

/* Parse argument idx: a string, or a variant table (its `hgvs` field, else
** `raw`). Raises "bad argument #idx" for anything else. Returns 1 with r
** filled, or 0 with r->error set. [-0, +0, v] */
int pw_hgvs_arg(lua_State *L, int idx, const hgvs_options *opt, hgvs_result *r);

/* Push the Lua value of a successful parse: a variant table, or
** {kind = "genotype", alleles = {...}, ...} (docs/hgvs.md). [-0, +1, m] */
void pw_hgvs_push_result(lua_State *L, const hgvs_result *r);

/* The binding functions of hgvs.annotate and hgvs.editing (l_hgvs_effect.c). */
int pw_hgvs_lannotate(lua_State *L);
int pw_hgvs_lediting(lua_State *L);

#endif
