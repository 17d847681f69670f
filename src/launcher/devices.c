// SPDX-License-Identifier: GPL-2.0
/* devices.c: the guest's devices, as the Launcher plays them. */
#include <stddef.h>
#include "lguest.h"
#include "launcher.h"

static struct device *slots[LGUEST_MMIO_SLOTS];
static struct device *device_at(uint32_t addr, uint32_t *offset)
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
uint32_t device_read(const struct guest *g, uint32_t addr)
{
	uint32_t offset;
	struct device *dev = device_at(addr, &offset);

	(void)g;
	return dev ? dev->read(dev, offset) : 0;
}

void device_write(const struct guest *g, uint32_t addr, uint32_t value)
{
	uint32_t offset;
	struct device *dev = device_at(addr, &offset);

	(void)g;
	if (dev)
		dev->write(dev, offset, value);
}
