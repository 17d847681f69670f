/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* paravirt.h: everything the guest asks of the machine it runs on. */
#ifndef GUEST_PARAVIRT_H
#define GUEST_PARAVIRT_H

#include <stdbool.h>
#include <stdint.h>

/* chapters/1-guest.nw, The paravirtual layer:
 * <<Convert between the guest's virtual and physical addresses>>
 */
/* The guest maps its memory at virtual == physical: these are identities. */
static inline uint32_t __pa(const volatile void *va)
{
	return (uint32_t)va;
}

static inline void *__va(uint32_t pa)
{
	return (void *)pa;
}

/* chapters/1-guest.nw, The shared page: <<The paravirtual operations>> */
void pv_init(void);
#ifndef GUEST_NATIVE
void announce_shared_page(uint32_t phys_va);
#endif

/* chapters/1-guest.nw, The shared page: <<The paravirtual operations>> */
void pv_get_switcher_slot(uint32_t *start, uint32_t *end);

/* chapters/1-guest.nw, Printing, stopping and doing nothing: <<The paravirtual operations>> */
void pv_write_console(const char *buf, unsigned int len);

/* chapters/1-guest.nw, Printing, stopping and doing nothing: <<The paravirtual operations>> */
void pv_shutdown(unsigned int status) __attribute__((noreturn));

/* chapters/1-guest.nw, Printing, stopping and doing nothing: <<The paravirtual operations>> */
void pv_nop(void);

/* chapters/1-guest.nw, Segments: <<The paravirtual operations>> */
void pv_load_gdt_entry(unsigned int index, uint32_t low, uint32_t high);

/* chapters/1-guest.nw, Traps: <<The paravirtual operations>> */
void pv_load_idt_entry(unsigned int vector, uint32_t low, uint32_t high);

/* chapters/1-guest.nw, Building the tables: <<The paravirtual operations>> */
void pv_load_pgdir(uint32_t pgdir_pa);

/* chapters/1-guest.nw, Changing a live table: <<The paravirtual operations>> */
void pv_invlpg(uint32_t va);
void pv_flush_tlb(void);

/* chapters/1-guest.nw, The virtual interrupt flag: <<The paravirtual operations>> */
void pv_irq_disable(void);
void pv_irq_enable(void);

/* chapters/1-guest.nw, The virtual interrupt flag: <<The paravirtual operations>> */
void pv_halt(void);

/* chapters/1-guest.nw, The virtual interrupt flag: <<The paravirtual operations>> */
void pv_block_irq(unsigned int line, bool blocked);

/* chapters/1-guest.nw, Time: <<The paravirtual operations>> */
uint32_t pv_tsc_khz(void);
void pv_set_timer(uint32_t ns);

/* chapters/1-guest.nw, Device registers: <<The paravirtual operations>> */
uint32_t pv_mmio_read(uint32_t pa);
void pv_mmio_write(uint32_t pa, uint32_t value);

/* chapters/2-processes.nw, Address spaces: <<The paravirtual operations>> */
void pv_set_pte(uint32_t dir_pa, uint32_t va);
void pv_set_pgd(uint32_t dir_pa, unsigned int index);

/* chapters/2-processes.nw, Address spaces: <<The paravirtual operations>> */
void pv_set_stack(uint32_t ss, uint32_t esp);

/* chapters/2-processes.nw, System calls: <<The paravirtual operations>> */
uint32_t pv_exit_count(void);

/* chapters/9-mastery.nw, The kernel's half: <<The paravirtual operations>> */
uint32_t pv_exits_for(unsigned int why);

/* chapters/11-test-modes.nw, Traps the guest handles: <<The paravirtual operations>> */
uint32_t pv_read_cr2(void);

#endif /* GUEST_PARAVIRT_H */
