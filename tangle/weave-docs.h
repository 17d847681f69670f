/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/16-typesetting.nw; edit the chapter, not this file. */
/*
 * weave-docs.h: weave's prose: the LaTeX of the documentation blocks,
 * with the commands weave gives meaning to (headings, labels and
 * references, figures, exercises, the indexes' requests), numbered as
 * the book numbers them, and [[quoted code]] linked.
 * Part of weave.c, which includes it: one program, its parts by job.
 */
/* ---- documentation ---- */

/* chapters/16-typesetting.nw, Numbers: <<Count chapters, and print a chapter's number>> */
struct counters {
	int chapter, section, subsection, subsubsection, exercise, figure;
	int seen_chapter;
	int appendix;		/* after \\appendix: chapters are lettered */
};

/* A chapter's number as the book prints it: 3, or A after \\appendix. */
static const char *chap(const struct counters *k)
{
	static char name[16];
	if (k->appendix && k->chapter >= 1 && k->chapter <= 26)
		snprintf(name, sizeof(name), "%c", 'A' + k->chapter - 1);
	else
		snprintf(name, sizeof(name), "%d", k->chapter);
	return name;
}

/* chapters/16-typesetting.nw, Numbers: <<Number a figure, an exercise or a heading>> */
/* A figure's or an exercise's number: the chapter's, a dot and n. */
static char *chap_number(const char *prefix, const struct counters *k, int n)
{
	struct buf b = { 0 };
	addf(&b, "%s%s.%d", prefix, chap(k), n);
	return take(&b);
}

static char *number_for(struct counters *k, int level)
{
	struct buf b = { 0 };
	if (level == 0)
		addf(&b, "%s", chap(k));
	else if (level == 1)
		addf(&b, "%s.%d", chap(k), k->section);
	else if (level == 2)
		addf(&b, "%s.%d.%d", chap(k), k->section, k->subsection);
	else
		addf(&b, "%s.%d.%d.%d", chap(k), k->section, k->subsection, k->subsubsection);
	return take(&b);
}

/* chapters/16-typesetting.nw, Reading LaTeX: <<Read a group in braces>> */
/* Reads a {group} starting at s[i] (after spaces); returns the index after it. */
static size_t read_group(const char *s, size_t i, size_t *start, size_t *len)
{
	i = skip_space(s, i);
	if (s[i] != '{')
		return 0;
	int depth = 0;
	size_t j = i;
	for (; s[j]; j++) {
		if (s[j] == '\\' && s[j + 1]) {
			j++;
			continue;
		}
		if (s[j] == '{')
			depth++;
		else if (s[j] == '}' && --depth == 0)
			break;
	}
	if (!s[j])
		return 0;
	*start = i + 1;
	*len = j - i - 1;
	return j + 1;
}

/* chapters/16-typesetting.nw, Reading LaTeX: <<Read an optional argument, and count lines>> */
static size_t read_opt(const char *s, size_t i, size_t *start, size_t *len)
{
	size_t k = skip_space(s, i);
	*start = i;
	*len = 0;
	if (s[k] != '[') {
		*len = 0;
		return i;
	}
	const char *e = strchr(s + k, ']');
	while (e && e[1] == ']')	/* a quote's "]]" inside the option */
		e++;
	if (!e)
		return i;
	*start = k + 1;
	*len = (size_t)(e - s) - k - 1;
	return (size_t)(e - s) + 1;
}

static int line_at(const char *s, size_t i, int base)
{
	for (size_t k = 0; k < i; k++)
		base += s[k] == '\n';
	return base;
}

/* chapters/16-typesetting.nw, Reading LaTeX: <<Add and find labels>> */
static void add_label(struct book *bk, const char *file, int line, const char *name, size_t n,
		      const char *number, int page, const char *id)
{
	for (size_t i = 0; i < bk->nlabels; i++)
		if (strlen(bk->labels[i].name) == n && !strncmp(bk->labels[i].name, name, n)) {
			error_at(&bk->web, file, line, "label '%.*s' is defined twice", (int)n, name);
			return;
		}
	struct label l = { copy(name, n), sdup(number), page, sdup(id ? id : "") };
	if (!id) {
		free(l.id);
		l.id = copy(name, n);
	}
	PUSH(bk->labels, bk->nlabels, bk->lcap, l);
}

static const struct label *find_label(const struct book *bk, const char *name, size_t n)
{
	for (size_t i = 0; i < bk->nlabels; i++)
		if (strlen(bk->labels[i].name) == n && !strncmp(bk->labels[i].name, name, n))
			return &bk->labels[i];
	return NULL;
}

static const char *const sect_names[] = { "chapter", "section", "subsection", "subsubsection" };

/* chapters/16-typesetting.nw, Reading LaTeX: <<Put a documentation block's text together>> */
/* The quotes of a docs block, joined into text with sentinels \001K\002. */
static char *docs_text(const struct block *b)
{
	struct buf t = { 0 };
	adds(&t, "");
	for (size_t j = 0; j < b->n; j++) {
		if (b->p[j].kind == P_TEXT)
			adds(&t, b->p[j].s);
		else if (b->p[j].kind == P_NL)
			adds(&t, "\n");
		else if (b->p[j].kind == P_QUOTE)
			addf(&t, "\001%zu\002", j);
	}
	return take(&t);
}

/* chapters/16-typesetting.nw, Reading LaTeX: <<Find the chunk a quote names>> */
/* The defined chunk a quote [[<<name>>]] names, if it names exactly one. */
static const struct chunk *quoted_chunk(const struct book *bk, const char *q)
{
	size_t n = strlen(q);
	if (n < 5 || strncmp(q, "<<", 2) || strcmp(q + n - 2, ">>"))
		return NULL;
	const char *e = strstr(q + 2, ">>");
	if (e != q + n - 2 || strstr(q + 2, "<<"))
		return NULL;
	const struct chunk *c = name_find(&bk->web.chunk_names, q + 2, n - 4);
	return c && c->ndefs ? c : NULL;
}

/* chapters/16-typesetting.nw, Reading LaTeX: <<Write a quote>> */
/* Renders one quote [[...]] from docs; linked if it names an identifier
   or a chunk. */
static void quote_out(struct book *bk, struct buf *o, const char *q, int may_link)
{
	const struct chunk *c = may_link ? quoted_chunk(bk, q) : NULL;
	if (c) {
		bk->be->quoted_use(bk, o, c);
		return;
	}
	struct ident *id = may_link ? find_ident(bk, q, strlen(q), 0) : NULL;
	bk->be->quote(bk, o, q, id ? prose_def(bk, id) : NULL);
}

/* chapters/16-typesetting.nw, Reading LaTeX:
 * <<The state of the prose, and quotes expanded in titles>>
 */
struct docstate {
	struct counters k;
	int in_exercise, in_figure, caption_depth;
	int nested;		/* environments begun inside another, already reported */
	const char *ex_file;
	int ex_line;
	char *fig_id;
	int page;
	int secno;
};

/* Expands sentinels in s[0..n) to quotes, into o. */
static void expand_quotes(struct book *bk, const struct block *b, struct buf *o,
			  const char *s, size_t n, int may_link)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\001') {
			size_t k = (size_t)strtoul(s + i + 1, NULL, 10);
			quote_out(bk, o, b->p[k].s, may_link);
			while (i < n && s[i] != '\002')
				i++;
		} else {
			addc(o, s[i]);
		}
	}
}

/* chapters/16-typesetting.nw, Reading LaTeX: <<A command's place in the text>> */
/* The first label right after position i, if any (spaces and newlines allowed). */
static size_t label_after(const char *s, size_t i, size_t *st, size_t *len)
{
	size_t k = i;
	while (s[k] == ' ' || s[k] == '\t' || s[k] == '\n')
		k++;
	if (strncmp(s + k, "\\label", 6) != 0)
		return 0;
	return read_group(s, k + 6, st, len);
}

/* What a command's handler sees: the docs block's text, and the command in it. */
struct docs {
	struct book *bk;
	struct block *b;
	struct docstate *ds;
	struct buf *o;		/* where the block goes */
	int writing;		/* pass 2; pass 1 only counts and collects */
	const char *s;		/* the block's text, quotes as sentinels */
	size_t at;		/* the command's backslash */
	size_t name, end;	/* its name is s[name..end) */
	int line;		/* the command's line in its chapter */
};

/* chapters/16-typesetting.nw, Reading LaTeX: <<Match a command, keep text, and print a number>> */
static int named(const struct docs *d, const char *name)
{
	return d->end - d->name == strlen(name) && !strncmp(d->s + d->name, name, d->end - d->name);
}

/* Copies the command and its arguments, s[at..to), as they are but for quotes. */
static size_t keep(struct docs *d, size_t to)
{
	expand_quotes(d->bk, d->b, d->o, d->s + d->at, to - d->at, 0);
	return to;
}

static char *number_of(const char *fmt, int a, int b)
{
	struct buf nb = { 0 };
	addf(&nb, fmt, a, b);
	return take(&nb);
}

/* chapters/16-typesetting.nw, Headings, labels and references: <<Count and write a heading>> */
/* Steps the counters for a numbered heading of a level; returns its number. */
static char *count_heading(struct book *bk, struct counters *k, int level)
{
	if (level == 0) {
		k->chapter = k->seen_chapter ? k->chapter + 1 : bk->first_chapter;
		k->seen_chapter = 1;
		k->section = k->subsection = k->subsubsection = 0;
		k->exercise = k->figure = 0;
	}
	if (level == 1)
		k->section++, k->subsection = k->subsubsection = 0;
	if (level == 2)
		k->subsection++, k->subsubsection = 0;
	if (level == 3)
		k->subsubsection++;
	return number_for(k, level);
}

/* chapters/16-typesetting.nw, Headings, labels and references: <<Read a heading command>> */
/*
 * A chapter's title as plain text, for the tour's page titles and links:
 * quotes as their code, commands dropped, braces gone.
 */
static char *plain_title(struct docs *d, size_t gs, size_t gl)
{
	struct buf t = { 0 };
	adds(&t, "");
	for (size_t i = gs; i < gs + gl; i++) {
		const char *c = d->s + i;
		if (*c == '\001') {
			adds(&t, d->b->p[strtoul(c + 1, NULL, 10)].s);
			i = (size_t)(strchr(c, '\002') - d->s);
		} else if (*c == '\\' && isalpha((unsigned char)c[1])) {
			while (isalpha((unsigned char)d->s[i + 1]))
				i++;
		} else if (*c == '\\' && c[1]) {
			addc(&t, c[1]);
			i++;
		} else if (*c != '{' && *c != '}') {
			addc(&t, *c);
		}
	}
	return take(&t);
}

/* \chapter, \section, ... with or without a star. */
static size_t heading_cmd(struct docs *d)
{
	int level = 0;
	while (!named(d, sect_names[level]))
		level++;
	int star = d->s[d->end] == '*';
	size_t gs, gl, ls, ll, end = read_group(d->s, d->end + star, &gs, &gl);
	if (!end)
		return 0;
	char *num = star ? sdup("") : count_heading(d->bk, &d->ds->k, level);
	int has_label = label_after(d->s, end, &ls, &ll) != 0;
	char *id = has_label ? copy(d->s + ls, ll) : number_of("nws%d", ++d->ds->secno, 0);
	if (!d->writing) {
		/* the quotes are expanded when the title is used: after pass 1 */
		struct heading h = { level, sdup(num), copy(d->s + gs, gl), d->b, sdup(id),
				     d->ds->page };
		PUSH(d->bk->heads, d->bk->nheads, d->bk->hcap, h);
		if (level == 0 && !d->bk->pages[d->ds->page].title)
			d->bk->pages[d->ds->page].title = plain_title(d, gs, gl);
	}
	d->bk->be->heading(d, level, num, gs, gl, id, has_label);
	free(num);
	free(id);
	return end;
}

/* chapters/16-typesetting.nw, Headings, labels and references: <<Read a label>> */
/* The number a \label here refers to: its figure's, exercise's or section's. */
static void note_label(struct docs *d, size_t gs, size_t gl)
{
	struct docstate *ds = d->ds;
	struct book *bk = d->bk;
	if (ds->in_exercise) {
		struct exercise *x = &bk->exs[bk->nexs - 1];
		add_label(bk, d->b->file, d->line, d->s + gs, gl, x->number, ds->page, x->id);
		return;
	}
	int lv = ds->k.subsubsection ? 3 : ds->k.subsection ? 2 : ds->k.section ? 1 : 0;
	char *number = ds->in_figure ? chap_number("", &ds->k, ds->k.figure)
				     : number_for(&ds->k, lv);
	add_label(bk, d->b->file, d->line, d->s + gs, gl, number, ds->page, NULL);
	free(number);
}

static size_t label_cmd(struct docs *d)
{
	size_t gs, gl, end = read_group(d->s, d->end, &gs, &gl);
	if (!end)
		return 0;
	if (!d->writing)
		note_label(d, gs, gl);
	return d->bk->be->label(d, gs, gl, end);
}

/* chapters/16-typesetting.nw, Headings, labels and references: <<Read a reference>> */
/* \ref and \pageref. */
static size_t ref_cmd(struct docs *d)
{
	size_t gs, gl, end = read_group(d->s, d->end, &gs, &gl);
	if (!end)
		return 0;
	return d->bk->be->ref(d, gs, gl, end);
}

/* chapters/16-typesetting.nw, Figures and exercises:
 * <<Begin a figure, and find the exercise being read>>
 */
static size_t begin_figure(struct docs *d, size_t end)
{
	struct docstate *ds = d->ds;
	size_t os, ol, ls, ll;
	ds->in_figure = 1;
	ds->k.figure++;
	ds->ex_file = d->b->file;
	ds->ex_line = d->line;
	end = read_opt(d->s, end, &os, &ol);
	/* the figure's id: its label, or one of ours */
	const char *e = strstr(d->s + end, "\\end{figure}");
	const char *lb = strstr(d->s + end, "\\label{");
	free(ds->fig_id);
	if (lb && (!e || lb < e) && read_group(d->s, (size_t)(lb - d->s) + 6, &ls, &ll))
		ds->fig_id = copy(d->s + ls, ll);
	else
		ds->fig_id = chap_number("nwfig", &ds->k, ds->k.figure);
	return d->bk->be->begin_figure(d, end);
}

/* The exercise numbered in pass 1 that pass 2 has reached. */
static struct exercise *this_exercise(struct docs *d)
{
	char *num = chap_number("", &d->ds->k, d->ds->k.exercise);
	struct exercise *x = NULL;
	for (size_t q = 0; q < d->bk->nexs && !x; q++)
		if (d->bk->exs[q].page == d->ds->page && !strcmp(d->bk->exs[q].number, num))
			x = &d->bk->exs[q];
	free(num);
	return x;
}

/* chapters/16-typesetting.nw, Figures and exercises: <<Begin an exercise>> */
static size_t begin_exercise(struct docs *d, size_t end)
{
	struct docstate *ds = d->ds;
	struct book *bk = d->bk;
	size_t os = 0, ol = 0;
	ds->in_exercise = 1;
	ds->ex_file = d->b->file;
	ds->ex_line = d->line;
	ds->k.exercise++;
	size_t ls = 0, ll = 0;
	end = read_opt(d->s, end, &os, &ol);
	if (ol && d->s[end] == '[')	/* [Title][difficulty] */
		end = read_opt(d->s, end, &ls, &ll);
	if (!d->writing) {
		struct exercise x = { chap_number("", &ds->k, ds->k.exercise),
				      copy(d->s + os, ol), number_of("nwex%d", (int)bk->nexs + 1, 0),
				      copy(d->s + ls, ll), NULL, 0, ds->page, d->b };
		PUSH(bk->exs, bk->nexs, bk->xcap, x);
	}
	struct exercise *x = this_exercise(d);
	if (!x)
		return end;
	return bk->be->begin_exercise(d, x, os, ol, end);
}

/* chapters/16-typesetting.nw, Figures and exercises: <<End an environment>> */
static size_t end_environment(struct docs *d, size_t end, int fig)
{
	if (fig)
		d->ds->in_figure = 0;
	else
		d->ds->in_exercise = 0;
	return d->bk->be->end_environment(d, end, fig);
}

/* chapters/16-typesetting.nw, Figures and exercises: <<Read an environment>> */
/* \begin and \end of the two environments weave numbers: figure and exercise. */
static size_t environment_cmd(struct docs *d)
{
	struct docstate *ds = d->ds;
	size_t gs, gl, end = read_group(d->s, d->end, &gs, &gl);
	int fig = gl == 6 && !strncmp(d->s + gs, "figure", 6);
	int begin = named(d, "begin");
	if (end && gl == 4 && !strncmp(d->s + gs, "hint", 4))
		return d->bk->be->hint(d, end, begin);
	if (!end || !(fig || (gl == 8 && !strncmp(d->s + gs, "exercise", 8))))
		return 0;
	if (begin && (ds->in_exercise || ds->in_figure)) {
		error_at(&d->bk->web, d->b->file, d->line, "\\begin{%.*s} inside another %s", (int)gl,
			 d->s + gs, ds->in_figure ? "figure" : "exercise");
		ds->nested++;
		return end;
	}
	if (!begin && ds->nested) {
		ds->nested--;
		return end;
	}
	if (!begin && !(fig ? ds->in_figure : ds->in_exercise)) {
		error_at(&d->bk->web, d->b->file, d->line, "\\end{%.*s} without its \\begin", (int)gl,
			 d->s + gs);
		return end;
	}
	if (!begin)
		return end_environment(d, end, fig);
	return fig ? begin_figure(d, end) : begin_exercise(d, end);
}

/* chapters/16-typesetting.nw, Figures and exercises:
 * <<Refer to an index, centre, and start the appendices>>
 */
/*
 * noweb.sty's commands for the indexes, so that other webs weave too: each
 * index is written once (chunks.tex, identifiers.tex, and their pages in
 * the tour) and every request refers to it, however many there are.
 */
static size_t noweb_index_cmd(struct docs *d)
{
	int chunks = named(d, "nowebchunks");
	if (d->writing)
		d->bk->be->index_request(d, chunks);
	return d->end;
}

/* \centering only lays out the page. */
static size_t centering_cmd(struct docs *d)
{
	return d->bk->be->layout_only(d);
}

/* \appendix: the chapters after it are lettered, A first. */
static size_t appendix_cmd(struct docs *d)
{
	d->ds->k.appendix = 1;
	d->ds->k.chapter = 0;
	d->ds->k.seen_chapter = 1;
	return d->bk->be->layout_only(d);
}

/* chapters/16-typesetting.nw, Figures and exercises: <<Write a caption and a picture>> */
/* A figure's \caption, whose closing brace docs_block finds. */
static size_t caption_cmd(struct docs *d)
{
	size_t k = skip_space(d->s, d->end);
	if (!d->ds->in_figure || d->s[k] != '{')
		return 0;
	d->bk->be->caption(d);
	d->ds->caption_depth = 1;	/* docs_block drops the closing brace */
	return k + 1;
}

/* \includegraphics: a picture, which the PDF leaves to LaTeX. */
static size_t includegraphics_cmd(struct docs *d)
{
	return d->bk->be->picture(d);
}

/* chapters/16-typesetting.nw, Figures and exercises: <<Find a command's handler>> */
static const struct command {
	const char *name;
	size_t (*handle)(struct docs *);
} commands[] = {
	{ "chapter", heading_cmd }, { "section", heading_cmd },
	{ "subsection", heading_cmd }, { "subsubsection", heading_cmd },
	{ "label", label_cmd }, { "ref", ref_cmd }, { "pageref", ref_cmd },
	{ "begin", environment_cmd }, { "end", environment_cmd },
	{ "nowebchunks", noweb_index_cmd }, { "nowebindex", noweb_index_cmd },
	{ "centering", centering_cmd }, { "caption", caption_cmd },
	{ "includegraphics", includegraphics_cmd }, { "appendix", appendix_cmd },
};

/* Handles the command at s[i] if weave knows it; returns where to go on, or 0. */
static size_t command(struct docs *d, size_t i)
{
	d->at = i;
	d->name = d->end = i + 1;
	while (isalpha((unsigned char)d->s[d->end]))
		d->end++;
	for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
		if (named(d, commands[k].name))
			return commands[k].handle(d);
	return 0;
}

/* chapters/16-typesetting.nw, Figures and exercises: <<Weave a block of prose>> */
/*
 * Pass 1 (out == NULL): numbers, labels, headings, exercises.
 * Pass 2: writes the block.  Both passes see the same text.
 */
static void docs_block(struct book *bk, struct block *b, struct docstate *ds, struct buf *out)
{
	char *s = docs_text(b);
	struct buf tmp = { 0 };
	struct docs d = { bk, b, ds, out ? out : &tmp, out != NULL, s, 0, 0, 0, b->line };
	struct buf *o = d.o;
	size_t i = 0, n = strlen(s), counted = 0, next;
	while (i < n) {
		d.line += line_at(s + counted, i - counted, 0);
		counted = i;
		if (s[i] == '\001') {	/* a quote */
			quote_out(bk, o, b->p[strtoul(s + i + 1, NULL, 10)].s, !ds->caption_depth);
			i = (size_t)(strchr(s + i, '\002') - s) + 1;
		} else if (ds->caption_depth && (s[i] == '{' || s[i] == '}') &&
			   (ds->caption_depth += s[i] == '{' ? 1 : -1) == 0) {
			bk->be->end_caption(bk, o);
			i++;
		} else if (s[i] == '%' && (i == 0 || s[i - 1] != '\\')) {
			while (i < n && s[i] != '\n')
				addc(o, s[i++]);
		} else if (s[i] == '\\' && isalpha((unsigned char)s[i + 1])) {
			next = command(&d, i);
			if (!next) {
				add(o, s + i, d.end - i);
				next = d.end;
			}
			i = next;
		} else if (s[i] == '@' && s[i + 1] == '@') {
			bk->be->at_sign(bk, o);	/* the first of two */
			i++;
		} else {
			if (s[i] == '\\' && s[i + 1])
				addc(o, s[i++]);
			addc(o, s[i++]);
		}
	}
	free(s);
	free(tmp.p);
}
