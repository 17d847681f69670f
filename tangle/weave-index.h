/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/15-weaving.nw; edit the chapter, not this file. */
/*
 * weave-index.h: weave's indexes of chunks and identifiers, each
 * written once, sorted as a reader looks names up; each entry as the back
 * end writes it (the exercise index is all the back end's).
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

/* chapters/15-weaving.nw, The indexes: <<Write the chunk index>> */
static void chunk_index(struct book *bk, struct buf *o)
{
	struct chunk **v = malloc((bk->web.nchunks + 1) * sizeof *v);
	if (!v)
		die("malloc");
	if (bk->web.nchunks)	/* memcpy from NULL is undefined, even for 0 bytes */
		memcpy(v, bk->web.chunks, bk->web.nchunks * sizeof *v);
	qsort(v, bk->web.nchunks, sizeof *v, by_chunk_name);
	bk->be->begin_index(o, "chunks");
	for (size_t i = 0; i < bk->web.nchunks; i++)
		if (v[i]->ndefs)
			bk->be->chunk_entry(bk, o, v[i]);
	bk->be->end_index(o);
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
	bk->be->begin_index(o, "idents");
	for (size_t i = 0; i < bk->nidents; i++)
		bk->be->ident_entry(bk, o, v[i]);
	bk->be->end_index(o);
	free(v);
}
