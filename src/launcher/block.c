// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/4-launcher.nw; edit the chapter, not this file. */
/* block.c: the virtio block device, on a file. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lguest.h"
#include "launcher.h"

#define BLK_T_IN	0
#define BLK_T_OUT	1
#define BLK_T_FLUSH	4
#define BLK_S_OK	0
#define BLK_S_IOERR	1
#define BLK_S_UNSUPP	2
#define BLK_F_RO	5
#define BLK_F_FLUSH	9

struct block {
	struct vdev dev;
	int fd;
	uint64_t sectors;
	bool read_only;
};

static struct block block;

/* chapters/4-launcher.nw, The block device: <<Read the block device's configuration>> */
static uint32_t block_config(struct vdev *d, uint32_t offset)
{
	struct block *b = (struct block *)d;

	if (offset == 0)
		return b->sectors;
	if (offset == 4)
		return b->sectors >> 32;
	return 0;
}

/* chapters/4-launcher.nw, The block device:
 * <<Move a block request's data between the guest and the file>>
 */
static uint8_t block_transfer(struct block *b, const struct chain *c,
			      uint32_t type, uint64_t sector, uint32_t *written)
{
	uint64_t offset = sector * 512, data = 0;
	unsigned int k;

	for (k = 1; k + 1 < c->n; k++)
		data += c->part[k].len;

	if (type == BLK_T_FLUSH)
		return fsync(b->fd) ? BLK_S_IOERR : BLK_S_OK;
	if (type != BLK_T_IN && type != BLK_T_OUT)
		return BLK_S_UNSUPP;
	if (sector > b->sectors || data > (b->sectors - sector) * 512 ||
	    (type == BLK_T_OUT && b->read_only))
		return BLK_S_IOERR;
	for (k = 1; k + 1 < c->n; k++) {
		if (c->part[k].writable != (type == BLK_T_IN))
			vdev_kill(&b->dev, "block request %u: buffer %u goes the wrong way",
				  c->head, k);
		if (type == BLK_T_IN) {
			if (pread(b->fd, c->part[k].p, c->part[k].len, offset) !=
			    (ssize_t)c->part[k].len)
				return BLK_S_IOERR;
			*written += c->part[k].len;
		} else if (pwrite(b->fd, c->part[k].p, c->part[k].len, offset) !=
			   (ssize_t)c->part[k].len) {
			return BLK_S_IOERR;
		}
		offset += c->part[k].len;
	}
	return BLK_S_OK;
}

/* chapters/4-launcher.nw, The block device: <<Carry out one block request>> */
static uint32_t block_request(struct block *b, const struct chain *c)
{
	struct { uint32_t type, reserved; uint64_t sector; } h;
	const struct chain_part *status = &c->part[c->n - 1];
	uint8_t result;
	uint32_t written = 1;

	if (c->n < 2 || c->part[0].writable || c->part[0].len < sizeof(h) ||
	    !status->writable || status->len < 1)
		vdev_kill(&b->dev, "block request %u is malformed", c->head);
	memcpy(&h, c->part[0].p, sizeof(h));
	result = block_transfer(b, c, h.type, h.sector, &written);
	*status->p = result;
	return written;
}

/* chapters/4-launcher.nw, The block device: <<Notify the block device>> */
static void block_notify(struct vdev *d, unsigned int queue)
{
	static struct chain chains[VQUEUE_MAX];
	struct vqueue *q = &d->vq[queue];
	unsigned int n = 0, i;

	while (n < q->num && vq_take(d, q, &chains[n]))
		n++;
	for (i = 0; i < n; i++)
		vq_give(d, q, &chains[i], block_request((struct block *)d,
							&chains[i]));
	if (n)
		vdev_interrupt(d);
}

/* chapters/4-launcher.nw, The block device: <<Add the block device>> */
void add_block(const struct guest *g, const char *path, bool read_only)
{
	struct stat st;

	block.fd = open(path, (read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (block.fd < 0 || fstat(block.fd, &st) < 0)
		die("disk %s: %s", path, strerror(errno));
	block.sectors = st.st_size / 512;
	block.read_only = read_only;
	add_device(&block.dev, g, "block device", 2);
	block.dev.nqueues = 1;
	block.dev.features[0] = read_only ? 1u << BLK_F_RO : 1u << BLK_F_FLUSH;
	block.dev.config_read = block_config;
	block.dev.notify = block_notify;
}
