/* l_hgvs.c: the hgvs module for scripts (hgvs.parse), a thin binding over
** the parser core, and the helpers other bindings use to take and give
** variants (l_hgvs.h). */
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "l_hgvs.h"

/* Registry field holding this state's scratch hgvs_result (a userdata). */
#define PW_HGVS_SCRATCH "pathway.hgvs.scratch"

/* ----------------------------------------------------- scratch, args */

/* [-0, +0, m] */
hgvs_result *pw_hgvs_scratch(lua_State *L) {
  hgvs_result *r;
  if (lua_getfield(L, LUA_REGISTRYINDEX, PW_HGVS_SCRATCH) == LUA_TUSERDATA) {
    r = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return r;
  }
  lua_pop(L, 1);
  r = lua_newuserdatauv(L, sizeof *r, 0); /* plain bytes: no __gc needed */
  lua_setfield(L, LUA_REGISTRYINDEX, PW_HGVS_SCRATCH);
  return r; /* anchored by the registry */
}

/* [-0, +0, v] */
int pw_hgvs_arg(lua_State *L, int idx, const hgvs_options *opt, hgvs_result *r) {
  size_t n;
  const char *s;
  if (lua_type(L, idx) == LUA_TTABLE) {
    if (lua_getfield(L, idx, "hgvs") != LUA_TSTRING) {
      lua_pop(L, 1);
      lua_getfield(L, idx, "raw");
    }
    if (lua_type(L, -1) != LUA_TSTRING)
      return luaL_typeerror(L, idx, "HGVS string or variant");
    s = lua_tolstring(L, -1, &n);
    int ok = hgvs_parse(s, n, opt, r); /* r owns copies of what it keeps */
    lua_pop(L, 1);
    return ok;
  }
  if (lua_type(L, idx) != LUA_TSTRING)
    return luaL_typeerror(L, idx, "HGVS string or variant");
  s = lua_tolstring(L, idx, &n);
  return hgvs_parse(s, n, opt, r);
}

/* ------------------------------------------------------------ results */

/* t[k] = span as a string, unless empty. [-0, +0, m] */
static void set_span(lua_State *L, const hgvs_result *r, const char *k, hgvs_span sp) {
  if (sp.len == 0)
    return;
  lua_pushlstring(L, hgvs_str(r, sp), sp.len);
  lua_setfield(L, -2, k);
}

/* t[k] = true, if flag. [-0, +0, m] */
static void set_flag(lua_State *L, const char *k, int flag) {
  if (!flag)
    return;
  lua_pushboolean(L, 1);
  lua_setfield(L, -2, k);
}

/* t[k] = integer v, unless v < 0 (unknown). [-0, +0, m] */
static void set_known(lua_State *L, const char *k, int64_t v) {
  if (v < 0)
    return;
  lua_pushinteger(L, (lua_Integer)v);
  lua_setfield(L, -2, k);
}

/* Push {pos, offset, region, aa, unknown, offset_unknown, pter, qter}. [-0, +1, m] */
static void push_pos(lua_State *L, const hgvs_pos *p) {
  lua_createtable(L, 0, 4);
  if (!p->pos_unknown && !p->pter && !p->qter) {
    lua_pushinteger(L, (lua_Integer)p->pos);
    lua_setfield(L, -2, "pos");
  }
  lua_pushinteger(L, (lua_Integer)p->offset);
  lua_setfield(L, -2, "offset");
  if (p->region != HGVS_REGION_NONE) {
    lua_pushstring(L, hgvs_region_name(p->region));
    lua_setfield(L, -2, "region");
  }
  if (p->aa[0] != 0) {
    lua_pushstring(L, p->aa);
    lua_setfield(L, -2, "aa");
  }
  set_flag(L, "unknown", p->pos_unknown);
  set_flag(L, "offset_unknown", p->offset_unknown);
  set_flag(L, "pter", p->pter);
  set_flag(L, "qter", p->qter);
}

/* Push a bound: its position's fields, and for "(a_b)" uncertain = true
** with lo and hi. [-0, +1, m] */
static void push_bound(lua_State *L, const hgvs_bound *b) {
  push_pos(L, &b->lo);
  if (!b->uncertain)
    return;
  set_flag(L, "uncertain", 1);
  push_pos(L, &b->lo);
  lua_setfield(L, -2, "lo");
  push_pos(L, &b->hi);
  lua_setfield(L, -2, "hi");
}

/* Push the table of one change (docs/hgvs.md § Lua). [-0, +1, m] */
static void push_variant(lua_State *L, const hgvs_result *r, const hgvs_variant *v) {
  lua_createtable(L, 0, 24);
  lua_pushliteral(L, "variant");
  lua_setfield(L, -2, "kind");
  set_span(L, r, "raw", v->raw);
  set_span(L, r, "hgvs", v->hgvs);
  set_span(L, r, "reference", v->reference);
  char coord = (char)v->coord;
  lua_pushlstring(L, &coord, 1);
  lua_setfield(L, -2, "coordinate");
  lua_pushstring(L, hgvs_type_name(v->type));
  lua_setfield(L, -2, "type");
  if (!v->no_position) {
    push_bound(L, &v->start);
    lua_setfield(L, -2, "start");
    push_bound(L, &v->stop);
    lua_setfield(L, -2, "stop");
  }
  lua_pushboolean(L, v->is_range);
  lua_setfield(L, -2, "is_range");
  set_span(L, r, "ref", v->ref);
  set_span(L, r, "alt", v->alt);
  set_known(L, "ref_length", v->ref_length);
  set_known(L, "alt_length", v->alt_length);
  if (v->has_length_change) {
    lua_pushinteger(L, (lua_Integer)v->length_change);
    lua_setfield(L, -2, "length_change");
  }
  lua_pushboolean(L, v->predicted);
  lua_setfield(L, -2, "predicted");
  lua_pushstring(L, hgvs_consequence_name(v->consequence));
  lua_setfield(L, -2, "consequence");
  if (v->term != 0) {
    lua_pushinteger(L, (lua_Integer)v->term);
    lua_setfield(L, -2, "term");
  }
  set_flag(L, "term_unknown", v->term_unknown);
  if (v->repeat_count != 0) {
    lua_pushinteger(L, (lua_Integer)v->repeat_count);
    lua_setfield(L, -2, "repeat_count");
  }
  if (v->allele != 0) {
    lua_pushinteger(L, v->allele);
    lua_setfield(L, -2, "allele");
  }
  if (r->correction[0] != 0) {
    lua_pushstring(L, r->correction);
    lua_setfield(L, -2, "correction");
  }
  luaL_setmetatable(L, PW_HGVS_VARIANT_MT);
}

static const char *const phase_names[] = {"cis", "trans", "unknown"};

/* [-0, +1, m] */
void pw_hgvs_push_result(lua_State *L, const hgvs_result *r) {
  if (r->kind == HGVS_KIND_VARIANT) {
    push_variant(L, r, &r->variants[0]);
    return;
  }
  lua_createtable(L, 0, 9);
  lua_pushliteral(L, "genotype");
  lua_setfield(L, -2, "kind");
  set_span(L, r, "raw", r->raw);
  set_span(L, r, "hgvs", r->hgvs);
  set_span(L, r, "reference", r->variants[0].reference);
  char coord = (char)r->variants[0].coord;
  lua_pushlstring(L, &coord, 1);
  lua_setfield(L, -2, "coordinate");
  lua_pushstring(L, phase_names[r->phase]);
  lua_setfield(L, -2, "phase");
  lua_pushinteger(L, r->nalleles);
  lua_setfield(L, -2, "nalleles");
  if (r->correction[0] != 0) {
    lua_pushstring(L, r->correction);
    lua_setfield(L, -2, "correction");
  }
  lua_createtable(L, r->nvariants, 0); /* stack: genotype alleles */
  for (int k = 0; k < r->nvariants; k++) {
    push_variant(L, r, &r->variants[k]);
    lua_rawseti(L, -2, k + 1);
  }
  lua_setfield(L, -2, "alleles");
  luaL_setmetatable(L, PW_HGVS_VARIANT_MT);
}

/* -------------------------------------------------------------- parse */

/* parse's options table at arg: {lenient = boolean}. Unknown keys raise,
** so a misspelt option is not silently ignored. [-0, +0, v] */
static void parse_options(lua_State *L, int arg, hgvs_options *opt) {
  memset(opt, 0, sizeof *opt);
  if (lua_isnoneornil(L, arg))
    return;
  luaL_checktype(L, arg, LUA_TTABLE);
  lua_pushnil(L);
  while (lua_next(L, arg)) {
    const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
    if (k == NULL || strcmp(k, "lenient") != 0)
      luaL_argerror(
          L, arg, lua_pushfstring(L, "unknown option '%s'", luaL_tolstring(L, -2, NULL)));
    if (!lua_isboolean(L, -1))
      luaL_argerror(L, arg, "option 'lenient' must be a boolean");
    opt->lenient = (unsigned char)lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
}

/* hgvs.parse(s [, opts]) -> variant | nil, msg. Raises on a non-string. */
static int lhgvs_parse(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  hgvs_options opt;
  parse_options(L, 2, &opt);
  hgvs_result *r = pw_hgvs_scratch(L);
  if (!hgvs_parse(s, n, &opt, r)) {
    luaL_pushfail(L);
    lua_pushstring(L, r->error);
    return 2;
  }
  pw_hgvs_push_result(L, r);
  return 1;
}

/* ------------------------------------------------------------ module */

/* __tostring of variant tables: the normal form. */
static int variant_tostring(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  if (lua_getfield(L, 1, "hgvs") != LUA_TSTRING)
    lua_pushliteral(L, "hgvs variant");
  return 1;
}

static const luaL_Reg hgvs_funcs[] = {
    {"annotate", pw_hgvs_lannotate}, /* l_hgvs_effect.c */
    {"editing", pw_hgvs_lediting},   /* l_hgvs_effect.c */
    {"parse", lhgvs_parse},
    {NULL, NULL}};

/* [-0, +1, m] */
int luaopen_pathway_hgvs(lua_State *L) {
  if (luaL_newmetatable(L, PW_HGVS_VARIANT_MT)) { /* sets __name */
    lua_pushcfunction(L, variant_tostring);
    lua_setfield(L, -2, "__tostring");
  }
  lua_pop(L, 1);
  luaL_newlib(L, hgvs_funcs);
  return 1;
}
