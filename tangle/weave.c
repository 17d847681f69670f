/* SPDX-License-Identifier: GPL-2.0 */
/*
 * weave.c: weaves a noweb book, read from markup's pipeline, into LaTeX for
 * the PDF (-latex) or into pandoc input and HTML parts for the tour (-html).
 * The documentation language is LaTeX; see the Preparation chapter.
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

#include "common.h"

struct buf {
	char *p;
	size_t len, cap;
};

enum piece_kind { P_TEXT, P_NL, P_USE, P_QUOTE };

struct piece {
	enum piece_kind kind;
	char *s;		/* P_TEXT, P_QUOTE: text; P_USE: chunk name */
	struct chunk *chunk;	/* P_USE */
};

enum lang { L_TEXT, L_C, L_ASM, L_MAKE, L_SH };

struct block {
	int code;
	const char *file;
	int line;		/* first line of the block in file */
	int page;		/* index in book.pages */
	struct piece *p;
	size_t n, cap;
	struct chunk *chunk;	/* code: the chunk it defines */
	int num;		/* code: 1, 2, ... */
	char **defs;		/* code: identifiers defined here */
	size_t ndefs, dcap;
};

struct chunk {
	char *name;
	struct block **defs;
	size_t ndefs, dcap;
	struct block **uses;
	size_t nuses, ucap;
	enum lang lang;
	int has_lang;
	char *prog;		/* directory of the first file it ends up in */
	int nested;		/* expanded inside braces or indented: not at file level */
};

struct ident {
	char *name;
	enum lang lang;
	struct block **defs;
	size_t ndefs, dcap;
	struct block **uses;
	size_t nuses, ucap;
};

struct label {
	char *name;
	char *number;
	int page;
	char *id;
};

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

struct book {
	struct block **blocks;
	size_t nblocks, bcap;
	struct chunk **chunks;
	size_t nchunks, ccap;
	struct ident **idents;
	size_t nidents, icap;
	struct label *labels;
	size_t nlabels, lcap;
	struct heading *heads;
	size_t nheads, hcap;
	struct exercise *exs;
	size_t nexs, xcap;
	struct page *pages;
	size_t npages, pcap;
	char **files;
	size_t nfiles, fcap;
	int errors;
	int html;
	int first_chapter;
	const char *title;	/* the book's, for the contents page */
	struct buf parts;	/* html: the placeholders' contents */
	int nparts;
	char **externs;		/* "PROGRAM\nNAME": names C declares extern */
	size_t nexterns, ecap;
};

static const char *tool = "weave";

static void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", tool, what, strerror(errno));
	exit(1);
}

#define PUSH(arr, n, cap, v) do { \
	(arr) = grow((arr), &(cap), (n) + 1, sizeof *(arr)); \
	(arr)[(n)++] = (v); \
} while (0)

static char *copy(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		die("malloc");
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *sdup(const char *s)
{
	return copy(s, strlen(s));
}

static void add(struct buf *b, const char *s, size_t n)
{
	b->p = grow(b->p, &b->cap, b->len + n + 1, 1);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void adds(struct buf *b, const char *s)
{
	add(b, s, strlen(s));
}

static void addc(struct buf *b, char c)
{
	add(b, &c, 1);
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

static void error_at(struct book *bk, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_at(file, line, fmt, ap);
	va_end(ap);
	bk->errors++;
}

/* ---- reading the pipeline ---- */

static struct chunk *find_chunk(struct book *bk, const char *name)
{
	for (size_t i = 0; i < bk->nchunks; i++)
		if (strcmp(bk->chunks[i]->name, name) == 0)
			return bk->chunks[i];
	struct chunk *c = calloc(1, sizeof *c);
	if (!c)
		die("malloc");
	c->name = sdup(name);
	PUSH(bk->chunks, bk->nchunks, bk->ccap, c);
	return c;
}

static struct ident *find_ident(struct book *bk, const char *name, size_t n, int create)
{
	for (size_t i = 0; i < bk->nidents; i++)
		if (strlen(bk->idents[i]->name) == n &&
		    memcmp(bk->idents[i]->name, name, n) == 0)
			return bk->idents[i];
	if (!create)
		return NULL;
	struct ident *id = calloc(1, sizeof *id);
	if (!id)
		die("malloc");
	id->name = copy(name, n);
	PUSH(bk->idents, bk->nidents, bk->icap, id);
	return id;
}

static void add_piece(struct block *b, enum piece_kind kind, const char *s)
{
	struct piece pc = { kind, s ? sdup(s) : NULL, NULL };
	PUSH(b->p, b->n, b->cap, pc);
}

static void add_def(struct block *b, const char *name, size_t n)
{
	for (size_t i = 0; i < b->ndefs; i++)
		if (strlen(b->defs[i]) == n && memcmp(b->defs[i], name, n) == 0)
			return;
	PUSH(b->defs, b->ndefs, b->dcap, copy(name, n));
}

enum state { OUTSIDE, DOCS, QUOTE, HEAD, DEFN, CODE };

struct parser {
	struct book *bk;
	enum state st;
	const char *file;	/* the .nw file, and the line in it */
	int line;
	struct block *cur;
	struct buf quote;	/* the [[code]] being quoted in docs */
	int fatal;
};

/* Each handler takes a pipeline line's argument; it returns -1 if the line is malformed. */

static int on_file(struct parser *p, char *arg)
{
	if (p->st != OUTSIDE || !*arg)
		return -1;
	p->file = sdup(arg);
	PUSH(p->bk->files, p->bk->nfiles, p->bk->fcap, (char *)p->file);
	p->line = 1;
	return 0;
}

static int on_begin(struct parser *p, char *arg)
{
	if (p->st != OUTSIDE || (strncmp(arg, "docs ", 5) && strncmp(arg, "code ", 5)))
		return -1;
	struct block *b = calloc(1, sizeof *b);
	if (!b)
		die("malloc");
	b->code = arg[0] == 'c';
	b->file = p->file;
	b->line = p->line;
	b->page = (int)p->bk->nfiles - 1;
	PUSH(p->bk->blocks, p->bk->nblocks, p->bk->bcap, b);
	p->cur = b;
	p->st = b->code ? HEAD : DOCS;
	return 0;
}

static int on_end(struct parser *p, char *arg)
{
	int ok = (p->st == DOCS && !strncmp(arg, "docs ", 5)) ||
		 (p->st == CODE && !strncmp(arg, "code ", 5));
	p->st = OUTSIDE;
	return ok ? 0 : -1;
}

static int on_defn(struct parser *p, char *arg)
{
	if (p->st != HEAD || !*arg)
		return -1;
	struct chunk *c = find_chunk(p->bk, arg);
	p->cur->chunk = c;
	PUSH(c->defs, c->ndefs, c->dcap, p->cur);
	p->st = DEFN;
	return 0;
}

static int on_text(struct parser *p, char *arg)
{
	if (p->st == QUOTE)
		adds(&p->quote, arg);
	else if (p->st == DOCS || p->st == CODE)
		add_piece(p->cur, P_TEXT, arg);
	else
		return -1;
	return 0;
}

static int on_nl(struct parser *p, char *arg)
{
	int bad = *arg || p->st == OUTSIDE || p->st == HEAD;
	if (p->st == DEFN)
		p->st = CODE;
	else if (p->st == QUOTE)
		addc(&p->quote, ' ');
	else if (!bad)
		add_piece(p->cur, P_NL, NULL);
	p->line++;
	return bad ? -1 : 0;
}

static int on_use(struct parser *p, char *arg)
{
	if (p->st == QUOTE) {
		addf(&p->quote, "<<%s>>", arg);
	} else if (p->st == CODE && *arg) {
		add_piece(p->cur, P_USE, arg);
		p->cur->p[p->cur->n - 1].chunk = find_chunk(p->bk, arg);
	} else {
		return -1;
	}
	return 0;
}

static int on_quote(struct parser *p, char *arg)
{
	int bad = *arg || p->st != DOCS;
	p->st = QUOTE;
	return bad ? -1 : 0;
}

static int on_endquote(struct parser *p, char *arg)
{
	if (*arg || p->st != QUOTE)
		return -1;
	add_piece(p->cur, P_QUOTE, p->quote.p ? p->quote.p : "");
	p->quote.len = 0;
	if (p->quote.p)
		p->quote.p[0] = '\0';
	p->st = DOCS;
	return 0;
}

/* "@index nl" is a line of the .nw file (an "@ %def" line); "@index defn" a definition. */
static int on_index(struct parser *p, char *arg)
{
	if (!strcmp(arg, "nl"))
		p->line++;
	else if (!strncmp(arg, "defn ", 5) && (p->st == CODE || p->st == DEFN) && arg[5])
		add_def(p->cur, arg + 5, strlen(arg + 5));
	return 0;
}

static int on_line(struct parser *p, char *arg)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (end == arg || *end || v < 1 || v > 1000000000)
		return -1;
	p->line = (int)v;
	return 0;
}

static int on_fatal(struct parser *p, char *arg)
{
	fprintf(stderr, "%s: markup failed: %s\n", tool, arg);
	p->fatal = 1;
	return 0;
}

static int on_other(struct parser *p, char *arg)
{
	(void)p;
	(void)arg;
	return 0;
}

static const struct keyword {
	const char *name;
	int (*handle)(struct parser *, char *);
} keywords[] = {
	{ "@file", on_file }, { "@begin", on_begin }, { "@end", on_end },
	{ "@defn", on_defn }, { "@text", on_text }, { "@nl", on_nl },
	{ "@use", on_use }, { "@quote", on_quote }, { "@endquote", on_endquote },
	{ "@index", on_index }, { "@line", on_line }, { "@fatal", on_fatal },
	{ "@xref", on_other }, { "@language", on_other }, { "@header", on_other },
	{ "@trailer", on_other }, { "@literal", on_other },
};

static int parse_line(struct parser *p, char *s)
{
	size_t kw = strcspn(s, " ");
	char *arg = s[kw] ? s + kw + 1 : s + kw;
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
		if (strlen(keywords[i].name) == kw && !strncmp(s, keywords[i].name, kw))
			return keywords[i].handle(p, arg);
	return -1;
}

/* Reads markup's pipeline; returns -1 (after saying where) if it is malformed. */
static int read_pipeline(struct book *bk, FILE *in)
{
	struct parser p = { .bk = bk, .st = OUTSIDE, .file = "<stdin>", .line = 1 };
	char *s = NULL;
	size_t cap = 0;
	ssize_t n;
	int pline = 0, bad = 0;
	while (!bad && (n = getline(&s, &cap, in)) >= 0) {
		pline++;
		if (n > 0 && s[n - 1] == '\n')
			s[--n] = '\0';
		bad = parse_line(&p, s) != 0;
	}
	free(s);
	free(p.quote.p);
	if (ferror(in))
		die("<stdin>");
	if (bad)
		fprintf(stderr, "%s: <stdin>:%d: malformed pipeline line (%s:%d)\n",
			tool, pline, p.file, p.line);
	else if (p.st != OUTSIDE && !p.fatal)
		fprintf(stderr, "%s: <stdin>:%d: unexpected end of pipeline\n", tool, pline);
	return bad || p.fatal || p.st != OUTSIDE ? -1 : 0;
}

/* ---- chunks: numbers, uses, languages ---- */

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

static void set_lang(struct chunk *c, enum lang l, char *prog)
{
	if (c->has_lang)
		return;
	c->has_lang = 1;
	c->lang = l;
	c->prog = prog;
	for (size_t i = 0; i < c->ndefs; i++)
		for (size_t j = 0; j < c->defs[i]->n; j++)
			if (c->defs[i]->p[j].kind == P_USE)
				set_lang(c->defs[i]->p[j].chunk, l, prog);
}

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

static void link_chunks(struct book *bk)
{
	int num = 0;
	for (size_t i = 0; i < bk->nblocks; i++) {
		struct block *b = bk->blocks[i];
		if (!b->code)
			continue;
		b->num = ++num;
		for (size_t j = 0; j < b->n; j++) {
			struct chunk *c = b->p[j].chunk;
			if (b->p[j].kind != P_USE)
				continue;
			if (c->ndefs == 0)
				error_at(bk, b->file, b->line, "chunk <<%s>> is used but never defined",
					 c->name);
			if (c->nuses == 0 || c->uses[c->nuses - 1] != b)
				PUSH(c->uses, c->nuses, c->ucap, b);
		}
	}
	for (size_t i = 0; i < bk->nchunks; i++) {
		enum lang l;
		struct chunk *c = bk->chunks[i];
		if (c->nuses == 0 && lang_of_root(c->name, &l)) {
			const char *slash = strrchr(c->name, '/');
			set_lang(c, l, copy(c->name, slash ? (size_t)(slash - c->name) : 0));
		}
	}
	for (size_t i = 0; i < bk->nchunks; i++)
		set_lang(bk->chunks[i], L_TEXT, NULL);
}

/* ---- lexing code lines ---- */

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

/*
 * A chunk of C is at file level, where its definitions are the program's,
 * unless it is used after other text on its line or inside braces, or is
 * used by a chunk that is not at file level itself.
 */
static void find_nested(struct book *bk)
{
	for (size_t i = 0; i < bk->nblocks; i++) {
		struct block *b = bk->blocks[i];
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
	for (size_t i = 0; i < bk->nchunks; i++)
		if (bk->chunks[i]->nested == 1)
			nest(bk->chunks[i]);
}

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

/* Collects each code block's lines as plain text (uses dropped) and finds definitions. */
static void find_defs(struct book *bk)
{
	for (size_t i = 0; i < bk->nblocks; i++) {
		struct block *b = bk->blocks[i];
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

/*
 * The definition a use in block b refers to, if any: one in the same
 * program.  C reaches an assembler label only through a name its C
 * declares extern, so that a local "start" is not entry.S's label.
 */
static struct block *def_for(const struct book *bk, const struct ident *id, const struct block *b)
{
	for (size_t i = 0; i < id->ndefs; i++) {
		struct block *d = id->defs[i];
		if (!same_program(d->chunk, b->chunk))
			continue;
		if (b->chunk->lang == L_C && d->chunk->lang == L_ASM &&
		    !declared_extern(bk, b->chunk->prog, id->name))
			continue;
		return d;
	}
	return NULL;
}

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
	for (size_t i = 0; i < bk->nblocks; i++) {
		struct block *b = bk->blocks[i];
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

/* ---- output helpers: escaping ---- */

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

static void html_escape(struct buf *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': adds(o, "&amp;"); break;
		case '<': adds(o, "&lt;"); break;
		case '>': adds(o, "&gt;"); break;
		case '"': adds(o, "&quot;"); break;
		default: addc(o, s[i]);
		}
	}
}

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

static const char *const html_class[] = { "", "k", "t", "c", "s", "n", "p", "i", "o" };
static const char *const latex_macro[] = { "", "nwkw", "nwty", "nwcm", "nwst", "nwnu", "nwpp", "", "nwop" };

struct render {
	struct book *bk;
	struct block *b;
	struct buf *o;
	int col;
	struct buf seen;	/* definitions already shown in bold, "\nname\n" */
};

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

/* True if o ends with a control word such as \S: a mark written straight
 * after it would be read as part of the command's name. */
static int ends_with_control_word(const struct buf *o)
{
	size_t i = o->len;

	while (i > 0 && isalpha((unsigned char)o->p[i - 1]))
		i--;
	return i < o->len && i > 0 && o->p[i - 1] == '\\';
}

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

/* ---- documentation ---- */

static void chunk_index(struct book *bk, struct buf *o);
static void ident_index(struct book *bk, struct buf *o);

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

static void add_label(struct book *bk, const char *file, int line, const char *name, size_t n,
		      const char *number, int page, const char *id)
{
	for (size_t i = 0; i < bk->nlabels; i++)
		if (strlen(bk->labels[i].name) == n && !strncmp(bk->labels[i].name, name, n)) {
			error_at(bk, file, line, "label '%.*s' is defined twice", (int)n, name);
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

/* The defined chunk a quote [[<<name>>]] names, if it names exactly one. */
static const struct chunk *quoted_chunk(const struct book *bk, const char *q)
{
	size_t n = strlen(q);
	if (n < 5 || strncmp(q, "<<", 2) || strcmp(q + n - 2, ">>"))
		return NULL;
	const char *e = strstr(q + 2, ">>");
	if (e != q + n - 2 || strstr(q + 2, "<<"))
		return NULL;
	for (size_t i = 0; i < bk->nchunks; i++) {
		const struct chunk *c = bk->chunks[i];
		if (c->ndefs && strlen(c->name) == n - 4 && !strncmp(c->name, q + 2, n - 4))
			return c;
	}
	return NULL;
}

/* A chunk named in the prose, as a link to its first definition. */
static void quoted_use_out(struct book *bk, struct buf *o, const struct chunk *c)
{
	int num = c->defs[0]->num;
	if (bk->html) {
		struct buf h = { 0 };
		addf(&h, "<a class=\"use\" href=\"%s.html#c%d\">&#x27E8;",
		     page_name(bk, c->defs[0]->page), num);
		name_out(bk, &h, c->name);
		addf(&h, " <span class=\"num\">%d</span>&#x27E9;</a>", num);
		placeholder(bk, o, h.p, 0);
		free(h.p);
	} else {
		addf(o, "\\nwuse{nwc%d}{", num);
		name_out(bk, o, c->name);
		addf(o, "}{%d}", num);
	}
}

/* Renders one quote [[...]] from docs; linked if it names an identifier
   or a chunk. */
static void quote_out(struct book *bk, struct buf *o, const char *q, int may_link)
{
	const struct chunk *c = may_link ? quoted_chunk(bk, q) : NULL;
	if (c) {
		quoted_use_out(bk, o, c);
		return;
	}
	struct ident *id = find_ident(bk, q, strlen(q), 0);
	struct buf h = { 0 };
	if (bk->html) {
		if (id && may_link)
			addf(&h, "<a class=\"i\" href=\"%s.html#c%d\"><code>",
			     page_name(bk, id->defs[0]->page), id->defs[0]->num);
		else
			adds(&h, "<code>");
		html_escape(&h, q, strlen(q));
		adds(&h, id && may_link ? "</code></a>" : "</code>");
		placeholder(bk, o, h.p, 0);
	} else {
		if (id && may_link)
			addf(o, "\\nwid{nwc%d}{\\nwq{", id->defs[0]->num);
		else
			adds(o, "\\nwq{");
		latex_escape(o, q, strlen(q), 2);
		adds(o, id && may_link ? "}}" : "}");
	}
	free(h.p);
}

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

/* Steps the counters for a numbered heading of a level; returns its number. */
static char *count_heading(struct book *bk, struct counters *k, int level)
{
	if (level == 0) {
		k->chapter = k->seen_chapter ? k->chapter + 1 : bk->first_chapter;
		k->seen_chapter = 1;
		k->section = k->exercise = k->figure = 0;
	}
	if (level == 1)
		k->section++, k->subsection = 0;
	if (level == 2)
		k->subsection++, k->subsubsection = 0;
	if (level == 3)
		k->subsubsection++;
	return number_for(k, level);
}

static void write_heading(struct docs *d, int level, const char *num, size_t gs, size_t gl,
			  const char *id, int has_label)
{
	if (!d->bk->html) {
		add(d->o, d->s + d->at, gs - d->at);
		expand_quotes(d->bk, d->b, d->o, d->s + gs, gl, 0);
		adds(d->o, "}");
		return;
	}
	/* weave numbers the headings of the tour itself, so references agree */
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
	write_heading(d, level, num, gs, gl, id, has_label);
	free(num);
	free(id);
	return end;
}

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
	if (!d->bk->html)
		return keep(d, end);
	/* in the tour, a figure's or an exercise's own id carries its label */
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

/* \ref and \pageref: in the tour, a link to the page and the place. */
static size_t ref_cmd(struct docs *d)
{
	size_t gs, gl, end = read_group(d->s, d->end, &gs, &gl);
	if (!end)
		return 0;
	if (!d->bk->html)
		return keep(d, end);
	if (!d->writing)
		return end;	/* labels further on are not known yet */
	const struct label *l = find_label(d->bk, d->s + gs, gl);
	if (!l) {
		error_at(d->bk, d->b->file, d->line, "\\ref to undefined label '%.*s'",
			 (int)gl, d->s + gs);
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
	if (!d->bk->html)
		return keep(d, end);
	struct buf h = { 0 };
	addf(&h, "<figure id=\"%s\">", ds->fig_id);
	placeholder(d->bk, d->o, h.p, 1);
	free(h.p);
	return end;
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
	if (!bk->html) {
		keep(d, end);
		addf(d->o, "\\label{%s}", x->id);
		return end;
	}
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

static size_t end_environment(struct docs *d, size_t end, int fig)
{
	if (fig)
		d->ds->in_figure = 0;
	else
		d->ds->in_exercise = 0;
	if (!d->bk->html)
		return keep(d, end);
	placeholder(d->bk, d->o, fig ? "</figure>" : "</div>", 1);
	return end;
}

/* An exercise's hint: folded in the tour; in the PDF it moves to the
 * appendix of exercises, and a reference to it stays behind. */
static size_t hint_environment(struct docs *d, size_t end, int begin)
{
	if (!d->bk->html) {
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
	placeholder(d->bk, d->o, begin ? "<details class=\"hint\"><summary>Hint</summary>"
			     : "</details>", 1);
	return end;
}

/* \begin and \end of the two environments weave numbers: figure and exercise. */
static size_t environment_cmd(struct docs *d)
{
	struct docstate *ds = d->ds;
	size_t gs, gl, end = read_group(d->s, d->end, &gs, &gl);
	int fig = gl == 6 && !strncmp(d->s + gs, "figure", 6);
	int begin = named(d, "begin");
	if (end && gl == 4 && !strncmp(d->s + gs, "hint", 4))
		return hint_environment(d, end, begin);
	if (!end || !(fig || (gl == 8 && !strncmp(d->s + gs, "exercise", 8))))
		return 0;
	if (begin && (ds->in_exercise || ds->in_figure)) {
		error_at(d->bk, d->b->file, d->line, "\\begin{%.*s} inside another %s", (int)gl,
			 d->s + gs, ds->in_figure ? "figure" : "exercise");
		ds->nested++;
		return end;
	}
	if (!begin && ds->nested) {
		ds->nested--;
		return end;
	}
	if (!begin && !(fig ? ds->in_figure : ds->in_exercise)) {
		error_at(d->bk, d->b->file, d->line, "\\end{%.*s} without its \\begin", (int)gl,
			 d->s + gs);
		return end;
	}
	if (!begin)
		return end_environment(d, end, fig);
	return fig ? begin_figure(d, end) : begin_exercise(d, end);
}

/* noweb.sty's commands for the indexes, so that other webs weave too. */
static size_t noweb_index_cmd(struct docs *d)
{
	if (!d->writing)
		return d->end;
	struct buf h = { 0 };
	if (named(d, "nowebchunks"))
		chunk_index(d->bk, &h);
	else
		ident_index(d->bk, &h);
	if (d->bk->html)
		placeholder(d->bk, d->o, h.p, 1);
	else
		adds(d->o, h.p);
	free(h.p);
	return d->end;
}

/* \centering means nothing to the tour, which centres figures itself. */
static size_t centering_cmd(struct docs *d)
{
	return d->bk->html ? d->end : 0;
}

/* \appendix: the chapters after it are lettered, A first. */
static size_t appendix_cmd(struct docs *d)
{
	d->ds->k.appendix = 1;
	d->ds->k.chapter = 0;
	d->ds->k.seen_chapter = 1;
	return d->bk->html ? d->end : 0;
}

/* A figure's \caption: in the tour, a paragraph that starts with the number. */
static size_t caption_cmd(struct docs *d)
{
	size_t k = skip_space(d->s, d->end);
	if (!d->ds->in_figure || d->s[k] != '{')
		return 0;
	if (d->bk->html) {
		struct buf h = { 0 };
		addf(&h, "<span class=\"figno\">Figure %s.%d:</span>", chap(&d->ds->k),
		     d->ds->k.figure);
		placeholder(d->bk, d->o, "<figcaption>", 1);
		placeholder(d->bk, d->o, h.p, 0);
		adds(d->o, " ");
		free(h.p);
	} else {
		adds(d->o, "\\caption{");
	}
	d->ds->caption_depth = 1;	/* docs_block drops the closing brace */
	return k + 1;
}

/* \includegraphics{NAME}: in the tour, figures/NAME.svg. */
static size_t includegraphics_cmd(struct docs *d)
{
	size_t os, ol, gs, gl;
	if (!d->bk->html)
		return 0;
	size_t end = read_group(d->s, read_opt(d->s, d->end, &os, &ol), &gs, &gl);
	if (!end)
		return 0;
	struct buf h = { 0 }, src = { 0 };
	adds(&src, "figures/");
	html_escape(&src, d->s + gs, gl);
	adds(&src, ".svg");
	/* the picture is a link to itself, to see it whole on a small screen */
	addf(&h, "<a class=\"figure-image\" href=\"%s\"><img src=\"%s\" alt=\"", src.p, src.p);
	if (d->ds->in_figure)
		addf(&h, "Figure %s.%d", chap(&d->ds->k), d->ds->k.figure);
	adds(&h, "\"></a>");
	free(src.p);
	placeholder(d->bk, d->o, h.p, 1);
	free(h.p);
	return end;
}

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
			if (bk->html)
				placeholder(bk, o, "</figcaption>", 1);
			else
				addc(o, '}');
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
		} else if (bk->html && s[i] == '@' && s[i + 1] == '@') {
			placeholder(bk, o, "&#64;", 0);	/* so that fill sees no mark */
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

/* ---- the book's pages ---- */

static void make_pages(struct book *bk)
{
	for (size_t i = 0; i < bk->nfiles; i++) {
		const char *b = base_name(bk->files[i]);
		while (isdigit((unsigned char)*b))
			b++;
		if (*b == '-' || *b == '_')
			b++;
		if (!*b)
			b = base_name(bk->files[i]);
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
		struct page p = { take(&nb), NULL, bk->files[i] };
		PUSH(bk->pages, bk->npages, bk->pcap, p);
	}
}

/* ---- writing files: all or nothing ---- */

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

static void write_outputs(void)
{
	for (size_t i = 0; i < nouts; i++) {
		struct buf tmp = { 0 };
		addf(&tmp, "%s.tmp", outs[i].path);
		FILE *f = fopen(tmp.p, "w");
		if (!f)
			die(tmp.p);
		if (fwrite(outs[i].text.p, 1, outs[i].text.len, f) != outs[i].text.len ||
		    fclose(f) != 0) {
			unlink(tmp.p);
			die(tmp.p);
		}
		if (rename(tmp.p, outs[i].path) != 0) {
			unlink(tmp.p);
			die(outs[i].path);
		}
		free(tmp.p);
	}
}

/* ---- indexes ---- */

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

/* The end of an index entry: where it is defined, and where used. */
static void index_refs(struct book *bk, struct buf *o, struct block **defs, size_t ndefs,
		       struct block **uses, size_t nuses)
{
	link_list(bk, o, defs, ndefs);
	adds(o, bk->html ? (nuses ? "; used in " : "") : "}{");
	link_list(bk, o, uses, nuses);
	adds(o, bk->html ? "</li>\n" : "}\n");
}

static void chunk_index(struct book *bk, struct buf *o)
{
	struct chunk **v = malloc((bk->nchunks + 1) * sizeof *v);
	if (!v)
		die("malloc");
	memcpy(v, bk->chunks, bk->nchunks * sizeof *v);
	qsort(v, bk->nchunks, sizeof *v, by_chunk_name);
	if (bk->html)
		adds(o, "<ul class=\"index chunks\">\n");
	else
		adds(o, "\\begin{nwindex}\n");
	for (size_t i = 0; i < bk->nchunks; i++) {
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

static void ident_index(struct book *bk, struct buf *o)
{
	struct ident **v = malloc((bk->nidents + 1) * sizeof *v);
	if (!v)
		die("malloc");
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

/* ---- the two back ends ---- */

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

static void weave_docs(struct book *bk, struct docstate *ds, struct block *b, struct buf *o)
{
	if (ds->page != b->page) {
		if (ds->in_exercise || ds->in_figure)
			error_at(bk, ds->ex_file, ds->ex_line, "\\begin{%s} is never ended",
				 ds->in_figure ? "figure" : "exercise");
		ds->in_exercise = ds->in_figure = 0;
		ds->page = b->page;
	}
	docs_block(bk, b, ds, o);
}

static void finish_docs(struct book *bk, struct docstate *ds)
{
	if (ds->in_exercise || ds->in_figure)
		error_at(bk, ds->ex_file, ds->ex_line, "\\begin{%s} is never ended",
			 ds->in_figure ? "figure" : "exercise");
}

static void index_page(struct book *bk, const char *dir, const char *name, const char *title,
		       void (*body)(struct book *, struct buf *))
{
	struct buf *o = new_output(dir, name);
	addf(o, "\\title{%s}\n", title);
	nav(bk, o, (int)bk->npages);
	addf(o, "\\chapter*{%s}\n\\label{top}\n", title);
	if (body == exercise_index) {
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

static void weave(struct book *bk, const char *dir)
{
	struct docstate ds = { .page = 0 };
	/* pass 1: numbers and labels; its placeholders are dropped */
	size_t parts_len = bk->parts.len;
	int nparts = bk->nparts;
	for (size_t i = 0; i < bk->nblocks; i++)
		if (!bk->blocks[i]->code)
			weave_docs(bk, &ds, bk->blocks[i], NULL);
	finish_docs(bk, &ds);
	bk->parts.len = parts_len;
	if (bk->parts.p)
		bk->parts.p[parts_len] = '\0';
	bk->nparts = nparts;
	if (bk->errors)
		return;
	struct docstate d2 = { .page = 0 };
	struct buf *o = NULL, map = { 0 };
	int outline = 1;
	if (!bk->html) {
		o = new_output(dir, "chapters.tex");
		addf(o, "\\setcounter{chapter}{%d}\n", bk->first_chapter - 1);
		addf(&map, "chapters.tex:%d %s:1\n", outline++, bk->files[0]);
	}
	int page = -1;
	for (size_t i = 0; i < bk->nblocks; i++) {
		struct block *b = bk->blocks[i];
		if (bk->html && b->page != page) {
			if (o)
				nav(bk, o, page);
			page = b->page;
			struct buf nm = { 0 };
			addf(&nm, "%s.tex", bk->pages[page].name);
			o = new_output(dir, nm.p);
			free(nm.p);
			const char *title = bk->pages[page].title ? bk->pages[page].title
							          : bk->pages[page].name;
			adds(o, "\\title{");
			latex_escape(o, title, strlen(title), 0);
			adds(o, "}\n");
			nav(bk, o, page);
		}
		size_t start = o ? o->len : 0;
		if (b->code) {
			if (bk->html) {
				struct buf h = { 0 };
				render_block(bk, &h, b);
				placeholder(bk, o, h.p, 1);
				free(h.p);
			} else {
				render_block(bk, o, b);
			}
		} else {
			weave_docs(bk, &d2, b, o);
		}
		if (!bk->html)
			map_lines(&map, &outline, o, start, b);
	}
	if (bk->html && o)
		nav(bk, o, page);
	if (bk->html) {
		index_page(bk, dir, "chunks.tex", "Chunks", chunk_index);
		index_page(bk, dir, "identifiers.tex", "Identifiers", ident_index);
		index_page(bk, dir, "exercises.tex", "Exercises", exercise_index);
		toc(bk, dir);
		struct buf *pl = new_output(dir, "pages");
		for (size_t i = 0; i < bk->npages; i++)
			addf(pl, "%s\n", bk->pages[i].name);
		struct buf *parts = new_output(dir, "parts");
		add(parts, bk->parts.p ? bk->parts.p : "", bk->parts.len);
	} else {
		add(new_output(dir, "chapters.map"), map.p ? map.p : "", map.len);
		chunk_index(bk, new_output(dir, "chunks.tex"));
		ident_index(bk, new_output(dir, "identifiers.tex"));
		exercise_index(bk, new_output(dir, "exercises.tex"));
	}
	free(map.p);
}

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

static void usage(void)
{
	fprintf(stderr, "usage: %s -latex|-html [-n FIRST-CHAPTER] [-t TITLE] -o DIR <pipeline\n", tool);
	exit(2);
}

int main(int argc, char **argv)
{
	struct book bk = { .first_chapter = 1, .html = -1, .title = "Contents" };
	const char *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-latex"))
			bk.html = 0;
		else if (!strcmp(argv[i], "-html"))
			bk.html = 1;
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			dir = argv[++i];
		else if (!strcmp(argv[i], "-n") && i + 1 < argc)
			bk.first_chapter = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-t") && i + 1 < argc)
			bk.title = argv[++i];
		else
			usage();
	}
	if (bk.html < 0 || !dir)
		usage();
	if (read_pipeline(&bk, stdin) != 0)
		return 1;
	if (bk.nfiles == 0) {
		fprintf(stderr, "%s: <stdin>: no @file in the pipeline\n", tool);
		return 1;
	}
	make_pages(&bk);
	link_chunks(&bk);
	find_nested(&bk);
	find_defs(&bk);
	find_uses(&bk);
	if (bk.errors)
		return 1;
	weave(&bk, dir);
	if (bk.errors)
		return 1;
	make_dirs(dir);
	write_outputs();
	return 0;
}
