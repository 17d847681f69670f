/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* measure.h: what every benchmark program shares: marks and the report. */
#ifndef USER_MEASURE_H
#define USER_MEASURE_H

#include "ulib.h"

#define bench_op(op, a, b)	syscall3(SYS_BENCH, (op), (a), (b))

/* chapters/9-mastery.nw, The benchmark programs:
 * <<A mark: the clock and the counters at one moment>>
 */
struct mark {
	uint64_t tsc;
	uint32_t exits, faults;
	uint32_t why[BENCH_REASONS];
};

static void read_counters(struct mark *m)
{
	uint32_t r;

	m->exits = count(COUNT_HOST_EXITS);
	m->faults = count(COUNT_PAGE_FAULTS);
	for (r = 0; r < BENCH_REASONS; r++)
		m->why[r] = bench_op(BENCH_EXITS, r, 0);
}

static void start_clock(struct mark *m)
{
	read_counters(m);
	m->tsc = rdtsc();
}

/* chapters/9-mastery.nw, The benchmark programs:
 * <<Print a 64-bit number in decimal, and join the pieces of a line>>
 */
static uint32_t divide_by_ten(uint64_t *v)
{
	uint32_t hi = *v >> 32, lo = (uint32_t)*v, rest = hi % 10;

	asm("divl %4" : "=a" (lo), "=d" (rest)
	    : "a" (lo), "d" (rest), "rm" (10u));
	*v = (uint64_t)(hi / 10) << 32 | lo;
	return rest;
}

static const char *decimal(uint64_t v)
{
	static char digits[21];
	char *p = digits + sizeof(digits) - 1;

	*p = '\0';
	do
		*--p = '0' + divide_by_ten(&v);
	while (v);
	return p;
}

static char *append(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	*p = '\0';
	return p;
}

/* chapters/9-mastery.nw, The benchmark programs:
 * <<Report a benchmark's line, and why it exited>>
 */
static void report(const char *name, uint32_t ops, const struct mark *start)
{
	struct mark end;
	char why[120], *p = why;
	uint32_t r, n;

	end.tsc = rdtsc();
	read_counters(&end);
	uprintf("bench %s ops=%u cycles=%s exits=%u faults=%u\n", name, ops,
		decimal(end.tsc - start->tsc), end.exits - start->exits,
		end.faults - start->faults);
	*p = '\0';
	for (r = 0; r < BENCH_REASONS; r++) {
		n = end.why[r] - start->why[r];
		if (n == 0 || p + 24 > why + sizeof(why))
			continue;
		p = append(append(p, " "), decimal(r));
		p = append(append(p, "="), decimal(n));
	}
	uprintf("why %s%s\n", name, why);
}

/* chapters/9-mastery.nw, The benchmark programs:
 * <<Fault in a fresh stretch of heap, a page at a time>>
 */
static inline int fault_in_heap(const char *name, uint32_t n)
{
	volatile uint32_t *heap = sbrk(n * 4096);
	struct mark start;
	uint32_t i;

	if (heap == (void *)-1)
		return 1;
	start_clock(&start);
	for (i = 0; i < n; i++)
		heap[i * 1024] = i;
	report(name, n, &start);
	return 0;
}

#endif /* USER_MEASURE_H */
