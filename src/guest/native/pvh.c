// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/10-bare-metal.nw; edit the chapter, not this file. */
/* pvh.c: QEMU's PVH start information, turned into struct lguest_boot. */
#include <stdbool.h>
#include <stdint.h>
#include "lguest.h"
#include "syscall.h"

/* chapters/10-bare-metal.nw, The start information:
 * <<The PVH start information and its memory map>>
 */
#define HVM_START_MAGIC		0x336ec578	/* "xEn3", top bit set */
#define HVM_MEMMAP_RAM		1

struct hvm_start_info {
	uint32_t magic;
	uint32_t version;		/* 1 and up have the memory map */
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct hvm_memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

/* chapters/10-bare-metal.nw, The start information:
 * <<The boot information the native entry fills in>>
 */
struct lguest_boot native_boot_info __attribute__((section(".data")));

/* chapters/10-bare-metal.nw, The start information:
 * <<Copy the command line from the start information>>
 */
static void copy_cmdline(uint64_t pa)
{
	const char *cmdline = (const char *)(uint32_t)pa;
	unsigned int i = 0;

	if (pa)
		for (; i < LGUEST_CMDLINE_MAX - 1 && cmdline[i]; i++)
			native_boot_info.cmdline[i] = cmdline[i];
	native_boot_info.cmdline[i] = '\0';
}

/* chapters/10-bare-metal.nw, The start information:
 * <<Find the memory the kernel was loaded into>>
 */
#define KERNEL_LOAD	0x100000u	/* where guest.lds puts the image */

static bool find_memory(const struct hvm_start_info *info)
{
	const struct hvm_memmap_entry *e =
		(const void *)(uint32_t)info->memmap_paddr;
	uint64_t end, size = 0, top = 0;
	uint32_t i;

	for (i = 0; i < info->memmap_entries; i++, e++) {
		end = e->addr + e->size;
		if (e->type != HVM_MEMMAP_RAM || end > 0x100000000ULL)
			continue;
		size += e->size;
		if (e->addr <= KERNEL_LOAD && end > KERNEL_LOAD)
			top = end < USER_BASE ? end : USER_BASE;
	}
	native_boot_info.mem_size = size;
	native_boot_info.mem_top = top;
	return top != 0;
}

/* chapters/10-bare-metal.nw, The start information:
 * <<Turn the PVH start information into the guest's boot information>>
 */
/* Called from boot.S with a temporary stack, before .bss is cleared. */
void native_boot(const struct hvm_start_info *info);

void native_boot(const struct hvm_start_info *info)
{
	if (info->magic != HVM_START_MAGIC || info->version < 1 ||
	    !find_memory(info))
		return;
	copy_cmdline(info->cmdline_paddr);
	native_boot_info.magic = LGUEST_BOOT_MAGIC;
	native_boot_info.version = LGUEST_ABI_VERSION;
}
