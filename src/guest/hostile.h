/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/5-host.nw; edit the chapter, not this file. */
/* hostile.h: test modes of a guest kernel that attacks the Host. */
#ifndef GUEST_HOSTILE_H
#define GUEST_HOSTILE_H

#include <stdint.h>

/* chapters/4-launcher.nw, A driver that lies: <<Hostile modes>> */
void hostile_queue(uint32_t how);

/* chapters/5-host.nw, Hypercalls that lie: <<Hostile modes>> */
void make_bad_hcall(void);
void write_console_outside(void);

/* chapters/5-host.nw, Checking the guest's selectors: <<Hostile modes>> */
void swap_stack_segment(uint32_t spoil);

/* chapters/5-host.nw, Checking the guest's selectors: <<Hostile modes>> */
void shrink_code_under_eip(void);

/* chapters/5-host.nw, Descriptors that lie: <<Hostile modes>> */
void load_system_descriptor(void);
void load_host_gdt_entry(void);
void pull_segment_away(void);

/* chapters/6-paging.nw, A guest that lies about its tables: <<Hostile modes>> */
void load_pgdir_outside(void);
void load_pgdir_unaligned(void);
void map_outside(void);
void write_switcher(void);
void set_pte_in_switcher_slot(void);
void set_pgd_in_switcher_slot(void);
void set_pte_outside(void);

/* chapters/7-interrupts.nw, Traps: <<Hostile modes>> */
void execute_privileged(uint32_t n);

/* chapters/7-interrupts.nw, Delivering a trap to the guest: <<Hostile modes>> */
void test_triple_fault(void);

/* chapters/7-interrupts.nw, Traps that need no Host: <<Hostile modes>> */
void swap_gate_segment(uint32_t n);

/* chapters/8-switcher.nw, What a guest can see of the Switcher's pages: <<Hostile modes>> */
void leave_words_for_next_guest(void);
void peek_at_switcher(void);

/* chapters/9-mastery.nw, A guest that tries to mislead the walker: <<Hostile modes>> */
void lie_about_memory(uint32_t how);
void spoil_fault_stack(uint32_t how);
void spoil_fault_gate(uint32_t how);
void lie_about_tables(uint32_t how);
uint32_t *kernel_page_directory(void);

#endif /* GUEST_HOSTILE_H */
