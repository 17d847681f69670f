/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/15-weaving.nw; edit the chapter, not this file. */
/*
 * weave.c: weaves a noweb book, read from markup's pipeline, into LaTeX for
 * the PDF (-latex) or into pandoc input and HTML parts for the tour (-html).
 * The documentation language is LaTeX; see the Preparation chapter.
 *
 * One program in parts by job, included in this order: pipeline.h reads
 * the web; weave-xref.h numbers chunks and finds identifiers;
 * weave-code.h lays out code blocks; weave-docs.h the prose;
 * weave-index.h the indexes; weave-latex.h and weave-html.h are the two
 * back ends, whose table of functions the others call.  This file holds
 * the book's pages, the writing of files, the two passes over the book,
 * and main, which chooses the back end.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROGRAM "weave"

/* chapters/15-weaving.nw, The program: <<The languages, and what weave adds to every chunk>> */
enum lang { L_TEXT, L_C, L_ASM, L_MAKE, L_SH };

/* What weave knows of each chunk beyond what the pipeline says. */
#define CHUNK_FIELDS \
	enum lang lang; \
	int has_lang; \
	char *prog;		/* directory of the first file it ends up in */ \
	int header;		/* and that file is a header (.h) */ \
	int nested;		/* expanded inside braces or indented: not at file level */
#include "pipeline.h"

/* chapters/15-weaving.nw, The program: <<An identifier>> */
struct ident {
	char *name;
	enum lang lang;
	struct block **defs;
	size_t ndefs, dcap;
	struct block **uses;
	size_t nuses, ucap;
};

/* chapters/15-weaving.nw, The program: <<A label>> */
struct label {
	char *name;
	char *number;
	int page;
	char *id;
};

/* chapters/15-weaving.nw, The program: <<Headings, exercises and pages>> */
struct heading {
	int level;		/* 0 chapter, 1 section, ... */
	char *number;		/* "" if unnumbered */
	char *title;		/* LaTeX, quotes as sentinels of block */
	const struct block *block;
	char *id;
	int page;
};

struct exercise {
	char *number, *title, *id;	/* title: LaTeX, quotes as sentinels of block */
	char *level;			/* easy, moderate or hard; "" if not given */
	char *hint;			/* LaTeX of its hint, for the PDF's appendix */
	size_t hint_from;		/* where the hint began in the output */
	int page;
	const struct block *block;
};

struct page {
	char *name;		/* file name in the tour, without .html */
	char *title;
	const char *file;
};

/* chapters/15-weaving.nw, The program: <<The book as weave sees it>> */
struct book {
	struct web web;		/* what the pipeline says: files, blocks, chunks */
	struct ident **idents;
	size_t nidents, icap;
	struct name_table ident_names;
	struct label *labels;
	size_t nlabels, lcap;
	struct heading *heads;
	size_t nheads, hcap;
	struct exercise *exs;
	size_t nexs, xcap;
	struct page *pages;
	size_t npages, pcap;
	const struct backend *be;	/* LaTeX or HTML, chosen once */
	int first_chapter;
	const char *title;	/* the book's, for the contents page */
	struct buf parts;	/* html: the placeholders' contents */
	int nparts;
	char **externs;		/* "PROGRAM\nNAME": names C declares extern */
	size_t nexterns, ecap;
	int here_page;		/* weaving: the page, and the program of */
	const char *here_prog;	/* the code last woven on it */
};

/* chapters/15-weaving.nw, The program: <<Format into growing text>> */
static const char *tool = PROGRAM;

static void clean_up(void)
{
}

static void addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("format");
	b->p = grow(b->p, &b->cap, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static char *take(struct buf *b)
{
	char *p = b->p ? b->p : sdup("");
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}


#include "weave-xref.h"

/* chapters/17-backends.nw, The table: <<What a back end writes>> */
struct render;
struct docs;
struct weaving;

struct backend {
	void (*escape)(struct buf *o, const char *s, size_t n);
	void (*code_quote)(struct buf *o, const char *s, size_t n);
	void (*link)(struct book *bk, struct buf *o, const struct block *b);
	void (*header)(struct book *bk, struct buf *o, const struct block *b, int cont, size_t nlines);
	int (*begin_line)(struct buf *o, const struct piece *p);
	void (*end_line)(struct buf *o);
	void (*code_text)(struct render *r, const char *s, size_t n);
	void (*definition)(struct render *r, const char *s, size_t n);
	void (*ident_link)(struct render *r, const struct block *d, const char *s, size_t n);
	void (*token)(struct render *r, enum tok t, const char *s, size_t n);
	void (*begin_verse)(struct buf *o, size_t indent);
	void (*end_verse)(struct buf *o);
	void (*use)(struct book *bk, struct buf *o, const struct chunk *c);
	void (*more_uses)(struct buf *o, const char *name, size_t more);
	void (*footer)(struct buf *o, const char *text);
	void (*end_block)(struct book *bk, struct buf *o, struct block *b);
	void (*quoted_use)(struct book *bk, struct buf *o, const struct chunk *c);
	void (*quote)(struct book *bk, struct buf *o, const char *q, const struct block *def);
	void (*heading)(struct docs *d, int level, const char *num, size_t gs, size_t gl,
			const char *id, int has_label);
	size_t (*label)(struct docs *d, size_t gs, size_t gl, size_t end);
	size_t (*ref)(struct docs *d, size_t gs, size_t gl, size_t end);
	size_t (*begin_figure)(struct docs *d, size_t end);
	size_t (*begin_exercise)(struct docs *d, struct exercise *x, size_t os, size_t ol, size_t end);
	size_t (*end_environment)(struct docs *d, size_t end, int fig);
	size_t (*hint)(struct docs *d, size_t end, int begin);
	void (*index_request)(struct docs *d, int chunks);
	size_t (*layout_only)(struct docs *d);
	void (*caption)(struct docs *d);
	void (*end_caption)(struct book *bk, struct buf *o);
	size_t (*picture)(struct docs *d);
	void (*at_sign)(struct book *bk, struct buf *o);
	void (*begin_index)(struct buf *o, const char *kind);
	void (*chunk_entry)(struct book *bk, struct buf *o, const struct chunk *c);
	void (*ident_entry)(struct book *bk, struct buf *o, const struct ident *id);
	void (*end_index)(struct buf *o);
	void (*begin_book)(struct weaving *w);
	void (*block)(struct weaving *w, struct block *b);
	void (*end_book)(struct weaving *w);
};

#include "weave-code.h"

#include "weave-docs.h"

/* ---- the book's pages ---- */

/* chapters/15-weaving.nw, The program: <<Name a page for each chapter>> */
static void make_pages(struct book *bk)
{
	for (size_t i = 0; i < bk->web.nfiles; i++) {
		const char *b = base_name(bk->web.files[i]);
		while (isdigit((unsigned char)*b))
			b++;
		if (*b == '-' || *b == '_')
			b++;
		if (!*b)
			b = base_name(bk->web.files[i]);
		size_t n = strcspn(b, ".");
		struct buf nb = { 0 };
		for (size_t k = 0; k < n; k++)
			addc(&nb, isalnum((unsigned char)b[k]) ? (char)tolower((unsigned char)b[k]) : '-');
		if (!nb.p)
			adds(&nb, "page");
		for (size_t k = 0; k < bk->npages; k++)
			if (!strcmp(bk->pages[k].name, nb.p))
				addf(&nb, "-%zu", i);
		static const char *const reserved[] = { "index", "chunks", "identifiers", "exercises" };
		for (size_t k = 0; k < 4; k++)
			if (!strcmp(nb.p, reserved[k]))
				adds(&nb, "-chapter");
		struct page p = { take(&nb), NULL, bk->web.files[i] };
		PUSH(bk->pages, bk->npages, bk->pcap, p);
	}
}

/* ---- writing files: all or nothing ---- */

/* chapters/15-weaving.nw, Writing all or nothing: <<Start a new output>> */
struct outfile {
	char *path;
	struct buf text;
};

static struct outfile *outs;
static size_t nouts, ocap;

static struct buf *new_output(const char *dir, const char *name)
{
	struct outfile f = { 0 };
	struct buf p = { 0 };
	addf(&p, "%s/%s", dir, name);
	f.path = take(&p);
	PUSH(outs, nouts, ocap, f);
	adds(&outs[nouts - 1].text, "");
	return &outs[nouts - 1].text;
}

/* chapters/15-weaving.nw, Writing all or nothing: <<Write every output, or none>> */
/* Removes the temporary files of the first n outputs, then dies. */
static void die_removing(const char *what, size_t n)
{
	int e = errno;
	for (size_t i = 0; i < n; i++) {
		struct buf tmp = { 0 };
		addf(&tmp, "%s.tmp", outs[i].path);
		unlink(tmp.p);
		free(tmp.p);
	}
	errno = e;
	die(what);
}

/*
 * Every output is written in full to a temporary file before any is
 * renamed into place, so an error leaves all of them as they were.
 */
static void write_outputs(void)
{
	for (size_t i = 0; i < nouts; i++) {
		struct buf tmp = { 0 };
		addf(&tmp, "%s.tmp", outs[i].path);
		FILE *f = fopen(tmp.p, "w");
		if (!f)
			die_removing(tmp.p, i);
		if (fwrite(outs[i].text.p, 1, outs[i].text.len, f) != outs[i].text.len ||
		    fclose(f) != 0)
			die_removing(tmp.p, i + 1);
		free(tmp.p);
	}
	for (size_t i = 0; i < nouts; i++) {
		struct buf tmp = { 0 };
		addf(&tmp, "%s.tmp", outs[i].path);
		if (rename(tmp.p, outs[i].path) != 0)
			die(outs[i].path);
		free(tmp.p);
	}
}

#include "weave-index.h"

/* ---- the second pass, and the two back ends ---- */

/* chapters/15-weaving.nw, Two passes: <<The state of the second pass>> */
struct weaving {
	struct book *bk;
	const char *dir;
	struct docstate ds;
	struct buf *o;		/* the output being written */
	int page;		/* tour: the page o is, -1 before the first */
	struct buf map;		/* PDF: the line map, and its next line */
	int outline;
};

/* chapters/15-weaving.nw, Two passes: <<Weave a documentation block, and finish the prose>> */
static void weave_docs(struct book *bk, struct docstate *ds, struct block *b, struct buf *o)
{
	if (ds->page != b->page) {
		if (ds->in_exercise || ds->in_figure)
			error_at(&bk->web, ds->ex_file, ds->ex_line, "\\begin{%s} is never ended",
				 ds->in_figure ? "figure" : "exercise");
		ds->in_exercise = ds->in_figure = 0;
		ds->page = b->page;
	}
	docs_block(bk, b, ds, o);
}

static void finish_docs(struct book *bk, struct docstate *ds)
{
	if (ds->in_exercise || ds->in_figure)
		error_at(&bk->web, ds->ex_file, ds->ex_line, "\\begin{%s} is never ended",
			 ds->in_figure ? "figure" : "exercise");
}

#include "weave-latex.h"

#include "weave-html.h"

/* chapters/15-weaving.nw, Two passes: <<Weave the book in two passes>> */
static void weave(struct book *bk, const char *dir)
{
	struct docstate ds = { .page = 0 };
	/* pass 1: numbers and labels; its placeholders are dropped */
	size_t parts_len = bk->parts.len;
	int nparts = bk->nparts;
	for (size_t i = 0; i < bk->web.nblocks; i++)
		if (!bk->web.blocks[i]->code)
			weave_docs(bk, &ds, bk->web.blocks[i], NULL);
	finish_docs(bk, &ds);
	bk->parts.len = parts_len;
	if (bk->parts.p)
		bk->parts.p[parts_len] = '\0';
	bk->nparts = nparts;
	if (bk->web.errors)
		return;
	struct weaving w = { bk, dir, { .page = 0 }, NULL, -1, { 0 }, 1 };
	bk->be->begin_book(&w);
	for (size_t i = 0; i < bk->web.nblocks; i++) {
		struct block *b = bk->web.blocks[i];
		if (bk->here_page != b->page || !bk->here_prog)
			bk->here_prog = first_prog_on_page(bk, i);
		bk->here_page = b->page;
		if (b->code)
			bk->here_prog = b->chunk->prog;
		bk->be->block(&w, b);
	}
	bk->be->end_book(&w);
	free(w.map.p);
}

/* chapters/15-weaving.nw, Writing all or nothing: <<Make a directory and its parents>> */
/* mkdir -p */
static void make_dirs(const char *dir)
{
	char *p = sdup(dir);
	for (char *q = p + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			die(p);
		*q = '/';
	}
	if (mkdir(p, 0777) != 0 && errno != EEXIST)
		die(p);
	free(p);
}

/* chapters/15-weaving.nw, The program: <<Weave the book>> */
static void usage(void)
{
	fprintf(stderr, "usage: %s -latex|-html [-n FIRST-CHAPTER] [-t TITLE] -o DIR <pipeline\n", tool);
	exit(2);
}

int main(int argc, char **argv)
{
	struct book bk = { .first_chapter = 1, .title = "Contents" };
	const char *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-latex"))
			bk.be = &latex_backend;
		else if (!strcmp(argv[i], "-html"))
			bk.be = &html_backend;
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			dir = argv[++i];
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			bk.first_chapter = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-t") && i + 1 < argc)
			bk.title = argv[++i];
		else
			usage();
	}
	if (!bk.be || !dir)
		usage();
	if (read_pipeline(&bk.web, stdin, tool) != 0)
		return 1;
	if (bk.web.nfiles == 0) {
		fprintf(stderr, "%s: <stdin>: no @file in the pipeline\n", tool);
		return 1;
	}
	make_pages(&bk);
	link_chunks(&bk);
	find_nested(&bk);
	find_defs(&bk);
	find_uses(&bk);
	if (bk.web.errors)
		return 1;
	weave(&bk, dir);
	if (bk.web.errors)
		return 1;
	make_dirs(dir);
	write_outputs();
	return 0;
}
