/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/16-typesetting.nw; edit the chapter, not this file. */
/*
 * weave-code.h: weave's code: escaping for LaTeX and HTML, one code
 * block laid out line by line, highlighted and linked, with its header
 * and its "defined, continued, used in" footer; and the placeholders by
 * which the tour's code reaches the pages pandoc writes.
 * Part of weave.c, which includes it: one program, its parts by job.
 */
/* ---- output helpers: escaping ---- */

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

/* chapters/16-typesetting.nw, Escaping: <<Escape text for HTML>> */
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
		if (bk->html) {
			html_escape(o, s, (size_t)(q - s));
			adds(o, "<code>");
			html_escape(o, q + 2, (size_t)(e - q - 2));
			adds(o, "</code>");
		} else {
			latex_escape(o, s, (size_t)(q - s), 0);
			adds(o, "\\nwq{");
			latex_escape(o, q + 2, (size_t)(e - q - 2), 1);
			adds(o, "}");
		}
		s = e + 2;
	}
	if (bk->html)
		html_escape(o, s, strlen(s));
	else
		latex_escape(o, s, strlen(s), 0);
}

/* chapters/16-typesetting.nw, Escaping: <<Link to a chunk, and to a list of chunks>> */
static const char *page_name(const struct book *bk, int page)
{
	return bk->pages[page].name;
}

/* A link to chunk number num in block b. */
static void chunk_link(struct book *bk, struct buf *o, const struct block *b, const char *text)
{
	if (bk->html) {
		addf(o, "<a href=\"%s.html#c%d\">", page_name(bk, b->page), b->num);
		if (text)
			adds(o, text);
		else
			addf(o, "%d", b->num);
		adds(o, "</a>");
	} else {
		addf(o, "\\hyperlink{nwc%d}{", b->num);
		if (text)
			adds(o, text);
		else
			addf(o, "%d", b->num);
		adds(o, "}");
	}
}

static void link_list(struct book *bk, struct buf *o, struct block **v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			adds(o, ", ");
		chunk_link(bk, o, v[i], NULL);
	}
}

/* ---- rendering a code block ---- */

/* chapters/16-typesetting.nw, Laying out a line: <<The state of a code block being written>> */
static const char *const html_class[] = { "", "k", "t", "c", "s", "n", "p", "i", "o" };
static const char *const latex_macro[] = { "", "nwkw", "nwty", "nwcm", "nwst", "nwnu", "nwpp", "", "nwop" };

struct render {
	struct book *bk;
	struct block *b;
	struct buf *o;
	int col;
	struct buf seen;	/* definitions already shown in bold, "\nname\n" */
};

/* chapters/16-typesetting.nw, Laying out a line: <<Write code text, keeping the column>> */
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

static void code_text(struct render *r, const char *s, size_t n)
{
	if (r->bk->html) {
		html_escape(r->o, s, n);
		return;
	}
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
			if (bk->html)
				adds(r->o, "<span class=\"d\">");
			else
				adds(r->o, "\\nwdef{");
			code_text(r, s, n);
			adds(r->o, bk->html ? "</span>" : "}");
			return;
		}
		struct block *d = id && !defines(r->b, s, n) ? def_for(bk, id, r->b) : NULL;
		if (d) {
			if (bk->html)
				addf(r->o, "<a class=\"i\" href=\"%s.html#c%d\">",
				     page_name(bk, d->page), d->num);
			else
				addf(r->o, "\\nwid{nwc%d}{", d->num);
			code_text(r, s, n);
			adds(r->o, bk->html ? "</a>" : "}");
			return;
		}
	}
	if (t == T_ID || t == T_PLAIN) {
		code_text(r, s, n);
		return;
	}
	if (bk->html)
		addf(r->o, "<span class=\"%s\">", html_class[t]);
	else
		addf(r->o, "\\%s{", latex_macro[t]);
	code_text(r, s, n);
	adds(r->o, bk->html ? "</span>" : "}");
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
	struct buf *o = r->o;
	if (r->bk->html) {
		/* the indentation again, for readers of the page as text (hidden by CSS) */
		adds(o, "<span class=\"vi\">");
		for (size_t k = 0; k < indent; k++)
			addc(o, ' ');
		adds(o, "    </span>");
		addf(o, "<span class=\"verse\" style=\"--indent:%zuch\">", indent);
	} else {
		addf(o, "\\nwverse{%zu}{", indent);
	}
	const char *s = text;
	while (*s) {
		if ((*s == '%' || *s == '$') && is_id_start(s[1]) &&
		    (s == text || s[-1] == ' ' || s[-1] == '(')) {
			size_t n = 1;
			while (is_id_char(s[n]))
				n++;
			if (r->bk->html) {
				adds(o, "<code>");
				html_escape(o, s, n);
				adds(o, "</code>");
			} else {
				adds(o, "\\nwq{");
				latex_escape(o, s, n, 1);
				adds(o, "}");
			}
			s += n;
			continue;
		}
		if (r->bk->html)
			html_escape(o, s, 1);
		else
			latex_escape(o, s, 1, 0);
		s++;
	}
	adds(o, r->bk->html ? "</span>" : "}");
}

/* chapters/16-typesetting.nw, Uses, and the block around them: <<Write a use of a chunk>> */
static void use_out(struct render *r, const struct chunk *c)
{
	struct buf *o = r->o;
	if (r->bk->html) {
		if (c->ndefs)
			addf(o, "<a class=\"use\" href=\"%s.html#c%d\">",
			     page_name(r->bk, c->defs[0]->page), c->defs[0]->num);
		else
			adds(o, "<span class=\"use\">");
		adds(o, "&#x27E8;");
		name_out(r->bk, o, c->name);
		if (c->ndefs)
			addf(o, " <span class=\"num\">%d</span>", c->defs[0]->num);
		adds(o, "&#x27E9;");
		adds(o, c->ndefs ? "</a>" : "</span>");
	} else {
		addf(o, "\\nwuse{nwc%d}{", c->ndefs ? c->defs[0]->num : 0);
		name_out(r->bk, o, c->name);
		addf(o, "}{%d}", c->ndefs ? c->defs[0]->num : 0);
	}
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
			chunk_link(bk, f, u, NULL);
		}
		n++;
	}
	if (n > SHOWN) {
		if (bk->html)
			addf(f, " and <a href=\"identifiers.html#i-%s\">%zu more</a>", name, n - SHOWN);
		else
			addf(f, " and %zu more", n - SHOWN);
	}
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
		chunk_link(bk, &f, c->defs[0], NULL);
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
			if (bk->html) {
				adds(&f, "<code>");
				html_escape(&f, b->defs[i], strlen(b->defs[i]));
				adds(&f, "</code>");
			} else {
				adds(&f, "\\nwq{");
				latex_escape(&f, b->defs[i], strlen(b->defs[i]), 1);
				adds(&f, "}");
			}
			def_uses(bk, &f, b, b->defs[i]);
		}
		adds(&f, ".");
	}
	if (bk->html)
		addf(o, "<div class=\"xref\">%s</div>\n", f.p ? f.p : "");
	else
		addf(o, "\\nwfoot{%s}\n", f.p ? f.p : "");
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
	static const char *const lang_names[] = { "text", "c", "asm", "make", "sh" };
	if (bk->html) {
		addf(o, "<div class=\"chunk\" id=\"c%d\">\n<div class=\"head\">"
		     "<a class=\"num\" href=\"#c%d\">%d</a> <span class=\"name\">&#x27E8;",
		     b->num, b->num, b->num);
		name_out(bk, o, c->name);
		addf(o, "&#x27E9;</span>%s</div>\n<pre class=\"code lang-%s\"><code>",
		     cont ? "+&#x2261;" : "&#x2261;", lang_names[c->lang]);
	} else {
		addf(o, "\\begin{nwchunk}{%d}{%zu}\n\\nwhead{%d}{", b->num, nlines, b->num);
		name_out(bk, o, c->name);
		addf(o, "}{%s}\n", cont ? "{+}\\equiv" : "\\equiv");
	}
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
		if (at_start && !bk->html) {
			/* \nwl{indentation}{line}: a wrapped line hangs past its indentation */
			size_t cols = 0;
			for (const char *q = p->kind == P_TEXT ? p->s : ""; *q == ' ' || *q == '\t'; q++)
				cols = *q == '\t' ? (cols / 8 + 1) * 8 : cols + 1;
			addf(o, "\\nwl{%zu}{", cols);
			line_open = 1;
		}
		if (p->kind == P_NL) {
			if (line_open && !bk->html)
				adds(o, "}");
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
	if (line_open && !bk->html)
		adds(o, "}\n");
	free(r.seen.p);
	if (bk->html) {
		/* drop the newline that ends the last line: <pre> would show it */
		if (o->len && o->p[o->len - 1] == '\n')
			o->p[--o->len] = '\0';
		adds(o, "</code></pre>\n");
		chunk_footer(bk, o, b);
		adds(o, "</div>\n");
	} else {
		chunk_footer(bk, o, b);
		adds(o, "\\end{nwchunk}\n");
	}
}

/* ---- placeholders (html) ---- */

/* chapters/16-typesetting.nw, Placeholders: <<Tell whether text ends with a control word>> */
/* True if o ends with a control word such as \S: a mark written straight
 * after it would be read as part of the command's name. */
static int ends_with_control_word(const struct buf *o)
{
	size_t i = o->len;

	while (i > 0 && isalpha((unsigned char)o->p[i - 1]))
		i--;
	return i < o->len && i > 0 && o->p[i - 1] == '\\';
}

/* chapters/16-typesetting.nw, Placeholders: <<Write a placeholder, and keep what it stands for>> */
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
