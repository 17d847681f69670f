/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/15-weaving.nw; edit the chapter, not this file. */
/*
 * weave-xref.h: weave's cross-references: chunk numbers, uses and the
 * language of each chunk (from the file it ends up in), the lexer that
 * splits a code line into tokens, and the identifiers each chunk defines
 * (noweb's @ %def, and C and assembler definitions found by the lexer).
 * Part of weave.c, which includes it: one program, its parts by job.
 */
/* ---- identifiers ---- */

/* chapters/15-weaving.nw, Chunks and identifiers: <<Find an identifier, making it if asked>> */
static struct ident *find_ident(struct book *bk, const char *name, size_t n, int create)
{
	struct ident *id = name_find(&bk->ident_names, name, n);
	if (id || !create)
		return id;
	id = calloc(1, sizeof *id);
	if (!id)
		die("malloc");
	id->name = copy(name, n);
	PUSH(bk->idents, bk->nidents, bk->icap, id);
	name_add(&bk->ident_names, id->name, id);
	return id;
}

/* ---- chunks: numbers, uses, languages ---- */

/* chapters/15-weaving.nw, Numbers and languages: <<Tell a root's language by its name>> */
static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int lang_of_root(const char *name, enum lang *l)
{
	const char *b = base_name(name);
	if (ends_with(b, ".c") || ends_with(b, ".h") || ends_with(b, ".lds"))
		*l = L_C;
	else if (ends_with(b, ".S") || ends_with(b, ".s") || ends_with(b, ".asm"))
		*l = L_ASM;
	else if (!strcmp(b, "Makefile") || !strcmp(b, "Kbuild") || ends_with(b, ".mk"))
		*l = L_MAKE;
	else if (ends_with(b, ".sh") || (strchr(name, '/') && !strchr(b, '.') && !strchr(name, ' ')))
		*l = L_SH;
	else
		return 0;
	return 1;
}

/* chapters/15-weaving.nw, Numbers and languages: <<Give a chunk and those it uses a language>> */
static void set_lang(struct chunk *c, enum lang l, char *prog, int header)
{
	if (c->has_lang)
		return;
	c->has_lang = 1;
	c->lang = l;
	c->prog = prog;
	c->header = header;
	for (size_t i = 0; i < c->ndefs; i++)
		for (size_t j = 0; j < c->defs[i]->n; j++)
			if (c->defs[i]->p[j].kind == P_USE)
				set_lang(c->defs[i]->p[j].chunk, l, prog, header);
}

/* chapters/15-weaving.nw, Numbers and languages: <<Tell whether two chunks are in one program>> */
/*
 * An identifier's use is linked to its definition only within one program
 * (the files of one directory) or to a definition in a directory of headers
 * shared by all (a name containing "include"): a local variable of the Host
 * is not the guest's global of the same name.
 */
static int same_program(const struct chunk *def, const struct chunk *use)
{
	if (!def->prog || !use->prog)
		return def->prog == use->prog;
	return !strcmp(def->prog, use->prog) || strstr(def->prog, "include");
}

/* chapters/15-weaving.nw, Numbers and languages: <<Number the chunks and find their languages>> */
static void link_chunks(struct book *bk)
{
	int num = 0;
	for (size_t i = 0; i < bk->web.nblocks; i++) {
		struct block *b = bk->web.blocks[i];
		if (!b->code)
			continue;
		b->num = ++num;
	}
	report_undefined(&bk->web);
	for (size_t i = 0; i < bk->web.nchunks; i++) {
		enum lang l;
		struct chunk *c = bk->web.chunks[i];
		if (c->nuses == 0 && lang_of_root(c->name, &l)) {
			const char *slash = strrchr(c->name, '/');
			set_lang(c, l, copy(c->name, slash ? (size_t)(slash - c->name) : 0),
				 ends_with(c->name, ".h"));
		}
	}
	for (size_t i = 0; i < bk->web.nchunks; i++)
		set_lang(bk->web.chunks[i], L_TEXT, NULL, 0);
}

/* ---- lexing code lines ---- */

/* chapters/15-weaving.nw, A lexer for four languages: <<The kinds of token, and the keywords>> */
enum tok { T_PLAIN, T_KW, T_TYPE, T_CMT, T_STR, T_NUM, T_PP, T_ID, T_OP };

static const char *const c_keywords[] = {
	"auto", "break", "case", "const", "continue", "default", "do", "else",
	"enum", "extern", "for", "goto", "if", "inline", "register", "restrict",
	"return", "sizeof", "static", "struct", "switch", "typedef", "union",
	"volatile", "while", "asm", "__asm__", "__volatile__", "_Static_assert",
	"static_assert", "typeof", "__attribute__", NULL
};
static const char *const c_types[] = {
	"void", "char", "short", "int", "long", "float", "double", "signed",
	"unsigned", "_Bool", "bool", "u8", "u16", "u32", "u64", "s8", "s16",
	"s32", "s64", "__u8", "__u16", "__u32", "__u64", "uint8_t", "uint16_t",
	"uint32_t", "uint64_t", "int8_t", "int16_t", "int32_t", "int64_t",
	"size_t", "ssize_t", "uintptr_t", "FILE", NULL
};
static const char *const sh_keywords[] = {
	"if", "then", "else", "elif", "fi", "for", "while", "until", "do",
	"done", "case", "esac", "in", "return", "local", "set", "exit",
	"trap", "shift", "export", "readonly", NULL
};

/* chapters/15-weaving.nw, A lexer for four languages: <<Words, and the lexer's state>> */
static int in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && strncmp(*list, s, n) == 0)
			return 1;
	return 0;
}

static int is_id_start(int c)
{
	return isalpha(c) || c == '_';
}

static int is_id_char(int c)
{
	return isalnum(c) || c == '_';
}

struct lexer {
	enum lang lang;
	int in_comment;		/* inside a C block comment */
};

typedef void (*emit_fn)(void *ctx, enum tok t, const char *s, size_t n);

/* chapters/15-weaving.nw, A lexer for four languages: <<Find the name a line of make defines>> */
/*
 * In make, the end of the name a line starts with, if the line assigns to
 * it or makes it a target ("obj-m := ...", "lg.ko: ..."); else i itself.
 */
static size_t make_name(const char *s, size_t i)
{
	size_t j = i;
	while (s[j] && (isalnum((unsigned char)s[j]) || strchr("_.-/%", s[j])))
		j++;
	size_t k = j;
	while (s[k] == ' ' || s[k] == '\t')
		k++;
	if (j > i && (s[k] == ':' || s[k] == '=' ||
		      ((s[k] == '+' || s[k] == '?') && s[k + 1] == '=')))
		return j;
	return i;
}

/* chapters/15-weaving.nw, A lexer for four languages:
 * <<Find the end of a comment, a string or a variable>>
 */
/* The end of a block comment that is open at s[i]; closes it if it ends here. */
static size_t comment_end(struct lexer *lx, const char *s, size_t i, size_t n)
{
	const char *e = strstr(s + i, "*/");
	lx->in_comment = !e;
	return e ? (size_t)(e - s) + 2 : n;
}

/* The end of the string or character constant that starts at s[i]. */
static size_t string_end(const struct lexer *lx, const char *s, size_t i, size_t n)
{
	char q = s[i];
	size_t j = i + 1;
	while (j < n && s[j] != q) {
		/* a backslash escapes, except inside a shell's single quotes */
		if (s[j] == '\\' && j + 1 < n && (q == '"' || lx->lang != L_SH))
			j++;
		j++;
	}
	return j < n ? j + 1 : j;
}

/* The end of a shell or make variable, $name, ${...} or $(...), at s[i]. */
static size_t variable_end(const char *s, size_t i, size_t n)
{
	size_t j = i + 1;
	if (j < n && (s[j] == '{' || s[j] == '(')) {
		char close = s[j] == '{' ? '}' : ')';
		while (j < n && s[j] != close)
			j++;
		return j < n ? j + 1 : j;
	}
	while (j < n && (is_id_char(s[j]) || (j == i + 1 && strchr("@*#?$!-", s[j]))))
		j++;
	return j;
}

/* chapters/15-weaving.nw, A lexer for four languages:
 * <<Tell what a word is, and where comments and operands start>>
 */
/* What the word s[i..j) is: a keyword, a type, an instruction or a name. */
static enum tok word_kind(const struct lexer *lx, const char *s, size_t i, size_t j,
			  int first_word)
{
	if (lx->lang == L_C || lx->lang == L_TEXT) {
		if (in_list(c_keywords, s + i, j - i))
			return T_KW;
		if (in_list(c_types, s + i, j - i))
			return T_TYPE;
	} else if (lx->lang == L_ASM) {
		if (s[i] == '.')
			return T_KW;	/* a directive */
		if (first_word && s[j] != ':')
			return T_OP;	/* an instruction */
	} else if (lx->lang == L_SH && in_list(sh_keywords, s + i, j - i)) {
		return T_KW;
	}
	return T_ID;
}

static int starts_line_comment(const struct lexer *lx, const char *s, size_t i)
{
	if (s[i] == '/' && s[i + 1] == '/')
		return lx->lang == L_C || lx->lang == L_ASM || lx->lang == L_TEXT;
	if (s[i] != '#')
		return 0;
	return lx->lang == L_MAKE ||
	       (lx->lang == L_SH && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t'));
}

/* In assembler, a register (%eax) or the $ of an immediate ($1, $(...), $~...). */
static int starts_operand(const struct lexer *lx, const char *s, size_t i)
{
	char c = s[i], d = s[i + 1];
	return lx->lang == L_ASM && (c == '%' || c == '$') &&
	       (is_id_start(d) || (c == '$' && (isdigit((unsigned char)d) || d == '(' || d == '~')));
}

/* chapters/15-weaving.nw, A lexer for four languages: <<Split a piece of code into tokens>> */
/* Splits one piece of a code line into tokens; at_start: the piece begins the line. */
static void lex(struct lexer *lx, const char *s, int at_start, emit_fn emit, void *ctx)
{
	size_t i = 0, n = strlen(s);
	int first_word = at_start, after_include = 0;
	while (i < n) {
		size_t j = i + 1;
		char c = s[i];
		enum tok t = T_PLAIN;
		if (lx->in_comment) {
			j = comment_end(lx, s, i, n);
			t = T_CMT;
		} else if (c == ' ' || c == '\t') {
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				j++;
		} else if (lx->lang != L_MAKE && lx->lang != L_SH && c == '/' && s[i + 1] == '*') {
			j = comment_end(lx, s, i + 2, n);
			t = T_CMT;
		} else if (starts_line_comment(lx, s, i)) {
			j = n;
			t = T_CMT;
		} else if (c == '#' && first_word && (lx->lang == L_C || lx->lang == L_ASM) &&
			   is_id_start(s[i + 1])) {
			while (j < n && is_id_char(s[j]))
				j++;
			t = T_PP;
			after_include = j - i == 8 && !strncmp(s + i, "#include", 8);
		} else if (c == '<' && after_include) {
			const char *e = strchr(s + i, '>');
			j = e ? (size_t)(e - s) + 1 : n;
			t = T_STR;
		} else if (c == '"' || (c == '\'' && lx->lang != L_MAKE)) {
			j = string_end(lx, s, i, n);
			t = T_STR;
		} else if (lx->lang == L_MAKE && first_word && make_name(s, i) > i) {
			j = make_name(s, i);
			t = T_KW;	/* the variable or target a line defines */
			first_word = 0;
		} else if (c == '$' && (lx->lang == L_SH || lx->lang == L_MAKE)) {
			j = variable_end(s, i, n);
			t = T_PP;
		} else if (starts_operand(lx, s, i)) {
			while (c == '%' && j < n && is_id_char(s[j]))
				j++;
			t = c == '%' ? T_TYPE : T_NUM;
		} else if (isdigit((unsigned char)c)) {
			while (j < n && (is_id_char(s[j]) || s[j] == '.'))
				j++;
			t = T_NUM;
		} else if (is_id_start(c) || (c == '.' && lx->lang == L_ASM && is_id_start(s[i + 1]))) {
			while (j < n && is_id_char(s[j]))
				j++;
			t = word_kind(lx, s, i, j, first_word);
			first_word = 0;
		} else if (c != ':') {
			first_word = 0;
		}
		emit(ctx, t, s + i, j - i);
		if (c != ' ' && c != '\t' && c != '#' && !is_id_start(c))
			first_word = first_word && c == ':';
		i = j;
	}
}

/* ---- identifier definitions ---- */

/* chapters/15-weaving.nw, Definitions: <<Define a name, skip spaces, and match a word>> */
static void define(struct block *b, const char *s, size_t n)
{
	if (n == 0)
		return;
	add_def(b, s, n);
}

static size_t skip_space(const char *s, size_t i)
{
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	return i;
}

static int word_at(const char *s, size_t i, const char *w)
{
	size_t n = strlen(w);
	return strncmp(s + i, w, n) == 0 && !is_id_char(s[i + n]);
}

/* chapters/15-weaving.nw, Definitions: <<Find the last identifier before a place>> */
/* The last identifier in s[0..end). */
static void last_ident(const char *s, size_t end, size_t *start, size_t *len)
{
	size_t j = end;
	while (j > 0 && !is_id_char(s[j - 1]))
		j--;
	size_t k = j;
	while (k > 0 && is_id_char(s[k - 1]))
		k--;
	*start = k;
	*len = is_id_start(s[k]) ? j - k : 0;
}

/* The length of the identifier at s. */
static size_t ident_len(const char *s)
{
	size_t len = 0;
	while (is_id_char(s[len]))
		len++;
	return is_id_start(s[0]) ? len : 0;
}

/* Defines the last identifier before s[end]. */
static void define_last(struct block *b, const char *s, size_t end)
{
	size_t st, len;
	last_ident(s, end, &st, &len);
	define(b, s + st, len);
}

/* chapters/15-weaving.nw, Definitions: <<Find enumeration constants and tags>> */
/* A line inside "enum {": its constant, if it starts one. */
static void enum_line_defs(struct block *b, const char *s, int *in_enum)
{
	size_t i = skip_space(s, 0);
	if (s[0] == '}')
		*in_enum = 0;
	else if (i > 0)
		define(b, s + i, ident_len(s + i));
}

/* "struct NAME {", "union NAME {", "enum NAME {": the tag; returns 1 if found. */
static int tag_defs(struct block *b, const char *s, int *in_enum)
{
	for (size_t i = 0; s[i]; i++) {
		int is_enum = word_at(s, i, "enum");
		if (!(word_at(s, i, "struct") || word_at(s, i, "union") || is_enum) ||
		    (i > 0 && is_id_char(s[i - 1])))
			continue;
		size_t k = skip_space(s, i + (is_enum ? 4 : s[i] == 's' ? 6 : 5));
		size_t len = ident_len(s + k), after = skip_space(s, k + len);
		if (s[after] != '{')
			continue;
		define(b, s + k, len);
		if (is_enum && !strchr(s + after, '}'))
			*in_enum = 1;	/* its constants follow, one a line */
		return 1;
	}
	return 0;
}

/* chapters/15-weaving.nw, Definitions: <<Find a function, a variable or a type>> */
/*
 * The rest of a line at file level: "type name(...)" not ending in ";"
 * defines a function, "type name = ..." or "type name;" a variable, and
 * "typedef ... name;" a type.
 */
static void function_or_variable_defs(struct block *b, const char *s)
{
	const char *paren = strchr(s, '(');
	const char *eq = strpbrk(s, "=[;");
	const char *semi = strrchr(s, ';');
	size_t end = strlen(s);
	while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	if (word_at(s, 0, "typedef")) {
		if (semi && !paren)
			define_last(b, s, (size_t)(semi - s));
	} else if (paren && (!eq || paren < eq)) {
		/* not a declaration, nor a macro called at file level */
		if (end == 0 || s[end - 1] != ';')
			define_last(b, s, (size_t)(paren - s));
	} else if (eq) {
		size_t st, len;
		last_ident(s, (size_t)(eq - s), &st, &len);
		if (st > 0)	/* a type must come first */
			define(b, s + st, len);
	}
}

/* chapters/15-weaving.nw, Definitions: <<Find the definitions in a line of C at file level>> */
/* "struct NAME;": a tag declared, not defined; its uses belong to the definition. */
static int is_forward_declaration(const char *s)
{
	size_t i;
	if (word_at(s, 0, "struct"))
		i = 6;
	else if (word_at(s, 0, "union"))
		i = 5;
	else if (word_at(s, 0, "enum"))
		i = 4;
	else
		return 0;
	i = skip_space(s, i);
	i = skip_space(s, i + ident_len(s + i));
	return s[i] == ';' && s[skip_space(s, i + 1)] == '\0';
}

/* Finds definitions in one line of C at file level (it starts in column 0). */
static void c_line_defs(struct block *b, const char *s, int *in_enum)
{
	if (*in_enum && s[0] != '}') {
		enum_line_defs(b, s, in_enum);
		return;
	}
	*in_enum = 0;
	if (!strncmp(s, "#define", 7)) {
		size_t i = skip_space(s, 7);
		define(b, s + i, ident_len(s + i));
	} else if (s[0] == '}' && strchr(s, ';')) {	/* "} name;" ends a typedef */
		define_last(b, s, (size_t)(strchr(s, ';') - s));
	} else if (!is_id_start(s[0]) || word_at(s, 0, "extern") || word_at(s, 0, "return") ||
		   is_forward_declaration(s) || tag_defs(b, s, in_enum)) {
		return;
	} else {
		function_or_variable_defs(b, s);
	}
}

/* chapters/15-weaving.nw, Definitions: <<Find the definitions in a line of assembler>> */
/* Finds definitions in one line of assembler: labels and macros. */
static void asm_line_defs(struct block *b, const char *s)
{
	size_t len;
	if (s[0] == '#') {
		size_t i = skip_space(s, 1);
		if (word_at(s, i, "define")) {
			i = skip_space(s, i + 6);
			for (len = 0; is_id_char(s[i + len]); len++)
				;
			define(b, s + i, len);
		}
		return;
	}
	if (!is_id_start(s[0]))
		return;
	for (len = 0; is_id_char(s[len]); len++)
		;
	if (s[len] == ':')
		define(b, s, len);
}

/* chapters/15-weaving.nw, Definitions: <<Count braces and mark a chunk nested>> */
/* Counts the braces a piece of C opens, outside comments and strings. */
static void count_braces(void *ctx, enum tok t, const char *s, size_t n)
{
	int *depth = ctx;
	if (t == T_PLAIN && n == 1 && (*s == '{' || *s == '}'))
		*depth += *s == '{' ? 1 : -1;
}

static void nest(struct chunk *c)
{
	if (c->nested == 2)
		return;
	c->nested = 2;	/* done: itself and all it uses */
	for (size_t i = 0; i < c->ndefs; i++)
		for (size_t j = 0; j < c->defs[i]->n; j++)
			if (c->defs[i]->p[j].kind == P_USE)
				nest(c->defs[i]->p[j].chunk);
}

/* chapters/15-weaving.nw, Definitions: <<Find the chunks that are not at file level>> */
/*
 * A chunk of C is at file level, where its definitions are the program's,
 * unless it is used after other text on its line or inside braces, or is
 * used by a chunk that is not at file level itself.
 */
static void find_nested(struct book *bk)
{
	for (size_t i = 0; i < bk->web.nblocks; i++) {
		struct block *b = bk->web.blocks[i];
		if (!b->code || b->chunk->lang != L_C)
			continue;
		struct lexer lx = { L_C, 0 };
		int depth = 0, at_start = 1;
		for (size_t j = 0; j < b->n; j++) {
			struct piece *p = &b->p[j];
			if (p->kind == P_TEXT)
				lex(&lx, p->s, at_start, count_braces, &depth);
			if (p->kind == P_USE && (!at_start || depth > 0) && !p->chunk->nested)
				p->chunk->nested = 1;
			at_start = p->kind == P_NL;
		}
	}
	for (size_t i = 0; i < bk->web.nchunks; i++)
		if (bk->web.chunks[i]->nested == 1)
			nest(bk->web.chunks[i]);
}

/* chapters/15-weaving.nw, Definitions: <<Note the names C declares extern>> */
/* "extern ... a[], b;": the names a program's C declares and may use from its assembler. */
static void note_externs(struct book *bk, const struct block *b, const char *s)
{
	if (!word_at(s, 0, "extern"))
		return;
	size_t n = strlen(s), i = 0;
	while (i < n) {
		size_t e = i;
		while (e < n && s[e] != ',' && s[e] != ';' && s[e] != '[' && s[e] != '(')
			e++;
		size_t st, len;
		last_ident(s + i, e - i, &st, &len);
		if (len) {
			struct buf k = { 0 };
			addf(&k, "%s\n%.*s", b->chunk->prog ? b->chunk->prog : "", (int)len, s + i + st);
			PUSH(bk->externs, bk->nexterns, bk->ecap, take(&k));
		}
		if (s[e] == '(')	/* a function's parameters are not its name */
			break;
		while (e < n && s[e] != ',')
			e++;
		i = e + 1;
	}
}

/* chapters/15-weaving.nw, Definitions: <<Find every block's definitions>> */
/* Collects each code block's lines as plain text (uses dropped) and finds definitions. */
static void find_defs(struct book *bk)
{
	for (size_t i = 0; i < bk->web.nblocks; i++) {
		struct block *b = bk->web.blocks[i];
		if (!b->code)
			continue;
		enum lang l = b->chunk->lang;
		struct buf line = { 0 };
		int in_enum = 0, at_start = 1;
		for (size_t j = 0; j <= b->n; j++) {
			if (j == b->n || b->p[j].kind == P_NL) {
				if (line.p && l == L_C && !b->chunk->nested) {
					c_line_defs(b, line.p, &in_enum);
					note_externs(bk, b, line.p);
				}
				else if (line.p && l == L_ASM)
					asm_line_defs(b, line.p);
				line.len = 0;
				if (line.p)
					line.p[0] = '\0';
				at_start = 1;
			} else if (b->p[j].kind == P_TEXT) {
				adds(&line, b->p[j].s);
				at_start = 0;
			} else if (b->p[j].kind == P_USE && at_start) {
				adds(&line, "\t");	/* an expanded chunk is never at file level */
			}
		}
		free(line.p);
		for (size_t k = 0; k < b->ndefs; k++) {
			struct ident *id = find_ident(bk, b->defs[k], strlen(b->defs[k]), 1);
			if (id->ndefs == 0)
				id->lang = l;
			PUSH(id->defs, id->ndefs, id->dcap, b);
		}
	}
}

/* chapters/15-weaving.nw, Uses:
 * <<Tell whether a block defines a name, or its program declares it extern>>
 */
struct use_ctx {
	struct book *bk;
	struct block *b;
};

static int defines(const struct block *b, const char *s, size_t n)
{
	for (size_t i = 0; i < b->ndefs; i++)
		if (strlen(b->defs[i]) == n && memcmp(b->defs[i], s, n) == 0)
			return 1;
	return 0;
}

static int declared_extern(const struct book *bk, const char *prog, const char *name)
{
	size_t pl = prog ? strlen(prog) : 0;
	for (size_t i = 0; i < bk->nexterns; i++) {
		const char *k = bk->externs[i];
		if (!strncmp(k, prog ? prog : "", pl) && k[pl] == '\n' && !strcmp(k + pl + 1, name))
			return 1;
	}
	return 0;
}

/* chapters/15-weaving.nw, Uses: <<Find the definition a use refers to>> */
/*
 * The definition a use in block b refers to, if any: one in the same
 * program, in a source file rather than a header if there is one (a
 * function's prototype in a header is not where it is explained).  C
 * reaches an assembler label only through a name its C declares extern,
 * so that a local "start" is not entry.S's label.
 */
static struct block *def_for(const struct book *bk, const struct ident *id, const struct block *b)
{
	struct block *first = NULL;

	for (size_t i = 0; i < id->ndefs; i++) {
		struct block *d = id->defs[i];
		if (!same_program(d->chunk, b->chunk))
			continue;
		if (b->chunk->lang == L_C && d->chunk->lang == L_ASM &&
		    !declared_extern(bk, b->chunk->prog, id->name))
			continue;
		if (!d->chunk->header)
			return d;
		if (!first)
			first = d;
	}
	return first;
}

/* chapters/15-weaving.nw, Uses: <<Find the definition a name in the prose refers to>> */
/* The program of the first code on block i's page from i on: prose
   before a page's first code means what that code will be. */
static const char *first_prog_on_page(const struct book *bk, size_t i)
{
	int page = bk->web.blocks[i]->page;

	for (; i < bk->web.nblocks && bk->web.blocks[i]->page == page; i++)
		if (bk->web.blocks[i]->code)
			return bk->web.blocks[i]->chunk->prog;
	return NULL;
}

static struct block *prose_def(const struct book *bk, const struct ident *id)
{
	struct block *best = id->defs[0];
	int best_score = -1;

	for (size_t i = 0; i < id->ndefs; i++) {
		struct block *d = id->defs[i];
		int score = 4 * (d->page == bk->here_page) +
			    2 * (bk->here_prog && d->chunk->prog &&
				 !strcmp(d->chunk->prog, bk->here_prog)) +
			    !d->chunk->header;
		if (score > best_score) {
			best = d;
			best_score = score;
		}
	}
	return best;
}

/* chapters/15-weaving.nw, Uses: <<Find every use of every identifier>> */
static void note_use(void *ctx, enum tok t, const char *s, size_t n)
{
	struct use_ctx *u = ctx;
	if (t != T_ID && t != T_PP)
		return;
	if (t == T_PP) {	/* "#define X": no use */
		return;
	}
	struct ident *id = find_ident(u->bk, s, n, 0);
	if (!id || defines(u->b, s, n) || !def_for(u->bk, id, u->b))
		return;
	if (id->nuses == 0 || id->uses[id->nuses - 1] != u->b)
		PUSH(id->uses, id->nuses, id->ucap, u->b);
}

static void find_uses(struct book *bk)
{
	for (size_t i = 0; i < bk->web.nblocks; i++) {
		struct block *b = bk->web.blocks[i];
		if (!b->code || (b->chunk->lang != L_C && b->chunk->lang != L_ASM))
			continue;
		struct lexer lx = { b->chunk->lang, 0 };
		struct use_ctx u = { bk, b };
		int at_start = 1;
		for (size_t j = 0; j < b->n; j++) {
			if (b->p[j].kind == P_TEXT)
				lex(&lx, b->p[j].s, at_start, note_use, &u);
			at_start = b->p[j].kind == P_NL;
		}
	}
}
