/* l_frame.h: frames as Lua values; what other modules (csv, the engine's
** expression methods) need to make and read them. */
#ifndef PW_STDLIB_L_FRAME_H
#define PW_STDLIB_L_FRAME_H

#include <lua.h>

#include "frame.h"
#include "frame_ops.h"

#define PW_FRAME_MT "pathway.frame"     /* metatable of frame userdata */
#define PW_COLUMN_MT "pathway.column"   /* metatable of column userdata */
#define PW_GROUPED_MT "pathway.grouped" /* metatable of grouped frames (group_by) */

/* User value slots of a frame userdata. */
#define PW_FRAME_UV_INFO 1 /* the load summary table (frame:load_info()), or nil */
#define PW_FRAME_NUV 1     /* how many user values a frame userdata has */

/* Push a frame userdata that owns `f` (its __gc frees it). On a memory
** error the frame is freed before the error is raised, so ownership passes
** in every case. [-0, +1, m] */
void pw_frame_push(lua_State *L, frame *f);

/* The frame at `idx`, or a "bad argument" error naming the type found.
** [-0, +0, v] */
frame *pw_frame_check(lua_State *L, int idx);

/* The frame_mem that allocates through the state's allocator, so column
** buffers count against --max-memory. */
frame_mem pw_frame_mem(lua_State *L);

/* The groups of the grouped frame at `idx` and, in *f, the frame they
** group (kept alive by the grouped userdata). Raises like pw_frame_check.
** [-0, +0, v] */
const frame_groups *pw_grouped_check(lua_State *L, int idx, frame **f);

/* The layout of tostring(frame) and tostring(grouped): wide enough for a
** terminal and a report alike, no colour (frame.format chooses its own). */
#define PW_FRAME_TOSTRING_WIDTH 100
#define PW_FRAME_TOSTRING_ROWS 10

/* Push the box table of the frame at `idx` (frame_format), for the REPL
** and printers that know the terminal's width. Raises like pw_frame_check.
** [-0, +1, v] */
void pw_frame_pushformat(lua_State *L, int idx, const frame_format_opts *o);

/* Push "grouped by KEYS: N groups" and the box table of the grouped
** frame at `idx`. Raises like pw_grouped_check. [-0, +1, v] */
void pw_grouped_pushformat(lua_State *L, int idx, const frame_format_opts *o);

/* The Lua-function forms of the methods that also take expression
** strings. The methods in the `__index` table of PW_FRAME_MT (and of
** PW_GROUPED_MT for summarise) raise on a string argument, saying that the
** expression language is not loaded; the engine replaces those entries
** with wrappers that compile strings and call these for everything else.
** Arguments as the methods take them:
**   pw_frame_filter_fn(frame, fn(row) -> truthy)          -> frame
**   pw_frame_mutate_fn(frame, {name = fn(row) | array | column} [, opts]) -> frame
**   pw_frame_summarise_fn(frame | grouped, {name = fn(group frame)} [, opts]) -> frame
** A string among mutate's or summarise's values raises the same error. */
int pw_frame_filter_fn(lua_State *L);
int pw_frame_mutate_fn(lua_State *L);
int pw_frame_summarise_fn(lua_State *L);

/* luaopen: the `frame` module table; also creates the metatables. */
int luaopen_pathway_frame(lua_State *L);

#endif
