/* l_stats_model.h: what the two binding files of stats.lm and stats.glm
** (l_stats_model.c: fitting; l_stats_model_methods.c: methods) share. */
#ifndef PW_STDLIB_L_STATS_MODEL_H
#define PW_STDLIB_L_STATS_MODEL_H

#include <lua.h>

#include "stats/formula.h"
#include "stats/model.h"

#define PW_LM_MT "pathway.stats.lm"           /* metatable of lm results (tables) */
#define PW_GLM_MT "pathway.stats.glm"         /* metatable of glm results (tables) */
#define PW_MODEL_BOX_MT "pathway.stats.model" /* the userdata owning a fit's C memory */
#define PW_MODEL_FITS "pathway.stats.fits"    /* registry: result table -> box (weak keys) */

/* What a result keeps for its methods. Owned by a full userdata whose
** __gc frees it, so errors may be raised while it is being filled. */
typedef struct model_box {
  int parsed;        /* f holds a parse (to be freed) */
  formula f;         /* the formula */
  model_frame mf;    /* the data as fitted */
  model_fit fit;     /* the fit */
  double level;      /* confidence level of the intervals */
} model_box;

/* The box of the lm/glm result table at idx, or an argument error. [-0, +0, v] */
model_box *pw_model_check(lua_State *L, int idx);

/* Raise fname's error, with the formula and a caret when pos >= 0. [-0, +0, v] */
int pw_model_raise(lua_State *L, const char *fname, const char *src, const char *msg, long pos);

/* Create the result metatables (methods, __tostring). [-0, +0, m] */
void pw_model_methods_open(lua_State *L);

#endif
