/* l_frame_priv.h: what the files of the frame binding share; not for other modules. */
#ifndef PW_STDLIB_L_FRAME_PRIV_H
#define PW_STDLIB_L_FRAME_PRIV_H

#include <lua.h>

#include "frame_ops.h"
#include "l_frame.h"

/* Userdata that hold C memory only for the length of one call and never
** reach scripts: __gc and __close free what they hold. */
#define LF_SCRATCH_MT "pathway.frame.scratch" /* an lf_scratch */
#define LF_BUILDER_MT "pathway.frame.builder" /* a frame_builder */

/* The message methods give an expression string until the engine replaces
** them (l_frame.h). */
#define LF_NO_EXPR "expression strings need the expression language (not loaded)"

/* The box of a frame userdata: f is NULL once the frame is closed. */
typedef struct lf_frame_box {
  frame *f; /* owned; freed by __gc or __close */
} lf_frame_box;

/* The box of a column userdata; user value 1 is the column's name. */
typedef struct lf_column_box {
  frame_column *c; /* one reference; NULL once closed */
} lf_column_box;

/* The box of a grouped frame; user value 1 is the frame userdata. */
typedef struct lf_grouped_box {
  frame_groups *g; /* owned; NULL once closed */
} lf_grouped_box;

/* A block of C memory owned by a userdata for the length of a call. */
typedef struct lf_scratch {
  void *p;       /* the block, or NULL */
  size_t size;   /* its size for frame_mem_free */
  frame_mem mem; /* where it came from */
} lf_scratch;

/* ------------------------------------------------------------ l_frame.c */

/* Create every metatable of the module once per state. [-0, +0, m] */
void lf_create_metatables(lua_State *L);
/* Push an empty scratch box. [-0, +1, m] */
lf_scratch *lf_push_scratch(lua_State *L);
/* Raise "NAME: WHAT" for a kernel's status. [-0, +0, v] */
int lf_status_error(lua_State *L, const char *name, int status);
/* After FRAME_ENOMEM: collect garbage (dead frames hold C memory the
** collector cannot see) and say whether to try once more. Never raises,
** so it may be called while C owns memory. [-0, +0, -] */
int lf_retry(lua_State *L, int status, int *tried);
/* The index of the column named by the string at `arg`; a bad argument
** error, suggesting the nearest name, when there is none. [-0, +0, v] */
size_t lf_check_column(lua_State *L, const frame *f, int arg);
/* Same for a name found inside a table argument `arg`. [-0, +0, v] */
size_t lf_find_column(lua_State *L, const frame *f, int arg, const char *name);
/* Push the value at row of c: integer, float, boolean, "YYYY-MM-DD",
** string, or nil for NA. [-0, +1, m] */
void lf_push_cell(lua_State *L, const frame_column *c, size_t row);
/* Column names given as strings at args first..last, or as one array
** table at `first`; their indices in a new userdata array. With `unique`,
** a name given twice is an error. [-0, +1, v] */
size_t *lf_check_names(lua_State *L, const frame *f, int first, int last, int unique,
                       size_t *n);
/* The frame box at idx, checked and open. [-0, +0, v] */
lf_frame_box *lf_check_box(lua_State *L, int idx);

/* ------------------------------------------------------- l_frame_ops.c */

int lf_count(lua_State *L);
int lf_distinct(lua_State *L);
int lf_group_by(lua_State *L);
int lf_join(lua_State *L);
int lf_sort(lua_State *L);

/* -------------------------------------------------------- l_frame_fn.c */

int lf_rows(lua_State *L);
int lf_to_rows(lua_State *L);
/* Push a new table of row `row` of f: name = value, NA absent; `names` is
** the stack index of an array of f's column names. [-0, +1, m] */
void lf_push_row(lua_State *L, const frame *f, int names, size_t row);
/* Push an array of f's column names. [-0, +1, m] */
void lf_push_names(lua_State *L, const frame *f);

/* ------------------------------------------------------- l_frame_new.c */

int lf_new(lua_State *L);
/* Push a builder box whose builder has `type` (-1: infer). [-0, +1, m] */
frame_builder *lf_push_builder(lua_State *L, int type, size_t hint);
/* Add the Lua value at idx to b; on a value that does not fit raise
** "WHAT: column 'NAME' row ROW: ..." (unit "row" or "group"). [-0, +0, v] */
void lf_builder_add(lua_State *L, frame_builder *b, int idx, const char *what,
                    const char *name, const char *unit, size_t row);
/* Finish b into a column; an all-NA column with no type is made of type
** `fallback` (< 0: raise, naming what and name). The column is owned by the
** caller. [-0, +0, v] */
frame_column *lf_builder_finish(lua_State *L, frame_builder *b, int fallback,
                                const char *what, const char *name);
/* The length of a column given as the Lua array at t: its field n when it
** has one (as table.pack), else its largest integer key; other keys raise
** "WHAT: column 'NAME' must be an array of values". [-0, +0, v] */
size_t lf_array_length(lua_State *L, int t, const char *what, const char *name);
/* The string keys of the table at t, sorted bytewise, in a new userdata
** array (the strings stay alive as the table's keys); other keys raise as
** bad argument `arg`. [-0, +1, v] */
const char **lf_sorted_keys(lua_State *L, int t, int arg, size_t *n);
/* The type named by the string at idx ("int" ... "str"); raises for
** others, as bad argument `arg`. [-0, +0, v] */
frame_type lf_check_type(lua_State *L, int idx, int arg);

/* ---------------------------------------------------------- l_column.c */

/* Push a column userdata holding a reference to c, named `name`. [-0, +1, m] */
void lf_push_column(lua_State *L, frame_column *c, const char *name);
/* The column of a column userdata at idx, or NULL when it is none. [-0, +0, -] */
frame_column *lf_test_column(lua_State *L, int idx);
void lf_column_metatable(lua_State *L);

/* --------------------------------------------------------- l_grouped.c */

void lf_grouped_metatable(lua_State *L);

#endif
