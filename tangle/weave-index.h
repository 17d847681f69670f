/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/15-weaving.nw; edit the chapter, not this file. */
/*
 * weave-index.h: weave's indexes, each written once: chunks,
 * identifiers and exercises, as LaTeX (chunks.tex, ...) or as the tour's
 * pages.
 * Part of weave.c, which includes it: one program, its parts by job.
 */
/* ---- indexes ---- */

/* chapters/15-weaving.nw, The indexes: <<Sort names as a reader looks them up>> */
static const char *sort_key(const char *s)
{
	while (*s && !isalnum((unsigned char)*s))
		s++;
	return s;
}

static int by_chunk_name(const void *a, const void *b)
{
	const struct chunk *x = *(struct chunk *const *)a, *y = *(struct chunk *const *)b;
	int c = strcasecmp(sort_key(x->name), sort_key(y->name));
	return c ? c : strcmp(x->name, y->name);
}

static int by_ident_name(const void *a, const void *b)
{
	const struct ident *x = *(struct ident *const *)a, *y = *(struct ident *const *)b;
	int c = strcasecmp(sort_key(x->name), sort_key(y->name));
	return c ? c : strcmp(x->name, y->name);
}

/* chapters/15-weaving.nw, The indexes: <<End an index entry>> */
/* The end of an index entry: where it is defined, and where used. */
static void index_refs(struct book *bk, struct buf *o, struct block **defs, size_t ndefs,
		       struct block **uses, size_t nuses)
{
	link_list(bk, o, defs, ndefs);
	adds(o, bk->html ? (nuses ? "; used in " : "") : "}{");
	link_list(bk, o, uses, nuses);
	adds(o, bk->html ? "</li>\n" : "}\n");
}

/* chapters/15-weaving.nw, The indexes: <<Write the chunk index>> */
static void chunk_index(struct book *bk, struct buf *o)
{
	struct chunk **v = malloc((bk->web.nchunks + 1) * sizeof *v);
	if (!v)
		die("malloc");
	if (bk->web.nchunks)	/* memcpy from NULL is undefined, even for 0 bytes */
		memcpy(v, bk->web.chunks, bk->web.nchunks * sizeof *v);
	qsort(v, bk->web.nchunks, sizeof *v, by_chunk_name);
	if (bk->html)
		adds(o, "<ul class=\"index chunks\">\n");
	else
		adds(o, "\\begin{nwindex}\n");
	for (size_t i = 0; i < bk->web.nchunks; i++) {
		struct chunk *c = v[i];
		if (!c->ndefs)
			continue;
		adds(o, bk->html ? "<li><span class=\"name\">&#x27E8;" : "\\nwchunkentry{");
		name_out(bk, o, c->name);
		adds(o, bk->html ? "&#x27E9;</span> " : "}{");
		index_refs(bk, o, c->defs, c->ndefs, c->uses, c->nuses);
	}
	adds(o, bk->html ? "</ul>\n" : "\\end{nwindex}\n");
	free(v);
}

/* chapters/15-weaving.nw, The indexes: <<Write the identifier index>> */
static void ident_index(struct book *bk, struct buf *o)
{
	struct ident **v = malloc((bk->nidents + 1) * sizeof *v);
	if (!v)
		die("malloc");
	if (bk->nidents)
		memcpy(v, bk->idents, bk->nidents * sizeof *v);
	qsort(v, bk->nidents, sizeof *v, by_ident_name);
	static const char *const lname[] = { "", "C", "asm", "make", "sh" };
	adds(o, bk->html ? "<ul class=\"index idents\">\n" : "\\begin{nwindex}\n");
	for (size_t i = 0; i < bk->nidents; i++) {
		struct ident *id = v[i];
		if (bk->html) {
			addf(o, "<li id=\"i-%s\"><code>", id->name);
			html_escape(o, id->name, strlen(id->name));
			addf(o, "</code> <span class=\"lang\">%s</span> ", lname[id->lang]);
		} else {
			adds(o, "\\nwidentry{");
			latex_escape(o, id->name, strlen(id->name), 1);
			addf(o, "}{%s}{", lname[id->lang]);
		}
		index_refs(bk, o, id->defs, id->ndefs, id->uses, id->nuses);
	}
	adds(o, bk->html ? "</ul>\n" : "\\end{nwindex}\n");
	free(v);
}

/* chapters/15-weaving.nw, The indexes: <<Write the exercise index>> */
static void exercise_index(struct book *bk, struct buf *o)
{
	if (!bk->html) {
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
		return;
	}
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
