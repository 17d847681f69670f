/* SPDX-License-Identifier: GPL-2.0 */
/*
 * common.h: what every program in tangle/ needs: growing arrays and
 * "file:line: message" reports.  Each program defines its own die(),
 * which reports a failed system call and exits.
 */
#ifndef TANGLE_COMMON_H
#define TANGLE_COMMON_H
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void die(const char *what);

/* Makes room in p for need elements of size bytes; *cap counts the room. */
static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t n = *cap ? *cap : 16;
	while (n < need)
		n *= 2;
	p = realloc(p, n * size);
	if (!p)
		die("malloc");
	*cap = n;
	return p;
}

/* Says what is wrong at a place in the book, as "file:line: message". */
static void report_at(const char *file, int line, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s:%d: ", file, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

#endif
