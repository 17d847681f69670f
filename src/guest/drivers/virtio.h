/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/3-drivers.nw; edit the chapter, not this file. */
/* virtio.h: virtio-mmio devices and split virtqueues, for the drivers. */
#ifndef GUEST_VIRTIO_H
#define GUEST_VIRTIO_H

#include <stdbool.h>
#include <stdint.h>

/* chapters/3-drivers.nw, The transport: <<The virtio-mmio registers>> */
#define VIRTIO_MMIO_MAGIC		0x000	/* "virt" */
#define VIRTIO_MMIO_VERSION		0x004	/* 2 for virtio 1.x */
#define VIRTIO_MMIO_DEVICE_ID		0x008
#define VIRTIO_MMIO_DEVICE_FEATURES	0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014
#define VIRTIO_MMIO_DRIVER_FEATURES	0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024
#define VIRTIO_MMIO_QUEUE_SEL		0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define VIRTIO_MMIO_QUEUE_NUM		0x038
#define VIRTIO_MMIO_QUEUE_READY		0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define VIRTIO_MMIO_STATUS		0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW	0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH	0x084
#define VIRTIO_MMIO_QUEUE_AVAIL_LOW	0x090
#define VIRTIO_MMIO_QUEUE_AVAIL_HIGH	0x094
#define VIRTIO_MMIO_QUEUE_USED_LOW	0x0a0
#define VIRTIO_MMIO_QUEUE_USED_HIGH	0x0a4
#define VIRTIO_MMIO_CONFIG		0x100	/* the device's own fields */

#define VIRTIO_MMIO_MAGIC_VALUE		0x74726976
#define VIRTIO_ID_BLOCK			2
#define VIRTIO_ID_CONSOLE		3

/* chapters/3-drivers.nw, The transport: <<The device status bits and the features we know>> */
#define VIRTIO_STATUS_ACKNOWLEDGE	1
#define VIRTIO_STATUS_DRIVER		2
#define VIRTIO_STATUS_DRIVER_OK		4
#define VIRTIO_STATUS_FEATURES_OK	8

#define VIRTIO_F_VERSION_1		32

/* chapters/3-drivers.nw, The transport: <<The split virtqueue's layout>> */
#define VIRTQ_SIZE		16
#define VIRTQ_DESC_F_NEXT	1	/* the chain goes on at next */
#define VIRTQ_DESC_F_WRITE	2	/* the device writes this buffer */

struct virtq_desc {
	uint64_t addr;		/* guest-physical */
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct virtq_avail {
	uint16_t flags;
	uint16_t idx;		/* where the driver will put the next chain */
	uint16_t ring[VIRTQ_SIZE];
	uint16_t used_event;
};

struct virtq_used_elem {
	uint32_t id;		/* the chain's first descriptor */
	uint32_t len;		/* bytes the device wrote */
};

struct virtq_used {
	uint16_t flags;
	uint16_t idx;		/* where the device will put the next chain */
	struct virtq_used_elem ring[VIRTQ_SIZE];
	uint16_t avail_event;
};

#define VIRTQ_USED_OFFSET	2048	/* in the queue's page */

/* chapters/3-drivers.nw, The transport: <<A virtio device, as a driver holds it>> */
struct virtq {
	struct virtq_desc *desc;
	struct virtq_avail *avail;
	volatile struct virtq_used *used;
	uint16_t free_head, num_free;
	uint16_t last_used;	/* the used ring's entries we have taken */
};

struct virtio_dev {
	uint32_t base;		/* the slot's physical address */
	unsigned int line;	/* its interrupt line */
	struct virtq queues[2];
};

struct virtq_buf {
	uint32_t addr;		/* guest-physical */
	uint32_t len;
	bool device_writes;
};

/* chapters/3-drivers.nw, The transport: <<The transport's operations>> */
bool virtio_find(uint32_t device_id, struct virtio_dev *dev);
bool virtio_start(struct virtio_dev *dev, uint32_t features);
uint32_t virtio_config_read(const struct virtio_dev *dev, uint32_t offset);
void virtq_setup(struct virtio_dev *dev, unsigned int index);
void virtio_ready(struct virtio_dev *dev);
int virtq_add(struct virtq *q, const struct virtq_buf *bufs, unsigned int n);
void virtq_kick(const struct virtio_dev *dev, unsigned int index);
bool virtq_take_used(struct virtq *q, uint16_t *head, uint32_t *len);
void virtq_wait(struct virtq *q);

/* chapters/3-drivers.nw, Finding and starting a device: <<The transport's operations>> */
bool virtio_has_feature(const struct virtio_dev *dev, unsigned int bit);

/* chapters/3-drivers.nw, Requests: <<The transport's operations>> */
void virtio_acknowledge(const struct virtio_dev *dev);

#endif /* GUEST_VIRTIO_H */
