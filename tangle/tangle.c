/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/14-tangling.nw; edit the chapter, not this file. */
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

/* chapters/14-tangling.nw, Tangling: <<Add tangle's marks to every chunk and read the pipeline>> */
/* Each chunk's marks: a root written as a file, and the cycle search's. */
#define PROGRAM "tangle"
#define CHUNK_FIELDS \
	int output;		/* a root that is written as a file */ \
	int color;		/* cycle search: 0 new, 1 on the path, 2 done */
#include "pipeline.h"

/* chapters/14-tangling.nw, Tangling: <<Whether to write provenance>> */
/* -p: tangled files say where they come from (see write_provenance). */
static int provenance;

/* chapters/14-tangling.nw, Line directives:
 * <<Whether to write line directives, and in what format>>
 */
/* -L[FORMAT]: line directives in the output, as notangle -L writes them. */
static const char *line_format;

/* chapters/14-tangling.nw, The plan, and the disk: <<An output file and the plan>> */
struct output {
	const char *path;
	const struct chunk *root;	/* NULL for the line map */
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

/* chapters/14-tangling.nw, Expanding a chunk: <<The state of an expansion>> */
/* Expansion state: the text so far, and the column its last line reached. */
struct render {
	struct buf text;
	struct buf map;		/* where each output line comes from */
	int mapped;		/* the current output line has its place in map */
	size_t line_start;
	int col;		/* 0: nothing on the line yet, so indent it */
	int c_comments;		/* the output takes C comments, not # */
	const char *at_file;	/* -L: the place the next line is known to be */
	int at_line;
};

/* chapters/14-tangling.nw, The plan, and the disk:
 * <<Remember temporary files, to remove them on failure>>
 */
/* The temporary files written so far, removed again if tangle dies. */
static char **temps;
static size_t ntemps, temps_cap;

static void clean_up(void)
{
	for (size_t i = 0; i < ntemps; i++)
		if (temps[i])
			unlink(temps[i]);
}

/* chapters/14-tangling.nw, The line map: <<Whether to accept what noweb accepts>> */
/* --lenient (and -R): accept what notangle accepts, warning where it warns. */
static int lenient;

/* chapters/14-tangling.nw, The line map: <<The places tangle may write>> */
/* -o: the directories tangle writes, each wholly the book's; -f: files. */
#define MAX_PLACES 16
static char *places[MAX_PLACES];
static int place_is_file[MAX_PLACES];
static size_t nplaces;
static struct buf place_names;	/* "src/", or "src/ or tangle/", for messages */

/* ---- checks ---- */

/* chapters/14-tangling.nw, Checking the book:
 * <<Tell whether a name is a file under the output directory>>
 */
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

/* The place a root's name puts it in, or NULL if it is in none. */
static const char *place_of(const char *name)
{
	for (size_t i = 0; i < nplaces; i++)
		if (place_is_file[i] ? strcmp(name, places[i]) == 0
				     : is_output_path(name, places[i]))
			return places[i];
	return NULL;
}

/* chapters/14-tangling.nw, Checking the book: <<Tell roots apart and sort chunks by name>> */
static int is_root(const struct chunk *c)
{
	return c->ndefs && !c->nuses;
}

static int compare_chunk_names(const void *a, const void *b)
{
	return strcmp((*(struct chunk *const *)a)->name, (*(struct chunk *const *)b)->name);
}

/* chapters/14-tangling.nw, Checking the book:
 * <<Catch roots that would be each other's directory>>
 */
/*
 * Two roots where one would be a directory of the other (src/a and
 * src/a/b): both places are named, before anything is written.
 */
static void check_clashes(struct web *b)
{
	struct chunk **outs = malloc((b->nchunks + 1) * sizeof *outs);
	size_t n = 0;
	if (!outs)
		die("malloc");
	for (size_t i = 0; i < b->nchunks; i++)
		if (b->chunks[i]->output)
			outs[n++] = b->chunks[i];
	qsort(outs, n, sizeof *outs, compare_chunk_names);
	for (size_t i = 0; i < n; i++) {
		char *dir = sdup(outs[i]->name);
		for (char *s = strrchr(dir, '/'); s && s > dir; s = strrchr(dir, '/')) {
			*s = '\0';
			struct chunk key = { .name = dir }, *pk = &key;
			struct chunk **hit = bsearch(&pk, outs, n, sizeof *outs, compare_chunk_names);
			if (hit)
				error_at(b, (*hit)->defs[0]->file, (*hit)->defs[0]->line,
				       "root <<%s>> is a file, but root <<%s>> (%s:%d) needs it to be a directory",
				       (*hit)->name, outs[i]->name, outs[i]->defs[0]->file,
				       outs[i]->defs[0]->line);
		}
		free(dir);
	}
	free(outs);
}

/* chapters/14-tangling.nw, The line map: <<Check that every file place is written>> */
/* An -f file that no root writes: its root was renamed or removed. */
static void check_file_places(struct web *b)
{
	for (size_t i = 0; i < nplaces; i++) {
		int written = 0;
		for (size_t k = 0; k < b->nchunks && !written; k++)
			written = b->chunks[k]->output &&
				  strcmp(b->chunks[k]->name, places[i]) == 0;
		if (place_is_file[i] && !written) {
			fprintf(stderr, "tangle: no root <<%s>> writes the file that -f %s names\n",
				places[i], places[i]);
			b->errors++;
		}
	}
}

/* chapters/14-tangling.nw, Checking the book:
 * <<Check that every root is a file the book may write>>
 */
static void check_roots(struct web *b)
{
	size_t nroots = 0;
	for (size_t i = 0; i < b->nchunks; i++) {
		struct chunk *c = b->chunks[i];
		if (!is_root(c))
			continue;
		const char *file = c->defs[0]->file;
		int line = c->defs[0]->line;
		if (place_of(c->name)) {
			c->output = 1;
			nroots++;
		} else if (lenient)
			warn_at(file, line, "root <<%s>> is not a file under %s: not written "
			     "(tangle -R writes it)", c->name, place_names.p);
		else if (strcmp(c->name, "*") == 0)
			error_at(b, file, line, "root <<*>> is noweb's default root, not a file "
			       "under %s (tangle -R'*' writes it)", place_names.p);
		else if (!looks_like_path(c->name))
			error_at(b, file, line, "chunk <<%s>> is defined but never used", c->name);
		else
			error_at(b, file, line, "root <<%s>> is not an output file under %s",
			       c->name, place_names.p);
	}
	if (nroots == 0 && !b->errors) {
		fprintf(stderr, "tangle: no output files\n");
		b->errors++;
	}
	check_clashes(b);
	check_file_places(b);
}

/* chapters/14-tangling.nw, Checking the book: <<Search the chunks below one for cycles>> */
/* Finds the cycles below c and, leniently, warns of undefined chunks. */
static void visit_chunk(struct web *b, struct chunk *c)
{
	c->color = 1;
	for (size_t k = 0; k < c->ndefs; k++) {
		const struct block *d = c->defs[k];
		for (size_t i = 0; i < d->n; i++) {
			const struct piece *pc = &d->p[i];
			if (pc->kind != P_USE)
				continue;
			if (lenient && !pc->chunk->ndefs)
				warn_at(d->file, pc->line, "chunk <<%s>> is used but never defined",
					pc->chunk->name);
			if (pc->chunk->color == 1)
				error_at(b, d->file, pc->line, "chunk <<%s>> uses itself",
					 pc->chunk->name);
			else if (pc->chunk->color == 0)
				visit_chunk(b, pc->chunk);
		}
	}
	c->color = 2;
}

/* chapters/14-tangling.nw, Checking the book: <<Search every chunk for cycles>> */
/* Every chunk, or leniently (as notangle) only those that are written. */
static void check_cycles(struct web *b)
{
	for (size_t i = 0; i < b->nchunks; i++)
		if (b->chunks[i]->color == 0 && (!lenient || b->chunks[i]->output))
			visit_chunk(b, b->chunks[i]);
}

/* ---- expansion ---- */

/* chapters/14-tangling.nw, Expanding a chunk: <<The tab size, and the rules of expansion>> */
/*
 * Expansion follows notangle's rules exactly (noweb's modules.nw): a line's
 * indentation is written only before text or a use, never on a blank line;
 * a used chunk is indented to the column where its use starts; and after
 * the use, the column counts on as if the text "<<name>>" stood there,
 * whatever the expansion wrote.  Columns are plain numbers, so a chain of
 * uses nested 10,000 deep costs no more memory than one.
 */
static int tab_size = 8;	/* -t: tabs in the input and in indentation */

/* chapters/14-tangling.nw, Expanding a chunk: <<Find the column after some text>> */
/* The column after s, starting at col (noweb's limitcolumn). */
static int column_after(const char *s, int col)
{
	for (; *s; s++) {
		col++;
		if (*s == '\t' && tab_size > 0)
			while (col % tab_size != 0)
				col++;
	}
	return col;
}

/* chapters/14-tangling.nw, Expanding a chunk: <<Indent a line when text arrives>> */
/* Whitespace as wide as width: tabs first if -t is not 0 (indent_for). */
static void add_indent(struct render *r, int width)
{
	if (tab_size > 1)
		for (; width >= tab_size; width -= tab_size)
			addc(&r->text, '\t');
	for (; width > 0; width--)
		addc(&r->text, ' ');
}

/* Starts the line's text: the indentation, if nothing is on the line yet. */
static void start_text(struct render *r, int indent)
{
	if (r->col == 0) {
		add_indent(r, indent);
		r->col = indent;
	}
}

/* chapters/14-tangling.nw, Expanding a chunk: <<Note where an output line comes from>> */
/* Records the book's file and line for the output line being written. */
static void note_place(struct render *r, const struct block *b, const struct piece *pc)
{
	char num[24];
	if (r->mapped)
		return;
	/* indentation before a use belongs to the line the use expands to */
	if (pc->kind == P_TEXT && pc->s[strspn(pc->s, " \t")] == '\0')
		return;
	snprintf(num, sizeof num, ":%d\n", pc->line);
	adds(&r->map, b->file);
	adds(&r->map, num);
	r->mapped = 1;
}

/* chapters/14-tangling.nw, Line directives: <<Check a line directive's format>> */
static int line_format_ok(void)
{
	for (const char *f = line_format; *f; f++) {
		if (*f != '%')
			continue;
		f++;
		if ((*f == '+' || *f == '-') && f[1] >= '0' && f[1] <= '9' && f[2] == 'L')
			f += 2;
		else if (!*f || !strchr("%NFL", *f))
			return 0;
	}
	return 1;
}

/* chapters/14-tangling.nw, Line directives: <<Write a line directive in the format>> */
static void add_directive(struct buf *o, const char *file, int line)
{
	for (const char *f = line_format; *f; f++) {
		if (*f != '%')
			addc(o, *f);
		else if (*++f == 'F')
			adds(o, file);
		else if (*f == 'N' || *f == '%')
			addc(o, *f == 'N' ? '\n' : '%');
		else {
			int by = *f == 'L' ? 0 : (f[0] == '-' ? -1 : 1) * (f[1] - '0');
			f += *f == 'L' ? 0 : 2;
			char num[24];
			snprintf(num, sizeof num, "%d", line + by);
			adds(o, num);
		}
	}
}

/* chapters/14-tangling.nw, Line directives:
 * <<Write a line directive where the text comes from elsewhere>>
 */
/* A chunk's first piece, which -L leaves where it falls (noweb's head). */
static const struct piece *first_piece(const struct chunk *c)
{
	for (size_t k = 0; k < c->ndefs; k++)
		if (c->defs[k]->n)
			return c->defs[k]->p;
	return NULL;
}

/* -L: the directive for pc's place if the output is elsewhere; 1 if written. */
static int line_directive(struct render *r, const struct block *b, const struct piece *pc)
{
	if (b->file == r->at_file && pc->line == r->at_line)
		return 0;
	if (r->col)
		addc(&r->text, '\n');
	add_directive(&r->text, b->file, pc->line);
	r->at_file = b->file;
	r->at_line = pc->line;
	return 1;
}

static void expand(struct render *r, const struct chunk *c, int indent);

/* chapters/14-tangling.nw, Expanding a chunk: <<Expand one piece>> */
static void emit_piece(struct render *r, const struct block *b, const struct piece *pc,
		       int indent)
{
	int col;
	switch (pc->kind) {
	case P_TEXT:
		note_place(r, b, pc);
		if (!line_format)
			start_text(r, indent);
		else if (line_directive(r, b, pc) && pc != first_piece(b->chunk))
			add_indent(r, r->col);	/* back to the text's column */
		adds(&r->text, pc->s);
		r->col = column_after(pc->s, r->col);
		break;
	case P_NL:
		note_place(r, b, pc);
		r->mapped = 0;
		addc(&r->text, '\n');
		r->line_start = r->text.len;
		r->col = 0;
		r->at_line++;
		break;
	case P_USE:
		/* as notangle: an undefined use is not indented, nor any with -L */
		if (pc->chunk->ndefs && !line_format)
			start_text(r, indent);
		col = r->col;
		expand(r, pc->chunk, col);
		r->col = column_after(pc->chunk->name, col + 2) + 2;
		break;
	case P_QUOTE:
		break;
	}
}

/* chapters/14-tangling.nw, Provenance: <<Add a whole line of output>> */
/* Adds a whole line that the book's file:line stands for. */
static void add_line(struct render *r, const char *text, const char *file, int line)
{
	char num[24];
	snprintf(num, sizeof num, ":%d\n", line);
	add(&r->text, text, strlen(text));
	addc(&r->text, '\n');
	r->line_start = r->text.len;
	add(&r->map, file, strlen(file));
	add(&r->map, num, strlen(num));
}

/* chapters/14-tangling.nw, Provenance: <<Copy text without quotes or an end of comment>> */
/* Appends s to b without noweb's [[quotes]], and never closing a C comment. */
static void add_plain(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if ((s[0] == '[' && s[1] == '[') || (s[0] == ']' && s[1] == ']'))
			s++;
		else if (s[0] == '*' && s[1] == '/')
			add(b, "* ", 2);
		else
			addc(b, *s);
	}
}

/* chapters/14-tangling.nw, Provenance:
 * <<Write the comment that says where a definition comes from>>
 */
/*
 * The comment that says where a definition comes from, in the output's
 * syntax: the chapter, the heading above the definition and the chunk's
 * name, on two lines if one would pass PROVENANCE_WIDTH columns (in C,
 * three: the kernel's style puts the end of a comment of several lines
 * on a line of its own).
 */
#define PROVENANCE_WIDTH	100

static void write_provenance(struct render *r, const struct chunk *c, const struct block *d)
{
	struct buf line = { 0 };
	if (r->line_start >= 2 && r->text.p[r->line_start - 2] == '\\')
		return;		/* inside a continued line: no comment fits */
	if (r->line_start > 0 && r->text.p[r->line_start - 1] == '\n' &&
	    (r->line_start < 2 || r->text.p[r->line_start - 2] != '\n'))
		add_line(r, "", d->file, d->line);	/* a blank line between */
	struct buf name = { 0 };
	add(&line, r->c_comments ? "/* " : "# ", r->c_comments ? 3 : 2);
	add_plain(&line, d->file);
	if (d->section) {
		add(&line, ", ", 2);
		add_plain(&line, d->section);
	}
	add(&line, ":", 1);
	add(&name, "<<", 2);
	add_plain(&name, c->name);
	add(&name, ">>", 2);
	if (line.len + 1 + name.len + (r->c_comments ? 3 : 0) <= PROVENANCE_WIDTH) {
		addc(&line, ' ');
		add(&line, name.p, name.len);
		if (r->c_comments)
			add(&line, " */", 3);
	} else {	/* too wide for one line: the name on the next */
		add_line(r, line.p, d->file, d->line);
		line.len = 0;
		add(&line, r->c_comments ? " * " : "# ", r->c_comments ? 3 : 2);
		add(&line, name.p, name.len);
		if (r->c_comments) {	/* the kernel's style: the end alone */
			add_line(r, line.p, d->file, d->line);
			line.len = 0;
			add(&line, " */", 3);
		}
	}
	free(name.p);
	add_line(r, line.p, d->file, d->line);
	free(line.p);
}

/* chapters/14-tangling.nw, Expanding a chunk: <<Leave out a chunk's last newline>> */
/* A chunk's last newline, which a use leaves out (the using line has its own). */
static const struct piece *final_newline(const struct chunk *c)
{
	for (size_t k = c->ndefs; k > 0; k--) {
		const struct block *d = c->defs[k - 1];
		if (d->n)
			return d->p[d->n - 1].kind == P_NL ? &d->p[d->n - 1] : NULL;
	}
	return NULL;
}

/* The number of pieces of definition d that a use expands. */
static size_t used_pieces(const struct block *d, const struct piece *drop)
{
	return d->n && &d->p[d->n - 1] == drop ? d->n - 1 : d->n;
}

/* chapters/14-tangling.nw, Provenance:
 * <<Expand a chunk of a file's outline, each part with its comment>>
 */
/*
 * A chunk used alone on a line of a file's root chunk: each of its
 * definitions, with -p, after a comment that says where it is.
 */
static void expand_top(struct render *r, const struct chunk *c)
{
	const struct piece *drop = final_newline(c);
	for (size_t k = 0; k < c->ndefs; k++) {
		const struct block *d = c->defs[k];
		size_t n = used_pieces(d, drop);
		if (n)
			write_provenance(r, c, d);
		for (size_t i = 0; i < n; i++)
			emit_piece(r, d, &d->p[i], 0);
	}
	r->col = column_after(c->name, 2) + 2;
}

static int alone_on_line(const struct block *d, size_t i)
{
	return d->p[i].kind == P_USE && (i == 0 || d->p[i - 1].kind == P_NL) &&
	       i + 1 < d->n && d->p[i + 1].kind == P_NL;
}

/* chapters/14-tangling.nw, Expanding a chunk: <<Expand a chunk>> */
/* Every chunk's last newline is dropped: the using line supplies its own. */
static void expand(struct render *r, const struct chunk *c, int indent)
{
	const struct piece *drop = final_newline(c);
	for (size_t k = 0; k < c->ndefs; k++) {
		const struct block *d = c->defs[k];
		for (size_t i = 0, n = used_pieces(d, drop); i < n; i++)
			emit_piece(r, d, &d->p[i], indent);
	}
}

/* chapters/14-tangling.nw, Provenance: <<Expand a root>> */
/* A root: with -p, its top-level uses marked with where they come from. */
static void expand_root(struct render *r, const struct chunk *c)
{
	const struct piece *drop = final_newline(c);
	for (size_t k = 0; k < c->ndefs; k++) {
		const struct block *d = c->defs[k];
		for (size_t i = 0, n = used_pieces(d, drop); i < n; i++) {
			const struct chunk *u = d->p[i].chunk;
			if (provenance && alone_on_line(d, i) && u->ndefs)
				expand_top(r, u);
			else
				emit_piece(r, d, &d->p[i], 0);
		}
	}
	if (drop)	/* as notangle: the output ends in one newline */
		emit_piece(r, c->defs[c->ndefs - 1], drop, 0);
	else
		add_line(r, "", c->defs[0]->file, c->defs[0]->line);
}

/* chapters/14-tangling.nw, Provenance: <<Tell which files take C comments>> */
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

/* chapters/14-tangling.nw, Provenance: <<Say at the top which chapter a file comes from>> */
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
	add(&line, r->c_comments ? "/* " : "# ", r->c_comments ? 3 : 2);
	add(&line, "Tangled from ", 13);
	add_plain(&line, c->defs[0]->file);
	add(&line, "; edit the chapter, not this file.", 34);
	if (r->c_comments)
		add(&line, " */", 3);
	addc(&line, '\n');
	char num[24];
	snprintf(num, sizeof num, ":%d\n", c->defs[0]->line);
	adds(&place, c->defs[0]->file);
	add(&place, num, strlen(num));
	struct buf t = { 0 }, m = { 0 };
	add(&t, r->text.p, at);
	add(&t, line.p, line.len);
	add(&t, r->text.p + at, r->text.len - at);
	add(&m, r->map.p, mat);
	add(&m, place.p, place.len);
	add(&m, r->map.p + mat, r->map.len - mat);
	free(r->text.p);
	free(r->map.p);
	free(line.p);
	free(place.p);
	r->text = t;
	r->map = m;
}

/* chapters/14-tangling.nw, Provenance: <<Render a root>> */
static struct buf render_root(const struct chunk *c, struct buf *map)
{
	struct render r = { .c_comments = takes_c_comments(c->name), .at_line = -1 };
	add(&r.text, "", 0);
	add(&r.map, "", 0);
	expand_root(&r, c);
	if (provenance)
		add_origin(&r, c);
	*map = r.map;
	return r.text;
}

/* ---- comparing with the files on disk ---- */

/* chapters/14-tangling.nw, The plan, and the disk:
 * <<Tell whether a file holds the text already>>
 */
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

/* chapters/14-tangling.nw, The plan, and the disk:
 * <<Tell which paths are outputs, and join paths>>
 */
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

/* chapters/14-tangling.nw, The plan, and the disk: <<Walk a directory for stale files>> */
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

/* chapters/14-tangling.nw, The plan, and the disk:
 * <<Find the stale files under the output directory>>
 */
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

/* chapters/14-tangling.nw, The plan, and the disk: <<Make and free the plan>> */
static void make_plan(struct plan *pl, struct web *b)
{
	memset(pl, 0, sizeof *pl);
	pl->outs = calloc(b->nchunks, sizeof *pl->outs);
	if (!pl->outs)
		die("malloc");
	for (size_t i = 0; i < b->nchunks; i++) {
		if (!b->chunks[i]->output)
			continue;
		struct output *o = &pl->outs[pl->nouts++];
		o->path = b->chunks[i]->name;
		o->root = b->chunks[i];
		o->text = render_root(b->chunks[i], &o->map);
		o->changed = !has_content(o->path, &o->text);
	}
	for (size_t i = 0; i < nplaces; i++)
		if (!place_is_file[i])
			find_stale(pl, places[i]);
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

/* chapters/14-tangling.nw, The plan, and the disk: <<Make directories and write a whole buffer>> */
static void make_dir(const char *path)
{
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		die(path);
}

static void make_parents(const char *path)
{
	char *p = sdup(path);
	for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		make_dir(p);
		*s = '/';
	}
	free(p);
}

static void write_all(int fd, const struct buf *b, const char *path)
{
	size_t off = 0;
	while (off < b->len) {
		ssize_t n = write(fd, b->p + off, b->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die(path);
		off += (size_t)n;
	}
}

/* chapters/14-tangling.nw, The plan, and the disk: <<Write an output to a temporary file>> */
/* Writes o's text to a new temporary file beside it, which die() removes. */
static void write_temp(const struct output *o, mode_t mode)
{
	char *tmp = malloc(strlen(o->path) + sizeof ".XXXXXX");
	if (!tmp)
		die("malloc");
	sprintf(tmp, "%s.XXXXXX", o->path);
	make_parents(o->path);
	int fd = mkstemp(tmp);
	if (fd < 0)
		die(o->path);
	temps = grow(temps, &temps_cap, ntemps + 1, sizeof *temps);
	temps[ntemps++] = tmp;
	if (fchmod(fd, mode) != 0)
		die(tmp);
	write_all(fd, &o->text, tmp);
	if (close(fd) != 0)
		die(tmp);
}

/* chapters/14-tangling.nw, The plan, and the disk: <<Put the changed outputs in place>> */
/*
 * Puts the changed outputs in place: every one is written in full to a
 * temporary file before any is renamed, so an error leaves them all old.
 */
static void write_outputs(const struct output *outs, size_t n)
{
	mode_t mask = umask(0);
	umask(mask);
	size_t first = ntemps;
	for (size_t i = 0; i < n; i++)
		if (outs[i].changed)
			write_temp(&outs[i], 0666 & ~mask);
	for (size_t i = 0, k = first; i < n; i++) {
		if (!outs[i].changed)
			continue;
		if (rename(temps[k], outs[i].path) != 0)
			die(outs[i].path);
		free(temps[k]);
		temps[k++] = NULL;
	}
}

/* chapters/14-tangling.nw, The plan, and the disk: <<Tell what on disk is in a root's way>> */
static int is_stale(const struct plan *pl, const char *path)
{
	return pl->nstale && bsearch(&path, pl->stale, pl->nstale, sizeof *pl->stale,
				     compare_names) != NULL;
}

/* Whether the directory path holds nothing but stale files (and directories). */
static int holds_only_stale(const struct plan *pl, const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int only = 1;
	if (!d)
		die(path);
	while (only && (e = readdir(d))) {
		struct stat st;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *sub = join_path(path, e->d_name);
		if (lstat(sub, &st) != 0)
			die(sub);
		only = S_ISDIR(st.st_mode) ? holds_only_stale(pl, sub) : is_stale(pl, sub);
		free(sub);
	}
	closedir(d);
	return only;
}

/* Something on disk that is in a root's way, and will not be removed. */
static int in_the_way(const struct plan *pl, const char *path, int want_dir)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return 0;
	if (S_ISDIR(st.st_mode))
		return !want_dir && !holds_only_stale(pl, path);
	return want_dir ? !is_stale(pl, path) : !S_ISREG(st.st_mode);
}

/* chapters/14-tangling.nw, The plan, and the disk: <<Check the disk before changing it>> */
/* Fails, before anything is changed, if the disk is in a root's way. */
static void check_disk(const struct plan *pl)
{
	int errors = 0;
	for (size_t i = 0; i < pl->nouts; i++) {
		const struct output *o = &pl->outs[i];
		char *p = sdup(o->path);
		for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
			*s = '\0';
			if (in_the_way(pl, p, 1)) {
				fprintf(stderr, "%s:%d: root <<%s>> needs %s to be a directory\n",
					o->root->defs[0]->file, o->root->defs[0]->line, o->path, p);
				errors++;
			}
			*s = '/';
		}
		if (in_the_way(pl, p, 0)) {
			fprintf(stderr, "%s:%d: root <<%s>>: %s is not a file\n",
				o->root->defs[0]->file, o->root->defs[0]->line, o->path, p);
			errors++;
		}
		free(p);
	}
	if (errors)
		exit(1);
}

/* chapters/14-tangling.nw, The plan, and the disk: <<Remove empty directories>> */
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

/* chapters/14-tangling.nw, The plan, and the disk: <<Carry out or show the plan>> */
/* Stale files go first, so that a root may take a stale file's place. */
static void apply_plan(const struct plan *pl)
{
	check_disk(pl);
	for (size_t i = 0; i < nplaces; i++)
		if (!place_is_file[i]) {
			make_parents(places[i]);
			make_dir(places[i]);
		}
	for (size_t i = 0; i < pl->nstale; i++)
		if (unlink(pl->stale[i]) != 0)
			die(pl->stale[i]);
	for (size_t i = 0; i < nplaces; i++)
		if (!place_is_file[i])
			prune_dirs(places[i], 1);
	write_outputs(pl->outs, pl->nouts);
	for (size_t i = 0; i < pl->nouts; i++)
		if (pl->outs[i].changed)
			printf("wrote %s\n", pl->outs[i].path);
	for (size_t i = 0; i < pl->nstale; i++)
		printf("removed %s\n", pl->stale[i]);
}

static void show_plan(const struct plan *pl)
{
	for (size_t i = 0; i < pl->nouts; i++)
		if (pl->outs[i].changed)
			printf("would write %s\n", pl->outs[i].path);
	for (size_t i = 0; i < pl->nstale; i++)
		printf("would remove %s\n", pl->stale[i]);
}

/* chapters/14-tangling.nw, The line map: <<Write the line map>> */
/*
 * The line map: "OUTPUT:N FILE:LINE" for every line N of every output, so
 * that a compiler's message about src/ can be turned into one about the
 * chapter (tangle/lines.c).  Rewritten only when it changes.
 */
static void write_line_map(const struct plan *pl, const char *path)
{
	struct output m = { .path = path };
	add(&m.text, "", 0);
	for (size_t i = 0; i < pl->nouts; i++) {
		const struct output *o = &pl->outs[i];
		const char *p = o->map.p;
		char num[24];
		for (int n = 1; p && *p; n++) {
			const char *nl = strchr(p, '\n');
			snprintf(num, sizeof num, ":%d ", n);
			add(&m.text, o->path, strlen(o->path));
			add(&m.text, num, strlen(num));
			add(&m.text, p, (size_t)(nl - p) + 1);
			p = nl + 1;
		}
	}
	m.changed = !has_content(path, &m.text);
	write_outputs(&m, 1);
	free(m.text.p);
}

/* ---- main ---- */

/* chapters/14-tangling.nw, The line map: <<Add and check the places tangle may write>> */
static void usage(void);

static void add_place(char *dir, int is_file)
{
	size_t n = strlen(dir);
	if (is_file && n && dir[n - 1] == '/')
		usage();
	for (; n > 1 && dir[n - 1] == '/'; n--)
		dir[n - 1] = '\0';
	if (nplaces == MAX_PLACES || !*dir || strcmp(dir, "/") == 0)
		usage();
	place_is_file[nplaces] = is_file;
	places[nplaces++] = dir;
}

static void check_places(void)
{
	for (size_t i = 0; i < nplaces; i++) {
		for (size_t j = 0; j < nplaces; j++)
			if (i != j && (!strcmp(places[i], places[j]) ||
				       is_output_path(places[j], places[i])))
				usage();
		if (i)
			adds(&place_names, i + 1 < nplaces ? ", " : " or ");
		adds(&place_names, places[i]);
		if (!place_is_file[i])
			addc(&place_names, '/');
	}
}

/* chapters/14-tangling.nw, The program: <<Read the options>> */
static void usage(void)
{
	fprintf(stderr, "usage: tangle [-n] [-p|-L[FORMAT]] [-l|--lenient] [-t TABSIZE] "
		"[-o DIR]... [-f FILE]... [-m LINE-MAP] < pipeline\n"
		"       tangle [-p|-L[FORMAT]] [-t TABSIZE] -R ROOT < pipeline\n");
	exit(2);
}

struct options {
	char *map;
	char *root;		/* -R: this root to stdout, as notangle -R */
	int dry;
};

static void parse_args(int argc, char **argv, struct options *o)
{
	static char lenient_flag[] = "-l", line_flag[] = "-L";
	int opt;
	char *end;
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (strcmp(argv[i], "--lenient") == 0)
			argv[i] = lenient_flag;
		else if (strncmp(argv[i], "-L", 2) == 0) {
			line_format = argv[i][2] ? argv[i] + 2 : "#line %L \"%F\"%N";
			argv[i] = line_flag;
		}
	while ((opt = getopt(argc, argv, "nplLt:o:f:m:R:")) != -1) {
		if (opt == 'n')
			o->dry = 1;
		else if (opt == 'p')
			provenance = 1;
		else if (opt == 'l')
			lenient = 1;
		else if (opt == 't') {
			long n = strtol(optarg, &end, 10);
			if (end == optarg || *end || n < 0 || n > 1000)
				usage();
			tab_size = (int)n;
		} else if (opt == 'o')
			add_place(optarg, 0);
		else if (opt == 'f')
			add_place(optarg, 1);
		else if (opt == 'm' && *optarg)
			o->map = optarg;
		else if (opt == 'R')
			o->root = optarg;
		else if (opt != 'L')
			usage();
	}
	if (optind != argc || (line_format && (provenance || o->map || !line_format_ok())))
		usage();
	if (nplaces == 0) {
		static char src[] = "src";
		add_place(src, 0);
	}
	check_places();
}

/* chapters/14-tangling.nw, The program: <<Load and check the book>> */
/* Reads and checks the book; returns the number of errors. */
static int load_book(struct web *b)
{
	if (read_pipeline(b, stdin, "tangle") != 0)
		return 1;
	if (!lenient)
		report_undefined(b);
	check_roots(b);
	check_cycles(b);
	return b->errors;
}

/* chapters/14-tangling.nw, The program: <<Write one root to standard output>> */
/* -R: one root, any name, to stdout; leniently, as notangle -R. */
static int tangle_root(struct web *b, const char *name)
{
	lenient = 1;
	if (read_pipeline(b, stdin, "tangle") != 0)
		return 1;
	struct chunk *c = find_chunk(b, name);
	if (!c->ndefs) {
		fprintf(stderr, "tangle: root <<%s>> is not defined\n", name);
		return 1;
	}
	c->output = 1;
	check_cycles(b);
	if (b->errors)
		return 1;
	struct buf map, text = render_root(c, &map);
	fwrite(text.p, 1, text.len, stdout);
	free(text.p);
	free(map.p);
	return 0;
}

/* chapters/14-tangling.nw, The program: <<Tangle the book>> */
int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct web b = { 0 };
	struct plan pl;
	parse_args(argc, argv, &o);
	if (o.root) {
		int status = tangle_root(&b, o.root);
		free_web(&b);
		if (fflush(stdout) != 0)
			die("<stdout>");
		return status;
	}
	if (load_book(&b) != 0) {
		free_web(&b);
		return 1;
	}
	make_plan(&pl, &b);
	if (o.dry)
		show_plan(&pl);
	else
		apply_plan(&pl);
	if (o.map && !o.dry)
		write_line_map(&pl, o.map);
	free_plan(&pl);
	free_web(&b);
	free(temps);
	free(place_names.p);
	if (fflush(stdout) != 0)
		die("<stdout>");
	return 0;
}
