// SPDX-License-Identifier: GPL-2.0
/* main.c: the guest's main line, from its boot information to shutdown. */
#include "lguest.h"
#include "console.h"
#include "main.h"
#include "paging.h"
#include "paravirt.h"
#include "segments.h"
#include "tests.h"
#include "traps.h"

static struct lguest_boot boot_info;

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

static void say_hello(void)
{
	uint32_t start, end;

	pv_get_switcher_slot(&start, &end);
	kprintf("Guest: hello from ring %u (%u MiB, Switcher slot 0x%08x)\n",
		current_ring(), boot_info.mem_size >> 20, start);
}

void shut_down(unsigned int status)
{
	kprintf("Guest: shutting down with status %u\n", status);
	pv_shutdown(status);
}

/* Called from entry.S, never returns. */
void guest_main(const struct lguest_boot *boot);

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
