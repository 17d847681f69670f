// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* bench.c: the benchmarks' loops that must run in the kernel. */
#include <stdbool.h>
#include <stdint.h>
#include "bench.h"
#include "lguest.h"
#include "paging.h"
#include "paravirt.h"
#include "syscall.h"
#include "time.h"
#include "traps.h"
#include "drivers/virtio_block.h"
#include "drivers/virtio_console.h"

_Static_assert(BENCH_REASONS == LGUEST_EXIT_REASONS, "exit reasons");

/* chapters/9-mastery.nw, The kernel's half:
 * <<Make n hypercalls that do nothing, for a benchmark>>
 */
static uint32_t make_hcalls(uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		pv_nop();
	return 0;
}

/* chapters/9-mastery.nw, The kernel's half: <<Take n one-shot timer interrupts>> */
static uint32_t tick_before;

static bool ticked(void)
{
	return ticks() != tick_before;
}

static uint32_t take_interrupts(uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		tick_before = ticks();
		pv_set_timer(1);
		halt_until(ticked);
	}
	return 0;
}

/* chapters/9-mastery.nw, The kernel's half: <<Read the disk n times, sectors at a time>> */
static uint8_t disk_buf[64 * SECTOR_SIZE];

static uint32_t read_disk(uint32_t n, uint32_t sectors)
{
	static int ready = -1;
	uint64_t sector = 0;
	uint32_t i;

	if (ready < 0)
		ready = vblk_init() && vblk_sectors() >= 64;
	if (!ready || sectors == 0 || sectors > 64)
		return (uint32_t)-1;
	for (i = 0; i < n; i++) {
		if (sector + sectors > vblk_sectors())
			sector = 0;
		if (vblk_read(sector, disk_buf, sectors) != 0)
			return (uint32_t)-1;
		sector += sectors;
	}
	return 0;
}

/* chapters/9-mastery.nw, The kernel's half: <<Write n lines to the virtio console>> */
static const char console_line[] =
	"console benchmark: sixty-four bytes to the virtio console, each\n";

_Static_assert(sizeof(console_line) - 1 == 64, "a line of 64 bytes");

static uint32_t write_lines(uint32_t n)
{
	static int ready = -1;
	uint32_t i;

	if (ready < 0)
		ready = vcon_init();
	if (!ready)
		return (uint32_t)-1;
	for (i = 0; i < n; i++)
		vcon_write(console_line, sizeof(console_line) - 1);
	return 0;
}

/* chapters/9-mastery.nw, The kernel's half: <<Run the benchmark loop a program asks for>> */
uint32_t bench_call(uint32_t *dir, uint32_t op, uint32_t a, uint32_t b)
{
	switch (op) {
	case BENCH_HCALLS:	return make_hcalls(a);
	case BENCH_PROTECT:	return protect_user_page(dir, a, b) ? 0 : -1;
	case BENCH_IRQS:	return take_interrupts(a);
	case BENCH_DISK:	return read_disk(a, b);
	case BENCH_CONSOLE:	return write_lines(a);
	case BENCH_EXITS:
		return a < BENCH_REASONS ? pv_exits_for(a) : (uint32_t)-1;
	}
	return (uint32_t)-1;
}
