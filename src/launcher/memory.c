// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/4-launcher.nw; edit the chapter, not this file. */
/* memory.c: guest memory, and the one check for every guest address. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include "launcher.h"

/* chapters/4-launcher.nw, Guest memory: <<Map the guest's memory>> */
void map_guest_memory(struct guest *g, unsigned int mib)
{
	void *mem;

	g->mem_size = (uint32_t)mib << 20;
	mem = mmap(NULL, g->mem_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		die("cannot map %u MiB of guest memory: %s", mib,
		    strerror(errno));
	g->mem = mem;
}

/* chapters/4-launcher.nw, Guest memory: <<Check that a range lies inside a limit>> */
bool range_ok(uint32_t start, uint32_t len, uint32_t limit)
{
	return start <= limit && len <= limit - start;
}

/* chapters/4-launcher.nw, Guest memory: <<Turn a guest-physical address into a pointer>> */
void *guest_ptr(const struct guest *g, uint32_t gpa)
{
	return g->mem + gpa;
}
