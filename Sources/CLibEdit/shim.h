// Typed wrappers around libedit's variadic calls (Swift cannot call C variadics).
// See shared notes/LIBEDIT.md for the traps these avoid.
#ifndef CELL_LIBEDIT_SHIM_H
#define CELL_LIBEDIT_SHIM_H
#include <stdio.h>
#include <histedit.h>
#endif
