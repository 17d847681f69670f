// SPDX-License-Identifier: GPL-2.0
/* memory.c: guest memory, and the one check for every guest address. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include "launcher.h"

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

bool range_ok(uint32_t start, uint32_t len, uint32_t limit)
{
	return start <= limit && len <= limit - start;
}

void *guest_ptr(const struct guest *g, uint32_t gpa)
{
	return g->mem + gpa;
}
