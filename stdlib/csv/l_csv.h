/* l_csv.h: luaopen_pathway_csv and frame:write_csv, the Lua binding of the csv module. */
#ifndef PW_STDLIB_L_CSV_H
#define PW_STDLIB_L_CSV_H

#include <lua.h>

/* Open the module: returns the table {parse, read, write}. Safe to call
** more than once per state. [-0, +1, m] */
int luaopen_pathway_csv(lua_State *L);

/* frame:write_csv(path [, opts]): the same as csv.write(frame, path
** [, opts]), for the frame binding's method table. Raises on failure and
** when the sandbox forbids the path. [-?, +0, v] */
int pw_csv_frame_write(lua_State *L);

#endif
