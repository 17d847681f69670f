/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/14-tangling.nw; edit the chapter, not this file. */
/*
 * common.h: what every program in tangle/ needs: growing arrays, a table
 * of names, and its errors: a failed system call (die) and a mistake at a
 * place in the book, reported as "file:line: message" (report_at, fail_at).
 * Each program defines PROGRAM, its name, before including this file, and
 * clean_up(): what to remove (half-written files) before it exits.
 */
#ifndef TANGLE_COMMON_H
#define TANGLE_COMMON_H
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* chapters/14-tangling.nw, What every tool needs: <<Report a failed system call and exit>> */
static void clean_up(void);

/* Reports a failed system call and exits. */
static void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", PROGRAM, what, strerror(errno));
	clean_up();
	exit(1);
}

/* chapters/14-tangling.nw, What every tool needs: <<Make room in a growing array>> */
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

/* chapters/14-tangling.nw, What every tool needs: <<A table of names found by hashing>> */
/*
 * A table of names (chunks, identifiers), found by hashing, so that a
 * large web costs time linear in its size.  Keys are not copied: each
 * stays alive as long as the table, in the value it names.
 */
struct name_slot {
	const char *key;	/* NULL: empty */
	size_t len;
	void *val;
};

struct name_table {
	struct name_slot *slots;
	size_t cap, n;		/* cap is 0 or a power of two */
};

/* chapters/14-tangling.nw, What every tool needs: <<Hash a name and find its slot>> */
static inline size_t hash_name(const char *s, size_t len)
{
	size_t h = 2166136261u;		/* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static inline struct name_slot *name_slot(const struct name_table *t, const char *s, size_t len)
{
	size_t i = hash_name(s, len) & (t->cap - 1);
	while (t->slots[i].key && (t->slots[i].len != len || memcmp(t->slots[i].key, s, len)))
		i = (i + 1) & (t->cap - 1);
	return &t->slots[i];
}

/* chapters/14-tangling.nw, What every tool needs: <<Find and add names>> */
/* The value named by the len bytes at s, or NULL. */
static inline void *name_find(const struct name_table *t, const char *s, size_t len)
{
	return t->cap ? name_slot(t, s, len)->val : NULL;
}

/* Names val by key, which must not be in the table yet. */
static inline void name_add(struct name_table *t, const char *key, void *val)
{
	if (2 * (t->n + 1) > t->cap) {
		struct name_table bigger = { calloc(t->cap ? 2 * t->cap : 64, sizeof *t->slots),
					     t->cap ? 2 * t->cap : 64, 0 };
		if (!bigger.slots)
			die("malloc");
		for (size_t i = 0; i < t->cap; i++)
			if (t->slots[i].key)
				*name_slot(&bigger, t->slots[i].key, t->slots[i].len) = t->slots[i];
		bigger.n = t->n;
		free(t->slots);
		*t = bigger;
	}
	*name_slot(t, key, strlen(key)) = (struct name_slot){ key, strlen(key), val };
	t->n++;
}

/* chapters/14-tangling.nw, What every tool needs: <<Report a mistake at a place in the book>> */
/* Says what is wrong at a place in the book, as "file:line: message". */
static void report_at(const char *file, int line, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s:%d: ", file, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* Says what is wrong at a place in the book, and exits. */
static inline void fail_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_at(file, line, fmt, ap);
	va_end(ap);
	clean_up();
	exit(1);
}

#endif
