/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/16-typesetting.nw; edit the chapter, not this file. */
/*
 * weave-code.h: weave's code, as both back ends lay it out: escaping
 * for LaTeX (which both write), one code block line by line,
 * highlighted and linked, with its header and its "defined, continued,
 * used in" footer.  What the PDF and the tour write for each piece is
 * the back end's (weave-latex.h, weave-html.h).
 * Part of weave.c, which includes it: one program, its parts by job.
 */
/* ---- escaping, names and links ---- */

/* chapters/16-typesetting.nw, Escaping: <<Escape text for LaTeX>> */
/* code: 0 for text, 1 for code, 2 for code quoted in text. */
static void latex_escape(struct buf *o, const char *s, size_t n, int code)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		switch (c) {
		case '\\': adds(o, "\\textbackslash{}"); break;
		case '{': case '}': case '$': case '&': case '#': case '_': case '%':
			addc(o, '\\'); addc(o, c); break;
		case '^': adds(o, "\\textasciicircum{}"); break;
		case '~': adds(o, "\\textasciitilde{}"); break;
		case '<': adds(o, "\\textless{}"); break;
		case '>': adds(o, "\\textgreater{}"); break;
		case '\'': adds(o, code ? "\\textquotesingle{}" : "'"); break;
		case '`': adds(o, "\\textasciigrave{}"); break;
		case '"': adds(o, code ? "\\textquotedbl{}" : "\""); break;
		case '-': adds(o, code ? "-{}" : "-"); break;
		case ',': adds(o, code ? ",{}" : ","); break;
		case ' ': adds(o, code ? "\\ " : " "); break;
		case '|': adds(o, "\\textbar{}"); break;
		default: addc(o, c);
		}
		/* code quoted in prose may break after a slash or an underscore */
		if (code == 2 && (c == '/' || c == '_') && i + 1 < n)
			adds(o, "\\allowbreak{}");
	}
}

/* chapters/16-typesetting.nw, Escaping: <<Write a chunk's name>> */
/* Text with [[code]] quotes, as in chunk names. */
static void name_out(struct book *bk, struct buf *o, const char *s)
{
	const char *q;
	while ((q = strstr(s, "[[")) != NULL) {
		const char *e = strstr(q + 2, "]]");
		if (!e)
			break;
		while (e[2] == ']')
			e++;
		bk->be->escape(o, s, (size_t)(q - s));
		bk->be->code_quote(o, q + 2, (size_t)(e - q - 2));
		s = e + 2;
	}
	bk->be->escape(o, s, strlen(s));
}

/* chapters/16-typesetting.nw, Escaping: <<Link to a list of chunks>> */
static void link_list(struct book *bk, struct buf *o, struct block **v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			adds(o, ", ");
		bk->be->link(bk, o, v[i]);
	}
}

/* ---- rendering a code block ---- */

/* chapters/16-typesetting.nw, Laying out a line: <<The state of a code block being written>> */
struct render {
	struct book *bk;
	struct block *b;
	struct buf *o;
	int col;
	struct buf seen;	/* definitions already shown in bold, "\nname\n" */
};

/* chapters/16-typesetting.nw, Laying out a line:
 * <<Tell whether a name was shown as defined already>>
 */
/* Only the first occurrence of a name a block defines is shown as its definition. */
static int seen_def(struct render *r, const char *s, size_t n)
{
	struct buf key = { 0 };
	adds(&key, "\n");
	add(&key, s, n);
	adds(&key, "\n");
	int seen = r->seen.p && strstr(r->seen.p, key.p);
	if (!seen)
		adds(&r->seen, key.p);
	free(key.p);
	return seen;
}

/* chapters/16-typesetting.nw, Laying out a line: <<Write a token>> */
static void emit_token(void *ctx, enum tok t, const char *s, size_t n)
{
	struct render *r = ctx;
	struct book *bk = r->bk;
	if (n == 0)
		return;
	if (t == T_ID && (r->b->chunk->lang == L_C || r->b->chunk->lang == L_ASM)) {
		struct ident *id = find_ident(bk, s, n, 0);
		if (id && defines(r->b, s, n) && !seen_def(r, s, n)) {
			bk->be->definition(r, s, n);
			return;
		}
		struct block *d = id && !defines(r->b, s, n) ? def_for(bk, id, r->b) : NULL;
		if (d) {
			bk->be->ident_link(r, d, s, n);
			return;
		}
	}
	if (t == T_ID || t == T_PLAIN)
		bk->be->code_text(r, s, n);
	else
		bk->be->token(r, t, s, n);
}

/* chapters/16-typesetting.nw, Verse: <<Tell whether a line is verse>> */
/* A verse line (an assembler comment alone on its line): indent and words. */
static int verse_line(const struct block *b, size_t j, size_t *indent, const char **text)
{
	if (b->chunk->lang != L_ASM || b->p[j].kind != P_TEXT)
		return 0;
	if (j + 1 < b->n && b->p[j + 1].kind != P_NL)
		return 0;
	if (j > 0 && b->p[j - 1].kind != P_NL)
		return 0;
	const char *s = b->p[j].s;
	size_t i = skip_space(s, 0);
	if (s[i] != '/' || s[i + 1] != '/')
		return 0;
	*indent = 0;
	for (size_t k = 0; k < i; k++)
		*indent = s[k] == '\t' ? (*indent / 8 + 1) * 8 : *indent + 1;
	i += 2;
	if (s[i] == ' ')
		i++;
	*text = s + i;
	return 1;
}

/* chapters/16-typesetting.nw, Verse: <<Write a line of verse>> */
static void verse_out(struct render *r, size_t indent, const char *text)
{
	const struct backend *be = r->bk->be;
	be->begin_verse(r->o, indent);
	const char *s = text;
	while (*s) {
		if ((*s == '%' || *s == '$') && is_id_start(s[1]) &&
		    (s == text || s[-1] == ' ' || s[-1] == '(')) {
			size_t n = 1;
			while (is_id_char(s[n]))
				n++;
			be->code_quote(r->o, s, n);
			s += n;
			continue;
		}
		be->escape(r->o, s, 1);
		s++;
	}
	be->end_verse(r->o);
}

/* chapters/16-typesetting.nw, Uses, and the block around them: <<Write a use of a chunk>> */
static void use_out(struct render *r, const struct chunk *c)
{
	r->bk->be->use(r->bk, r->o, c);
	r->col += 4 + (int)strlen(c->name);
}

/* chapters/16-typesetting.nw, Uses, and the block around them:
 * <<List where the names a block defines are used>>
 */
static int block_index_in(struct block **v, size_t n, const struct block *b)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == b)
			return (int)i;
	return -1;
}

/* After a name a block defines: the chunks that use this definition, the
   first few, and how many more the identifier index lists. */
static void def_uses(struct book *bk, struct buf *f, struct block *b, const char *name)
{
	enum { SHOWN = 6 };
	struct ident *id = find_ident(bk, name, strlen(name), 0);
	size_t n = 0;
	if (!id)
		return;
	for (size_t i = 0; i < id->nuses; i++) {
		struct block *u = id->uses[i];
		if (u == b || def_for(bk, id, u) != b)
			continue;
		if (n < SHOWN) {
			adds(f, n == 0 ? " (used in " : ", ");
			bk->be->link(bk, f, u);
		}
		n++;
	}
	if (n > SHOWN)
		bk->be->more_uses(f, name, n - SHOWN);
	if (n)
		adds(f, ")");
}

/* chapters/16-typesetting.nw, Uses, and the block around them: <<Write the footer of a chunk>> */
static void chunk_footer(struct book *bk, struct buf *o, struct block *b)
{
	struct chunk *c = b->chunk;
	int k = block_index_in(c->defs, c->ndefs, b);
	struct buf f = { 0 };
	if (k > 0) {
		adds(&f, "Continues ");
		bk->be->link(bk, &f, c->defs[0]);
		adds(&f, ". ");
	}
	if (k == 0 && c->ndefs > 1) {
		adds(&f, "Continued in ");
		link_list(bk, &f, c->defs + 1, c->ndefs - 1);
		adds(&f, ". ");
	}
	if (c->nuses) {
		adds(&f, "Used in ");
		link_list(bk, &f, c->uses, c->nuses);
		adds(&f, ". ");
	} else if (lang_of_root(c->name, &(enum lang){ 0 }) || strchr(c->name, '/')) {
		adds(&f, "Written to ");
		name_out(bk, &f, c->name);
		adds(&f, " by tangle. ");
	} else {
		adds(&f, "Root chunk. ");
	}
	if (b->ndefs) {
		adds(&f, "Defines ");
		for (size_t i = 0; i < b->ndefs; i++) {
			if (i)
				adds(&f, ", ");
			bk->be->code_quote(&f, b->defs[i], strlen(b->defs[i]));
			def_uses(bk, &f, b, b->defs[i]);
		}
		adds(&f, ".");
	}
	bk->be->footer(o, f.p ? f.p : "");
	free(f.p);
}

/* chapters/16-typesetting.nw, Uses, and the block around them: <<Write a code block>> */
static void render_block(struct book *bk, struct buf *o, struct block *b)
{
	struct chunk *c = b->chunk;
	int cont = block_index_in(c->defs, c->ndefs, b) > 0;
	size_t nlines = 0;
	for (size_t j = 0; j < b->n; j++)
		nlines += b->p[j].kind == P_NL;
	bk->be->header(bk, o, b, cont, nlines);
	struct lexer lx = { c->lang, 0 };
	struct render r = { bk, b, o, 0, { 0 } };
	int at_start = 1, line_open = 0;
	for (size_t j = 0; j < b->n; j++) {
		struct piece *p = &b->p[j];
		size_t indent;
		const char *text;
		if (at_start && verse_line(b, j, &indent, &text)) {
			verse_out(&r, indent, text);
			line_open = 0;
			at_start = 0;
			continue;
		}
		if (at_start)
			line_open = bk->be->begin_line(o, p);
		if (p->kind == P_NL) {
			if (line_open)
				bk->be->end_line(o);
			adds(o, "\n");
			at_start = 1;
			line_open = 0;
			r.col = 0;
			continue;
		}
		if (p->kind == P_TEXT)
			lex(&lx, p->s, at_start, emit_token, &r);
		else if (p->kind == P_USE)
			use_out(&r, p->chunk);
		at_start = 0;
	}
	if (line_open) {
		bk->be->end_line(o);
		adds(o, "\n");
	}
	free(r.seen.p);
	bk->be->end_block(bk, o, b);
}
