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
