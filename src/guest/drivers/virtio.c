// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/3-drivers.nw; edit the chapter, not this file. */
/* virtio.c: virtio-mmio devices and split virtqueues. */
#include "lguest.h"
#include "lib.h"
#include "paging.h"
#include "paravirt.h"
#include "traps.h"
#include "virtio.h"

/* chapters/3-drivers.nw, Finding and starting a device: <<Read and write a device's registers>> */
static uint32_t reg_read(const struct virtio_dev *dev, uint32_t reg)
{
	return pv_mmio_read(dev->base + reg);
}

static void reg_write(const struct virtio_dev *dev, uint32_t reg,
		      uint32_t value)
{
	pv_mmio_write(dev->base + reg, value);
}

uint32_t virtio_config_read(const struct virtio_dev *dev, uint32_t offset)
{
	return reg_read(dev, VIRTIO_MMIO_CONFIG + offset);
}

/* chapters/3-drivers.nw, Finding and starting a device: <<Find a device by its type>> */
bool virtio_find(uint32_t device_id, struct virtio_dev *dev)
{
	unsigned int slot;

	for (slot = 0; slot < LGUEST_MMIO_SLOTS; slot++) {
		dev->base = LGUEST_MMIO_BASE + slot * LGUEST_MMIO_SLOT;
		dev->line = slot + 1;
		if (reg_read(dev, VIRTIO_MMIO_MAGIC) == VIRTIO_MMIO_MAGIC_VALUE &&
		    reg_read(dev, VIRTIO_MMIO_VERSION) == 2 &&
		    reg_read(dev, VIRTIO_MMIO_DEVICE_ID) == device_id)
			return true;
	}
	return false;
}

/* chapters/3-drivers.nw, Finding and starting a device: <<Start a device and agree on features>> */
bool virtio_start(struct virtio_dev *dev, uint32_t features)
{
	uint32_t high;

	reg_write(dev, VIRTIO_MMIO_STATUS, 0);
	reg_write(dev, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	reg_write(dev, VIRTIO_MMIO_STATUS,
		  VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	reg_write(dev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	high = reg_read(dev, VIRTIO_MMIO_DEVICE_FEATURES);
	if (!(high & 1u << (VIRTIO_F_VERSION_1 - 32)))
		return false;
	reg_write(dev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	features &= reg_read(dev, VIRTIO_MMIO_DEVICE_FEATURES);
	reg_write(dev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	reg_write(dev, VIRTIO_MMIO_DRIVER_FEATURES, features);
	reg_write(dev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	reg_write(dev, VIRTIO_MMIO_DRIVER_FEATURES, 1u << (VIRTIO_F_VERSION_1 - 32));
	reg_write(dev, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE |
		  VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
	return reg_read(dev, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK;
}

/* chapters/3-drivers.nw, Finding and starting a device: <<Start a device and agree on features>> */
bool virtio_has_feature(const struct virtio_dev *dev, unsigned int bit)
{
	reg_write(dev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, bit / 32);
	return reg_read(dev, VIRTIO_MMIO_DEVICE_FEATURES) & 1u << (bit % 32);
}

void virtio_ready(struct virtio_dev *dev)
{
	reg_write(dev, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE |
		  VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK |
		  VIRTIO_STATUS_DRIVER_OK);
}

/* chapters/3-drivers.nw, Setting up a queue: <<Set up one of a device's queues>> */
static void set_queue_address(const struct virtio_dev *dev, uint32_t low,
			      const volatile void *part)
{
	reg_write(dev, low, __pa(part));
	reg_write(dev, low + 4, 0);
}

void virtq_setup(struct virtio_dev *dev, unsigned int index)
{
	struct virtq *q = &dev->queues[index];
	uint8_t *page = alloc_page();
	unsigned int i;

	q->desc = (struct virtq_desc *)page;
	q->avail = (struct virtq_avail *)(page + VIRTQ_SIZE * sizeof(*q->desc));
	q->used = (struct virtq_used *)(page + VIRTQ_USED_OFFSET);
	for (i = 0; i < VIRTQ_SIZE; i++)
		q->desc[i].next = i + 1;
	q->free_head = 0;
	q->num_free = VIRTQ_SIZE;
	q->last_used = 0;
	reg_write(dev, VIRTIO_MMIO_QUEUE_SEL, index);
	reg_write(dev, VIRTIO_MMIO_QUEUE_NUM, VIRTQ_SIZE);
	set_queue_address(dev, VIRTIO_MMIO_QUEUE_DESC_LOW, q->desc);
	set_queue_address(dev, VIRTIO_MMIO_QUEUE_AVAIL_LOW, q->avail);
	set_queue_address(dev, VIRTIO_MMIO_QUEUE_USED_LOW, q->used);
	reg_write(dev, VIRTIO_MMIO_QUEUE_READY, 1);
}

/* chapters/3-drivers.nw, Requests: <<Put a chain of buffers in a queue>> */
#define barrier()	asm volatile("" : : : "memory")

int virtq_add(struct virtq *q, const struct virtq_buf *bufs, unsigned int n)
{
	uint16_t head = q->free_head, i = head, last = head;
	unsigned int k;

	if (n == 0 || n > q->num_free)
		return -1;
	for (k = 0; k < n; k++) {
		q->desc[i].addr = bufs[k].addr;
		q->desc[i].len = bufs[k].len;
		q->desc[i].flags = (bufs[k].device_writes ? VIRTQ_DESC_F_WRITE : 0) |
				   (k + 1 < n ? VIRTQ_DESC_F_NEXT : 0);
		last = i;
		i = q->desc[i].next;
	}
	q->free_head = q->desc[last].next;
	q->num_free -= n;
	q->avail->ring[q->avail->idx % VIRTQ_SIZE] = head;
	barrier();
	q->avail->idx++;
	return head;
}

/* chapters/3-drivers.nw, Requests: <<Put a chain of buffers in a queue>> */
void virtq_kick(const struct virtio_dev *dev, unsigned int index)
{
	barrier();
	reg_write(dev, VIRTIO_MMIO_QUEUE_NOTIFY, index);
}

/* chapters/3-drivers.nw, Requests: <<Take a finished chain back>> */
bool virtq_take_used(struct virtq *q, uint16_t *head, uint32_t *len)
{
	const volatile struct virtq_used_elem *e;
	uint16_t i, n = 1;

	if (q->used->idx == q->last_used)
		return false;
	barrier();
	e = &q->used->ring[q->last_used % VIRTQ_SIZE];
	*head = e->id;
	*len = e->len;
	q->last_used++;
	for (i = *head; q->desc[i].flags & VIRTQ_DESC_F_NEXT; i = q->desc[i].next)
		n++;
	q->desc[i].next = q->free_head;
	q->free_head = *head;
	q->num_free += n;
	return true;
}

/* chapters/3-drivers.nw, Requests: <<Wait until the device has finished a chain>> */
static const struct virtq *waited_queue;

static bool queue_moved(void)
{
	return waited_queue->used->idx != waited_queue->last_used;
}

void virtq_wait(struct virtq *q)
{
	waited_queue = q;
	halt_until(queue_moved);
}

/* chapters/3-drivers.nw, Requests: <<Wait until the device has finished a chain>> */
void virtio_acknowledge(const struct virtio_dev *dev)
{
	reg_write(dev, VIRTIO_MMIO_INTERRUPT_ACK,
		  reg_read(dev, VIRTIO_MMIO_INTERRUPT_STATUS));
}
