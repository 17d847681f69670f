/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/16-typesetting.nw; edit the chapter, not this file. */
/*
 * fill.c: puts weave's HTML parts back into a page pandoc wrote.
 * Usage: fill PARTS IN OUT
 * PARTS holds records "@@K@@ LENGTH\n" followed by LENGTH bytes and "\n".
 * In IN, a line that is exactly "<p>@@K@@</p>" becomes part K (a block);
 * any other "@@K@@" is replaced where it stands.  OUT is written whole or
 * not at all.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PROGRAM "fill"
#include "common.h"

/* chapters/16-typesetting.nw, Filling the pages: <<The parts, and what to remove on failure>> */
struct part {
	char *text;
	size_t len;
};

static struct part *parts;
static size_t nparts, pcap;
static char *temp_path;
static struct part unknown;	/* what mark_at returns for a number with no part */

static void clean_up(void)
{
	if (temp_path)
		unlink(temp_path);
}

/* chapters/16-typesetting.nw, Filling the pages: <<Read a file whole, and find a line's number>> */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die(path);
	size_t cap = 65536, n = 0;
	char *p = malloc(cap + 1);
	if (!p)
		die("malloc");
	size_t got;
	while ((got = fread(p + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			p = realloc(p, cap + 1);
			if (!p)
				die("malloc");
		}
	}
	if (ferror(f))
		die(path);
	fclose(f);
	p[n] = '\0';
	*len = n;
	return p;
}

static int line_of(const char *start, const char *at)
{
	int line = 1;
	for (; start < at; start++)
		line += *start == '\n';
	return line;
}

/* chapters/16-typesetting.nw, Filling the pages: <<Read the parts>> */
static void read_parts(const char *path)
{
	size_t len;
	char *s = slurp(path, &len);
	char *p = s, *end = s + len;
	while (p < end) {
		unsigned long k;
		size_t n;
		int used = 0;
		if (sscanf(p, "@@%lu@@ %zu%n", &k, &n, &used) != 2 || p[used] != '\n')
			fail_at(path, line_of(s, p), "malformed part header");
		p += used + 1;
		if (k != nparts + 1)
			fail_at(path, line_of(s, p) - 1, "parts out of order");
		if ((size_t)(end - p) < n + 1 || p[n] != '\n')
			fail_at(path, line_of(s, p), "part shorter than its length");
		parts = grow(parts, &pcap, nparts + 1, sizeof *parts);
		parts[nparts].text = p;
		parts[nparts].len = n;
		nparts++;
		p += n + 1;
	}
}

/* chapters/16-typesetting.nw, Filling the pages: <<Find a mark, and read its number>> */
/* The part named by "@@K@@" at s, or NULL; *mlen is the mark's length. */
static struct part *mark_at(const char *s, size_t *mlen)
{
	if (s[0] != '@' || s[1] != '@')
		return NULL;
	char *e;
	unsigned long k = strtoul(s + 2, &e, 10);
	if (e == s + 2 || e[0] != '@' || e[1] != '@' || s[2] < '0' || s[2] > '9')
		return NULL;
	*mlen = (size_t)(e + 2 - s);
	if (k == 0 || k > nparts)
		return &unknown;
	return &parts[k - 1];
}

/* The number of the first "@@K@@" mark in the line at s, of length n. */
static unsigned long number_at(const char *s, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++)
		if (s[i] == '@' && s[i + 1] == '@' && s[i + 2] >= '0' && s[i + 2] <= '9')
			return strtoul(s + i + 2, NULL, 10);
	return 0;
}

/* chapters/16-typesetting.nw, Filling the pages: <<Fill a page>> */
int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: fill PARTS IN OUT\n");
		return 2;
	}
	read_parts(argv[1]);
	size_t len;
	char *in = slurp(argv[2], &len);
	size_t tl = strlen(argv[3]) + 5;
	temp_path = malloc(tl);
	if (!temp_path)
		die("malloc");
	snprintf(temp_path, tl, "%s.tmp", argv[3]);
	FILE *out = fopen(temp_path, "w");
	if (!out) {
		char *t = temp_path;
		temp_path = NULL;
		die(t);
	}
	const char *p = in;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t ll = nl ? (size_t)(nl - p) : strlen(p);
		size_t ml;
		struct part *pt;
		if (ll > 7 && !strncmp(p, "<p>", 3) && !strncmp(p + ll - 4, "</p>", 4) &&
		    (pt = mark_at(p + 3, &ml)) != NULL && 3 + ml + 4 == ll) {
			if (pt == &unknown)
				fail_at(argv[2], line_of(in, p), "unknown part @@%lu@@", number_at(p, ll));
			fwrite(pt->text, 1, pt->len, out);
			fputc('\n', out);
			p += ll + (nl ? 1 : 0);
			continue;
		}
		for (size_t i = 0; i < ll; i++) {
			if ((pt = mark_at(p + i, &ml)) != NULL) {
				if (pt == &unknown)
					fail_at(argv[2], line_of(in, p), "unknown part @@%lu@@",
					     number_at(p + i, ll - i));
				fwrite(pt->text, 1, pt->len, out);
				i += ml - 1;
			} else {
				fputc(p[i], out);
			}
		}
		if (nl)
			fputc('\n', out);
		p += ll + (nl ? 1 : 0);
	}
	if (ferror(out) || fclose(out) != 0)
		die(temp_path);
	if (rename(temp_path, argv[3]) != 0)
		die(argv[3]);
	return 0;
}
