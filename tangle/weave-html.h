/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/17-backends.nw; edit the chapter, not this file. */
/*
 * weave-html.h: weave's HTML back end, for the tour: a page of pandoc
 * input for each chapter, with placeholders for the code, the links and
 * the numbers, which are HTML kept in the parts for fill; the indexes
 * and the table of contents as pages of their own.
 * Part of weave.c, which includes it: one program, its parts by job.
 */
/* ---- placeholders ---- */

/* chapters/17-backends.nw, Placeholders: <<Tell whether text ends with a control word>> */
/* True if o ends with a control word such as \S: a mark written straight
 * after it would be read as part of the command's name. */
static int ends_with_control_word(const struct buf *o)
{
	size_t i = o->len;

	while (i > 0 && isalpha((unsigned char)o->p[i - 1]))
		i--;
	return i < o->len && i > 0 && o->p[i - 1] == '\\';
}

/* chapters/17-backends.nw, Placeholders: <<Write a placeholder, and keep what it stands for>> */
/* Stores s as the contents of a new placeholder and writes its mark to o. */
static void placeholder(struct book *bk, struct buf *o, const char *s, int block)
{
	int k = ++bk->nparts;
	addf(&bk->parts, "@@%d@@ %zu\n", k, strlen(s));
	adds(&bk->parts, s);
	adds(&bk->parts, "\n");
	if (block)
		addf(o, "\n\n@@%d@@\n\n", k);
	else {
		if (ends_with_control_word(o))
			adds(o, "{}");
		addf(o, "@@%d@@", k);
	}
}

/* ---- text and code ---- */

/* chapters/17-backends.nw, Code: <<Escape text for HTML>> */
static void html_escape(struct buf *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': adds(o, "&amp;"); break;
		case '@': adds(o, "&#64;"); break;
		case '<': adds(o, "&lt;"); break;
		case '>': adds(o, "&gt;"); break;
		case '"': adds(o, "&quot;"); break;
		default: addc(o, s[i]);
		}
	}
}

/* chapters/17-backends.nw, Code: <<HTML: quote code, and link to a chunk>> */
static void html_code_quote(struct buf *o, const char *s, size_t n)
{
	adds(o, "<code>");
	html_escape(o, s, n);
	adds(o, "</code>");
}

static const char *page_name(const struct book *bk, int page)
{
	return bk->pages[page].name;
}

static void html_link(struct book *bk, struct buf *o, const struct block *b)
{
	addf(o, "<a href=\"%s.html#c%d\">%d</a>", page_name(bk, b->page), b->num, b->num);
}

/* chapters/17-backends.nw, Code: <<HTML: write code text, and mark a token>> */
static int html_begin_line(struct buf *o, const struct piece *p)
{
	(void)o, (void)p;
	return 0;
}

static void html_end_line(struct buf *o)
{
	(void)o;
}

static void html_code_text(struct render *r, const char *s, size_t n)
{
	html_escape(r->o, s, n);
}

static void html_definition(struct render *r, const char *s, size_t n)
{
	adds(r->o, "<span class=\"d\">");
	html_code_text(r, s, n);
	adds(r->o, "</span>");
}

static void html_ident_link(struct render *r, const struct block *d, const char *s, size_t n)
{
	addf(r->o, "<a class=\"i\" href=\"%s.html#c%d\">", page_name(r->bk, d->page), d->num);
	html_code_text(r, s, n);
	adds(r->o, "</a>");
}

static void html_token(struct render *r, enum tok t, const char *s, size_t n)
{
	static const char *const class[] = { "", "k", "t", "c", "s", "n", "p", "i", "o" };
	addf(r->o, "<span class=\"%s\">", class[t]);
	html_code_text(r, s, n);
	adds(r->o, "</span>");
}

/* chapters/17-backends.nw, Code: <<HTML: verse, a use, and the footer>> */
static void html_begin_verse(struct buf *o, size_t indent)
{
	adds(o, "<span class=\"vi\">");
	for (size_t k = 0; k < indent; k++)
		addc(o, ' ');
	adds(o, "    </span>");
	addf(o, "<span class=\"verse\" style=\"--indent:%zuch\">", indent);
}

static void html_end_verse(struct buf *o)
{
	adds(o, "</span>");
}

static void html_use(struct book *bk, struct buf *o, const struct chunk *c)
{
	if (c->ndefs)
		addf(o, "<a class=\"use\" href=\"%s.html#c%d\">",
		     page_name(bk, c->defs[0]->page), c->defs[0]->num);
	else
		adds(o, "<span class=\"use\">");
	adds(o, "&#x27E8;");
	name_out(bk, o, c->name);
	if (c->ndefs)
		addf(o, " <span class=\"num\">%d</span>", c->defs[0]->num);
	adds(o, "&#x27E9;");
	adds(o, c->ndefs ? "</a>" : "</span>");
}

/* The rest of a name's uses are a link to its entry in the index. */
static void html_more_uses(struct buf *o, const char *name, size_t more)
{
	addf(o, " and <a href=\"identifiers.html#i-%s\">%zu more</a>", name, more);
}

static void html_footer(struct buf *o, const char *text)
{
	addf(o, "<div class=\"xref\">%s</div>\n", text);
}

/* chapters/17-backends.nw, Code: <<HTML: a chunk's header and its end>> */
static void html_header(struct book *bk, struct buf *o, const struct block *b, int cont,
			size_t nlines)
{
	static const char *const lang_names[] = { "text", "c", "asm", "make", "sh" };
	(void)nlines;
	addf(o, "<div class=\"chunk\" id=\"c%d\">\n<div class=\"head\">"
	     "<a class=\"num\" href=\"#c%d\">%d</a> <span class=\"name\">&#x27E8;",
	     b->num, b->num, b->num);
	name_out(bk, o, b->chunk->name);
	addf(o, "&#x27E9;</span>%s</div>\n<pre class=\"code lang-%s\"><code>",
	     cont ? "+&#x2261;" : "&#x2261;", lang_names[b->chunk->lang]);
}

static void html_end_block(struct book *bk, struct buf *o, struct block *b)
{
	if (o->len && o->p[o->len - 1] == '\n')
		o->p[--o->len] = '\0';
	adds(o, "</code></pre>\n");
	chunk_footer(bk, o, b);
	adds(o, "</div>\n");
}

/* ---- prose ---- */

/* chapters/17-backends.nw, Prose: <<HTML: quotes>> */
static void html_quoted_use(struct book *bk, struct buf *o, const struct chunk *c)
{
	struct buf h = { 0 };
	html_use(bk, &h, c);
	placeholder(bk, o, h.p, 0);
	free(h.p);
}

static void html_quote(struct book *bk, struct buf *o, const char *q, const struct block *def)
{
	struct buf h = { 0 };
	if (def)
		addf(&h, "<a class=\"i\" href=\"%s.html#c%d\">", page_name(bk, def->page), def->num);
	html_code_quote(&h, q, strlen(q));
	if (def)
		adds(&h, "</a>");
	placeholder(bk, o, h.p, 0);
	free(h.p);
}

/* chapters/17-backends.nw, Prose: <<HTML: headings>> */
static void html_heading(struct docs *d, int level, const char *num, size_t gs, size_t gl,
			 const char *id, int has_label)
{
	addf(d->o, "\\%s*{", sect_names[level]);
	if (*num) {
		struct buf m = { 0 };
		addf(&m, "<span class=\"secno\">%s</span>", num);
		placeholder(d->bk, d->o, m.p, 0);
		adds(d->o, " ");
		free(m.p);
	}
	expand_quotes(d->bk, d->b, d->o, d->s + gs, gl, 0);
	adds(d->o, "}");
	if (!has_label)
		addf(d->o, "\\label{%s}", id);
}

/* chapters/17-backends.nw, Prose: <<HTML: labels and references>> */
static size_t html_label(struct docs *d, size_t gs, size_t gl, size_t end)
{
	if (!d->ds->in_figure && !d->ds->in_exercise) {
		struct buf h = { 0 };
		adds(&h, "<span id=\"");
		html_escape(&h, d->s + gs, gl);
		adds(&h, "\"></span>");
		placeholder(d->bk, d->o, h.p, 0);
		free(h.p);
	}
	return end;
}

static size_t html_ref(struct docs *d, size_t gs, size_t gl, size_t end)
{
	if (!d->writing)
		return end;	/* labels further on are not known yet */
	const struct label *l = find_label(d->bk, d->s + gs, gl);
	if (!l) {
		error_at(&d->bk->web, d->b->file, d->line, "\\%.*s to undefined label '%.*s'",
			 (int)(d->end - d->name), d->s + d->name, (int)gl, d->s + gs);
		return end;
	}
	struct buf h = { 0 };
	addf(&h, "<a href=\"%s.html#", page_name(d->bk, l->page));
	html_escape(&h, l->id, strlen(l->id));
	addf(&h, "\">%s</a>", l->number);
	placeholder(d->bk, d->o, h.p, 0);
	free(h.p);
	return end;
}

/* chapters/17-backends.nw, Prose: <<HTML: figures and exercises>> */
static size_t html_begin_figure(struct docs *d, size_t end)
{
	struct buf h = { 0 };
	addf(&h, "<figure id=\"%s\">", d->ds->fig_id);
	placeholder(d->bk, d->o, h.p, 1);
	free(h.p);
	return end;
}

static size_t html_begin_exercise(struct docs *d, struct exercise *x, size_t os, size_t ol,
				  size_t end)
{
	struct book *bk = d->bk;
	struct buf h = { 0 };
	addf(&h, "<div class=\"exercise\" id=\"%s\">", x->id);
	placeholder(bk, d->o, h.p, 1);
	h.len = 0;
	addf(&h, "<a class=\"exno\" href=\"#%s\">Exercise %s</a>", x->id, x->number);
	placeholder(bk, d->o, h.p, 0);
	free(h.p);
	if (ol) {
		adds(d->o, " \\textbf{");
		expand_quotes(bk, d->b, d->o, d->s + os, ol, 0);
		adds(d->o, ".}");
	}
	if (*x->level)
		addf(d->o, " (%s; \\texttt{make exercise %s})", x->level, x->number);
	adds(d->o, " ");
	return end;
}

/* chapters/17-backends.nw, Prose: <<HTML: the end of a figure or an exercise, and a hint>> */
static size_t html_end_environment(struct docs *d, size_t end, int fig)
{
	placeholder(d->bk, d->o, fig ? "</figure>" : "</div>", 1);
	return end;
}

static size_t html_hint(struct docs *d, size_t end, int begin)
{
	placeholder(d->bk, d->o, begin ? "<details class=\"hint\"><summary>Hint</summary>"
			     : "</details>", 1);
	return end;
}

/* chapters/17-backends.nw, Prose: <<HTML: index requests, layout, captions and at-signs>> */
static void html_index_request(struct docs *d, int chunks)
{
	placeholder(d->bk, d->o, chunks ? "<p class=\"index-link\"><a href=\"chunks.html\">"
		    "The index of chunks</a></p>" : "<p class=\"index-link\"><a href="
		    "\"identifiers.html\">The index of identifiers</a></p>", 1);
}

static size_t html_layout_only(struct docs *d)
{
	return d->end;
}

static void html_caption(struct docs *d)
{
	struct buf h = { 0 };
	addf(&h, "<span class=\"figno\">Figure %s.%d:</span>", chap(&d->ds->k), d->ds->k.figure);
	placeholder(d->bk, d->o, "<figcaption>", 1);
	placeholder(d->bk, d->o, h.p, 0);
	adds(d->o, " ");
	free(h.p);
}

static void html_end_caption(struct book *bk, struct buf *o)
{
	placeholder(bk, o, "</figcaption>", 1);
}

static void html_at_sign(struct book *bk, struct buf *o)
{
	placeholder(bk, o, "&#64;", 0);
}

/* chapters/17-backends.nw, Prose: <<HTML: a picture>> */
static size_t html_picture(struct docs *d)
{
	size_t os, ol, gs, gl;
	size_t end = read_group(d->s, read_opt(d->s, d->end, &os, &ol), &gs, &gl);
	if (!end)
		return 0;
	struct buf h = { 0 }, src = { 0 };
	adds(&src, "figures/");
	html_escape(&src, d->s + gs, gl);
	adds(&src, ".svg");
	addf(&h, "<a class=\"figure-image\" href=\"%s\"><img src=\"%s\" alt=\"", src.p, src.p);
	if (d->ds->in_figure)
		addf(&h, "Figure %s.%d", chap(&d->ds->k), d->ds->k.figure);
	adds(&h, "\"></a>");
	free(src.p);
	placeholder(d->bk, d->o, h.p, 1);
	free(h.p);
	return end;
}

/* ---- indexes ---- */

/* chapters/17-backends.nw, Indexes: <<HTML: index entries>> */
static void html_begin_index(struct buf *o, const char *kind)
{
	addf(o, "<ul class=\"index %s\">\n", kind);
}

static void html_end_index(struct buf *o)
{
	adds(o, "</ul>\n");
}

static void html_refs(struct book *bk, struct buf *o, struct block **defs, size_t ndefs,
		      struct block **uses, size_t nuses)
{
	link_list(bk, o, defs, ndefs);
	adds(o, nuses ? "; used in " : "");
	link_list(bk, o, uses, nuses);
	adds(o, "</li>\n");
}

static void html_chunk_entry(struct book *bk, struct buf *o, const struct chunk *c)
{
	adds(o, "<li><span class=\"name\">&#x27E8;");
	name_out(bk, o, c->name);
	adds(o, "&#x27E9;</span> ");
	html_refs(bk, o, c->defs, c->ndefs, c->uses, c->nuses);
}

/* An identifier's entry has an id, for a footer's "and N more" to link to. */
static void html_ident_entry(struct book *bk, struct buf *o, const struct ident *id)
{
	static const char *const lname[] = { "", "C", "asm", "make", "sh" };
	addf(o, "<li id=\"i-%s\"><code>", id->name);
	html_escape(o, id->name, strlen(id->name));
	addf(o, "</code> <span class=\"lang\">%s</span> ", lname[id->lang]);
	html_refs(bk, o, id->defs, id->ndefs, id->uses, id->nuses);
}

/* chapters/17-backends.nw, Indexes: <<HTML: the exercise index>> */
static void html_exercise_index(struct book *bk, struct buf *o)
{
	if (bk->nexs == 0) {
		adds(o, "No exercises yet.\n");
		return;
	}
	adds(o, "\\begin{itemize}\n");
	for (size_t i = 0; i < bk->nexs; i++) {
		struct exercise *x = &bk->exs[i];
		struct buf h = { 0 };
		addf(&h, "<a href=\"%s.html#%s\">Exercise %s</a>",
		     page_name(bk, x->page), x->id, x->number);
		adds(o, "\\item ");
		placeholder(bk, o, h.p, 0);
		free(h.p);
		adds(o, " ");
		expand_quotes(bk, x->block, o, x->title, strlen(x->title), 0);
		adds(o, " (");
		const char *pt = bk->pages[x->page].title ? bk->pages[x->page].title : "";
		latex_escape(o, pt, strlen(pt), 0);
		adds(o, ")");
		if (*x->level)
			addf(o, ", %s: \\texttt{make exercise %s}", x->level, x->number);
		adds(o, "\n");
	}
	adds(o, "\\end{itemize}\n");
}

/* ---- the book ---- */

/* chapters/17-backends.nw, The pages: <<Write a page's title and its navigation>> */
static void page_title(struct buf *h, const struct page *p)
{
	const char *t = p->title ? p->title : p->name;
	html_escape(h, t, strlen(t));
}

static void nav(struct book *bk, struct buf *o, int page)
{
	struct buf h = { 0 };
	adds(&h, "<nav class=\"pages\">");
	if (page > 0) {
		addf(&h, "<a rel=\"prev\" href=\"%s.html\">&#x2190; ", bk->pages[page - 1].name);
		page_title(&h, &bk->pages[page - 1]);
		adds(&h, "</a>");
	}
	adds(&h, "<a href=\"index.html\">Contents</a>");
	if (page >= (int)bk->npages)
		adds(&h, "<span><a href=\"chunks.html\">Chunks</a> &#xB7; "
			 "<a href=\"identifiers.html\">Identifiers</a> &#xB7; "
			 "<a href=\"exercises.html\">Exercises</a></span>");
	else if (page + 1 < (int)bk->npages) {
		addf(&h, "<a rel=\"next\" href=\"%s.html\">", bk->pages[page + 1].name);
		page_title(&h, &bk->pages[page + 1]);
		adds(&h, " &#x2192;</a>");
	} else {
		adds(&h, "<a rel=\"next\" href=\"chunks.html\">Indexes &#x2192;</a>");
	}
	adds(&h, "</nav>");
	placeholder(bk, o, h.p, 1);
	free(h.p);
}

/* chapters/17-backends.nw, The pages: <<Write an index page, and the table of contents>> */
static void index_page(struct book *bk, const char *dir, const char *name, const char *title,
		       void (*body)(struct book *, struct buf *))
{
	struct buf *o = new_output(dir, name);
	addf(o, "\\title{%s}\n", title);
	nav(bk, o, (int)bk->npages);
	addf(o, "\\chapter*{%s}\n\\label{top}\n", title);
	if (body == html_exercise_index) {
		body(bk, o);
	} else {
		struct buf h = { 0 };
		body(bk, &h);
		placeholder(bk, o, h.p, 1);
		free(h.p);
	}
}

static void toc(struct book *bk, const char *dir)
{
	struct buf *o = new_output(dir, "index.tex");
	addf(o, "\\title{%s}\n\\chapter*{%s}\n\\label{top}\n", bk->title, bk->title);
	placeholder(bk, o, "<div class=\"toc\">", 1);
	int depth = -1;
	for (size_t i = 0; i < bk->nheads; i++) {
		struct heading *h = &bk->heads[i];
		if (h->level > 1)
			continue;
		while (depth < h->level) {
			adds(o, "\\begin{itemize}\n");
			depth++;
		}
		while (depth > h->level) {
			adds(o, "\\end{itemize}\n");
			depth--;
		}
		struct buf l = { 0 };
		addf(&l, "<a href=\"%s.html#%s\">%s</a>", page_name(bk, h->page), h->id, h->number);
		adds(o, "\\item ");
		if (*h->number)
			placeholder(bk, o, l.p, 0);
		free(l.p);
		addf(o, " \\href{%s.html\\#%s}{", page_name(bk, h->page), h->id);
		expand_quotes(bk, h->block, o, h->title, strlen(h->title), 0);
		adds(o, "}\n");
	}
	while (depth-- >= 0)
		adds(o, "\\end{itemize}\n");
	placeholder(bk, o, "</div>", 1);
	adds(o, "\\section*{Indexes}\n\\begin{itemize}\n"
		"\\item \\href{chunks.html}{Chunks}\n"
		"\\item \\href{identifiers.html}{Identifiers}\n"
		"\\item \\href{exercises.html}{Exercises}\n\\end{itemize}\n");
}

/* chapters/17-backends.nw, The pages: <<HTML: begin, take and end the book>> */
static void html_begin_book(struct weaving *w)
{
	(void)w;
}

static void html_begin_page(struct weaving *w, int page)
{
	struct book *bk = w->bk;
	if (w->o)
		nav(bk, w->o, w->page);
	w->page = page;
	struct buf nm = { 0 };
	addf(&nm, "%s.tex", bk->pages[page].name);
	w->o = new_output(w->dir, nm.p);
	free(nm.p);
	const char *title = bk->pages[page].title ? bk->pages[page].title : bk->pages[page].name;
	adds(w->o, "\\title{");
	latex_escape(w->o, title, strlen(title), 0);
	adds(w->o, "}\n");
	nav(bk, w->o, page);
}

static void html_block(struct weaving *w, struct block *b)
{
	if (b->page != w->page)
		html_begin_page(w, b->page);
	if (!b->code) {
		weave_docs(w->bk, &w->ds, b, w->o);
		return;
	}
	struct buf h = { 0 };
	render_block(w->bk, &h, b);
	placeholder(w->bk, w->o, h.p, 1);
	free(h.p);
}

/* chapters/17-backends.nw, The pages: <<HTML: begin, take and end the book>> */
static void html_end_book(struct weaving *w)
{
	struct book *bk = w->bk;
	if (w->o)
		nav(bk, w->o, w->page);
	index_page(bk, w->dir, "chunks.tex", "Chunks", chunk_index);
	index_page(bk, w->dir, "identifiers.tex", "Identifiers", ident_index);
	index_page(bk, w->dir, "exercises.tex", "Exercises", html_exercise_index);
	toc(bk, w->dir);
	struct buf *pl = new_output(w->dir, "pages");
	for (size_t i = 0; i < bk->npages; i++)
		addf(pl, "%s\n", bk->pages[i].name);
	struct buf *parts = new_output(w->dir, "parts");
	add(parts, bk->parts.p ? bk->parts.p : "", bk->parts.len);
}

/* chapters/17-backends.nw, The pages: <<The HTML back end's table>> */
static const struct backend html_backend = {
	.escape = html_escape, .code_quote = html_code_quote, .link = html_link,

	.header = html_header, .begin_line = html_begin_line, .end_line = html_end_line,
	.code_text = html_code_text, .definition = html_definition,
	.ident_link = html_ident_link, .token = html_token,
	.begin_verse = html_begin_verse, .end_verse = html_end_verse, .use = html_use,
	.more_uses = html_more_uses, .footer = html_footer, .end_block = html_end_block,

	.quoted_use = html_quoted_use, .quote = html_quote, .heading = html_heading,
	.label = html_label, .ref = html_ref,
	.begin_figure = html_begin_figure, .begin_exercise = html_begin_exercise,
	.end_environment = html_end_environment, .hint = html_hint,
	.index_request = html_index_request, .layout_only = html_layout_only,
	.caption = html_caption, .end_caption = html_end_caption,
	.picture = html_picture, .at_sign = html_at_sign,

	.begin_index = html_begin_index, .chunk_entry = html_chunk_entry,
	.ident_entry = html_ident_entry, .end_index = html_end_index,

	.begin_book = html_begin_book, .block = html_block, .end_book = html_end_book,
};
