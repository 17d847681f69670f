/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from book.nw; edit the chapter, not this file. */
#include <stdio.h>

/* book.nw, A main of its own: <<Say hello>> */
static void hello(void)
{
	puts("hello");
}

/* book.nw, Again: <<Say hello>> */
static void again(void)
{
	hello();
}

/* book.nw, Again: <<Say it twice>> */
int main(void) { hello(); again(); return 0; }

/* book.nw, A heading long enough that the comment cannot stay on one line:
 * <<Say goodbye, in a chunk whose name is long enough to need a second line>>
 */
/* bye */
