/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* programs.S: the user programs' binaries, inside the guest's image. */
#include "programs.h"

	.macro	program name
	.section .rodata
	.balign	16
	.globl	\name\()_image, \name\()_image_end
\name\()_image:
	.incbin	"\name\().bin"
\name\()_image_end:
	.endm

#define EMBED(name)	program name;
FOR_EACH_PROGRAM(EMBED)

	.section .note.GNU-stack, "", @progbits
