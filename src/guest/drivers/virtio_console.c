// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/3-drivers.nw; edit the chapter, not this file. */
/* virtio_console.c: the virtio console: output, and lines of input. */
#include "virtio_console.h"
#include "lib.h"
#include "paravirt.h"
#include "traps.h"
#include "virtio.h"

#define VCON_RX		0
#define VCON_TX		1
#define VCON_RX_BUFS	4
#define VCON_RX_SIZE	64

static struct virtio_dev vcon;
static char rx_bufs[VCON_RX_BUFS][VCON_RX_SIZE];
static char tx_buf[256];

/* chapters/3-drivers.nw, The console: <<Acknowledge the console's interrupts>> */
static void vcon_interrupt(struct trap_frame *tf)
{
	(void)tf;
	virtio_acknowledge(&vcon);
}

/* chapters/3-drivers.nw, The console: <<Give the console an empty buffer to fill>> */
static uint8_t rx_buf_of[VIRTQ_SIZE];

static void post_rx_buffer(unsigned int i)
{
	struct virtq_buf buf = { __pa(rx_bufs[i]), VCON_RX_SIZE, true };
	int head = virtq_add(&vcon.queues[VCON_RX], &buf, 1);

	if (head >= 0)
		rx_buf_of[head] = i;
}

/* chapters/3-drivers.nw, The console: <<Start the console>> */
bool vcon_init(void)
{
	unsigned int i;

	if (!virtio_find(VIRTIO_ID_CONSOLE, &vcon) || !virtio_start(&vcon, 0))
		return false;
	virtq_setup(&vcon, VCON_RX);
	virtq_setup(&vcon, VCON_TX);
	set_irq_handler(vcon.line, vcon_interrupt);
	virtio_ready(&vcon);
	for (i = 0; i < VCON_RX_BUFS; i++)
		post_rx_buffer(i);
	virtq_kick(&vcon, VCON_RX);
	return true;
}

/* chapters/3-drivers.nw, The console: <<Write to the console>> */
void vcon_write(const char *s, uint32_t len)
{
	struct virtq_buf buf = { __pa(tx_buf), 0, false };
	uint16_t head;
	uint32_t n;

	while (len > 0) {
		n = len < sizeof(tx_buf) ? len : sizeof(tx_buf);
		memcpy(tx_buf, s, n);
		buf.len = n;
		virtq_add(&vcon.queues[VCON_TX], &buf, 1);
		virtq_kick(&vcon, VCON_TX);
		virtq_wait(&vcon.queues[VCON_TX]);
		virtq_take_used(&vcon.queues[VCON_TX], &head, &n);
		s += buf.len;
		len -= buf.len;
	}
}

/* chapters/3-drivers.nw, The console: <<Read a line from the console>> */
static unsigned int pending_buf;
static uint32_t pending_len, pending_pos;
static bool pending;

static int next_char(void)
{
	struct virtq *rx = &vcon.queues[VCON_RX];
	uint16_t head;

	while (!pending || pending_pos == pending_len) {
		if (pending) {
			post_rx_buffer(pending_buf);
			virtq_kick(&vcon, VCON_RX);
			pending = false;
		}
		virtq_wait(rx);
		pending = virtq_take_used(rx, &head, &pending_len);
		pending_buf = rx_buf_of[head % VIRTQ_SIZE];
		if (pending_len > VCON_RX_SIZE)
			pending_len = VCON_RX_SIZE;
		pending_pos = 0;
	}
	return rx_bufs[pending_buf][pending_pos++];
}

/* chapters/3-drivers.nw, The console: <<Read a line from the console>> */
uint32_t vcon_read_line(char *line, uint32_t max)
{
	uint32_t n = 0;
	int ch;

	while ((ch = next_char()) != '\n' && ch != '\r')
		if (n + 1 < max)
			line[n++] = ch;
	line[n] = '\0';
	return n;
}
