/* SPDX-License-Identifier: GPL-2.0 */
/* tangle.c: writes the source files of a noweb book from markup's pipeline. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

struct buf {
	char *p;
	size_t len, cap;
};

enum item_kind { ITEM_TEXT, ITEM_NL, ITEM_USE };

struct item {
	enum item_kind kind;
	char *text;		/* ITEM_TEXT */
	struct chunk *chunk;	/* ITEM_USE: the chunk used */
	const char *file;	/* where the item is in the book */
	int line;
};

/* One definition of a chunk: where its items start, and where it is in the book. */
struct defn {
	size_t first;		/* index of its first item */
	const char *file;
	int line;
	char *section;		/* the heading it is under, or NULL */
};

struct chunk {
	char *name;
	struct item *items;
	size_t nitems, cap;
	struct defn *defs;
	size_t ndefs, dcap;
	const char *file;	/* first definition, NULL if never defined */
	int line;
	int used;
	int color;		/* cycle search: 0 new, 1 on the path, 2 done */
};

struct book {
	struct chunk **chunks;
	size_t nchunks, cap;
	char **files;
	size_t nfiles, fcap;
	int errors;
};

enum state { OUTSIDE, DOCS, QUOTE, HEAD, DEFN, CODE };

struct parser {
	struct book *book;
	const char *file;
	int line;		/* line in the current .nw file */
	enum state state;
	struct chunk *cur;
	int fatal;
	struct buf docline;	/* the documentation line being read */
	char *section;		/* the last heading's title */
};

/* -p: tangled files say where they come from (see write_provenance). */
static int provenance;

struct output {
	const char *path;
	struct buf text;
	struct buf map;		/* "file:line" of each line of text, one a line */
	int changed;
};

struct plan {
	struct output *outs;
	size_t nouts;
	char **stale;
	size_t nstale, cap;
};

/* Expansion state: the text so far and the indentation owed to its line. */
struct render {
	struct buf text;
	struct buf pending;
	struct buf map;		/* where each output line comes from */
	int mapped;		/* the current output line has its place in map */
	size_t line_start;
	int c_comments;		/* the output takes C comments, not # */
};

static const char *temp_path;

static void die(const char *what)
{
	fprintf(stderr, "tangle: %s: %s\n", what, strerror(errno));
	if (temp_path)
		unlink(temp_path);
	exit(1);
}

static char *copy_string(const char *s)
{
	char *p = strdup(s);
	if (!p)
		die("malloc");
	return p;
}

static void add_bytes(struct buf *b, const char *s, size_t n)
{
	b->p = grow(b->p, &b->cap, b->len + n + 1, 1);
	if (n > 0)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void add_char(struct buf *b, char c)
{
	add_bytes(b, &c, 1);
}

static void report(struct book *b, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_at(file, line, fmt, ap);
	va_end(ap);
	b->errors++;
}

/* ---- the chunk table ---- */

static struct chunk *find_chunk(struct book *b, const char *name)
{
	for (size_t i = 0; i < b->nchunks; i++)
		if (strcmp(b->chunks[i]->name, name) == 0)
			return b->chunks[i];
	struct chunk *c = calloc(1, sizeof *c);
	if (!c)
		die("malloc");
	c->name = copy_string(name);
	b->chunks = grow(b->chunks, &b->cap, b->nchunks + 1, sizeof *b->chunks);
	b->chunks[b->nchunks++] = c;
	return c;
}

static struct item *add_item(struct chunk *c, enum item_kind kind)
{
	c->items = grow(c->items, &c->cap, c->nitems + 1, sizeof *c->items);
	struct item *it = &c->items[c->nitems++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return it;
}

static const char *add_file(struct book *b, const char *name)
{
	b->files = grow(b->files, &b->fcap, b->nfiles + 1, sizeof *b->files);
	b->files[b->nfiles] = copy_string(name);
	return b->files[b->nfiles++];
}

static void free_book(struct book *b)
{
	for (size_t i = 0; i < b->nchunks; i++) {
		struct chunk *c = b->chunks[i];
		for (size_t j = 0; j < c->nitems; j++)
			free(c->items[j].text);
		for (size_t j = 0; j < c->ndefs; j++)
			free(c->defs[j].section);
		free(c->defs);
		free(c->items);
		free(c->name);
		free(c);
	}
	for (size_t i = 0; i < b->nfiles; i++)
		free(b->files[i]);
	free(b->chunks);
	free(b->files);
}

/* ---- reading the pipeline: each handler returns -1 on a malformed line ---- */

static int on_file(struct parser *p, char *arg)
{
	if (p->state != OUTSIDE || !*arg)
		return -1;
	p->file = add_file(p->book, arg);
	p->line = 1;
	return 0;
}

static int on_begin(struct parser *p, char *arg)
{
	if (p->state != OUTSIDE)
		return -1;
	if (strncmp(arg, "docs ", 5) == 0) {
		p->state = DOCS;
		p->docline.len = 0;
		if (p->docline.p)
			p->docline.p[0] = '\0';
	}
	else if (strncmp(arg, "code ", 5) == 0)
		p->state = HEAD;
	else
		return -1;
	return 0;
}

static int on_end(struct parser *p, char *arg)
{
	if ((p->state == DOCS && strncmp(arg, "docs ", 5) == 0) ||
	    (p->state == CODE && strncmp(arg, "code ", 5) == 0)) {
		p->state = OUTSIDE;
		return 0;
	}
	return -1;
}

static int on_defn(struct parser *p, char *arg)
{
	if (p->state != HEAD || !*arg)
		return -1;
	p->cur = find_chunk(p->book, arg);
	if (!p->cur->file) {
		p->cur->file = p->file;
		p->cur->line = p->line;
	}
	struct chunk *c = p->cur;
	c->defs = grow(c->defs, &c->dcap, c->ndefs + 1, sizeof *c->defs);
	c->defs[c->ndefs++] = (struct defn){ c->nitems, p->file, p->line,
					     p->section ? copy_string(p->section) : NULL };
	p->state = DEFN;
	return 0;
}

static int on_text(struct parser *p, char *arg)
{
	if (p->state == DOCS || p->state == QUOTE) {
		add_bytes(&p->docline, arg, strlen(arg));
		return 0;
	}
	if (p->state != CODE)
		return -1;
	if (*arg) {
		struct item *it = add_item(p->cur, ITEM_TEXT);
		it->text = copy_string(arg);
		it->file = p->file;
		it->line = p->line;
	}
	return 0;
}

/* A documentation line that is a heading: its title becomes the section. */
static void note_heading(struct parser *p)
{
	static const char *const cmds[] = { "\\chapter", "\\section", "\\subsection" };
	const char *s = p->docline.p ? p->docline.p + strspn(p->docline.p, " \t") : "";
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		size_t n = strlen(cmds[i]);
		if (strncmp(s, cmds[i], n) != 0)
			continue;
		s += n + (s[n] == '*');
		if (*s != '{')
			return;
		int depth = 0;
		size_t k = 0;
		for (; s[k]; k++) {
			if (s[k] == '{')
				depth++;
			else if (s[k] == '}' && --depth == 0)
				break;
		}
		if (!s[k])
			return;
		free(p->section);
		p->section = strndup(s + 1, k - 1);
		if (!p->section)
			die("malloc");
		return;
	}
}

static int on_nl(struct parser *p, char *arg)
{
	if (*arg || p->state == OUTSIDE || p->state == HEAD)
		return -1;
	if (p->state == DOCS) {
		note_heading(p);
		p->docline.len = 0;
		if (p->docline.p)
			p->docline.p[0] = '\0';
	}
	if (p->state == DEFN)
		p->state = CODE;
	else if (p->state == CODE) {
		struct item *it = add_item(p->cur, ITEM_NL);
		it->file = p->file;
		it->line = p->line;
	}
	p->line++;
	return 0;
}

static int on_use(struct parser *p, char *arg)
{
	if (p->state == QUOTE && *arg)
		return 0;
	if (p->state != CODE || !*arg)
		return -1;
	struct item *it = add_item(p->cur, ITEM_USE);
	it->chunk = find_chunk(p->book, arg);
	it->chunk->used = 1;
	it->file = p->file;
	it->line = p->line;
	return 0;
}

static int on_quote(struct parser *p, char *arg)
{
	if (*arg || p->state != DOCS)
		return -1;
	p->state = QUOTE;
	return 0;
}

static int on_endquote(struct parser *p, char *arg)
{
	if (*arg || p->state != QUOTE)
		return -1;
	p->state = DOCS;
	return 0;
}

static int on_index(struct parser *p, char *arg)
{
	if (strcmp(arg, "nl") == 0)
		p->line++;	/* a source line that is markup, e.g. "@ %def" */
	return 0;
}

static int on_line(struct parser *p, char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);
	if (end == arg || *end || n < 1 || n > 1000000000)
		return -1;
	p->line = (int)n;
	return 0;
}

static int on_fatal(struct parser *p, char *arg)
{
	fprintf(stderr, "tangle: markup failed: %s\n", arg);
	p->fatal = 1;
	return 0;
}

static int on_other(struct parser *p, char *arg)
{
	(void)p;
	(void)arg;
	return 0;
}

static const struct keyword {
	const char *name;
	int (*handle)(struct parser *, char *);
} keywords[] = {
	{ "@file", on_file }, { "@begin", on_begin }, { "@end", on_end },
	{ "@defn", on_defn }, { "@text", on_text }, { "@nl", on_nl },
	{ "@use", on_use }, { "@quote", on_quote },
	{ "@endquote", on_endquote }, { "@index", on_index },
	{ "@line", on_line }, { "@fatal", on_fatal }, { "@xref", on_other },
	{ "@language", on_other }, { "@header", on_other },
	{ "@trailer", on_other }, { "@literal", on_other },
};

static int parse_line(struct parser *p, char *s)
{
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
		size_t n = strlen(keywords[i].name);
		if (strncmp(s, keywords[i].name, n) != 0)
			continue;
		if (s[n] == '\0')
			return keywords[i].handle(p, s + n);
		if (s[n] == ' ')
			return keywords[i].handle(p, s + n + 1);
	}
	return -1;
}

/* Reads the whole pipeline into b; returns -1 if it is unusable. */
static int read_pipeline(struct book *b, FILE *in)
{
	struct parser p = { .book = b, .file = "<stdin>", .line = 1 };
	char *s = NULL;
	size_t cap = 0;
	ssize_t n;
	int pline = 0, bad = 0;
	while (!bad && (n = getline(&s, &cap, in)) >= 0) {
		pline++;
		if (n > 0 && s[n - 1] == '\n')
			s[n - 1] = '\0';
		bad = parse_line(&p, s) != 0;
	}
	free(s);
	free(p.docline.p);
	free(p.section);
	if (ferror(in))
		die("<stdin>");
	if (bad)
		fprintf(stderr, "tangle: <stdin>:%d: malformed pipeline line\n", pline);
	else if (p.state != OUTSIDE && !p.fatal)
		fprintf(stderr, "tangle: <stdin>:%d: unexpected end of pipeline\n", pline);
	return bad || p.fatal || p.state != OUTSIDE ? -1 : 0;
}

/* ---- checks ---- */

static int looks_like_path(const char *name)
{
	return !strpbrk(name, " \t") && strpbrk(name, "/.");
}

static int is_dot_name(const char *s, size_t len)
{
	return (len == 1 && s[0] == '.') || (len == 2 && s[0] == '.' && s[1] == '.');
}

/* dir/a/b/c with no empty, "." or ".." component and no blanks. */
static int is_output_path(const char *name, const char *dir)
{
	size_t n = strlen(dir);
	if (strncmp(name, dir, n) != 0 || name[n] != '/' || strpbrk(name, " \t"))
		return 0;
	for (const char *s = name + n + 1;; s++) {
		size_t len = strcspn(s, "/");
		if (len == 0 || is_dot_name(s, len))
			return 0;
		s += len;
		if (*s == '\0')
			return 1;
	}
}

static int is_root(const struct chunk *c)
{
	return c->file && !c->used;
}

static void check_uses(struct book *b)
{
	for (size_t i = 0; i < b->nchunks; i++) {
		const struct chunk *c = b->chunks[i];
		for (size_t j = 0; j < c->nitems; j++) {
			const struct item *it = &c->items[j];
			if (it->kind == ITEM_USE && !it->chunk->file)
				report(b, it->file, it->line,
				       "chunk <<%s>> is used but never defined", it->chunk->name);
		}
	}
}

static void check_roots(struct book *b, const char *dir)
{
	size_t nroots = 0;
	for (size_t i = 0; i < b->nchunks; i++) {
		const struct chunk *c = b->chunks[i];
		if (!is_root(c))
			continue;
		nroots++;
		if (!looks_like_path(c->name))
			report(b, c->file, c->line, "chunk <<%s>> is defined but never used", c->name);
		else if (!is_output_path(c->name, dir))
			report(b, c->file, c->line, "root <<%s>> is not an output file under %s/",
			       c->name, dir);
	}
	if (nroots == 0) {
		fprintf(stderr, "tangle: no output files\n");
		b->errors++;
	}
}

static void visit_chunk(struct book *b, struct chunk *c)
{
	c->color = 1;
	for (size_t i = 0; i < c->nitems; i++) {
		const struct item *it = &c->items[i];
		if (it->kind != ITEM_USE)
			continue;
		if (it->chunk->color == 1)
			report(b, it->file, it->line, "chunk <<%s>> uses itself", it->chunk->name);
		else if (it->chunk->color == 0)
			visit_chunk(b, it->chunk);
	}
	c->color = 2;
}

static void check_cycles(struct book *b)
{
	for (size_t i = 0; i < b->nchunks; i++)
		if (b->chunks[i]->color == 0)
			visit_chunk(b, b->chunks[i]);
}

/* ---- expansion ---- */

static void expand(struct render *r, const struct chunk *c, const char *indent, int nested);

static void expand_use(struct render *r, const struct chunk *c)
{
	struct buf indent = { 0 };
	add_bytes(&indent, "", 0);
	add_bytes(&indent, r->pending.p, r->pending.len);
	for (size_t i = r->line_start; i < r->text.len; i++) {
		unsigned char ch = (unsigned char)r->text.p[i];
		if ((ch & 0xC0) != 0x80)	/* one space per UTF-8 character */
			add_char(&indent, ch == '\t' ? '\t' : ' ');
	}
	expand(r, c, indent.p, 1);
	free(indent.p);
}

/* Records the book's file and line for the output line being written. */
static void note_place(struct render *r, const struct item *it)
{
	char num[24];
	if (r->mapped || !it->file)
		return;
	/* indentation before a use belongs to the line the use expands to */
	if (it->kind == ITEM_TEXT && it->text[strspn(it->text, " \t")] == '\0')
		return;
	snprintf(num, sizeof num, ":%d\n", it->line);
	add_bytes(&r->map, it->file, strlen(it->file));
	add_bytes(&r->map, num, strlen(num));
	r->mapped = 1;
}

static void emit_item(struct render *r, const struct item *it, const char *indent)
{
	switch (it->kind) {
	case ITEM_TEXT:
		note_place(r, it);
		add_bytes(&r->text, r->pending.p, r->pending.len);
		r->pending.len = 0;
		add_bytes(&r->text, it->text, strlen(it->text));
		break;
	case ITEM_NL:
		note_place(r, it);
		r->mapped = 0;
		add_char(&r->text, '\n');
		r->line_start = r->text.len;
		r->pending.len = 0;
		add_bytes(&r->pending, indent, strlen(indent));
		break;
	case ITEM_USE:
		expand_use(r, it->chunk);
		break;
	}
}

/* Adds a whole line that the book's file:line stands for. */
static void add_line(struct render *r, const char *text, const char *file, int line)
{
	char num[24];
	snprintf(num, sizeof num, ":%d\n", line);
	add_bytes(&r->text, text, strlen(text));
	add_char(&r->text, '\n');
	r->line_start = r->text.len;
	add_bytes(&r->map, file, strlen(file));
	add_bytes(&r->map, num, strlen(num));
}

/* Appends s to b without noweb's [[quotes]], and never closing a C comment. */
static void add_plain(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if ((s[0] == '[' && s[1] == '[') || (s[0] == ']' && s[1] == ']'))
			s++;
		else if (s[0] == '*' && s[1] == '/')
			add_bytes(b, "* ", 2);
		else
			add_char(b, *s);
	}
}

/*
 * The comment that says where a definition comes from, in the output's
 * syntax: the chapter, the heading above the definition and the chunk's
 * name, on two lines if one would pass PROVENANCE_WIDTH columns (in C,
 * three: the kernel's style puts the end of a comment of several lines
 * on a line of its own).
 */
#define PROVENANCE_WIDTH	100

static void write_provenance(struct render *r, const struct chunk *c, const struct defn *d)
{
	struct buf line = { 0 };
	if (r->line_start >= 2 && r->text.p[r->line_start - 2] == '\\')
		return;		/* inside a continued line: no comment fits */
	if (r->line_start > 0 && r->text.p[r->line_start - 1] == '\n' &&
	    (r->line_start < 2 || r->text.p[r->line_start - 2] != '\n'))
		add_line(r, "", d->file, d->line);	/* a blank line between */
	struct buf name = { 0 };
	add_bytes(&line, r->c_comments ? "/* " : "# ", r->c_comments ? 3 : 2);
	add_plain(&line, d->file);
	if (d->section) {
		add_bytes(&line, ", ", 2);
		add_plain(&line, d->section);
	}
	add_bytes(&line, ":", 1);
	add_bytes(&name, "<<", 2);
	add_plain(&name, c->name);
	add_bytes(&name, ">>", 2);
	if (line.len + 1 + name.len + (r->c_comments ? 3 : 0) <= PROVENANCE_WIDTH) {
		add_char(&line, ' ');
		add_bytes(&line, name.p, name.len);
		if (r->c_comments)
			add_bytes(&line, " */", 3);
	} else {	/* too wide for one line: the name on the next */
		add_line(r, line.p, d->file, d->line);
		line.len = 0;
		add_bytes(&line, r->c_comments ? " * " : "# ", r->c_comments ? 3 : 2);
		add_bytes(&line, name.p, name.len);
		if (r->c_comments) {	/* the kernel's style: the end alone */
			add_line(r, line.p, d->file, d->line);
			line.len = 0;
			add_bytes(&line, " */", 3);
		}
	}
	free(name.p);
	add_line(r, line.p, d->file, d->line);
	free(line.p);
}

/*
 * A chunk used alone on a line of a file's root chunk: each of its
 * definitions, with -p, after a comment that says where it is.
 */
static void expand_top(struct render *r, const struct chunk *c, size_t last)
{
	for (size_t k = 0; k < c->ndefs; k++) {
		size_t from = c->defs[k].first;
		size_t to = k + 1 < c->ndefs ? c->defs[k + 1].first : last;
		if (from < to)
			write_provenance(r, c, &c->defs[k]);
		for (size_t i = from; i < to; i++)
			emit_item(r, &c->items[i], "");
	}
}

static int alone_on_line(const struct chunk *c, size_t i)
{
	return c->items[i].kind == ITEM_USE && (i == 0 || c->items[i - 1].kind == ITEM_NL) &&
	       i + 1 < c->nitems && c->items[i + 1].kind == ITEM_NL;
}

/* A used chunk's last newline is dropped: the using line supplies its own. */
static void expand(struct render *r, const struct chunk *c, const char *indent, int nested)
{
	size_t n = c->nitems;
	if (nested && n > 0 && c->items[n - 1].kind == ITEM_NL)
		n--;
	for (size_t i = 0; i < n; i++) {
		const struct chunk *u = c->items[i].chunk;
		if (provenance && !nested && alone_on_line(c, i) && u->ndefs) {
			size_t last = u->nitems;
			if (last > 0 && u->items[last - 1].kind == ITEM_NL)
				last--;
			expand_top(r, u, last);
		} else {
			emit_item(r, &c->items[i], indent);
		}
	}
}

static int takes_c_comments(const char *path)
{
	static const char *const exts[] = { ".c", ".h", ".S", ".lds" };
	size_t n = strlen(path);
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		size_t e = strlen(exts[i]);
		if (n > e && strcmp(path + n - e, exts[i]) == 0)
			return 1;
	}
	return 0;
}

static int contains(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(s + i, w, k) == 0)
			return 1;
	return 0;
}

/* The length of the lines that must stay first: "#!" and the licence. */
static size_t head_length(const struct buf *t)
{
	size_t at = 0;
	for (int k = 0; k < 2 && at < t->len; k++) {
		const char *nl = memchr(t->p + at, '\n', t->len - at);
		size_t end = nl ? (size_t)(nl - t->p) + 1 : t->len;
		if (strncmp(t->p + at, "#!", 2) != 0 &&
		    !contains(t->p + at, end - at, "SPDX-License-Identifier"))
			break;
		at = end;
	}
	return at;
}

/* With -p, the line after the head says which chapter the file is from. */
static void add_origin(struct render *r, const struct chunk *c)
{
	size_t at = head_length(&r->text), lines = 0, mat = 0;
	for (size_t i = 0; i < at; i++)
		lines += r->text.p[i] == '\n';
	for (size_t i = 0; i < lines; i++)	/* the map line after as many */
		mat = (size_t)((char *)memchr(r->map.p + mat, '\n', r->map.len - mat) - r->map.p) + 1;
	struct buf line = { 0 }, place = { 0 };
	add_bytes(&line, r->c_comments ? "/* " : "# ", r->c_comments ? 3 : 2);
	add_bytes(&line, "Tangled from ", 13);
	add_plain(&line, c->file);
	add_bytes(&line, "; edit the chapter, not this file.", 34);
	if (r->c_comments)
		add_bytes(&line, " */", 3);
	add_char(&line, '\n');
	char num[24];
	snprintf(num, sizeof num, ":%d\n", c->line);
	add_bytes(&place, c->file, strlen(c->file));
	add_bytes(&place, num, strlen(num));
	struct buf t = { 0 }, m = { 0 };
	add_bytes(&t, r->text.p, at);
	add_bytes(&t, line.p, line.len);
	add_bytes(&t, r->text.p + at, r->text.len - at);
	add_bytes(&m, r->map.p, mat);
	add_bytes(&m, place.p, place.len);
	add_bytes(&m, r->map.p + mat, r->map.len - mat);
	free(r->text.p);
	free(r->map.p);
	free(line.p);
	free(place.p);
	r->text = t;
	r->map = m;
}

static struct buf render_root(const struct chunk *c, struct buf *map)
{
	struct render r = { { 0 }, { 0 }, { 0 }, 0, 0, takes_c_comments(c->name) };
	add_bytes(&r.text, "", 0);
	add_bytes(&r.map, "", 0);
	expand(&r, c, "", 0);
	if (provenance)
		add_origin(&r, c);
	free(r.pending.p);
	*map = r.map;
	return r.text;
}

/* ---- comparing with the files on disk ---- */

static int has_content(const char *path, const struct buf *want)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char block[8192];
	size_t off = 0, n;
	int same = 1;
	while (same && (n = fread(block, 1, sizeof block, f)) > 0) {
		same = off + n <= want->len && memcmp(want->p + off, block, n) == 0;
		off += n;
	}
	same = same && !ferror(f) && off == want->len;
	fclose(f);
	return same;
}

static int is_produced(const struct plan *pl, const char *path)
{
	for (size_t i = 0; i < pl->nouts; i++)
		if (strcmp(pl->outs[i].path, path) == 0)
			return 1;
	return 0;
}

static char *join_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (!p)
		die("malloc");
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static void walk_dir(struct plan *pl, const char *path);

/* Notes path as stale if no root produces it; takes ownership of path. */
static void visit_entry(struct plan *pl, char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		die(path);
	if (S_ISDIR(st.st_mode))
		walk_dir(pl, path);
	if (!S_ISREG(st.st_mode) || is_produced(pl, path)) {
		free(path);
		return;
	}
	pl->stale = grow(pl->stale, &pl->cap, pl->nstale + 1, sizeof *pl->stale);
	pl->stale[pl->nstale++] = path;
}

static void walk_dir(struct plan *pl, const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	if (!d)
		die(path);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			visit_entry(pl, join_path(path, e->d_name));
	closedir(d);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void find_stale(struct plan *pl, const char *dir)
{
	struct stat st;
	if (stat(dir, &st) != 0) {
		if (errno == ENOENT)
			return;
		die(dir);
	}
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		die(dir);
	}
	walk_dir(pl, dir);
	qsort(pl->stale, pl->nstale, sizeof *pl->stale, compare_names);
}

static void make_plan(struct plan *pl, struct book *b, const char *dir)
{
	memset(pl, 0, sizeof *pl);
	pl->outs = calloc(b->nchunks, sizeof *pl->outs);
	if (!pl->outs)
		die("malloc");
	for (size_t i = 0; i < b->nchunks; i++) {
		if (!is_root(b->chunks[i]))
			continue;
		struct output *o = &pl->outs[pl->nouts++];
		o->path = b->chunks[i]->name;
		o->text = render_root(b->chunks[i], &o->map);
		o->changed = !has_content(o->path, &o->text);
	}
	find_stale(pl, dir);
}

static void free_plan(struct plan *pl)
{
	for (size_t i = 0; i < pl->nouts; i++) {
		free(pl->outs[i].text.p);
		free(pl->outs[i].map.p);
	}
	for (size_t i = 0; i < pl->nstale; i++)
		free(pl->stale[i]);
	free(pl->outs);
	free(pl->stale);
}

/* ---- changing the files on disk ---- */

static void make_dir(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		die(path);
}

static void make_parents(const char *path)
{
	char *p = copy_string(path);
	for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		make_dir(p);
		*s = '/';
	}
	free(p);
}

static void write_all(int fd, const struct buf *b)
{
	size_t off = 0;
	while (off < b->len) {
		ssize_t n = write(fd, b->p + off, b->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die(temp_path);
		off += (size_t)n;
	}
}

static void write_output(const struct output *o, mode_t mode)
{
	char *tmp = malloc(strlen(o->path) + sizeof ".XXXXXX");
	if (!tmp)
		die("malloc");
	sprintf(tmp, "%s.XXXXXX", o->path);
	make_parents(o->path);
	int fd = mkstemp(tmp);
	if (fd < 0)
		die(o->path);
	temp_path = tmp;
	if (fchmod(fd, mode) != 0)
		die(tmp);
	write_all(fd, &o->text);
	if (close(fd) != 0)
		die(tmp);
	if (rename(tmp, o->path) != 0)
		die(o->path);
	temp_path = NULL;
	free(tmp);
}

/* Removes the empty directories below path (not path itself). */
static void prune_dirs(const char *path, int top)
{
	DIR *d = opendir(path);
	struct dirent *e;
	if (!d)
		die(path);
	while ((e = readdir(d))) {
		struct stat st;
		char *sub = join_path(path, e->d_name);
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			prune_dirs(sub, 0);
		free(sub);
	}
	closedir(d);
	if (!top && rmdir(path) != 0 && errno != ENOTEMPTY && errno != EEXIST)
		die(path);
}

static void apply_plan(const struct plan *pl, const char *dir)
{
	mode_t mask = umask(0);
	umask(mask);
	make_parents(dir);
	make_dir(dir);
	for (size_t i = 0; i < pl->nouts; i++) {
		if (!pl->outs[i].changed)
			continue;
		write_output(&pl->outs[i], 0666 & ~mask);
		printf("wrote %s\n", pl->outs[i].path);
	}
	for (size_t i = 0; i < pl->nstale; i++) {
		if (unlink(pl->stale[i]) != 0)
			die(pl->stale[i]);
		printf("removed %s\n", pl->stale[i]);
	}
	prune_dirs(dir, 1);
}

static void show_plan(const struct plan *pl)
{
	for (size_t i = 0; i < pl->nouts; i++)
		if (pl->outs[i].changed)
			printf("would write %s\n", pl->outs[i].path);
	for (size_t i = 0; i < pl->nstale; i++)
		printf("would remove %s\n", pl->stale[i]);
}

/*
 * The line map: "OUTPUT:N FILE:LINE" for every line N of every output, so
 * that a compiler's message about src/ can be turned into one about the
 * chapter (tangle/lines.c).  Rewritten only when it changes.
 */
static void write_line_map(const struct plan *pl, const char *path)
{
	struct output m = { .path = path };
	add_bytes(&m.text, "", 0);
	for (size_t i = 0; i < pl->nouts; i++) {
		const struct output *o = &pl->outs[i];
		const char *p = o->map.p;
		char num[24];
		for (int n = 1; p && *p; n++) {
			const char *nl = strchr(p, '\n');
			snprintf(num, sizeof num, ":%d ", n);
			add_bytes(&m.text, o->path, strlen(o->path));
			add_bytes(&m.text, num, strlen(num));
			add_bytes(&m.text, p, (size_t)(nl - p) + 1);
			p = nl + 1;
		}
	}
	if (!has_content(path, &m.text)) {
		mode_t mask = umask(0);
		umask(mask);
		write_output(&m, 0666 & ~mask);
	}
	free(m.text.p);
}

/* ---- main ---- */

static void usage(void)
{
	fprintf(stderr, "usage: tangle [-n] [-p] [-o DIR] [-m LINE-MAP] < pipeline\n");
	exit(2);
}

/* Sets *dir and *dry from the command line. */
static void parse_args(int argc, char **argv, char **dir, int *dry, char **map)
{
	int opt;
	while ((opt = getopt(argc, argv, "npo:m:")) != -1) {
		if (opt == 'n')
			*dry = 1;
		else if (opt == 'p')
			provenance = 1;
		else if (opt == 'o')
			*dir = optarg;
		else if (opt == 'm' && *optarg)
			*map = optarg;
		else
			usage();
	}
	for (size_t n = strlen(*dir); n > 1 && (*dir)[n - 1] == '/'; n--)
		(*dir)[n - 1] = '\0';
	if (optind != argc || !**dir || strcmp(*dir, "/") == 0)
		usage();
}

/* Reads and checks the book; returns the number of errors. */
static int load_book(struct book *b, const char *dir)
{
	if (read_pipeline(b, stdin) != 0)
		return 1;
	check_uses(b);
	check_roots(b, dir);
	check_cycles(b);
	return b->errors;
}

int main(int argc, char **argv)
{
	static char default_dir[] = "src";
	char *dir = default_dir;
	int dry = 0;
	struct book b = { 0 };
	struct plan pl;
	char *map = NULL;
	parse_args(argc, argv, &dir, &dry, &map);
	if (load_book(&b, dir) != 0) {
		free_book(&b);
		return 1;
	}
	make_plan(&pl, &b, dir);
	if (dry)
		show_plan(&pl);
	else
		apply_plan(&pl, dir);
	if (map && !dry)
		write_line_map(&pl, map);
	free_plan(&pl);
	free_book(&b);
	if (fflush(stdout) != 0)
		die("<stdout>");
	return 0;
}
