/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/3-drivers.nw; edit the chapter, not this file. */
/* virtio_console.h: the virtio console. */
#ifndef GUEST_DRIVERS_CONSOLE_H
#define GUEST_DRIVERS_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

bool vcon_init(void);
void vcon_write(const char *s, uint32_t len);
uint32_t vcon_read_line(char *line, uint32_t max);

#endif /* GUEST_DRIVERS_CONSOLE_H */
