// SPDX-License-Identifier: GPL-2.0
/* nmiinject.c: send NMIs through QEMU's monitor, one at a time, each
 * only once the host has counted the one before.
 * Usage: nmiinject SOCKET LOG N SEED
 * The host prints "nmicount C" on its console (LOG) whenever its NMI
 * count changes.  Each NMI is sent at a random moment, up to 10 ms
 * after the last count arrived; waiting for the count keeps QEMU from
 * merging two NMIs into one when the emulated processor is starved of
 * time on a busy machine.  An NMI not counted within 5 s is reported
 * lost, and the next is sent anyway. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* Read until the monitor's prompt, so that commands never pile up. */
static int wait_prompt(int fd)
{
	char buf[4096];
	size_t have = 0;
	ssize_t n;

	for (;;) {
		n = read(fd, buf + have, sizeof(buf) - 1 - have);
		if (n <= 0)
			return -1;
		have += n;
		buf[have] = '\0';
		if (strstr(buf, "(qemu) "))
			return 0;
		if (have > sizeof(buf) / 2) {
			memmove(buf, buf + have - 16, 16);
			have = 16;
		}
	}
}

/* The last "nmicount C" in the log, reading only what is new.  A line
 * still being written (no newline yet) is read again next time. */
static long last_count(FILE *log, long count)
{
	char line[512];
	size_t len;
	long c;

	clearerr(log);
	while (fgets(line, sizeof(line), log)) {
		len = strlen(line);
		if (line[len - 1] != '\n' && len < sizeof(line) - 1) {
			fseek(log, -(long)len, SEEK_CUR);
			break;
		}
		if (sscanf(line, "nmicount %ld", &c) == 1)
			count = c;
	}
	return count;
}

static int connect_monitor(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0), tries;

	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", path);
	for (tries = 0; connect(fd, (struct sockaddr *)&addr, sizeof(addr)); tries++) {
		if (tries > 600)
			return -1;
		usleep(100000);
	}
	return wait_prompt(fd) ? -1 : fd;
}

int main(int argc, char **argv)
{
	FILE *log;
	long count = -1, before;
	int fd, i, n, lost = 0, waited;

	if (argc != 5) {
		fprintf(stderr, "usage: nmiinject SOCKET LOG N SEED\n");
		return 2;
	}
	n = atoi(argv[3]);
	srandom(atoi(argv[4]));
	fd = connect_monitor(argv[1]);
	log = fopen(argv[2], "r");
	if (fd < 0 || !log) {
		perror("nmiinject");
		return 1;
	}
	while ((count = last_count(log, count)) < 0)
		usleep(10000);
	for (i = 0; i < n; i++) {
		before = count;
		usleep(random() % 10000);
		if (write(fd, "nmi\n", 4) != 4 || wait_prompt(fd))
			return 1;
		for (waited = 0; (count = last_count(log, count)) == before; waited++) {
			if (waited == 2500) {
				lost++;
				break;
			}
			usleep(2000);
		}
	}
	printf("nmiinject: %d NMIs sent, %d not counted within 5 s\n", n, lost);
	return 0;
}
