// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/3-drivers.nw; edit the chapter, not this file. */
/* virtio_block.c: the virtio block device: read, write, flush. */
#include "virtio_block.h"
#include "paravirt.h"
#include "traps.h"
#include "virtio.h"

#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_F_RO		5
#define VIRTIO_BLK_F_FLUSH	9

struct vblk_header {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

static struct virtio_dev vblk;
static struct vblk_header header;
static volatile uint8_t status;
static bool read_only;

/* chapters/3-drivers.nw, The block device: <<Acknowledge the block device's interrupts>> */
static void vblk_interrupt(struct trap_frame *tf)
{
	(void)tf;
	virtio_acknowledge(&vblk);
}

/* chapters/3-drivers.nw, The block device: <<Start the block device>> */
bool vblk_init(void)
{
	if (!virtio_find(VIRTIO_ID_BLOCK, &vblk) ||
	    !virtio_start(&vblk, 1u << VIRTIO_BLK_F_RO | 1u << VIRTIO_BLK_F_FLUSH))
		return false;
	read_only = virtio_has_feature(&vblk, VIRTIO_BLK_F_RO);
	virtq_setup(&vblk, 0);
	set_irq_handler(vblk.line, vblk_interrupt);
	virtio_ready(&vblk);
	return true;
}

uint64_t vblk_sectors(void)
{
	return virtio_config_read(&vblk, 0) |
	       (uint64_t)virtio_config_read(&vblk, 4) << 32;
}

bool vblk_read_only(void)
{
	return read_only;
}

/* chapters/3-drivers.nw, The block device: <<Make one block request and wait for it>> */
static int vblk_request(uint32_t type, uint64_t sector, uint32_t data,
			uint32_t len, bool device_writes)
{
	struct virtq_buf bufs[3] = {
		{ __pa(&header), sizeof(header), false },
		{ data, len, device_writes },
		{ __pa(&status), 1, true },
	};
	struct virtq *q = &vblk.queues[0];
	uint16_t head;
	uint32_t used;

	header.type = type;
	header.sector = sector;
	status = 0xff;
	if (len == 0)
		bufs[1] = bufs[2];
	if (virtq_add(q, bufs, len ? 3 : 2) < 0)
		return -1;
	virtq_kick(&vblk, 0);
	virtq_wait(q);
	virtq_take_used(q, &head, &used);
	return status;
}

/* chapters/3-drivers.nw, The block device: <<Read, write and flush>> */
int vblk_read(uint64_t sector, void *buf, uint32_t count)
{
	return vblk_request(VIRTIO_BLK_T_IN, sector, __pa(buf),
			    count * SECTOR_SIZE, true);
}

int vblk_write(uint64_t sector, const void *buf, uint32_t count)
{
	return vblk_request(VIRTIO_BLK_T_OUT, sector, __pa(buf),
			    count * SECTOR_SIZE, false);
}

int vblk_flush(void)
{
	return vblk_request(VIRTIO_BLK_T_FLUSH, 0, 0, 0, false);
}
