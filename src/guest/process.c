// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* process.c: processes, their scheduler, system calls and faults. */
#include <stdbool.h>
#include <stdint.h>
#include "bench.h"
#include "console.h"
#include "lib.h"
#include "main.h"
#include "paging.h"
#include "paravirt.h"
#include "process.h"
#include "programs.h"
#include "segments.h"
#include "syscall.h"
#include "time.h"
#include "traps.h"

void enter_process(struct trap_frame *tf);		/* in traps.S */
void leave_process(void) __attribute__((noreturn));	/* in traps.S */

_Static_assert(SYSCALL_VECTOR == LGUEST_SYSCALL_VECTOR, "system call vector");

/* chapters/2-processes.nw, Programs: <<The table of programs built into the kernel>> */
#define DECLARE_IMAGE(name) \
	extern const uint8_t name##_image[], name##_image_end[];
FOR_EACH_PROGRAM(DECLARE_IMAGE)

static const struct program {
	const char *name;
	const uint8_t *start, *end;
} programs[] = {
#define LIST_IMAGE(name)	{ #name, name##_image, name##_image_end },
	FOR_EACH_PROGRAM(LIST_IMAGE)
};

/* chapters/2-processes.nw, The process table: <<The process table>> */
#define MAX_PROCESSES	8

enum process_state { FREE, RUNNABLE, DONE };

struct process {
	enum process_state state;
	uint32_t pid;
	uint32_t *dir;			/* its page directory */
	uint32_t brk;			/* one past the end of its heap */
	uint32_t faults;		/* page faults the kernel mended */
	uint32_t preemptions;		/* times a tick stopped it */
	struct trap_frame frame;	/* its registers while it is stopped */
	uint8_t fpu[512] __attribute__((aligned(16)));	/* fxsave area */
};

static struct process processes[MAX_PROCESSES];
static struct process *current;
static uint32_t last_pid, switches, failures;

/* chapters/2-processes.nw, Preemption: <<Save and restore a process's floating point>> */
static void save_fpu(struct process *p)
{
	asm volatile("fxsave %0" : "=m" (p->fpu));
}

static void restore_fpu(struct process *p)
{
	asm volatile("fxrstor %0" : : "m" (p->fpu));
}

static void reset_fpu(struct process *p)
{
	memset(p->fpu, 0, sizeof(p->fpu));
	*(uint16_t *)&p->fpu[0] = 0x037f;	/* x87 control word */
	*(uint32_t *)&p->fpu[24] = 0x1f80;	/* mxcsr */
}

/* chapters/2-processes.nw, Loading a program: <<Find a program by name>> */
static const struct program *find_program(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(programs) / sizeof(programs[0]); i++)
		if (strlen(name) == strlen(programs[i].name) &&
		    strncmp(name, programs[i].name, strlen(name)) == 0)
			return &programs[i];
	return NULL;
}

/* chapters/2-processes.nw, Loading a program: <<Load a program into a new address space>> */
static bool program_ok(const struct program_header *h, uint32_t size)
{
	return size >= sizeof(*h) && h->magic == PROGRAM_MAGIC &&
	       h->entry >= USER_BASE && h->entry - USER_BASE < size &&
	       h->bss_end >= USER_BASE + size && h->bss_end <= USER_HEAP_LIMIT;
}

static void load_program(struct process *p, const uint8_t *image,
			 uint32_t size, uint32_t bss_end)
{
	uint32_t va, offset, n;
	uint8_t *page;

	for (va = USER_BASE; va < bss_end; va += PAGE_SIZE) {
		page = alloc_page();
		offset = va - USER_BASE;
		n = offset < size ? size - offset : 0;
		memcpy(page, image + offset, n < PAGE_SIZE ? n : PAGE_SIZE);
		map_user_page(p->dir, va, __pa(page));
	}
	p->brk = (bss_end + PAGE_SIZE - 1) & PAGE_MASK;
}

/* chapters/2-processes.nw, Loading a program: <<Start a process>> */
static void set_start_frame(struct trap_frame *tf, uint32_t entry,
			    uint32_t arg)
{
	memset(tf, 0, sizeof(*tf));
	tf->eip = entry;
	tf->cs = USER_CS;
	tf->eflags = 0x202;
	tf->esp = USER_STACK_TOP;
	tf->ss = tf->ds = tf->es = tf->fs = tf->gs = USER_DS;
	tf->eax = arg;
}

/* chapters/2-processes.nw, Loading a program: <<Start a process>> */
bool start_process(const char *name, uint32_t arg)
{
	const struct program *prog = find_program(name);
	struct process *p = processes;
	const struct program_header *h;

	while (p < processes + MAX_PROCESSES && p->state != FREE)
		p++;
	if (!prog || p == processes + MAX_PROCESSES)
		return false;
	h = (const struct program_header *)prog->start;
	if (!program_ok(h, prog->end - prog->start))
		return false;
	p->pid = ++last_pid;
	p->faults = p->preemptions = 0;
	reset_fpu(p);
	p->dir = new_address_space();
	load_program(p, prog->start, prog->end - prog->start, h->bss_end);
	set_start_frame(&p->frame, h->entry, arg);
	p->state = RUNNABLE;
	return true;
}

/* chapters/2-processes.nw, The scheduler: <<Enter a process and come back when it stops>> */
static struct trap_frame *frame_on_trap_stack(const struct trap_frame *tf)
{
	struct trap_frame *copy = trap_stack_top() - 1;

	*copy = *tf;
	pv_irq_enable();
	return copy;
}

/* chapters/2-processes.nw, The scheduler: <<Enter a process and come back when it stops>> */
static void stop_process(struct trap_frame *tf) __attribute__((noreturn));

static void stop_process(struct trap_frame *tf)
{
	current->frame = *tf;
	save_fpu(current);
	leave_process();
}

/* chapters/2-processes.nw, Preemption: <<Preempt a process on the timer's tick>> */
#define SCHED_HZ	100

static void preempt(struct trap_frame *tf)
{
	if ((tf->cs & 3) == 3 && current) {
		current->preemptions++;
		stop_process(tf);
	}
}

/* chapters/2-processes.nw, The scheduler: <<Run processes until none is left>> */
static struct process *pick_next(void)
{
	unsigned int start = current ? current - processes + 1 : 0, i;
	struct process *p;

	for (i = 0; i < MAX_PROCESSES; i++) {
		p = &processes[(start + i) % MAX_PROCESSES];
		if (p->state == RUNNABLE)
			return p;
	}
	return NULL;
}

/* chapters/2-processes.nw, The scheduler: <<Run processes until none is left>> */
unsigned int run_processes(void)
{
	uint32_t exits = pv_exit_count(), failed = failures;
	struct process *p;

	switches = 0;
	start_ticks(SCHED_HZ, preempt);
	while ((p = pick_next())) {
		current = p;
		switch_address_space(p->dir);
		restore_fpu(p);
		switches++;
		enter_process(frame_on_trap_stack(&p->frame));
	}
	stop_ticks();
	for (p = processes; p < processes + MAX_PROCESSES; p++)
		p->state = FREE;
	current = NULL;
	kprintf("Guest: processes done: %u switches, %u exits\n",
		switches, pv_exit_count() - exits);
	return failures - failed;
}

/* chapters/2-processes.nw, Ending a process: <<End a process>> */
static void end_process(uint32_t status) __attribute__((noreturn));

static void end_process(uint32_t status)
{
	if (status != 0)
		failures++;
	free_address_space(current->dir);
	current->state = DONE;
	leave_process();
}

static void kill_process(const struct trap_frame *tf, uint32_t va)
{
	if (tf->vector == TRAP_PAGE_FAULT)
		kprintf("Guest: process %u killed: page fault at 0x%08x (eip 0x%08x)\n",
			current->pid, va, tf->eip);
	else
		kprintf("Guest: process %u killed: trap %u (error 0x%x) at eip 0x%08x\n",
			current->pid, tf->vector, tf->error, tf->eip);
	end_process(1);
}

/* chapters/2-processes.nw, System calls: <<Check a process's buffer and copy it to the console>> */
static bool user_range_ok(uint32_t va, uint32_t len)
{
	if (va >= USER_BASE && va <= current->brk &&
	    len <= current->brk - va)
		return true;
	return va >= USER_HEAP_LIMIT && va <= USER_STACK_TOP &&
	       len <= USER_STACK_TOP - va;
}

static uint32_t write_to_console(uint32_t va, uint32_t len)
{
	static char buf[128];
	uint32_t done, n;

	if (!user_range_ok(va, len))
		return (uint32_t)-1;
	for (done = 0; done < len; done += n) {
		n = len - done < sizeof(buf) ? len - done : sizeof(buf);
		memcpy(buf, (const char *)(va + done), n);
		pv_write_console(buf, n);
	}
	return len;
}

/* chapters/2-processes.nw, System calls: <<The system calls>> */
void do_syscall(struct trap_frame *tf)
{
	uint32_t nr = tf->eax;

	tf->eax = (uint32_t)-1;
	switch (nr) {
	case SYS_EXIT:
		end_process(tf->ebx);
	case SYS_GETPID:
		tf->eax = current->pid;
		break;
	case SYS_YIELD:
		tf->eax = 0;
		stop_process(tf);
	case SYS_COUNT:
		if (tf->ebx == COUNT_HOST_EXITS)
			tf->eax = pv_exit_count();
		else if (tf->ebx == COUNT_PAGE_FAULTS)
			tf->eax = current->faults;
		else if (tf->ebx == COUNT_TSC_KHZ)
			tf->eax = pv_tsc_khz();
		break;
	case SYS_SBRK:
		if (tf->ebx <= USER_HEAP_LIMIT - current->brk) {
			tf->eax = current->brk;
			current->brk += (tf->ebx + PAGE_SIZE - 1) & PAGE_MASK;
		}
		break;
	case SYS_WRITE:
		tf->eax = write_to_console(tf->ebx, tf->ecx);
		break;
	case SYS_BENCH:
		tf->eax = bench_call(current->dir, tf->ebx, tf->ecx, tf->edx);
		break;
	}
}

/* chapters/2-processes.nw, Faults in a process: <<Handle a trap from a process>> */
static bool is_demand_zero(uint32_t va)
{
	if (!((va >= USER_BASE && va < current->brk) ||
	      (va >= USER_HEAP_LIMIT && va < USER_STACK_TOP)))
		return false;
	return !is_user_page_mapped(current->dir, va);
}

/* chapters/2-processes.nw, Faults in a process: <<Handle a trap from a process>> */
bool process_trap(struct trap_frame *tf)
{
	uint32_t va = pv_read_cr2();

	if (!current)
		return false;
	if (tf->vector == TRAP_PAGE_FAULT && is_demand_zero(va)) {
		map_user_page(current->dir, va & PAGE_MASK, __pa(alloc_page()));
		current->faults++;
		return true;
	}
	if ((tf->cs & 3) != 3)
		return false;
	kill_process(tf, va);
	return true;
}
