// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/4-launcher.nw; edit the chapter, not this file. */
/* virtio.c: the virtio-mmio registers and the virtqueues, device side. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "lguest.h"
#include "launcher.h"

/* chapters/4-launcher.nw, Killing a guest from here:
 * <<Kill the guest for what it did to a device>>
 */
noreturn void vdev_kill(const struct vdev *d, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	die_with(STATUS_GUEST_KILLED, "guest killed: %s: %s", d->name, why);
}

/* chapters/4-launcher.nw, Killing a guest from here:
 * <<Reach guest memory for a device, or kill the guest>>
 */
static void *vdev_mem(const struct vdev *d, uint64_t gpa, uint32_t len,
		      const char *what)
{
	if (gpa > UINT32_MAX || !range_ok(gpa, len, d->g->mem_size))
		vdev_kill(d, "%s: 0x%x bytes at 0x%llx outside guest memory",
			  what, len, (unsigned long long)gpa);
	return guest_ptr(d->g, gpa);
}

/* chapters/4-launcher.nw, Queues: <<Check a queue when the driver makes it ready>> */
static void check_queue(const struct vdev *d, struct vqueue *q)
{
	if (q->num == 0 || q->num > VQUEUE_MAX || (q->num & (q->num - 1)))
		vdev_kill(d, "queue size %u", q->num);
	if ((q->desc & 15) || (q->avail & 1) || (q->used & 3))
		vdev_kill(d, "queue parts misaligned");
	vdev_mem(d, q->desc, 16 * q->num, "descriptor table");
	vdev_mem(d, q->avail, 6 + 2 * q->num, "available ring");
	vdev_mem(d, q->used, 6 + 8 * q->num, "used ring");
	q->last_avail = q->used_idx = 0;
	memset(q->busy, 0, sizeof(q->busy));
	q->ready = true;
}

/* chapters/4-launcher.nw, Queues: <<Take the next chain from a queue>> */
static bool in_chain(const struct chain *c, uint16_t i)
{
	unsigned int k;

	for (k = 0; k < c->n; k++)
		if (c->part[k].index == i)
			return true;
	return false;
}

static uint16_t ring_read(const struct vdev *d, uint32_t gpa)
{
	uint16_t v;

	memcpy(&v, guest_ptr(d->g, gpa), 2);
	return v;
}

/* chapters/4-launcher.nw, Queues: <<Take the next chain from a queue>> */
bool vq_take(struct vdev *d, struct vqueue *q, struct chain *c)
{
	uint16_t idx = ring_read(d, q->avail + 2);
	uint16_t ahead = idx - q->last_avail;

	if (!q->ready || ahead == 0)
		return false;
	if (ahead > q->num)
		vdev_kill(d, "available index 0x%x is %u entries ahead of %u",
			  idx, ahead, q->num);
	c->head = ring_read(d, q->avail + 4 + 2 * (q->last_avail % q->num));
	if (c->head >= q->num)
		vdev_kill(d, "chain head %u in a queue of %u", c->head, q->num);
	q->last_avail++;
	{
		uint16_t i = c->head, flags = VIRTQ_F_NEXT_BIT;

		c->n = c->readable = c->writable = 0;
		while (flags & VIRTQ_F_NEXT_BIT) {
			struct { uint64_t addr; uint32_t len; uint16_t flags, next; } desc;

			if (i >= q->num)
				vdev_kill(d, "descriptor %u in a queue of %u", i, q->num);
			if (q->busy[i] && in_chain(c, i))
				vdev_kill(d, "descriptor chain from %u loops at %u",
					  c->head, i);
			if (q->busy[i])
				vdev_kill(d, "descriptor %u reused while the device holds it", i);
			memcpy(&desc, guest_ptr(d->g, q->desc + 16 * i), 16);
			if (desc.flags & VIRTQ_F_INDIRECT_BIT)
				vdev_kill(d, "indirect descriptor %u", i);
			if (!(desc.flags & VIRTQ_F_WRITE_BIT) && c->writable)
				vdev_kill(d, "readable descriptor %u after a writable one", i);
			c->part[c->n].p = vdev_mem(d, desc.addr, desc.len, "buffer");
			c->part[c->n].len = desc.len;
			c->part[c->n].writable = desc.flags & VIRTQ_F_WRITE_BIT;
			c->part[c->n].index = i;
			if (__builtin_add_overflow(desc.flags & VIRTQ_F_WRITE_BIT ? c->writable :
						   c->readable, desc.len,
						   desc.flags & VIRTQ_F_WRITE_BIT ? &c->writable :
						   &c->readable))
				vdev_kill(d, "chain from %u is longer than 4 GiB", c->head);
			c->n++;
			q->busy[i] = true;
			flags = desc.flags;
			i = desc.next;
		}
	}
	return true;
}

/* chapters/4-launcher.nw, Queues: <<Give a chain back through the used ring>> */
void vq_give(struct vdev *d, struct vqueue *q, const struct chain *c,
	     uint32_t written)
{
	uint8_t *used = guest_ptr(d->g, q->used);
	uint32_t elem[2] = { c->head, written };
	unsigned int k;

	memcpy(used + 4 + 8 * (q->used_idx % q->num), elem, 8);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	q->used_idx++;
	memcpy(used + 2, &q->used_idx, 2);
	for (k = 0; k < c->n; k++)
		q->busy[c->part[k].index] = false;
}

/* chapters/4-launcher.nw, Queues: <<Raise a device's interrupt>> */
void vdev_interrupt(struct vdev *d)
{
	d->isr |= 1;
	raise_interrupt(d->slot + 1);
}

/* chapters/4-launcher.nw, The registers: <<Read a virtio register>> */
static struct vqueue *selected_queue(struct vdev *d)
{
	return d->queue_sel < d->nqueues ? &d->vq[d->queue_sel] : NULL;
}

static uint32_t vdev_read(struct vdev *d, uint32_t offset)
{
	struct vqueue *q = selected_queue(d);

	if (offset >= VIRTIO_REG_CONFIG)
		return d->config_read ? d->config_read(d, offset - VIRTIO_REG_CONFIG) : 0;
	switch (offset) {
	case VIRTIO_REG_MAGIC:		return 0x74726976;	/* "virt" */
	case VIRTIO_REG_VERSION:	return 2;
	case VIRTIO_REG_DEVICE_ID:	return d->id;
	case VIRTIO_REG_VENDOR_ID:	return 0x4c47;		/* "LG" */
	case VIRTIO_REG_DEVICE_FEATURES:
		return d->features_sel < 2 ? d->features[d->features_sel] : 0;
	case VIRTIO_REG_QUEUE_NUM_MAX:	return q ? VQUEUE_MAX : 0;
	case VIRTIO_REG_QUEUE_READY:	return q && q->ready;
	case VIRTIO_REG_INTERRUPT_STATUS: return d->isr;
	case VIRTIO_REG_STATUS:		return d->status;
	}
	return 0;
}

/* chapters/4-launcher.nw, The registers: <<Read a virtio register>> */
uint32_t vdev_reg_read(struct vdev *d, uint32_t offset)
{
	uint32_t v;

	pthread_mutex_lock(&d->lock);
	v = vdev_read(d, offset);
	pthread_mutex_unlock(&d->lock);
	return v;
}

/* chapters/4-launcher.nw, The registers: <<Set a device's status>> */
static void set_status(struct vdev *d, uint32_t value)
{
	if (value == 0) {
		memset(d->vq, 0, sizeof(d->vq));
		d->status = d->isr = 0;
		d->driver_features[0] = d->driver_features[1] = 0;
		return;
	}
	if ((value & VIRTIO_STATUS_FEATURES_OK_BIT) &&
	    ((d->driver_features[0] & ~d->features[0]) ||
	     (d->driver_features[1] & ~d->features[1]) ||
	     !(d->driver_features[1] & 1)))
		value &= ~VIRTIO_STATUS_FEATURES_OK_BIT;
	d->status = value;
}

/* chapters/4-launcher.nw, The registers: <<Write a virtio register>> */
static void vdev_write(struct vdev *d, uint32_t offset, uint32_t value)
{
	struct vqueue *q = selected_queue(d);

	switch (offset) {
	case VIRTIO_REG_DEVICE_FEATURES_SEL:	d->features_sel = value; break;
	case VIRTIO_REG_DRIVER_FEATURES_SEL:	d->driver_features_sel = value; break;
	case VIRTIO_REG_DRIVER_FEATURES:
		if (d->driver_features_sel < 2)
			d->driver_features[d->driver_features_sel] = value;
		break;
	case VIRTIO_REG_QUEUE_SEL:		d->queue_sel = value; break;
	case VIRTIO_REG_QUEUE_NUM:
		if (q && !q->ready)
			q->num = value;
		break;
	case VIRTIO_REG_QUEUE_DESC_LOW:		if (q && !q->ready) q->desc = value; break;
	case VIRTIO_REG_QUEUE_AVAIL_LOW:	if (q && !q->ready) q->avail = value; break;
	case VIRTIO_REG_QUEUE_USED_LOW:		if (q && !q->ready) q->used = value; break;
	case VIRTIO_REG_QUEUE_DESC_HIGH:
	case VIRTIO_REG_QUEUE_AVAIL_HIGH:
	case VIRTIO_REG_QUEUE_USED_HIGH:
		if (value)
			vdev_kill(d, "queue address above 4 GiB");
		break;
	case VIRTIO_REG_QUEUE_READY:
		if (value && q)
			check_queue(d, q);
		break;
	case VIRTIO_REG_QUEUE_NOTIFY:
		if (value < d->nqueues && d->vq[value].ready)
			d->notify(d, value);
		break;
	case VIRTIO_REG_INTERRUPT_ACK:		d->isr &= ~value; break;
	case VIRTIO_REG_STATUS:			set_status(d, value); break;
	}
}

/* chapters/4-launcher.nw, The registers: <<Write a virtio register>> */
void vdev_reg_write(struct vdev *d, uint32_t offset, uint32_t value)
{
	pthread_mutex_lock(&d->lock);
	vdev_write(d, offset, value);
	pthread_mutex_unlock(&d->lock);
}
