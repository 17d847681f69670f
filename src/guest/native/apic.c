// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/10-bare-metal.nw; edit the chapter, not this file. */
/* apic.c: interrupt lines, the timer and the clock's rate, on a bare PC. */
#include <stdbool.h>
#include "console.h"
#include "lguest.h"
#include "native.h"
#include "paging.h"
#include "paravirt.h"
#include "time.h"

/* chapters/10-bare-metal.nw, Interrupt controllers: <<Reach the local APIC's registers>> */
#define LAPIC_ID		0x020
#define LAPIC_TPR		0x080	/* task priority */
#define LAPIC_SVR		0x0f0	/* spurious vector, and enable */
#define LAPIC_LVT_TIMER		0x320
#define LAPIC_LVT_LINT0		0x350
#define LAPIC_LVT_LINT1		0x360
#define LAPIC_TIMER_INITIAL	0x380
#define LAPIC_TIMER_CURRENT	0x390
#define LAPIC_TIMER_DIVIDE	0x3e0
#define LAPIC_ENABLE		0x100
#define LVT_MASKED		(1u << 16)
#define DIVIDE_BY_16		0x3

static volatile uint32_t *lapic(unsigned int reg)
{
	return __va(LAPIC_BASE + reg);
}

/* chapters/10-bare-metal.nw, Interrupt controllers: <<Reach the I/O APIC's registers>> */
#define IOAPIC_VERSION		1
#define IOAPIC_ROUTE(pin)	(0x10 + 2 * (pin))
#define ROUTE_LEVEL		(1u << 15)
#define ROUTE_MASKED		(1u << 16)

static uint32_t read_ioapic(uint32_t base, unsigned int reg)
{
	*(volatile uint32_t *)__va(base) = reg;
	return *(volatile uint32_t *)__va(base + 0x10);
}

static void write_ioapic(uint32_t base, unsigned int reg, uint32_t value)
{
	*(volatile uint32_t *)__va(base) = reg;
	*(volatile uint32_t *)__va(base + 0x10) = value;
}

/* chapters/10-bare-metal.nw, Interrupt controllers:
 * <<Warn that slot 0 loses its interrupts on the second I/O APIC>>
 */
#define VIRTIO_MMIO_DEVICE_ID	0x008

static void warn_if_slot0_is_used(void)
{
	if (pv_mmio_read(LGUEST_MMIO_BASE + VIRTIO_MMIO_DEVICE_ID))
		kprintf("Guest: slot 0's interrupt arrives on slot 2's line; "
			"use -M microvm,ioapic2=off\n");
}

/* chapters/10-bare-metal.nw, Interrupt controllers:
 * <<Find the I/O APIC pins of the device slots>>
 */
static uint32_t device_ioapic, device_first_pin;

static void find_device_pins(void)
{
	uint32_t version = read_ioapic(IOAPIC2_BASE, IOAPIC_VERSION);

	if (version != 0 && version != 0xffffffff) {
		device_ioapic = IOAPIC2_BASE;
		device_first_pin = 0;
		warn_if_slot0_is_used();
	} else {
		device_ioapic = IOAPIC_BASE;
		device_first_pin = 16;
	}
}

/* chapters/10-bare-metal.nw, Interrupt controllers:
 * <<Route a device slot's pin to its interrupt line>>
 */
static void route_device_line(unsigned int slot)
{
	unsigned int pin = device_first_pin + slot;
	unsigned int vector = LGUEST_IRQ_BASE + 1 + slot;

	write_ioapic(device_ioapic, IOAPIC_ROUTE(pin) + 1, *lapic(LAPIC_ID));
	write_ioapic(device_ioapic, IOAPIC_ROUTE(pin), ROUTE_LEVEL | vector);
}

/* chapters/10-bare-metal.nw, Interrupt controllers: <<Set up the interrupt controllers>> */
#define PIC1_DATA	0x21
#define PIC2_DATA	0xa1

void setup_interrupt_controllers(void)
{
	unsigned int slot;

	outb(PIC1_DATA, 0xff);
	outb(PIC2_DATA, 0xff);
	map_device_page(LAPIC_BASE);
	map_device_page(IOAPIC_BASE);
	map_device_page(IOAPIC2_BASE);
	map_device_page(GED_BASE);
	map_device_page(LGUEST_MMIO_BASE);
	*lapic(LAPIC_SVR) = LAPIC_ENABLE | SPURIOUS_VECTOR;
	*lapic(LAPIC_TPR) = 0;
	*lapic(LAPIC_LVT_LINT0) = LVT_MASKED;
	*lapic(LAPIC_LVT_LINT1) = LVT_MASKED;
	*lapic(LAPIC_TIMER_DIVIDE) = DIVIDE_BY_16;
	*lapic(LAPIC_LVT_TIMER) = LGUEST_IRQ_BASE + LGUEST_IRQ_TIMER;
	find_device_pins();
	for (slot = 0; slot < LGUEST_MMIO_SLOTS; slot++)
		route_device_line(slot);
}

/* chapters/10-bare-metal.nw, Time:
 * <<Calibrate the time-stamp counter and the APIC timer against the PIT>>
 */
#define PIT_HZ		1193182
#define PIT_CHANNEL0	0x40
#define PIT_COMMAND	0x43
#define PIT_ONE_SHOT	0x30	/* channel 0, 16 bits, mode 0 */
#define PIT_LATCH	0x00	/* channel 0: latch the count */
#define CALIBRATE_MS	50

static uint32_t tsc_khz, lapic_khz;

static uint32_t read_pit(void)
{
	uint32_t low;

	outb(PIT_COMMAND, PIT_LATCH);
	low = inb(PIT_CHANNEL0);
	return low | inb(PIT_CHANNEL0) << 8;
}

void calibrate_clocks(void)
{
	uint32_t wait = PIT_HZ / 1000 * CALIBRATE_MS, lapic_start;
	uint64_t tsc_start;

	outb(PIT_COMMAND, PIT_ONE_SHOT);
	outb(PIT_CHANNEL0, 0xff);
	outb(PIT_CHANNEL0, 0xff);
	*lapic(LAPIC_LVT_TIMER) |= LVT_MASKED;
	*lapic(LAPIC_TIMER_INITIAL) = 0xffffffff;
	while (read_pit() > 0xffff - 16)
		;
	tsc_start = read_tsc();
	lapic_start = *lapic(LAPIC_TIMER_CURRENT);
	while (read_pit() > 0xffff - 16 - wait)
		;
	tsc_khz = (uint32_t)(read_tsc() - tsc_start) / CALIBRATE_MS;
	lapic_khz = (lapic_start - *lapic(LAPIC_TIMER_CURRENT)) / CALIBRATE_MS;
	*lapic(LAPIC_TIMER_INITIAL) = 0;
	*lapic(LAPIC_LVT_TIMER) &= ~LVT_MASKED;
}

/* chapters/10-bare-metal.nw, Time: <<Read the clock's rate and set the timer natively>> */
uint32_t pv_tsc_khz(void)
{
	return tsc_khz;
}

void pv_set_timer(uint32_t ns)
{
	uint32_t count = 0, rest;

	if (ns) {
		asm("mull %3" : "=a" (count), "=d" (rest)
		    : "a" (ns), "rm" (lapic_khz));
		asm("divl %4" : "=a" (count), "=d" (rest)
		    : "a" (count), "d" (rest), "rm" (1000000u));
		if (!count)
			count = 1;
	}
	*lapic(LAPIC_TIMER_INITIAL) = count;
}

/* chapters/10-bare-metal.nw, Time: <<Block and unblock one interrupt line natively>> */
void pv_block_irq(unsigned int line, bool blocked)
{
	unsigned int slot = line - 1, pin = device_first_pin + slot;
	uint32_t route;

	if (line == LGUEST_IRQ_TIMER) {
		if (blocked)
			*lapic(LAPIC_LVT_TIMER) |= LVT_MASKED;
		else
			*lapic(LAPIC_LVT_TIMER) &= ~LVT_MASKED;
	} else if (slot < LGUEST_MMIO_SLOTS) {
		route = read_ioapic(device_ioapic, IOAPIC_ROUTE(pin));
		route = blocked ? route | ROUTE_MASKED : route & ~ROUTE_MASKED;
		write_ioapic(device_ioapic, IOAPIC_ROUTE(pin), route);
	}
}
