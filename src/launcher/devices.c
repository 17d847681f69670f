// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/4-launcher.nw; edit the chapter, not this file. */
/* devices.c: the guest's devices, as the Launcher plays them. */
#include <stddef.h>
#include "lguest.h"
#include "launcher.h"

/* chapters/4-launcher.nw, Devices: <<The devices in their slots>> */
static struct vdev *slots[LGUEST_MMIO_SLOTS];

/* chapters/4-launcher.nw, Devices: <<Put a device in the next free slot>> */
void add_device(struct vdev *d, const struct guest *g, const char *name,
		uint32_t id)
{
	uint32_t slot = 0;

	while (slot < LGUEST_MMIO_SLOTS && slots[slot])
		slot++;
	if (slot == LGUEST_MMIO_SLOTS)
		die("too many devices");
	d->name = name;
	d->id = id;
	d->slot = slot;
	d->g = g;
	d->features[1] |= 1;
	pthread_mutex_init(&d->lock, NULL);
	slots[slot] = d;
}

/* chapters/4-launcher.nw, Devices: <<Find the device behind a register address>> */
static struct vdev *device_at(uint32_t addr, uint32_t *offset)
{
	uint32_t slot;

	if (addr < LGUEST_MMIO_BASE)
		return NULL;
	slot = (addr - LGUEST_MMIO_BASE) / LGUEST_MMIO_SLOT;
	if (slot >= LGUEST_MMIO_SLOTS)
		return NULL;
	*offset = (addr - LGUEST_MMIO_BASE) % LGUEST_MMIO_SLOT;
	return slots[slot];
}

/* chapters/4-launcher.nw, Devices: <<Read and write a device register>> */
uint32_t device_read(uint32_t addr)
{
	uint32_t offset;
	struct vdev *d = device_at(addr, &offset);

	return d ? vdev_reg_read(d, offset) : 0;
}

void device_write(uint32_t addr, uint32_t value)
{
	uint32_t offset;
	struct vdev *d = device_at(addr, &offset);

	if (d)
		vdev_reg_write(d, offset, value);
}
