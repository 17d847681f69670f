/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/15-weaving.nw; edit the chapter, not this file. */
/*
 * lines.c: turns a compiler's messages about tangled files into messages
 * about the chapters they came from.
 * Usage: lines LINE-MAP <messages >messages
 *        lines LINE-MAP COMMAND [ARG...]
 * The second form runs COMMAND with its output and errors rewritten, and
 * exits as COMMAND did.
 * LINE-MAP is what "tangle -m" writes: lines "OUTPUT:N FILE:LINE".  A
 * message that starts with OUTPUT:N (or a copy of OUTPUT elsewhere, found
 * by its file name when that name is unique) is rewritten to start with
 * FILE:LINE and ends with "[OUTPUT:N]"; every other line is copied as it is.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROGRAM "lines"
#include "common.h"

/* chapters/15-weaving.nw, From a message back to the chapter: <<The outputs of the map>> */
struct output {
	char *path;
	const char *base;
	char **where;		/* where[n - 1]: "FILE:LINE" of line n */
	size_t n, cap;
};

static struct output *outs;
static size_t nouts, ocap;

static void clean_up(void)
{
}

static struct output *find_output(const char *path, size_t len)
{
	for (size_t i = 0; i < nouts; i++)
		if (strlen(outs[i].path) == len && !strncmp(outs[i].path, path, len))
			return &outs[i];
	return NULL;
}

/* chapters/15-weaving.nw, From a message back to the chapter: <<Read the line map>> */
static void read_map(const char *file)
{
	FILE *f = fopen(file, "r");
	if (!f && errno == ENOENT)
		return;		/* nothing tangled with a map yet: copy the messages */
	if (!f)
		die(file);
	char *s = NULL;
	size_t cap = 0;
	ssize_t len;
	int line = 0;
	while ((len = getline(&s, &cap, f)) >= 0) {
		line++;
		if (len > 0 && s[len - 1] == '\n')
			s[--len] = '\0';
		char *sp = strchr(s, ' ');
		char *colon = sp ? sp : NULL;
		while (colon && colon > s && colon[-1] != ':')
			colon--;
		char *end;
		long n = colon && colon > s + 1 ? strtol(colon, &end, 10) : 0;
		if (!sp || n < 1 || end != sp || !strchr(sp + 1, ':'))
			fail_at(file, line, "malformed line map entry");
		size_t plen = (size_t)(colon - 1 - s);
		struct output *o = find_output(s, plen);
		if (!o) {
			outs = grow(outs, &ocap, nouts + 1, sizeof *outs);
			o = &outs[nouts++];
			memset(o, 0, sizeof *o);
			o->path = strndup(s, plen);
			if (!o->path)
				die("malloc");
			const char *slash = strrchr(o->path, '/');
			o->base = slash ? slash + 1 : o->path;
		}
		if ((size_t)n != o->n + 1)
			fail_at(file, line, "line %ld of %s out of order", n, o->path);
		o->where = grow(o->where, &o->cap, o->n + 1, sizeof *o->where);
		o->where[o->n] = strdup(sp + 1);
		if (!o->where[o->n++])
			die("malloc");
	}
	if (ferror(f))
		die(file);
	fclose(f);
	free(s);
}

/* chapters/15-weaving.nw, From a message back to the chapter: <<Find the output a path names>> */
/* The output a compiler's path names: itself, or the one output with its file name. */
static struct output *resolve(const char *path, size_t len, const char *cwd)
{
	size_t cl = strlen(cwd);
	if (len > cl && !strncmp(path, cwd, cl) && path[cl] == '/') {
		path += cl + 1;
		len -= cl + 1;
	}
	while (len > 2 && !strncmp(path, "./", 2)) {
		path += 2;
		len -= 2;
	}
	struct output *o = find_output(path, len);
	if (o)
		return o;
	const char *base = path + len;
	while (base > path && base[-1] != '/')
		base--;
	size_t bl = (size_t)(path + len - base);
	struct output *found = NULL;
	for (size_t i = 0; i < nouts; i++)
		if (strlen(outs[i].base) == bl && !strncmp(outs[i].base, base, bl)) {
			if (found)
				return NULL;	/* two outputs of that name: no guessing */
			found = &outs[i];
		}
	return found;
}

/* chapters/15-weaving.nw, From a message back to the chapter:
 * <<Find a message's place in the book>>
 */
/* If s starts with "PATH:N" for a tangled PATH, its place in the book; *used: its length. */
static const char *book_place(const char *s, const char *cwd, size_t *used, char *note, size_t notelen)
{
	const char *c = s;
	while (*c && *c != ':' && *c != ' ')
		c++;
	if (*c != ':' || c == s || c[1] < '0' || c[1] > '9')
		return NULL;
	char *end;
	long n = strtol(c + 1, &end, 10);
	if (*end != ':' && *end != ',')
		return NULL;
	struct output *o = resolve(s, (size_t)(c - s), cwd);
	if (!o || n < 1 || (size_t)n > o->n)
		return NULL;
	snprintf(note, notelen, " [%s:%ld]", o->path, n);
	*used = (size_t)(end - s);
	return o->where[n - 1];
}

/* chapters/15-weaving.nw, From a message back to the chapter: <<Run a command into a pipe>> */
/* Runs argv with its stdout and stderr going into a pipe, read as our stdin. */
static pid_t run(char **argv)
{
	int fd[2];
	if (pipe(fd) != 0)
		die("pipe");
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		dup2(fd[1], 1);
		dup2(fd[1], 2);
		close(fd[0]);
		close(fd[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "lines: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (dup2(fd[0], 0) < 0)
		die("dup2");
	close(fd[0]);
	close(fd[1]);
	return pid;
}

/* chapters/15-weaving.nw, From a message back to the chapter: <<Rewrite every message>> */
int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: lines LINE-MAP [COMMAND [ARG...]] <messages\n");
		return 2;
	}
	read_map(argv[1]);
	pid_t child = argc > 2 ? run(argv + 2) : 0;
	char cwd[4096];
	if (!getcwd(cwd, sizeof cwd))
		die("getcwd");
	char *s = NULL;
	size_t cap = 0;
	ssize_t len;
	static const char *const prefixes[] = { "In file included from ", "                 from " };
	while ((len = getline(&s, &cap, stdin)) >= 0) {
		int nl = len > 0 && s[len - 1] == '\n';
		if (nl)
			s[--len] = '\0';
		size_t pl = 0, used = 0;
		for (size_t k = 0; k < 2; k++)
			if (!strncmp(s, prefixes[k], strlen(prefixes[k])))
				pl = strlen(prefixes[k]);
		char note[4200];
		const char *place = book_place(s + pl, cwd, &used, note, sizeof note);
		if (place)
			printf("%.*s%s%s%s", (int)pl, s, place, s + pl + used, note);
		else
			fputs(s, stdout);
		if (nl)
			putchar('\n');
	}
	if (ferror(stdin))
		die("<stdin>");
	if (fflush(stdout) != 0)
		die("<stdout>");
	free(s);
	if (child) {
		int status;
		if (waitpid(child, &status, 0) < 0)
			die("waitpid");
		return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	}
	return 0;
}
