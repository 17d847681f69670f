/* SPDX-License-Identifier: GPL-2.0 */
/* launcher.h: what the Launcher's files share with each other (not an ABI). */
#ifndef LAUNCHER_H
#define LAUNCHER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>

struct guest {
	uint8_t *mem;		/* guest-physical 0, in the Launcher */
	uint32_t mem_size;	/* bytes of guest memory */
	uint32_t mem_top;	/* struct lguest_boot; the boot tables above */
	uint32_t pgdir;		/* the boot page directory */
	uint32_t entry;		/* the guest's first instruction */
};

#define STATUS_GUEST_OK		0	/* the guest shut down with status 0 */
#define STATUS_LAUNCHER_FAILED	1	/* options, guest file, or device */
#define STATUS_GUEST_FAILED	2	/* the guest shut down with status != 0 */
#define STATUS_GUEST_KILLED	3	/* by the Host, or for misbehaving here */

noreturn void die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
noreturn void die_with(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void map_guest_memory(struct guest *g, unsigned int mib);
bool range_ok(uint32_t start, uint32_t len, uint32_t limit);
void *guest_ptr(const struct guest *g, uint32_t gpa);

void load_guest(struct guest *g, const char *path);

void plan_boot_layout(struct guest *g);
void build_boot_page_tables(const struct guest *g);
void write_boot_info(const struct guest *g, const char *cmdline);

noreturn void run_guest(const struct guest *g);

struct device {
	uint32_t (*read)(struct device *dev, uint32_t offset);
	void (*write)(struct device *dev, uint32_t offset, uint32_t value);
};

uint32_t device_read(const struct guest *g, uint32_t addr);
void device_write(const struct guest *g, uint32_t addr, uint32_t value);

#endif /* LAUNCHER_H */
