/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/14-tangling.nw; edit the chapter, not this file. */
/*
 * pipeline.h: the one reader of noweb's pipeline (markup's output) for the
 * tools that read it, tangle and weave.  It reads a whole web: its files,
 * its blocks of documentation and code, each piece of each block with its
 * line, and its chunks by name, each with the blocks that define and use
 * it; and it says what is wrong as "file:line: message".
 *
 * A tool adds fields of its own to every chunk by defining CHUNK_FIELDS
 * before including this file.  Each tool defines die() (common.h).
 */
#ifndef TANGLE_PIPELINE_H
#define TANGLE_PIPELINE_H
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "common.h"

/* chapters/14-tangling.nw, The web in memory: <<Let a tool add fields to every chunk>> */
#ifndef CHUNK_FIELDS
#define CHUNK_FIELDS
#endif

/* ---- growing text ---- */

/* chapters/14-tangling.nw, The web in memory: <<Growing text and growing arrays>> */
struct buf {
	char *p;
	size_t len, cap;
};

#define PUSH(arr, n, cap, v) do { \
	(arr) = grow((arr), &(cap), (n) + 1, sizeof *(arr)); \
	(arr)[(n)++] = (v); \
} while (0)

/* chapters/14-tangling.nw, The web in memory: <<Copy a string>> */
static char *copy(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		die("malloc");
	if (n)	/* memcpy from NULL is undefined, even for 0 bytes */
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *sdup(const char *s)
{
	return copy(s, strlen(s));
}

/* chapters/14-tangling.nw, The web in memory: <<Append to growing text>> */
static void add(struct buf *b, const char *s, size_t n)
{
	b->p = grow(b->p, &b->cap, b->len + n + 1, 1);
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void adds(struct buf *b, const char *s)
{
	add(b, s, strlen(s));
}

static void addc(struct buf *b, char c)
{
	add(b, &c, 1);
}

/* ---- the web ---- */

/* chapters/14-tangling.nw, The web in memory: <<A piece of a block>> */
enum piece_kind { P_TEXT, P_NL, P_USE, P_QUOTE };

struct piece {
	enum piece_kind kind;
	char *s;		/* P_TEXT, P_QUOTE: text; P_USE: chunk name */
	struct chunk *chunk;	/* P_USE */
	int line;		/* its line in the block's file */
};

/* chapters/14-tangling.nw, The web in memory: <<A block of documentation or code>> */
struct block {
	int code;
	const char *file;
	int line;		/* first line of the block in file */
	int page;		/* the index of its file in web.files */
	struct piece *p;
	size_t n, cap;
	struct chunk *chunk;	/* code: the chunk it defines */
	char *section;		/* code: the title of the heading above it, or NULL */
	int num;		/* code: 1, 2, ... (weave) */
	char **defs;		/* code: identifiers defined here (@index defn) */
	size_t ndefs, dcap;
};

/* chapters/14-tangling.nw, The web in memory: <<A chunk>> */
struct chunk {
	char *name;
	struct block **defs;	/* in order; none if never defined */
	size_t ndefs, dcap;
	struct block **uses;	/* each block that uses it, once (link_uses) */
	size_t nuses, ucap;
	CHUNK_FIELDS
};

/* chapters/14-tangling.nw, The web in memory: <<The whole web>> */
struct web {
	char **files;
	size_t nfiles, fcap;
	struct block **blocks;
	size_t nblocks, bcap;
	struct chunk **chunks;
	size_t nchunks, ccap;
	struct name_table chunk_names;
	int errors;
};

/* chapters/14-tangling.nw, The web in memory: <<Report an error or a warning in the web>> */
static void error_at(struct web *w, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_at(file, line, fmt, ap);
	va_end(ap);
	w->errors++;
}

/* What a tool lets pass: "file:line: warning: ...", not an error. */
static inline void warn_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s:%d: warning: ", file, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* chapters/14-tangling.nw, The web in memory: <<Find a chunk by name, making it if it is new>> */
/* The chunk called name, made (never defined, never used) if it is new. */
static struct chunk *find_chunk(struct web *w, const char *name)
{
	struct chunk *c = name_find(&w->chunk_names, name, strlen(name));
	if (c)
		return c;
	c = calloc(1, sizeof *c);
	if (!c)
		die("malloc");
	c->name = sdup(name);
	PUSH(w->chunks, w->nchunks, w->ccap, c);
	name_add(&w->chunk_names, c->name, c);
	return c;
}

/* ---- reading the pipeline ---- */

/* chapters/14-tangling.nw, Reading the pipeline: <<The reader's state>> */
enum state { OUTSIDE, DOCS, QUOTE, HEAD, DEFN, CODE };

struct parser {
	struct web *w;
	enum state st;
	const char *file;	/* the .nw file, and the line in it */
	int line;
	struct block *cur;
	struct buf quote;	/* the [[code]] being quoted in docs */
	struct buf docline;	/* the documentation line being read */
	char *section;		/* the last heading's title */
	int fatal;
	const char *tool;
};

/* chapters/14-tangling.nw, Reading the pipeline: <<Add a piece to the current block>> */
static void add_piece(struct parser *p, enum piece_kind kind, const char *s)
{
	struct piece pc = { kind, s ? sdup(s) : NULL, NULL, p->line };
	PUSH(p->cur->p, p->cur->n, p->cur->cap, pc);
}

/* Each handler takes a pipeline line's argument; it returns -1 if the line is malformed. */

/* chapters/14-tangling.nw, Reading the pipeline: <<Start a file>> */
static int on_file(struct parser *p, char *arg)
{
	if (p->st != OUTSIDE || !*arg)
		return -1;
	p->file = sdup(arg);
	PUSH(p->w->files, p->w->nfiles, p->w->fcap, (char *)p->file);
	p->line = 1;
	return 0;
}

/* chapters/14-tangling.nw, Reading the pipeline: <<Begin and end a block>> */
static int on_begin(struct parser *p, char *arg)
{
	if (p->st != OUTSIDE || (strncmp(arg, "docs ", 5) && strncmp(arg, "code ", 5)))
		return -1;
	struct block *b = calloc(1, sizeof *b);
	if (!b)
		die("malloc");
	b->code = arg[0] == 'c';
	b->file = p->file;
	b->line = p->line;
	b->page = (int)p->w->nfiles - 1;
	PUSH(p->w->blocks, p->w->nblocks, p->w->bcap, b);
	p->cur = b;
	p->st = b->code ? HEAD : DOCS;
	p->docline.len = 0;
	if (p->docline.p)
		p->docline.p[0] = '\0';
	return 0;
}

static int on_end(struct parser *p, char *arg)
{
	int ok = (p->st == DOCS && !strncmp(arg, "docs ", 5)) ||
		 (p->st == CODE && !strncmp(arg, "code ", 5));
	p->st = OUTSIDE;
	return ok ? 0 : -1;
}

/* chapters/14-tangling.nw, Reading the pipeline: <<Define a chunk>> */
static int on_defn(struct parser *p, char *arg)
{
	if (p->st != HEAD || !*arg)
		return -1;
	struct chunk *c = find_chunk(p->w, arg);
	p->cur->chunk = c;
	p->cur->section = p->section ? sdup(p->section) : NULL;
	PUSH(c->defs, c->ndefs, c->dcap, p->cur);
	p->st = DEFN;
	return 0;
}

/* chapters/14-tangling.nw, Reading the pipeline: <<Take a line's text>> */
static int on_text(struct parser *p, char *arg)
{
	if (p->st == DOCS || p->st == QUOTE)
		adds(&p->docline, arg);
	if (p->st == QUOTE)
		adds(&p->quote, arg);
	else if (p->st == DOCS || p->st == CODE) {
		if (*arg || p->st == DOCS)	/* markup's empty text after a use: nothing */
			add_piece(p, P_TEXT, arg);
	} else
		return -1;
	return 0;
}

/* chapters/14-tangling.nw, Reading the pipeline: <<Note a heading's title>> */
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
		p->section = copy(s + 1, k - 1);
		return;
	}
}

/* chapters/14-tangling.nw, Reading the pipeline: <<End a line>> */
static int on_nl(struct parser *p, char *arg)
{
	int bad = *arg || p->st == OUTSIDE || p->st == HEAD;
	if (p->st == DOCS) {
		note_heading(p);
		p->docline.len = 0;
		if (p->docline.p)
			p->docline.p[0] = '\0';
	}
	if (p->st == DEFN)
		p->st = CODE;
	else if (p->st == QUOTE)
		addc(&p->quote, ' ');
	else if (!bad)
		add_piece(p, P_NL, NULL);
	p->line++;
	return bad ? -1 : 0;
}

/* chapters/14-tangling.nw, Reading the pipeline: <<Use a chunk>> */
static int on_use(struct parser *p, char *arg)
{
	if (p->st == QUOTE) {
		adds(&p->quote, "<<");
		adds(&p->quote, arg);
		adds(&p->quote, ">>");
	} else if (p->st == CODE && *arg) {
		add_piece(p, P_USE, arg);
		p->cur->p[p->cur->n - 1].chunk = find_chunk(p->w, arg);
	} else {
		return -1;
	}
	return 0;
}

/* chapters/14-tangling.nw, Reading the pipeline: <<Quote code in the prose>> */
static int on_quote(struct parser *p, char *arg)
{
	int bad = *arg || p->st != DOCS;
	p->st = QUOTE;
	return bad ? -1 : 0;
}

static int on_endquote(struct parser *p, char *arg)
{
	if (*arg || p->st != QUOTE)
		return -1;
	add_piece(p, P_QUOTE, p->quote.p ? p->quote.p : "");
	p->quote.len = 0;
	if (p->quote.p)
		p->quote.p[0] = '\0';
	p->st = DOCS;
	return 0;
}

/* chapters/14-tangling.nw, Reading the pipeline: <<Note the identifiers a block defines>> */
/* Notes that block b defines the identifier of n bytes at name. */
static void add_def(struct block *b, const char *name, size_t n)
{
	for (size_t i = 0; i < b->ndefs; i++)
		if (strlen(b->defs[i]) == n && memcmp(b->defs[i], name, n) == 0)
			return;
	PUSH(b->defs, b->ndefs, b->dcap, copy(name, n));
}

/* "@index nl" is a line of the .nw file (an "@ %def" line); "@index defn" a definition. */
static int on_index(struct parser *p, char *arg)
{
	if (!strcmp(arg, "nl"))
		p->line++;
	else if (!strncmp(arg, "defn ", 5) && (p->st == CODE || p->st == DEFN) && arg[5])
		add_def(p->cur, arg + 5, strlen(arg + 5));
	return 0;
}

/* chapters/14-tangling.nw, Reading the pipeline: <<Set the line, fail, or pass a line by>> */
static int on_line(struct parser *p, char *arg)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (end == arg || *end || v < 1 || v > 1000000000)
		return -1;
	p->line = (int)v;
	return 0;
}

static int on_fatal(struct parser *p, char *arg)
{
	fprintf(stderr, "%s: markup failed: %s\n", p->tool, arg);
	p->fatal = 1;
	return 0;
}

static int on_other(struct parser *p, char *arg)
{
	(void)p;
	(void)arg;
	return 0;
}

/* chapters/14-tangling.nw, Reading the pipeline: <<Find a line's handler>> */
static const struct keyword {
	const char *name;
	int (*handle)(struct parser *, char *);
} keywords[] = {
	{ "@file", on_file }, { "@begin", on_begin }, { "@end", on_end },
	{ "@defn", on_defn }, { "@text", on_text }, { "@nl", on_nl },
	{ "@use", on_use }, { "@quote", on_quote }, { "@endquote", on_endquote },
	{ "@index", on_index }, { "@line", on_line }, { "@fatal", on_fatal },
	{ "@xref", on_other }, { "@language", on_other }, { "@header", on_other },
	{ "@trailer", on_other }, { "@literal", on_other },
};

static int parse_line(struct parser *p, char *s)
{
	size_t kw = strcspn(s, " ");
	char *arg = s[kw] ? s + kw + 1 : s + kw;
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (strlen(keywords[i].name) == kw && !strncmp(s, keywords[i].name, kw))
			return keywords[i].handle(p, arg);
	return -1;
}

/* chapters/14-tangling.nw, Reading the pipeline: <<Link each chunk to the blocks that use it>> */
/* Each chunk's uses: every block that uses it, once, in order. */
static void link_uses(struct web *w)
{
	for (size_t i = 0; i < w->nblocks; i++) {
		struct block *b = w->blocks[i];
		for (size_t j = 0; j < b->n; j++) {
			struct chunk *c = b->p[j].chunk;
			if (b->p[j].kind == P_USE && (c->nuses == 0 || c->uses[c->nuses - 1] != b))
				PUSH(c->uses, c->nuses, c->ucap, b);
		}
	}
}

/* chapters/14-tangling.nw, Reading the pipeline: <<Read the whole pipeline>> */
/*
 * Reads markup's whole pipeline into w, and links each chunk to the
 * blocks that use it; returns -1 (after saying where) if it is unusable.
 */
static int read_pipeline(struct web *w, FILE *in, const char *tool)
{
	struct parser p = { .w = w, .st = OUTSIDE, .file = "<stdin>", .line = 1, .tool = tool };
	char *s = NULL;
	size_t cap = 0;
	ssize_t n;
	int pline = 0, bad = 0;
	while (!bad && (n = getline(&s, &cap, in)) >= 0) {
		pline++;
		if (n > 0 && s[n - 1] == '\n')
			s[--n] = '\0';
		bad = parse_line(&p, s) != 0;
	}
	free(s);
	free(p.quote.p);
	free(p.docline.p);
	free(p.section);
	if (ferror(in))
		die("<stdin>");
	if (bad)
		fprintf(stderr, "%s: <stdin>:%d: malformed pipeline line (%s:%d)\n",
			tool, pline, p.file, p.line);
	else if (p.st != OUTSIDE && !p.fatal)
		fprintf(stderr, "%s: <stdin>:%d: unexpected end of pipeline\n", tool, pline);
	if (bad || p.fatal || p.st != OUTSIDE)
		return -1;
	link_uses(w);
	return 0;
}

/* chapters/14-tangling.nw, Reading the pipeline: <<Report every use of an undefined chunk>> */
/* Every use of a chunk that is never defined, at the line of the use. */
static void report_undefined(struct web *w)
{
	for (size_t i = 0; i < w->nblocks; i++) {
		const struct block *b = w->blocks[i];
		for (size_t j = 0; j < b->n; j++)
			if (b->p[j].kind == P_USE && b->p[j].chunk->ndefs == 0)
				error_at(w, b->file, b->p[j].line,
					 "chunk <<%s>> is used but never defined", b->p[j].chunk->name);
	}
}

/* chapters/14-tangling.nw, Reading the pipeline: <<Free the web>> */
static inline void free_web(struct web *w)
{
	for (size_t i = 0; i < w->nblocks; i++) {
		struct block *b = w->blocks[i];
		for (size_t j = 0; j < b->n; j++)
			free(b->p[j].s);
		for (size_t j = 0; j < b->ndefs; j++)
			free(b->defs[j]);
		free(b->p);
		free(b->defs);
		free(b->section);
		free(b);
	}
	for (size_t i = 0; i < w->nchunks; i++) {
		free(w->chunks[i]->name);
		free(w->chunks[i]->defs);
		free(w->chunks[i]->uses);
		free(w->chunks[i]);
	}
	for (size_t i = 0; i < w->nfiles; i++)
		free(w->files[i]);
	free(w->files);
	free(w->blocks);
	free(w->chunks);
	free(w->chunk_names.slots);
}

#endif
