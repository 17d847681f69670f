// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/4-launcher.nw; edit the chapter, not this file. */
/* console.c: the virtio console, on the Launcher's stdin and stdout. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "lguest.h"
#include "launcher.h"

#define CONSOLE_RX	0
#define CONSOLE_TX	1

struct console {
	struct vdev dev;
	pthread_cond_t buffers;		/* the driver gave receive buffers */
	char input[256];		/* typed, not yet delivered */
	uint32_t input_len;
};

static struct console console;

/* chapters/4-launcher.nw, The console: <<Write out what the guest transmits>> */
static void transmit(struct vdev *d, struct vqueue *q)
{
	static struct chain chains[VQUEUE_MAX];
	unsigned int n = 0, i, k;

	while (n < q->num && vq_take(d, q, &chains[n]))
		n++;
	for (i = 0; i < n; i++) {
		for (k = 0; k < chains[i].n; k++)
			if (!chains[i].part[k].writable)
				write_all(STDOUT_FILENO, chains[i].part[k].p,
					  chains[i].part[k].len);
		vq_give(d, q, &chains[i], 0);
	}
	if (n)
		vdev_interrupt(d);
}

/* chapters/4-launcher.nw, The console: <<Deliver typed input into the guest's receive buffers>> */
static void deliver_input(struct console *con)
{
	struct vqueue *q = &con->dev.vq[CONSOLE_RX];
	static struct chain c;
	uint32_t done = 0, n;
	unsigned int k;

	while (con->input_len > 0 && vq_take(&con->dev, q, &c)) {
		for (k = 0, done = 0; k < c.n && con->input_len > 0; k++) {
			n = c.part[k].len < con->input_len ? c.part[k].len :
							      con->input_len;
			memcpy(c.part[k].p, con->input, n);
			memmove(con->input, con->input + n, con->input_len - n);
			con->input_len -= n;
			done += n;
		}
		vq_give(&con->dev, q, &c, done);
		vdev_interrupt(&con->dev);
	}
}

/* chapters/4-launcher.nw, The console: <<Notify the console>> */
static void console_notify(struct vdev *d, unsigned int queue)
{
	struct console *con = (struct console *)d;

	if (queue == CONSOLE_TX) {
		transmit(d, &d->vq[CONSOLE_TX]);
		return;
	}
	deliver_input(con);
	pthread_cond_signal(&con->buffers);
}

/* chapters/4-launcher.nw, The console: <<Read standard input in a thread of its own>> */
static void *read_input(void *arg)
{
	struct console *con = arg;
	sigset_t all;
	ssize_t n;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	pthread_mutex_lock(&con->dev.lock);
	for (;;) {
		while (con->input_len == sizeof(con->input))
			pthread_cond_wait(&con->buffers, &con->dev.lock);
		pthread_mutex_unlock(&con->dev.lock);
		n = read(STDIN_FILENO, con->input + con->input_len,
			 sizeof(con->input) - con->input_len);
		pthread_mutex_lock(&con->dev.lock);
		if (n <= 0 && !(n < 0 && errno == EINTR))
			break;
		con->input_len += n > 0 ? n : 0;
		deliver_input(con);
	}
	pthread_mutex_unlock(&con->dev.lock);
	return NULL;
}

/* chapters/4-launcher.nw, The console: <<Add the console>> */
void add_console(const struct guest *g)
{
	pthread_t thread;

	add_device(&console.dev, g, "console", 3);
	console.dev.nqueues = 2;
	console.dev.notify = console_notify;
	pthread_cond_init(&console.buffers, NULL);
	if (pthread_create(&thread, NULL, read_input, &console))
		die("cannot start the console's input thread");
	pthread_detach(thread);
}
