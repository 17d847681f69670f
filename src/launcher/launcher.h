/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/4-launcher.nw; edit the chapter, not this file. */
/* launcher.h: what the Launcher's files share with each other (not an ABI). */
#ifndef LAUNCHER_H
#define LAUNCHER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>

/* chapters/4-launcher.nw, The Launcher in outline: <<Launcher declarations>> */

struct guest {
	uint8_t *mem;		/* guest-physical 0, in the Launcher */
	uint32_t mem_size;	/* bytes of guest memory */
	uint32_t mem_top;	/* struct lguest_boot; the boot tables above */
	uint32_t pgdir;		/* the boot page directory */
	uint32_t entry;		/* the guest's first instruction */
};

/* chapters/4-launcher.nw, Giving up clearly: <<Launcher declarations>> */

#define STATUS_GUEST_OK		0	/* the guest shut down with status 0 */
#define STATUS_LAUNCHER_FAILED	1	/* options, guest file, or device */
#define STATUS_GUEST_FAILED	2	/* the guest shut down with status != 0 */
#define STATUS_GUEST_KILLED	3	/* by the Host, or for misbehaving here */

/* chapters/4-launcher.nw, Giving up clearly: <<Launcher declarations>> */

noreturn void die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
noreturn void die_with(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* chapters/4-launcher.nw, Guest memory: <<Launcher declarations>> */

void map_guest_memory(struct guest *g, unsigned int mib);
bool range_ok(uint32_t start, uint32_t len, uint32_t limit);
void *guest_ptr(const struct guest *g, uint32_t gpa);

/* chapters/4-launcher.nw, Loading the guest without trusting it: <<Launcher declarations>> */

void load_guest(struct guest *g, const char *path);

/* chapters/4-launcher.nw, The boot page tables: <<Launcher declarations>> */

void plan_boot_layout(struct guest *g);
void build_boot_page_tables(const struct guest *g);
void write_boot_info(const struct guest *g, const char *cmdline);

/* chapters/4-launcher.nw, Running the guest through /dev/lguest: <<Launcher declarations>> */

noreturn void run_guest(const struct guest *g);

/* chapters/4-launcher.nw, Devices: <<Launcher declarations>> */

uint32_t device_read(uint32_t addr);
void device_write(uint32_t addr, uint32_t value);

/* chapters/4-launcher.nw, Virtio devices: <<Launcher declarations>> */

#include <pthread.h>

#define VQUEUE_MAX	256	/* the largest queue a device accepts */

struct vqueue {
	uint32_t num;			/* entries, a power of two */
	uint32_t desc, avail, used;	/* guest-physical */
	bool ready;
	uint16_t last_avail;		/* the next available entry to take */
	uint16_t used_idx;		/* the next used entry to fill */
	bool busy[VQUEUE_MAX];		/* descriptors the device holds */
};

struct vdev {
	const char *name;
	uint32_t id, slot;
	uint32_t features[2];		/* offered */
	uint32_t driver_features[2];	/* accepted */
	uint32_t features_sel, driver_features_sel, queue_sel, status, isr;
	unsigned int nqueues;
	struct vqueue vq[2];
	const struct guest *g;
	pthread_mutex_t lock;
	uint32_t (*config_read)(struct vdev *d, uint32_t offset);
	void (*notify)(struct vdev *d, unsigned int queue);
};

/* chapters/4-launcher.nw, Virtio devices: <<Launcher declarations>> */

struct chain_part {
	uint8_t *p;
	uint32_t len;
	bool writable;
	uint16_t index;		/* its descriptor */
};

struct chain {
	uint16_t head;
	unsigned int n;
	uint32_t readable, writable;	/* bytes of each kind */
	struct chain_part part[VQUEUE_MAX];
};

/* chapters/4-launcher.nw, Queues: <<Launcher declarations>> */

#define VIRTQ_F_NEXT_BIT	1
#define VIRTQ_F_WRITE_BIT	2
#define VIRTQ_F_INDIRECT_BIT	4

/* chapters/4-launcher.nw, Queues: <<Launcher declarations>> */

noreturn void vdev_kill(const struct vdev *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
bool vq_take(struct vdev *d, struct vqueue *q, struct chain *c);
void vq_give(struct vdev *d, struct vqueue *q, const struct chain *c,
	     uint32_t written);
void vdev_interrupt(struct vdev *d);
void raise_interrupt(unsigned int line);

/* chapters/4-launcher.nw, The registers: <<Launcher declarations>> */

#define VIRTIO_REG_MAGIC		0x000
#define VIRTIO_REG_VERSION		0x004
#define VIRTIO_REG_DEVICE_ID		0x008
#define VIRTIO_REG_VENDOR_ID		0x00c
#define VIRTIO_REG_DEVICE_FEATURES	0x010
#define VIRTIO_REG_DEVICE_FEATURES_SEL	0x014
#define VIRTIO_REG_DRIVER_FEATURES	0x020
#define VIRTIO_REG_DRIVER_FEATURES_SEL	0x024
#define VIRTIO_REG_QUEUE_SEL		0x030
#define VIRTIO_REG_QUEUE_NUM_MAX	0x034
#define VIRTIO_REG_QUEUE_NUM		0x038
#define VIRTIO_REG_QUEUE_READY		0x044
#define VIRTIO_REG_QUEUE_NOTIFY		0x050
#define VIRTIO_REG_INTERRUPT_STATUS	0x060
#define VIRTIO_REG_INTERRUPT_ACK	0x064
#define VIRTIO_REG_STATUS		0x070
#define VIRTIO_REG_QUEUE_DESC_LOW	0x080
#define VIRTIO_REG_QUEUE_DESC_HIGH	0x084
#define VIRTIO_REG_QUEUE_AVAIL_LOW	0x090
#define VIRTIO_REG_QUEUE_AVAIL_HIGH	0x094
#define VIRTIO_REG_QUEUE_USED_LOW	0x0a0
#define VIRTIO_REG_QUEUE_USED_HIGH	0x0a4
#define VIRTIO_REG_CONFIG		0x100
#define VIRTIO_STATUS_FEATURES_OK_BIT	8

/* chapters/4-launcher.nw, The registers: <<Launcher declarations>> */

uint32_t vdev_reg_read(struct vdev *d, uint32_t offset);
void vdev_reg_write(struct vdev *d, uint32_t offset, uint32_t value);
void add_device(struct vdev *d, const struct guest *g, const char *name,
		uint32_t id);

/* chapters/4-launcher.nw, The console: <<Launcher declarations>> */

void add_console(const struct guest *g);
void write_all(int fd, const void *buf, uint32_t len);

/* chapters/4-launcher.nw, The block device: <<Launcher declarations>> */

void add_block(const struct guest *g, const char *path, bool read_only);

#endif /* LAUNCHER_H */
