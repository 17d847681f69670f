// SPDX-License-Identifier: GPL-2.0
/* forkmem.c: a Launcher that forks must still share its memory with its
 * guest.  A tiny guest copies the word at 0x3000 to 0x3004 and reports it
 * with a device write, over and over; the Launcher writes 1, 2 and 3 at
 * 0x3000, forking between the first and the second, and checks that the
 * guest saw each value, that the copy at 0x3004 reached the Launcher's
 * memory, and that the child's memory kept what it had at the fork.
 * Prints one line, "forkmem: ..."; exits 0 if all held.
 * Built static for the i386 host: gcc -m32 -static -O2. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "lguest.h"

#define PAGE	4096u
#define PAGES	8
#define CODE	0x2000u
#define IN	0x3000u
#define OUT	0x3004u

/* mov IN,%ecx; mov %ecx,OUT; mov $LHCALL_MMIO_WRITE,%eax; xor %ebx,%ebx;
 * int $0x1f; jmp back to the start. */
static const uint8_t guest_code[] = {
	0x8b, 0x0d, IN & 0xff, IN >> 8, 0, 0,
	0x89, 0x0d, OUT & 0xff, OUT >> 8, 0, 0,
	0xb8, LHCALL_MMIO_WRITE, 0, 0, 0,
	0x31, 0xdb,
	0xcd, LGUEST_TRAP_HCALL,
	0xeb, 0xe9,
};

static uint8_t *mem;

static volatile uint32_t *word(uint32_t gpa)
{
	return (volatile uint32_t *)(mem + gpa);
}

/* Guest memory: a page directory, a page table mapping every page at its
 * own address, and the code. */
static void make_guest(void)
{
	uint32_t *pgd = (uint32_t *)mem, *pt = (uint32_t *)(mem + PAGE), i;

	pgd[0] = PAGE | 0x63;
	for (i = 0; i < PAGES; i++)
		pt[i] = i * PAGE | 0x63;
	memcpy(mem + CODE, guest_code, sizeof(guest_code));
}

/* Write value for the guest, run it until it reports; what it saw. */
static uint32_t round_trip(int fd, uint32_t value)
{
	struct lguest_exit exit;
	ssize_t n;

	*word(IN) = value;
	do
		n = read(fd, &exit, sizeof(exit));
	while (n < 0 && errno == EINTR);
	if (n != sizeof(exit) || exit.reason != LGUEST_EXIT_MMIO_WRITE) {
		printf("forkmem: read %zd, reason %u: %s\n", n,
		       n == sizeof(exit) ? exit.reason : 0,
		       n == sizeof(exit) ? exit.message : strerror(errno));
		_exit(1);
	}
	return exit.arg[1];
}

int main(void)
{
	struct lguest_init init = {
		.request = LHREQ_INIT, .version = LGUEST_ABI_VERSION,
		.mem_size = PAGES * PAGE, .eip = CODE, .cr3 = 0, .esi = 0,
	};
	uint32_t saw[3], copied[3], i;
	int fd, pipefd[2], status, bad = 0;
	char go;
	pid_t pid = -1;

	mem = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	fd = open("/dev/lguest", O_RDWR);
	if (mem == MAP_FAILED || fd < 0 || pipe(pipefd) < 0) {
		perror("forkmem");
		return 1;
	}
	make_guest();
	init.mem_base = (uint32_t)(uintptr_t)mem;
	if (write(fd, &init, sizeof(init)) != sizeof(init)) {
		perror("forkmem: /dev/lguest");
		return 1;
	}
	for (i = 0; i < 3; i++) {
		if (i == 1 && (pid = fork()) == 0) {
			/* The child keeps its pages until told to look. */
			while (read(pipefd[0], &go, 1) < 0 && errno == EINTR)
				;
			_exit(*word(OUT) != 1);
		}
		saw[i] = round_trip(fd, i + 1);
		copied[i] = *word(OUT);
		bad |= saw[i] != i + 1 || copied[i] != i + 1;
	}
	if (pid < 0 || write(pipefd[1], "", 1) != 1 ||
	    waitpid(pid, &status, 0) != pid)
		status = -1;
	bad |= status != 0;
	printf("forkmem: wrote 1 2 3, guest saw %u %u %u, copied back %u %u %u; child %s\n",
	       saw[0], saw[1], saw[2], copied[0], copied[1], copied[2],
	       status == 0 ? "kept 1" : "lost its copy");
	return bad;
}
