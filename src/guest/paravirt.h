/* SPDX-License-Identifier: GPL-2.0 */
/* paravirt.h: everything the guest asks of the machine it runs on. */
#ifndef GUEST_PARAVIRT_H
#define GUEST_PARAVIRT_H

#include <stdbool.h>
#include <stdint.h>

/* The guest maps its memory at virtual == physical: these are identities. */
static inline uint32_t __pa(const volatile void *va)
{
	return (uint32_t)va;
}

static inline void *__va(uint32_t pa)
{
	return (void *)pa;
}
void pv_init(void);
void pv_get_switcher_slot(uint32_t *start, uint32_t *end);
void pv_write_console(const char *buf, unsigned int len);
void pv_shutdown(unsigned int status) __attribute__((noreturn));
void pv_nop(void);
void pv_load_gdt_entry(unsigned int index, uint32_t low, uint32_t high);
void pv_load_idt_entry(unsigned int vector, uint32_t low, uint32_t high);
void pv_load_pgdir(uint32_t pgdir_pa);
void pv_invlpg(uint32_t va);
void pv_flush_tlb(void);
void pv_irq_disable(void);
void pv_irq_enable(void);
void pv_halt(void);
void pv_block_irq(unsigned int line, bool blocked);
uint32_t pv_tsc_khz(void);
void pv_set_timer(uint32_t ns);
uint32_t pv_mmio_read(uint32_t pa);
void pv_mmio_write(uint32_t pa, uint32_t value);
void pv_set_pte(uint32_t dir_pa, uint32_t va);
void pv_set_pgd(uint32_t dir_pa, unsigned int index);
void pv_set_stack(uint32_t ss, uint32_t esp);
uint32_t pv_exit_count(void);
uint32_t pv_read_cr2(void);

#endif /* GUEST_PARAVIRT_H */
