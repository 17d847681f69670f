// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/4-launcher.nw; edit the chapter, not this file. */
/* lguest.c: the Launcher's command line, its error exits, and main(). */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lguest.h"
#include "launcher.h"

/* chapters/4-launcher.nw, Giving up clearly:
 * <<Stop the Launcher with a message and an exit status>>
 */
static noreturn void vdie(int status, const char *fmt, va_list ap)
{
	fputs("lguest: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	exit(status);
}

noreturn void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdie(STATUS_LAUNCHER_FAILED, fmt, ap);
}

noreturn void die_with(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdie(status, fmt, ap);
}

/* chapters/4-launcher.nw, The command line: <<The Launcher's options>> */
#define GUEST_MEM_MIB_MIN	4
#define GUEST_MEM_MIB_MAX	1024
#define GUEST_MEM_MIB_DEFAULT	32

struct options {
	unsigned int mem_mib;
	const char *guest;
	const char *disk;	/* a file for the block device, or NULL */
	bool read_only;
	char cmdline[LGUEST_CMDLINE_MAX];
};

/* chapters/4-launcher.nw, The command line: <<Print the Launcher's usage>> */
static void print_usage(void)
{
	printf("Usage: lguest [OPTIONS] GUEST [ARGS...]\n"
	       "Run GUEST, a 32-bit i386 kernel in ELF format, under /dev/lguest.\n"
	       "ARGS are joined with spaces into the guest's command line.\n\n"
	       "  -m, --memory=MiB  guest memory, %d to %d MiB (default %d)\n"
	       "  -d, --disk=FILE   give the guest a block device on FILE\n"
	       "  -r, --read-only   make that block device read-only\n"
	       "  -h, --help        print this help and exit\n\n",
	       GUEST_MEM_MIB_MIN, GUEST_MEM_MIB_MAX, GUEST_MEM_MIB_DEFAULT);
	printf("Exit status:\n"
	       "  0  the guest shut down with status 0\n"
	       "  1  the Launcher failed (options, guest file, /dev/lguest)\n"
	       "  2  the guest shut down with a non-zero status\n"
	       "  3  the Host killed the guest, or the guest misbehaved\n");
}

/* chapters/4-launcher.nw, The command line: <<Parse a memory size in MiB>> */
static unsigned int parse_mem_size(const char *arg)
{
	unsigned long mib;
	char *end;

	errno = 0;
	mib = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || mib < GUEST_MEM_MIB_MIN ||
	    mib > GUEST_MEM_MIB_MAX)
		die("memory size '%s' is not a number of MiB from %d to %d",
		    arg, GUEST_MEM_MIB_MIN, GUEST_MEM_MIB_MAX);
	return mib;
}

/* chapters/4-launcher.nw, The command line:
 * <<Join the remaining arguments into the guest's command line>>
 */
static void join_cmdline(char *cmdline, int argc, char *argv[])
{
	size_t len = 0, n;
	int i;

	for (i = 0; i < argc; i++) {
		n = strlen(argv[i]);
		if (len + (i > 0) + n > LGUEST_CMDLINE_MAX - 1)
			die("guest command line is longer than %d bytes",
			    LGUEST_CMDLINE_MAX - 1);
		if (i > 0)
			cmdline[len++] = ' ';
		memcpy(cmdline + len, argv[i], n);
		len += n;
	}
	cmdline[len] = '\0';
}

/* chapters/4-launcher.nw, The command line: <<Parse the Launcher's command line>> */
static void parse_options(int argc, char *argv[], struct options *opts)
{
	static const struct option longopts[] = {
		{ "memory", required_argument, NULL, 'm' },
		{ "disk", required_argument, NULL, 'd' },
		{ "read-only", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static char name[] = "lguest";
	int c;

	*opts = (struct options){ .mem_mib = GUEST_MEM_MIB_DEFAULT };
	argv[0] = name;
	while ((c = getopt_long(argc, argv, "+m:d:rh", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			opts->mem_mib = parse_mem_size(optarg);
			break;
		case 'd':
			opts->disk = optarg;
			break;
		case 'r':
			opts->read_only = true;
			break;
		case 'h':
			print_usage();
			exit(EXIT_SUCCESS);
		default:
			die("try 'lguest --help'");
		}
	}
	if (optind >= argc)
		die("no guest file given (try 'lguest --help')");
	opts->guest = argv[optind];
	join_cmdline(opts->cmdline, argc - optind - 1, argv + optind + 1);
}

/* chapters/4-launcher.nw, The Launcher in outline: <<Run one guest from start to finish>> */
int main(int argc, char *argv[])
{
	struct options opts;
	struct guest g;

	parse_options(argc, argv, &opts);
	map_guest_memory(&g, opts.mem_mib);
	plan_boot_layout(&g);
	load_guest(&g, opts.guest);
	build_boot_page_tables(&g);
	write_boot_info(&g, opts.cmdline);
	add_console(&g);
	if (opts.disk)
		add_block(&g, opts.disk, opts.read_only);
	run_guest(&g);
}
