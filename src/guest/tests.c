// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* tests.c: the test modes, one per word of the guest's command line. */
#include <stdbool.h>
#include <stdint.h>
#include "console.h"
#include "hcall.h"
#include "lib.h"
#include "main.h"
#include "paging.h"
#include "paravirt.h"
#include "process.h"
#include "segments.h"
#include "syscall.h"
#include "time.h"
#include "traps.h"
#include "drivers/virtio.h"
#include "drivers/virtio_block.h"
#include "drivers/virtio_console.h"
#include "hostile.h"

/* chapters/1-guest.nw, Test modes: <<Count the elements of an array>> */
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* chapters/11-test-modes.nw, Exiting, counting and spinning:
 * <<The status the guest will exit with>>
 */
static unsigned int exit_status = STATUS_OK;

/* chapters/11-test-modes.nw, Misbehaving: <<Report a guest that should be dead>> */
void report_survival(const char *deed)
{
	kprintf("Guest: still alive after %s\n", deed);
	shut_down(STATUS_SURVIVED);
}

/* chapters/11-test-modes.nw, Exiting, counting and spinning: <<Set the exit status>> */
static void set_exit_status(uint32_t n)
{
	exit_status = n;
}

/* chapters/11-test-modes.nw, Exiting, counting and spinning:
 * <<Make n hypercalls that do nothing>>
 */
static void make_nop_hcalls(uint32_t n)
{
	uint64_t start = read_tsc();
	uint32_t i;

	for (i = 0; i < n; i++)
		pv_nop();
	kprintf("Guest: %u hypercalls done in %u ms\n", n, ms_since(start));
}

/* chapters/11-test-modes.nw, Exiting, counting and spinning:
 * <<Spin for ever without a hypercall>>
 */
static void spin_forever(void)
{
	kprintf("Guest: spinning\n");
	for (;;)
		asm volatile("pause");
}

/* chapters/11-test-modes.nw, Exiting, counting and spinning:
 * <<Check that the guest's floating point survives the Host>>
 */
static const uint32_t fpu_pattern[4] = {
	0x01234567, 0x89abcdef, 0xfedcba98, 0x76543210
};

static void check_fpu_kept(uint32_t n)
{
	uint32_t seen[4], i, spin, differ = 0;
	uint64_t pi;

	asm volatile("fninit; fldpi; movdqu %0, %%xmm3" : : "m" (fpu_pattern));
	for (i = 0; i < n; i++) {
		pv_nop();
		for (spin = 0; spin < 1000; spin++)
			asm volatile("pause");
	}
	asm volatile("movdqu %%xmm3, %0; fstpl %1" : "=m" (seen), "=m" (pi));
	for (i = 0; i < 4; i++)
		differ |= seen[i] ^ fpu_pattern[i];
	if (differ || pi != 0x400921fb54442d18ULL) {
		kprintf("Guest: FPU state lost\n");
		shut_down(STATUS_FPU_LOST);
	}
	kprintf("Guest: FPU state kept across %u hypercalls\n", n);
}

/* chapters/11-test-modes.nw, Exiting, counting and spinning:
 * <<Check that the guest's AVX registers are its own>>
 */
#define CPUID1_ECX_OSXSAVE	(1u << 27)
#define CPUID1_ECX_AVX		(1u << 28)
#define XCR0_SSE_AVX		0x6

static bool avx_usable(void)
{
	uint32_t eax = 1, ebx, ecx = 0, edx, xcr0, xcr0_high;

	asm volatile("cpuid" : "+a" (eax), "=b" (ebx), "+c" (ecx), "=d" (edx));
	if (!(ecx & CPUID1_ECX_AVX) || !(ecx & CPUID1_ECX_OSXSAVE))
		return false;
	asm volatile("xgetbv" : "=a" (xcr0), "=d" (xcr0_high) : "c" (0));
	return (xcr0 & XCR0_SSE_AVX) == XCR0_SSE_AVX;
}

static void read_ymm_uppers(uint32_t seen[8][4])
{
	asm volatile("vextractf128 $1, %%ymm0, 0x00(%0)\n\t"
		     "vextractf128 $1, %%ymm1, 0x10(%0)\n\t"
		     "vextractf128 $1, %%ymm2, 0x20(%0)\n\t"
		     "vextractf128 $1, %%ymm3, 0x30(%0)\n\t"
		     "vextractf128 $1, %%ymm4, 0x40(%0)\n\t"
		     "vextractf128 $1, %%ymm5, 0x50(%0)\n\t"
		     "vextractf128 $1, %%ymm6, 0x60(%0)\n\t"
		     "vextractf128 $1, %%ymm7, 0x70(%0)"
		     : : "r" (seen) : "memory");
}

static void load_ymm(const uint32_t values[8][8])
{
	asm volatile("vmovdqu 0x00(%0), %%ymm0\n\t"
		     "vmovdqu 0x20(%0), %%ymm1\n\t"
		     "vmovdqu 0x40(%0), %%ymm2\n\t"
		     "vmovdqu 0x60(%0), %%ymm3\n\t"
		     "vmovdqu 0x80(%0), %%ymm4\n\t"
		     "vmovdqu 0xa0(%0), %%ymm5\n\t"
		     "vmovdqu 0xc0(%0), %%ymm6\n\t"
		     "vmovdqu 0xe0(%0), %%ymm7"
		     : : "r" (values) : "memory");
}

static int ymm_upper_differs(uint32_t seen[8][4], const uint32_t want[8][8])
{
	int r, d;

	for (r = 0; r < 8; r++)
		for (d = 0; d < 4; d++)
			if (seen[r][d] != want[r][4 + d])
				return r;
	return -1;
}

static void watch_ymm(const uint32_t want[8][8], uint32_t ms,
		      const char *what)
{
	uint64_t start = read_tsc();
	uint32_t seen[8][4], n = 0;
	int r;

	do {
		read_ymm_uppers(seen);
		r = ymm_upper_differs(seen, want);
		if (r >= 0) {
			kprintf("Guest: avxprobe: upper half of ymm%d is "
				"%08x %08x %08x %08x after %u hypercalls\n", r,
				seen[r][0], seen[r][1], seen[r][2], seen[r][3], n);
			shut_down(STATUS_FPU_LOST);
		}
		pv_nop();
		n++;
	} while (ms_since(start) < ms);
	kprintf("Guest: avxprobe: upper halves of ymm0-7 %s across %u "
		"hypercalls\n", what, n);
}

static void probe_avx(uint32_t ms)
{
	static const uint32_t zero[8][8];
	uint32_t mine[8][8], r, d;

	if (!avx_usable()) {
		kprintf("Guest: avxprobe: no AVX here, skipped\n");
		return;
	}
	watch_ymm(zero, ms, "stayed zero");
	for (r = 0; r < 8; r++)
		for (d = 0; d < 8; d++)
			mine[r][d] = 0x600d0000 | r << 8 | d;
	load_ymm(mine);
	watch_ymm(mine, ms, "kept the guest's pattern");
}

/* chapters/11-test-modes.nw, Traps the guest handles: <<Test a trap the guest handles itself>> */
static bool catch_invalid_opcode(struct trap_frame *tf)
{
	if (tf->vector != TRAP_INVALID_OPCODE)
		return false;
	kprintf("Guest: caught trap %u at eip 0x%08x\n", tf->vector, tf->eip);
	tf->eip += 2;	/* the length of ud2 */
	return true;
}

static void test_trap(void)
{
	expect_trap(catch_invalid_opcode);
	asm volatile("ud2" : : : "memory");
	expect_trap(NULL);
	kprintf("Guest: resumed after the trap\n");
}

/* chapters/11-test-modes.nw, Traps the guest handles: <<Map a page where the test faulted>> */
#define FAULT_ADDRESS	0x40000000u

static bool map_faulting_page(struct trap_frame *tf)
{
	uint32_t cr2 = pv_read_cr2();

	if (tf->vector != TRAP_PAGE_FAULT ||
	    (cr2 & PAGE_MASK) != FAULT_ADDRESS)
		return false;
	kprintf("Guest: page fault at 0x%08x (error 0x%x)\n", cr2, tf->error);
	map_fresh_page(cr2 & PAGE_MASK);
	return true;
}

/* chapters/11-test-modes.nw, Traps the guest handles: <<Read an unmapped address and live>> */
static void test_page_fault(void)
{
	volatile uint32_t *p = (volatile uint32_t *)FAULT_ADDRESS;
	uint32_t value;

	expect_trap(map_faulting_page);
	value = *p;
	expect_trap(NULL);
	(void)value;
	kprintf("Guest: page fault handled\n");
}

/* chapters/11-test-modes.nw, A storm of hypercalls:
 * <<Make random hypercalls until the Host kills the guest>>
 */
static uint32_t storm_state;

static uint32_t storm_random(void)
{
	storm_state ^= storm_state << 13;
	storm_state ^= storm_state >> 17;
	storm_state ^= storm_state << 5;
	return storm_state;
}

/* chapters/11-test-modes.nw, A storm of hypercalls:
 * <<Make random hypercalls until the Host kills the guest>>
 */
#define STORM_WILD	4096		/* one call in this many is wild */
#define STORM_MEMORY	(4u << 20)	/* the least memory a guest has */
#define STORM_REPORT	64		/* calls between counts printed */

static uint32_t storm_dirs[2];		/* gpas of two page directories */
static uint32_t storm_slot;		/* the Switcher's directory index */
static bool storm_data_moved;		/* the shared page may be anywhere */

/* chapters/11-test-modes.nw, A storm of hypercalls:
 * <<Make random hypercalls until the Host kills the guest>>
 */
static uint32_t storm_wild(void)
{
	uint32_t r = storm_random();

	switch (storm_random() % 9) {
	case 0: return 0;
	case 1: return r % 64;
	case 2: return r % STORM_MEMORY;
	case 3: return r % STORM_MEMORY & PAGE_MASK;
	case 4: return 0u - r % 64;
	case 5: return storm_slot << 22 | (r & 0x3fffff);
	case 6: return LGUEST_MMIO_BASE +
		       r % (LGUEST_MMIO_SLOTS * LGUEST_MMIO_SLOT);
	case 7: return KERNEL_CS << 16 | (r & 0xffff);
	default: return r;
	}
}

/* chapters/11-test-modes.nw, A storm of hypercalls:
 * <<Make random hypercalls until the Host kills the guest>>
 */
static uint32_t storm_tame(uint32_t nr, uint32_t a[3])
{
	uint32_t r = storm_random();

	a[0] = storm_random();
	a[1] = storm_random();
	a[2] = storm_random();
	switch (nr) {
	case LHCALL_INIT:
	case LHCALL_SHUTDOWN:
		return LHCALL_NOP;
	case LHCALL_CONSOLE_WRITE:
		a[0] %= STORM_MEMORY;
		a[1] = 0;
		break;
	case LHCALL_LOAD_GDT_ENTRY:
		a[0] = 6 + r % 6;
		a[2] |= DESC_S;
		break;
	case LHCALL_LOAD_IDT_ENTRY:
		a[0] = LGUEST_IRQ_BASE + LGUEST_IRQS + r % 192;
		if (a[0] == TRAP_SYSCALL)
			a[0]++;
		a[1] = KERNEL_CS << 16 | (a[1] & 0xffff);
		a[2] = (a[2] & 0xffff0000) | DESC_P | DESC_DPL(r >> 8 & 3) |
		       DESC_TYPE(0xe | (r >> 10 & 1));
		break;
	case LHCALL_NEW_PGDIR:
		a[0] = storm_dirs[r & 1];
		break;
	case LHCALL_SET_PTE:
		a[0] = storm_dirs[r & 1];
		if (a[1] >> 22 == storm_slot)
			a[1] ^= 1u << 22;
		break;
	case LHCALL_SET_PGD:
		a[0] = storm_dirs[r & 1];
		a[1] = (r >> 1) % 1024;
		if (a[1] == storm_slot)
			a[1] ^= 1;
		break;
	case LHCALL_SET_STACK:
		a[0] = KERNEL_DS;
		break;
	case LHCALL_SET_CLOCKEVENT:
		a[0] %= 10000000;
		break;
	case LHCALL_MMIO_READ:
	case LHCALL_MMIO_WRITE:
		a[0] %= LGUEST_MMIO_BASE;
		break;
	}
	return nr;
}

/* chapters/11-test-modes.nw, A storm of hypercalls:
 * <<Make random hypercalls until the Host kills the guest>>
 */
static uint32_t storm_wild_call(uint32_t nr, uint32_t a[3])
{
	if (storm_random() % 4 == 0)
		nr = storm_wild();
	a[0] = storm_wild();
	a[1] = storm_wild();
	a[2] = storm_wild();
	if (nr == LHCALL_CONSOLE_WRITE && a[1] < STORM_MEMORY)
		a[1] &= PAGE_SIZE - 1;
	if (nr == LHCALL_INIT)
		storm_data_moved = true;
	return nr;
}

/* chapters/11-test-modes.nw, A storm of hypercalls:
 * <<Make random hypercalls until the Host kills the guest>>
 */
static uint32_t storm_arm_halt(uint32_t nr)
{
	if (nr != LHCALL_HALT)
		return nr;
	if (storm_data_moved)
		return LHCALL_NOP;
	pv_irq_disable();
	hcall(LHCALL_SET_CLOCKEVENT, 10000 + storm_random() % 100000, 0, 0);
	return nr;
}

/* chapters/11-test-modes.nw, A storm of hypercalls:
 * <<Make random hypercalls until the Host kills the guest>>
 */
static void storm_hypercalls(uint32_t seed)
{
	uint32_t calls, nr, a[3], start, end;

	storm_state = seed * 2654435761u ^ 0x6c078965u;
	if (!storm_state)
		storm_state = 1;
	pv_get_switcher_slot(&start, &end);
	storm_slot = start >> 22;
	storm_dirs[0] = __pa(new_address_space());
	storm_dirs[1] = __pa(new_address_space());
	kprintf("storm: seed %u\n", seed);
	for (calls = 1;; calls++) {
		nr = storm_random() % LHCALL_COUNT;
		if (storm_random() % STORM_WILD == 0)
			nr = storm_wild_call(nr, a);
		else
			nr = storm_tame(nr, a);
		hcall(storm_arm_halt(nr), a[0], a[1], a[2]);
		if (calls % STORM_REPORT == 0)
			kprintf("storm: %u calls\n", calls);
	}
}

/* chapters/1-guest.nw, Reading the command line: <<Split the next word off the command line>> */
static char *next_word(char **cursor, char separator)
{
	char *p = *cursor, *word;

	while (*p == separator)
		p++;
	if (!*p)
		return NULL;
	word = p;
	while (*p && *p != separator)
		p++;
	if (*p)
		*p++ = '\0';
	*cursor = p;
	return word;
}

/* chapters/11-test-modes.nw, Reading a mode's number: <<Read a decimal number>> */
static bool read_number(const char *s, uint32_t *n)
{
	uint32_t value = 0;
	unsigned int digit;

	if (!*s)
		return false;
	for (; *s; s++) {
		digit = (unsigned char)*s - '0';
		if (digit > 9 || __builtin_mul_overflow(value, 10, &value) ||
		    __builtin_add_overflow(value, digit, &value))
			return false;
	}
	*n = value;
	return true;
}

/* chapters/2-processes.nw, Running programs: <<Run the programs a list names>> */
static void start_program(char *item)
{
	char *name = next_word(&item, ':');
	uint32_t arg = 0;

	if (!name || (*item && !read_number(item, &arg)) ||
	    !start_process(name, arg)) {
		kprintf("Guest: cannot start program %s\n", name ? name : "");
		shut_down(STATUS_BAD_OPTION);
	}
}

static void run_programs(char *list)
{
	char *item;

	while ((item = next_word(&list, ',')))
		start_program(item);
	if (run_processes())
		exit_status = STATUS_PROCESS_FAILED;
}

/* chapters/11-test-modes.nw, Testing interrupts and time: <<Test interrupts and time>> */
static uint64_t test_start;

static bool second_passed(void)
{
	return ms_since(test_start) >= 1000;
}

static void count_ticks(uint32_t hz)
{
	uint32_t first;

	if (hz == 0 || hz > 1000) {
		kprintf("Guest: cannot tick at %u Hz\n", hz);
		shut_down(STATUS_BAD_OPTION);
	}
	start_ticks(hz, NULL);
	first = ticks();
	test_start = read_tsc();
	halt_until(second_passed);
	stop_ticks();
	kprintf("Guest: %u ticks in 1000 ms at %u Hz\n", ticks() - first, hz);
}

/* chapters/11-test-modes.nw, Testing interrupts and time: <<Test interrupts and time>> */
static volatile bool woken;

static void wake(struct trap_frame *tf)
{
	(void)tf;
	woken = true;
}

static bool is_woken(void)
{
	return woken;
}

static void sleep_ms(uint32_t ms)
{
	uint64_t start = read_tsc();

	woken = false;
	set_irq_handler(LGUEST_IRQ_TIMER, wake);
	pv_set_timer(ms * 1000000u);
	halt_until(is_woken);
	kprintf("Guest: slept %u ms\n", ms_since(start));
}

/* chapters/11-test-modes.nw, Testing interrupts and time: <<Test interrupts and time>> */
static volatile uint32_t poke_count, pokes_wanted;

static void count_poke(struct trap_frame *tf)
{
	(void)tf;
	poke_count++;
	kprintf("Guest: interrupt on the poke line (%u)\n", poke_count);
}

static bool got_pokes(void)
{
	return poke_count >= pokes_wanted;
}

static void wait_for_interrupts(uint32_t k)
{
	set_irq_handler(LGUEST_IRQ_POKE, count_poke);
	pokes_wanted = k;
	kprintf("Guest: waiting for %u pokes\n", k);
	halt_until(got_pokes);
	sleep_ms(500);
	kprintf("Guest: %u pokes, then %u more\n", k,
		poke_count - k);
}

/* chapters/11-test-modes.nw, Testing interrupts and time: <<Test interrupts and time>> */
static void test_blocked_line(void)
{
	set_irq_handler(LGUEST_IRQ_POKE, count_poke);
	pv_block_irq(LGUEST_IRQ_POKE, true);
	kprintf("Guest: the poke line is blocked\n");
	sleep_ms(1000);
	kprintf("Guest: %u pokes while blocked\n", poke_count);
	pokes_wanted = 1;
	pv_block_irq(LGUEST_IRQ_POKE, false);
	halt_until(got_pokes);
	kprintf("Guest: %u poke after unblocking\n", poke_count);
}

/* chapters/11-test-modes.nw, Testing interrupts and time: <<Test interrupts and time>> */
static void measure_interrupts(uint32_t n)
{
	uint64_t start = read_tsc();
	uint32_t i, irq_ms, hcall_ms;

	set_irq_handler(LGUEST_IRQ_TIMER, wake);
	for (i = 0; i < n; i++) {
		woken = false;
		pv_set_timer(1);
		halt_until(is_woken);
	}
	irq_ms = ms_since(start);
	start = read_tsc();
	for (i = 0; i < n; i++)
		pv_nop();
	hcall_ms = ms_since(start);
	kprintf("Guest: %u timer interrupts in %u ms, %u hypercalls in %u ms\n",
		n, irq_ms, n, hcall_ms);
}

/* chapters/3-drivers.nw, Testing the drivers: <<The drivers' tests>> */
static void need(bool ok, const char *what)
{
	if (ok)
		return;
	kprintf("Guest: no %s\n", what);
	shut_down(STATUS_NO_DEVICE);
}

/* chapters/3-drivers.nw, A shell: <<The drivers' tests>> */
static void say(const char *s)
{
	vcon_write(s, strlen(s));
}

static void run_shell(void)
{
	char line[80];

	need(vcon_init(), "console");
	say("Guest shell: commands are echo, help and exit\n");
	for (;;) {
		say("> ");
		vcon_read_line(line, sizeof(line));
		if (strncmp(line, "exit", 5) == 0)
			break;
		if (strncmp(line, "echo ", 5) == 0) {
			say(line + 5);
			say("\n");
		} else if (strncmp(line, "help", 5) == 0) {
			say("echo TEXT: say TEXT; help: this; exit: leave\n");
		} else if (line[0]) {
			say("unknown command: ");
			say(line);
			say("\n");
		}
	}
	say("bye\n");
}

/* chapters/3-drivers.nw, The disk: <<The drivers' tests>> */
static uint8_t sectors[64 * SECTOR_SIZE];

static void fill_pattern(void)
{
	static const char text[] = "lguest disk test, sector ";
	unsigned int s, i;

	for (s = 0; s < 8; s++)
		for (i = 0; i < SECTOR_SIZE; i++)
			sectors[s * SECTOR_SIZE + i] = i < sizeof(text) - 1 ?
				(uint8_t)text[i] :
				i == sizeof(text) - 1 ? '0' + s : '.';
}

/* chapters/3-drivers.nw, The disk: <<The drivers' tests>> */
static void check_pattern(void)
{
	memcpy(sectors + 32 * SECTOR_SIZE, sectors, 8 * SECTOR_SIZE);
	fill_pattern();
	if (memcmp(sectors, sectors + 32 * SECTOR_SIZE, 8 * SECTOR_SIZE)) {
		kprintf("Guest: disk: read back something else\n");
		shut_down(STATUS_SURVIVED);
	}
}

static void test_disk_write(void)
{
	need(vblk_init(), "disk");
	fill_pattern();
	if (vblk_write(0, sectors, 8) || vblk_flush()) {
		kprintf("Guest: disk: write or flush failed\n");
		shut_down(STATUS_SURVIVED);
	}
	memset(sectors, 0, 8 * SECTOR_SIZE);
	vblk_read(0, sectors, 8);
	check_pattern();
	kprintf("Guest: disk: 8 sectors written, flushed and read back\n");
}

static void test_disk_read_only(void)
{
	int status;

	need(vblk_init(), "disk");
	status = vblk_write(0, sectors, 1);
	kprintf("Guest: disk: %s, write %s with status %d\n",
		vblk_read_only() ? "read-only" : "writable",
		status ? "refused" : "accepted", status);
}

/* chapters/3-drivers.nw, The disk: <<The drivers' tests>> */
static void measure_disk_reads(uint32_t mib)
{
	uint64_t start, sector = 0, size;
	uint32_t i, requests = mib * 32;

	need(vblk_init(), "disk");
	size = vblk_sectors();
	need(size >= 64, "disk of 32 KiB or more");
	start = read_tsc();
	for (i = 0; i < requests; i++) {
		if (sector + 64 > size)
			sector = 0;
		vblk_read(sector, sectors, 64);
		sector += 64;
	}
	kprintf("Guest: disk: read %u MiB in %u ms\n", mib, ms_since(start));
}

/* chapters/1-guest.nw, Test modes: <<The table of test modes>> */
static const struct test_mode {
	const char *name;
	void (*run)(void);
	void (*run_with)(uint32_t n);
	void (*run_list)(char *list);
} test_modes[] = {
	{ "exit", .run_with = set_exit_status },
	{ "hcalls", .run_with = make_nop_hcalls },
	{ "trap", .run = test_trap },
	{ "pagefault", .run = test_page_fault },
	{ "spin", .run = spin_forever },
	{ "fpu", .run_with = check_fpu_kept },
	{ "avxprobe", .run_with = probe_avx },
	{ "user", .run_list = run_programs },
	{ "timer", .run_with = count_ticks },
	{ "sleep", .run_with = sleep_ms },
	{ "irqs", .run_with = wait_for_interrupts },
	{ "irqcost", .run_with = measure_interrupts },
	{ "blockpoke", .run = test_blocked_line },
	{ "storm", .run_with = storm_hypercalls },
	{ "shell", .run = run_shell },
	{ "diskwrite", .run = test_disk_write },
	{ "diskro", .run = test_disk_read_only },
	{ "diskread", .run_with = measure_disk_reads },
#ifndef GUEST_NATIVE
	{ "vq", .run_with = hostile_queue },
	{ "badhcall", .run = make_bad_hcall },
	{ "consoleoutside", .run = write_console_outside },
	{ "gdtsystem", .run = load_system_descriptor },
	{ "gdthost", .run = load_host_gdt_entry },
	{ "segment", .run = pull_segment_away },
	{ "gateswap", .run_with = swap_gate_segment },
	{ "stackswap", .run_with = swap_stack_segment },
	{ "eiplimit", .run = shrink_code_under_eip },
	{ "priv", .run_with = execute_privileged },
	{ "switcherleave", .run = leave_words_for_next_guest },
	{ "switcherpeek", .run = peek_at_switcher },
	{ "pgdiroutside", .run = load_pgdir_outside },
	{ "pgdirunaligned", .run = load_pgdir_unaligned },
	{ "mapoutside", .run = map_outside },
	{ "switcherwrite", .run = write_switcher },
	{ "setpteswitcher", .run = set_pte_in_switcher_slot },
	{ "setpgdswitcher", .run = set_pgd_in_switcher_slot },
	{ "setpteoutside", .run = set_pte_outside },
	{ "triplefault", .run = test_triple_fault },
	{ "physva", .run_with = lie_about_memory },
	{ "pfstack", .run_with = spoil_fault_stack },
	{ "pfgate", .run_with = spoil_fault_gate },
	{ "lietables", .run_with = lie_about_tables },
#endif
};

/* chapters/1-guest.nw, Reading the command line: <<Tell whether a word names a test mode>> */
static bool is_mode(const struct test_mode *mode, const char *word,
		    uint32_t *n)
{
	size_t len = strlen(mode->name);

	if (strncmp(word, mode->name, len) != 0)
		return false;
	if (mode->run_list)
		return word[len] == '=';
	if (!mode->run_with)
		return word[len] == '\0';
	return word[len] == '=' && read_number(word + len + 1, n);
}

/* chapters/1-guest.nw, Reading the command line: <<Run the test mode a word names>> */
static void run_mode(char *word)
{
	const struct test_mode *mode;
	uint32_t n = 0;

	for (mode = test_modes; mode < test_modes + ARRAY_SIZE(test_modes);
	     mode++) {
		if (!is_mode(mode, word, &n))
			continue;
		if (mode->run_list)
			mode->run_list(word + strlen(mode->name) + 1);
		else if (mode->run_with)
			mode->run_with(n);
		else
			mode->run();
		return;
	}
	kprintf("Guest: unknown option %s\n", word);
	shut_down(STATUS_BAD_OPTION);
}

/* chapters/1-guest.nw, Reading the command line: <<Run every word of the command line>> */
unsigned int run_tests(char *cmdline)
{
	char *word;

	while ((word = next_word(&cmdline, ' ')))
		run_mode(word);
	return exit_status;
}
