/* l_hgvs_effect.c: the bindings of hgvs.annotate, hgvs.editing and the
** `editing` module (editing.sites). Arguments in, core call, results out. */
#include <lauxlib.h>
#include <string.h>

#include "hgvs/l_hgvs.h"

/* The variant of argument 1, or push the fail pair and return NULL. A
** genotype is not one change: the fail pair says which allele to take. */
static const hgvs_variant *single_arg(lua_State *L, hgvs_result *r, const char *fname) {
  hgvs_options opt = {0};
  if (!pw_hgvs_arg(L, 1, &opt, r)) {
    luaL_pushfail(L);
    lua_pushstring(L, r->error);
    return NULL;
  }
  if (r->kind != HGVS_KIND_VARIANT) {
    luaL_pushfail(L);
    lua_pushfstring(L, "hgvs.%s: '%s' is a genotype; give one of its alleles", fname,
                    hgvs_str(r, r->raw));
    return NULL;
  }
  return &r->variants[0];
}

/* hgvs.annotate(v, {cds = "ATG..."}) -> the variant with consequence and
** protein from the sequence, or nil, msg. */
int pw_hgvs_lannotate(lua_State *L) {
  luaL_checktype(L, 2, LUA_TTABLE);
  if (lua_getfield(L, 2, "cds") != LUA_TSTRING)
    return luaL_argerror(L, 2, "cds (the coding sequence, c.1 first) expected");
  size_t len;
  const char *cds = lua_tolstring(L, -1, &len);
  hgvs_result *r = pw_hgvs_scratch(L);
  const hgvs_variant *v = single_arg(L, r, "annotate");
  if (v == NULL)
    return 2;
  hgvs_protein p;
  char msg[HGVS_MSG_SIZE];
  if (!hgvs_annotate(v, r, cds, len, &p, msg)) {
    luaL_pushfail(L);
    lua_pushstring(L, msg);
    return 2;
  }
  pw_hgvs_push_result(L, r);                             /* stack: variant */
  lua_pushstring(L, hgvs_consequence_name(p.consequence));
  lua_setfield(L, -2, "consequence");
  lua_pushstring(L, p.hgvs_p);
  lua_setfield(L, -2, "protein");
  lua_pushinteger(L, (lua_Integer)p.codon);
  lua_setfield(L, -2, "codon");
  lua_pushstring(L, p.ref_codon);
  lua_setfield(L, -2, "ref_codon");
  lua_pushstring(L, p.alt_codon);
  lua_setfield(L, -2, "alt_codon");
  lua_pushstring(L, p.ref_aa);
  lua_setfield(L, -2, "ref_aa");
  lua_pushstring(L, p.alt_aa);
  lua_setfield(L, -2, "alt_aa");
  return 1;
}

static void set_bool(lua_State *L, const char *k, int v) {
  lua_pushboolean(L, v);
  lua_setfield(L, -2, k);
}

/* hgvs.editing(v) -> {snv, transition, transversion, abe_correctable,
** cbe_correctable}, or nil, msg for an invalid description. */
int pw_hgvs_lediting(lua_State *L) {
  hgvs_result *r = pw_hgvs_scratch(L);
  const hgvs_variant *v = single_arg(L, r, "editing");
  if (v == NULL)
    return 2;
  hgvs_editing e = hgvs_editing_of(v, r);
  lua_createtable(L, 0, 5);
  set_bool(L, "snv", e.snv);
  set_bool(L, "transition", e.transition);
  set_bool(L, "transversion", e.transversion);
  set_bool(L, "abe_correctable", e.abe_correctable);
  set_bool(L, "cbe_correctable", e.cbe_correctable);
  return 1;
}

/* ------------------------------------------------------------ editing.sites */

/* Read editing.sites' options table at idx into p (defaults when absent). */
static void site_options(lua_State *L, int idx, editing_params *p) {
  static const char *const editors[] = {"abe", "cbe", NULL};
  memset(p, 0, sizeof *p);
  if (lua_isnoneornil(L, idx))
    return;
  luaL_checktype(L, idx, LUA_TTABLE);
  if (lua_getfield(L, idx, "pam") != LUA_TNIL)
    p->pam = luaL_checkstring(L, -1);   /* kept alive by the options table */
  lua_pop(L, 1);
  if (lua_getfield(L, idx, "window") != LUA_TNIL) {
    luaL_argexpected(L, lua_istable(L, -1), idx, "window = {first, last}");
    lua_rawgeti(L, -1, 1);
    lua_rawgeti(L, -2, 2);
    luaL_argexpected(L, lua_isinteger(L, -2) && lua_isinteger(L, -1), idx,
                     "window = {first, last} (integers)");
    p->window_lo = (int)lua_tointeger(L, -2);
    p->window_hi = (int)lua_tointeger(L, -1);
    lua_pop(L, 2);
  }
  lua_pop(L, 1);
  if (lua_getfield(L, idx, "protospacer") != LUA_TNIL) {
    luaL_argexpected(L, lua_isinteger(L, -1), idx, "protospacer = length (an integer)");
    p->protospacer_len = (int)lua_tointeger(L, -1);
  }
  lua_pop(L, 1);
  lua_getfield(L, idx, "editor");
  p->editor = (editing_editor)luaL_checkoption(L, -1, "abe", editors);
  lua_pop(L, 1);
}

static void push_site(lua_State *L, const editing_site *s) {
  char strand[2] = {s->strand, 0};
  lua_createtable(L, 0, 10);
  lua_pushstring(L, strand);
  lua_setfield(L, -2, "strand");
  lua_pushinteger(L, (lua_Integer)s->start);
  lua_setfield(L, -2, "start");
  lua_pushinteger(L, (lua_Integer)s->pam_start);
  lua_setfield(L, -2, "pam_start");
  lua_pushinteger(L, s->target_index);
  lua_setfield(L, -2, "target_index");
  lua_pushstring(L, s->protospacer);
  lua_setfield(L, -2, "protospacer");
  lua_pushstring(L, s->pam);
  lua_setfield(L, -2, "pam");
  lua_pushlstring(L, &s->target_base, 1);
  lua_setfield(L, -2, "target_base");
  set_bool(L, "editable", s->editable);
  lua_pushinteger(L, s->bystanders);
  lua_setfield(L, -2, "bystanders");
  int cap = (int)(sizeof s->bystander_index / sizeof s->bystander_index[0]);
  int stored = s->bystanders < cap ? s->bystanders : cap;   /* the rest are counted only */
  lua_createtable(L, stored, 0);
  for (int i = 0; i < stored; i++) {
    lua_pushinteger(L, s->bystander_index[i]);
    lua_rawseti(L, -2, i + 1);
  }
  lua_setfield(L, -2, "bystander_index");
}

/* editing.sites(seq, pos [, {pam =, window =, protospacer =, editor =}])
** -> array of sites. Bad arguments raise (they are the script's mistake). */
static int lediting_sites(lua_State *L) {
  size_t len;
  const char *seq = luaL_checklstring(L, 1, &len);
  lua_Integer pos = luaL_checkinteger(L, 2);
  editing_params p;
  site_options(L, 3, &p);
  char msg[HGVS_MSG_SIZE];
  long n = editing_sites(seq, len, (int64_t)pos, &p, NULL, 0, msg);
  if (n < 0)
    return luaL_error(L, "%s", msg);
  /* sites are large; one userdata block holds them while they are pushed */
  editing_site *sites = n ? lua_newuserdatauv(L, (size_t)n * sizeof *sites, 0) : NULL;
  if (n)
    editing_sites(seq, len, (int64_t)pos, &p, sites, (size_t)n, msg);
  lua_createtable(L, (int)n, 0);
  for (long i = 0; i < n; i++) {
    push_site(L, &sites[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static const luaL_Reg editing_funcs[] = {
  {"sites", lediting_sites},
  {NULL, NULL}
};

int luaopen_pathway_editing(lua_State *L) {
  luaL_newlib(L, editing_funcs);
  return 1;
}
