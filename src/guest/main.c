// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* main.c: the guest's main line, from its boot information to shutdown. */
#include "lguest.h"
#include "console.h"
#include "main.h"
#include "paging.h"
#include "paravirt.h"
#include "segments.h"
#include "tests.h"
#include "traps.h"

/* chapters/1-guest.nw, The boot information: <<The guest's copy of its boot information>> */
static struct lguest_boot boot_info;

/* chapters/1-guest.nw, The boot information:
 * <<Keep the boot information if it is the right kind>>
 */
static void keep_boot_info(const struct lguest_boot *boot)
{
	if (boot->magic != LGUEST_BOOT_MAGIC ||
	    boot->version != LGUEST_ABI_VERSION) {
		kprintf("Guest: bad boot info (magic 0x%08x, version %u)\n",
			boot->magic, boot->version);
		shut_down(STATUS_BAD_BOOT);
	}
	boot_info = *boot;
	boot_info.cmdline[LGUEST_CMDLINE_MAX - 1] = '\0';
}

/* chapters/1-guest.nw, The boot information: <<Greet the world>> */
static void say_hello(void)
{
	uint32_t start, end;

	pv_get_switcher_slot(&start, &end);
	kprintf("Guest: hello from ring %u (%u MiB, Switcher slot 0x%08x)\n",
		current_ring(), boot_info.mem_size >> 20, start);
}

/* chapters/1-guest.nw, The main line: <<Shut the guest down with a status>> */
void shut_down(unsigned int status)
{
	kprintf("Guest: shutting down with status %u\n", status);
	pv_shutdown(status);
}

/* Called from entry.S, never returns. */
void guest_main(const struct lguest_boot *boot);

/* chapters/1-guest.nw, The main line: <<Bring the guest up and run its test>> */
void guest_main(const struct lguest_boot *boot)
{
	pv_init();
	keep_boot_info(boot);
	setup_gdt();
	setup_idt();
	setup_paging(boot_info.mem_top);
	say_hello();
	shut_down(run_tests(boot_info.cmdline));
}
