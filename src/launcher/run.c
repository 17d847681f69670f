// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/4-launcher.nw; edit the chapter, not this file. */
/* run.c: running the guest through /dev/lguest. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lguest.h"
#include "launcher.h"

/* chapters/4-launcher.nw, Running the guest through /dev/lguest: <<Open /dev/lguest>> */
static int open_lguest(void)
{
	int fd = open("/dev/lguest", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		die("/dev/lguest: %s (is lg.ko loaded?)", strerror(errno));
	return fd;
}

/* chapters/4-launcher.nw, Running the guest through /dev/lguest:
 * <<Tell the Host about the guest>>
 */
static void start_guest(int fd, const struct guest *g)
{
	struct lguest_init init = {
		.request = LHREQ_INIT,
		.version = LGUEST_ABI_VERSION,
		.mem_base = (uint32_t)(uintptr_t)g->mem,
		.mem_size = g->mem_size,
		.eip = g->entry,
		.cr3 = g->pgdir,
		.esi = g->mem_top,
	};
	ssize_t n = write(fd, &init, sizeof(init));

	if (n < 0 && errno == EPROTO)
		die("/dev/lguest: the Host does not speak ABI version %u",
		    LGUEST_ABI_VERSION);
	if (n < 0)
		die("/dev/lguest: cannot start the guest: %s", strerror(errno));
	if (n != sizeof(init))
		die("/dev/lguest: short write (%zd of %zu bytes)", n,
		    sizeof(init));
}

/* chapters/4-launcher.nw, Running the guest through /dev/lguest:
 * <<Read the next exit from the Host>>
 */
static void read_exit(int fd, struct lguest_exit *reply)
{
	ssize_t n;

	do
		n = read(fd, reply, sizeof(*reply));
	while (n < 0 && errno == EINTR);
	if (n < 0)
		die("/dev/lguest: %s", strerror(errno));
	if (n != sizeof(*reply))
		die("/dev/lguest: short read (%zd of %zu bytes)", n,
		    sizeof(*reply));
}

/* chapters/4-launcher.nw, Running the guest through /dev/lguest:
 * <<Copy the guest's console output to standard output>>
 */
void write_all(int fd, const void *buf, uint32_t len)
{
	const uint8_t *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("output: %s", strerror(errno));
		p += n;
		len -= n;
	}
}

/* chapters/4-launcher.nw, Running the guest through /dev/lguest:
 * <<Print the guest's console output if it lies in guest memory>>
 */
static void print_console(const struct guest *g, uint32_t gpa, uint32_t len)
{
	/* gpa and len came from the guest. */
	if (!range_ok(gpa, len, g->mem_size))
		die_with(STATUS_GUEST_KILLED,
			 "guest console write out of range: gpa 0x%x, length 0x%x",
			 gpa, len);
	write_all(STDOUT_FILENO, guest_ptr(g, gpa), len);
}

/* chapters/4-launcher.nw, Running the guest through /dev/lguest:
 * <<Finish with the guest's shutdown status>>
 */
static noreturn void finish(uint32_t status)
{
	if (status == 0)
		exit(STATUS_GUEST_OK);
	die_with(STATUS_GUEST_FAILED, "guest shut down with status %u", status);
}

/* chapters/4-launcher.nw, Running the guest through /dev/lguest:
 * <<Report why the Host killed the guest>>
 */
static noreturn void report_killed(const char *message)
{
	die_with(STATUS_GUEST_KILLED, "guest killed: %.*s",
		 (int)strnlen(message, LGUEST_MESSAGE_MAX), message);
}

/* chapters/4-launcher.nw, Running the guest through /dev/lguest:
 * <<Raise the poke line when SIGUSR1 arrives>>
 */
static int guest_fd = -1;

static void raise_poke_line(int sig)
{
	const struct lguest_irq irq = {
		.request = LHREQ_IRQ, .line = LGUEST_IRQ_POKE
	};
	int saved = errno;

	(void)sig;
	if (write(guest_fd, &irq, sizeof(irq)) < 0)
		_exit(STATUS_LAUNCHER_FAILED);
	errno = saved;
}

/* chapters/4-launcher.nw, Running the guest through /dev/lguest:
 * <<Raise the poke line when SIGUSR1 arrives>>
 */
void raise_interrupt(unsigned int line)
{
	const struct lguest_irq irq = { .request = LHREQ_IRQ, .line = line };

	if (guest_fd >= 0 && write(guest_fd, &irq, sizeof(irq)) < 0)
		die("/dev/lguest: cannot raise interrupt %u: %s", line,
		    strerror(errno));
}

/* chapters/4-launcher.nw, Running the guest through /dev/lguest:
 * <<Answer the guest's device register read>>
 */
static void answer_mmio_read(int fd, uint32_t value)
{
	const struct lguest_mmio_reply reply = {
		.request = LHREQ_MMIO_REPLY, .value = value
	};

	if (write(fd, &reply, sizeof(reply)) != sizeof(reply))
		die("/dev/lguest: cannot answer a register read: %s",
		    strerror(errno));
}

/* chapters/4-launcher.nw, Running the guest through /dev/lguest:
 * <<Run the guest until it stops>>
 */
noreturn void run_guest(const struct guest *g)
{
	struct lguest_exit reply;
	int fd = open_lguest();

	signal(SIGINT, SIG_DFL);
	start_guest(fd, g);
	guest_fd = fd;
	signal(SIGUSR1, raise_poke_line);
	for (;;) {
		read_exit(fd, &reply);
		switch (reply.reason) {
		case LGUEST_EXIT_CONSOLE:
			print_console(g, reply.arg[0], reply.arg[1]);
			break;
		case LGUEST_EXIT_SHUTDOWN:
			finish(reply.arg[0]);
		case LGUEST_EXIT_KILLED:
			report_killed(reply.message);
		case LGUEST_EXIT_MMIO_READ:
			answer_mmio_read(fd, device_read(reply.arg[0]));
			break;
		case LGUEST_EXIT_MMIO_WRITE:
			device_write(reply.arg[0], reply.arg[1]);
			break;
		default:
			die("unknown exit reason %u from /dev/lguest", reply.reason);
		}
	}
}
