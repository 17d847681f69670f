/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/3-drivers.nw; edit the chapter, not this file. */
/* virtio_block.h: the virtio block device. */
#ifndef GUEST_DRIVERS_BLOCK_H
#define GUEST_DRIVERS_BLOCK_H

#include <stdbool.h>
#include <stdint.h>

#define SECTOR_SIZE	512

bool vblk_init(void);
uint64_t vblk_sectors(void);
bool vblk_read_only(void);
int vblk_read(uint64_t sector, void *buf, uint32_t count);
int vblk_write(uint64_t sector, const void *buf, uint32_t count);
int vblk_flush(void);

#endif /* GUEST_DRIVERS_BLOCK_H */
