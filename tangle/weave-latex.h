/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/17-backends.nw; edit the chapter, not this file. */
/*
 * weave-latex.h: weave's LaTeX back end, for the PDF: chapters.tex in
 * the macros of styles/lguest.sty, its line map chapters.map, and the
 * indexes chunks.tex, identifiers.tex and exercises.tex.
 * Part of weave.c, which includes it: one program, its parts by job.
 */
/* ---- text and code ---- */

/* chapters/17-backends.nw, Code: <<LaTeX: escape text, quote code, link to a chunk>> */
static void latex_text(struct buf *o, const char *s, size_t n)
{
	latex_escape(o, s, n, 0);
}

static void latex_code_quote(struct buf *o, const char *s, size_t n)
{
	adds(o, "\\nwq{");
	latex_escape(o, s, n, 1);
	adds(o, "}");
}

static void latex_link(struct book *bk, struct buf *o, const struct block *b)
{
	(void)bk;
	addf(o, "\\hyperlink{nwc%d}{%d}", b->num, b->num);
}

/* chapters/17-backends.nw, Code: <<LaTeX: open and close a line of code>> */
/* \nwl{indentation}{line}: a wrapped line hangs past its indentation */
static int latex_begin_line(struct buf *o, const struct piece *p)
{
	size_t cols = 0;
	for (const char *q = p->kind == P_TEXT ? p->s : ""; *q == ' ' || *q == '\t'; q++)
		cols = *q == '\t' ? (cols / 8 + 1) * 8 : cols + 1;
	addf(o, "\\nwl{%zu}{", cols);
	return 1;
}

static void latex_end_line(struct buf *o)
{
	adds(o, "}");
}

/* chapters/17-backends.nw, Code: <<LaTeX: write code text, keeping the column>> */
static void latex_code_text(struct render *r, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\t') {
			do {
				adds(r->o, "\\ ");
				r->col++;
			} while (r->col % 8);
		} else {
			latex_escape(r->o, s + i, 1, 1);
			if (((unsigned char)s[i] & 0xc0) != 0x80)
				r->col++;
		}
	}
}

/* chapters/17-backends.nw, Code: <<LaTeX: mark a token>> */
static void latex_definition(struct render *r, const char *s, size_t n)
{
	adds(r->o, "\\nwdef{");
	latex_code_text(r, s, n);
	adds(r->o, "}");
}

static void latex_ident_link(struct render *r, const struct block *d, const char *s, size_t n)
{
	addf(r->o, "\\nwid{nwc%d}{", d->num);
	latex_code_text(r, s, n);
	adds(r->o, "}");
}

static void latex_token(struct render *r, enum tok t, const char *s, size_t n)
{
	static const char *const macro[] = { "", "nwkw", "nwty", "nwcm", "nwst", "nwnu", "nwpp",
					     "", "nwop" };
	addf(r->o, "\\%s{", macro[t]);
	latex_code_text(r, s, n);
	adds(r->o, "}");
}

/* chapters/17-backends.nw, Code: <<LaTeX: verse, a use, and the footer>> */
static void latex_begin_verse(struct buf *o, size_t indent)
{
	addf(o, "\\nwverse{%zu}{", indent);
}

static void latex_end_verse(struct buf *o)
{
	adds(o, "}");
}

static void latex_use(struct book *bk, struct buf *o, const struct chunk *c)
{
	addf(o, "\\nwuse{nwc%d}{", c->ndefs ? c->defs[0]->num : 0);
	name_out(bk, o, c->name);
	addf(o, "}{%d}", c->ndefs ? c->defs[0]->num : 0);
}

/* The PDF's footer says only how many more uses the index lists. */
static void latex_more_uses(struct buf *o, const char *name, size_t more)
{
	(void)name;
	addf(o, " and %zu more", more);
}

static void latex_footer(struct buf *o, const char *text)
{
	addf(o, "\\nwfoot{%s}\n", text);
}

/* chapters/17-backends.nw, Code: <<LaTeX: a chunk's header and its end>> */
static void latex_header(struct book *bk, struct buf *o, const struct block *b, int cont,
			 size_t nlines)
{
	addf(o, "\\begin{nwchunk}{%d}{%zu}\n\\nwhead{%d}{", b->num, nlines, b->num);
	name_out(bk, o, b->chunk->name);
	addf(o, "}{%s}\n", cont ? "{+}\\equiv" : "\\equiv");
}

static void latex_end_block(struct book *bk, struct buf *o, struct block *b)
{
	chunk_footer(bk, o, b);
	adds(o, "\\end{nwchunk}\n");
}

/* ---- prose ---- */

/* chapters/17-backends.nw, Prose: <<LaTeX: quotes>> */
static void latex_quote(struct book *bk, struct buf *o, const char *q, const struct block *def)
{
	(void)bk;
	if (def)
		addf(o, "\\nwid{nwc%d}{\\nwq{", def->num);
	else
		adds(o, "\\nwq{");
	latex_escape(o, q, strlen(q), 2);
	adds(o, def ? "}}" : "}");
}

/* chapters/17-backends.nw, Prose: <<LaTeX: headings, labels and references>> */
static void latex_heading(struct docs *d, int level, const char *num, size_t gs, size_t gl,
			  const char *id, int has_label)
{
	(void)level, (void)num, (void)id, (void)has_label;
	add(d->o, d->s + d->at, gs - d->at);
	expand_quotes(d->bk, d->b, d->o, d->s + gs, gl, 0);
	adds(d->o, "}");
}

static size_t latex_label_or_ref(struct docs *d, size_t gs, size_t gl, size_t end)
{
	(void)gs, (void)gl;
	return keep(d, end);
}

/* chapters/17-backends.nw, Prose: <<LaTeX: figures, exercises and hints>> */
static size_t latex_keep(struct docs *d, size_t end)
{
	return keep(d, end);
}

static size_t latex_begin_exercise(struct docs *d, struct exercise *x, size_t os, size_t ol,
				   size_t end)
{
	(void)os, (void)ol;
	keep(d, end);
	addf(d->o, "\\label{%s}", x->id);
	return end;
}

static size_t latex_end_environment(struct docs *d, size_t end, int fig)
{
	(void)fig;
	return keep(d, end);
}

static size_t latex_hint(struct docs *d, size_t end, int begin)
{
	struct exercise *x = d->ds->in_exercise ? this_exercise(d) : NULL;
	if (!x || !d->writing)
		return end;
	if (begin) {
		x->hint_from = d->o->len;
		return end;
	}
	free(x->hint);
	x->hint = copy(d->o->p + x->hint_from, d->o->len - x->hint_from);
	d->o->len = x->hint_from;
	addf(d->o, "\\exhintref{%s}", x->id);
	return end;
}

/* chapters/17-backends.nw, Prose: <<LaTeX: commands left as they are>> */
static void latex_index_request(struct docs *d, int chunks)
{
	adds(d->o, chunks ? "\\input{chunks}" : "\\input{identifiers}");
}

static size_t latex_pass_through(struct docs *d)
{
	(void)d;
	return 0;
}

static void latex_caption(struct docs *d)
{
	adds(d->o, "\\caption{");
}

static void latex_end_caption(struct book *bk, struct buf *o)
{
	(void)bk;
	addc(o, '}');
}

static void latex_at_sign(struct book *bk, struct buf *o)
{
	(void)bk;
	addc(o, '@');
}

/* ---- indexes ---- */

/* chapters/17-backends.nw, Indexes: <<LaTeX: index entries>> */
static void latex_begin_index(struct buf *o, const char *kind)
{
	(void)kind;
	adds(o, "\\begin{nwindex}\n");
}

static void latex_end_index(struct buf *o)
{
	adds(o, "\\end{nwindex}\n");
}

static void latex_refs(struct book *bk, struct buf *o, struct block **defs, size_t ndefs,
		       struct block **uses, size_t nuses)
{
	link_list(bk, o, defs, ndefs);
	adds(o, "}{");
	link_list(bk, o, uses, nuses);
	adds(o, "}\n");
}

static void latex_chunk_entry(struct book *bk, struct buf *o, const struct chunk *c)
{
	adds(o, "\\nwchunkentry{");
	name_out(bk, o, c->name);
	adds(o, "}{");
	latex_refs(bk, o, c->defs, c->ndefs, c->uses, c->nuses);
}

static void latex_ident_entry(struct book *bk, struct buf *o, const struct ident *id)
{
	static const char *const lname[] = { "", "C", "asm", "make", "sh" };
	adds(o, "\\nwidentry{");
	latex_escape(o, id->name, strlen(id->name), 1);
	addf(o, "}{%s}{", lname[id->lang]);
	latex_refs(bk, o, id->defs, id->ndefs, id->uses, id->nuses);
}

/* chapters/17-backends.nw, Indexes: <<LaTeX: the exercise index, with the hints>> */
static void latex_exercise_index(struct book *bk, struct buf *o)
{
	adds(o, "\\begin{nwexindex}\n");
	for (size_t i = 0; i < bk->nexs; i++) {
		struct exercise *x = &bk->exs[i];
		addf(o, "\\nwexentry{%s}{%s}{", x->id, x->number);
		expand_quotes(bk, x->block, o, x->title, strlen(x->title), 0);
		addf(o, "}{%s}\n", x->level);
	}
	adds(o, "\\exhints\n");
	for (size_t i = 0; i < bk->nexs; i++)
		if (bk->exs[i].hint)
			addf(o, "\\exhint{%s}{%s}{%s}\n", bk->exs[i].id,
			     bk->exs[i].number, bk->exs[i].hint);
	adds(o, "\\end{nwexindex}\n");
}

/* ---- the book ---- */

/* chapters/17-backends.nw, The book, and its line map:
 * <<Map the LaTeX lines back to the chapters>>
 */
/*
 * The LaTeX line map: "chapters.tex:N FILE:LINE" for every line N that
 * block b wrote from start on, so that pdflatex's messages can be turned
 * into messages about the chapters (by tangle/lines.c, as for compilers).
 * A docs block's lines are its own; a code block's first two lines are
 * its header, then one line for each of its lines.
 */
static void map_lines(struct buf *map, int *outline, const struct buf *o, size_t start,
		      const struct block *b)
{
	int own = 0;
	for (size_t j = 0; j < b->n; j++)
		own += b->p[j].kind == P_NL;
	for (size_t k = 0, i = start; i < o->len; i++) {
		if (o->p[i] != '\n')
			continue;
		int off = !b->code ? (int)k : k < 2 ? 0 : (int)k - 1;
		addf(map, "chapters.tex:%d %s:%d\n", (*outline)++, b->file,
		     b->line + (off < own ? off : own));
		k++;
	}
}

/* chapters/17-backends.nw, The book, and its line map: <<LaTeX: begin, take and end the book>> */
static void latex_begin_book(struct weaving *w)
{
	w->o = new_output(w->dir, "chapters.tex");
	addf(w->o, "\\setcounter{chapter}{%d}\n", w->bk->first_chapter - 1);
	addf(&w->map, "chapters.tex:%d %s:1\n", w->outline++, w->bk->web.files[0]);
}

static void latex_block(struct weaving *w, struct block *b)
{
	size_t start = w->o->len;
	if (b->code)
		render_block(w->bk, w->o, b);
	else
		weave_docs(w->bk, &w->ds, b, w->o);
	map_lines(&w->map, &w->outline, w->o, start, b);
}

/* chapters/17-backends.nw, The book, and its line map: <<LaTeX: begin, take and end the book>> */
static void latex_end_book(struct weaving *w)
{
	add(new_output(w->dir, "chapters.map"), w->map.p ? w->map.p : "", w->map.len);
	chunk_index(w->bk, new_output(w->dir, "chunks.tex"));
	ident_index(w->bk, new_output(w->dir, "identifiers.tex"));
	latex_exercise_index(w->bk, new_output(w->dir, "exercises.tex"));
}

/* chapters/17-backends.nw, The book, and its line map: <<The LaTeX back end's table>> */
static const struct backend latex_backend = {
	.escape = latex_text, .code_quote = latex_code_quote, .link = latex_link,

	.header = latex_header, .begin_line = latex_begin_line, .end_line = latex_end_line,
	.code_text = latex_code_text, .definition = latex_definition,
	.ident_link = latex_ident_link, .token = latex_token,
	.begin_verse = latex_begin_verse, .end_verse = latex_end_verse, .use = latex_use,
	.more_uses = latex_more_uses, .footer = latex_footer, .end_block = latex_end_block,

	.quoted_use = latex_use, .quote = latex_quote, .heading = latex_heading,
	.label = latex_label_or_ref, .ref = latex_label_or_ref,
	.begin_figure = latex_keep, .begin_exercise = latex_begin_exercise,
	.end_environment = latex_end_environment, .hint = latex_hint,
	.index_request = latex_index_request, .layout_only = latex_pass_through,
	.caption = latex_caption, .end_caption = latex_end_caption,
	.picture = latex_pass_through, .at_sign = latex_at_sign,

	.begin_index = latex_begin_index, .chunk_entry = latex_chunk_entry,
	.ident_entry = latex_ident_entry, .end_index = latex_end_index,

	.begin_book = latex_begin_book, .block = latex_block, .end_book = latex_end_book,
};
