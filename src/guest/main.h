/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* main.h: how the guest ends, whoever decides that it must. */
#ifndef GUEST_MAIN_H
#define GUEST_MAIN_H

/* chapters/1-guest.nw, The main line: <<The guest's exit statuses>> */
#define STATUS_OK		0
#define STATUS_SURVIVED		1	/* lived through what should kill it */
#define STATUS_BAD_OPTION	2	/* unknown word on the command line */
#define STATUS_BAD_TRAP		3	/* a trap nobody expected */
#define STATUS_NO_MEMORY	4	/* the page allocator ran dry */
#define STATUS_FPU_LOST		5	/* floating point changed under us */
#define STATUS_BAD_BOOT		99	/* struct lguest_boot is not ours */

/* chapters/2-processes.nw, Faults in a process: <<The guest's exit statuses>> */
#define STATUS_PROCESS_FAILED	6	/* a process failed, or was killed */

/* chapters/3-drivers.nw, Testing the drivers: <<The guest's exit statuses>> */
#define STATUS_NO_DEVICE	7	/* a device the test needs is missing */

void shut_down(unsigned int status) __attribute__((noreturn));

#endif /* GUEST_MAIN_H */
