// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/5-host.nw; edit the chapter, not this file. */
/* core.c: loading lg.ko, and the pages the Switcher runs from. */
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <asm/cpufeature.h>
#include <asm/tlbflush.h>
#include "lg.h"

/* chapters/8-switcher.nw, A place for the Switcher: <<Switcher page state>> */
void *switcher_addr;
unsigned int switcher_page_count;
static struct page **switcher_pages;

/* chapters/8-switcher.nw, A place for the Switcher:
 * <<Find a mapping for the Switcher inside one 4 MiB slot>>
 */
static bool fits_one_slot(void *addr, unsigned int pages)
{
	unsigned long first = (unsigned long)addr;
	unsigned long last = first + pages * PAGE_SIZE - 1;

	return first >> SHADOW_TABLE_SHIFT == last >> SHADOW_TABLE_SHIFT;
}

static void *vmap_in_one_slot(struct page **pages, unsigned int n)
{
	void *first, *second;

	first = vmap(pages, n, VM_MAP, PAGE_KERNEL_EXEC);
	if (!first || fits_one_slot(first, n))
		return first;
	second = vmap(pages, n, VM_MAP, PAGE_KERNEL_EXEC);
	vunmap(first);
	if (second && !fits_one_slot(second, n)) {
		vunmap(second);
		second = NULL;
	}
	return second;
}

/* chapters/8-switcher.nw, A place for the Switcher: <<Free the Switcher pages>> */
static void free_switcher_pages(void)
{
	unsigned int i;

	for (i = 0; i < switcher_page_count; i++)
		if (switcher_pages[i])
			__free_page(switcher_pages[i]);
	kfree(switcher_pages);
	switcher_pages = NULL;
}

static void unmap_switcher(void)
{
	vunmap(switcher_addr);
	switcher_addr = NULL;
	free_switcher_pages();
}

/* chapters/8-switcher.nw, A place for the Switcher: <<Allocate and map the Switcher pages>> */
static int map_switcher(void)
{
	unsigned int i;

	switcher_page_count = SWITCHER_CODE_PAGES +
			      SWITCHER_PAGES_PER_CPU * nr_cpu_ids;
	switcher_pages = kcalloc(switcher_page_count, sizeof(*switcher_pages),
				 GFP_KERNEL);
	if (!switcher_pages)
		return -ENOMEM;
	for (i = 0; i < switcher_page_count; i++) {
		switcher_pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!switcher_pages[i])
			goto free_pages;
	}
	switcher_addr = vmap_in_one_slot(switcher_pages, switcher_page_count);
	if (!switcher_addr)
		goto free_pages;
	pr_info("lg: Switcher at 0x%08lx, %u pages\n",
		(unsigned long)switcher_addr, switcher_page_count);
	return 0;

free_pages:
	free_switcher_pages();
	return -ENOMEM;
}

/* chapters/8-switcher.nw, The Switcher's pages:
 * <<Copy the Switcher's code and prepare each processor's pages>>
 */
struct lguest_pages *lguest_pages(unsigned int cpu)
{
	static_assert(sizeof(struct lguest_pages) ==
		      SWITCHER_PAGES_PER_CPU * PAGE_SIZE);
	return switcher_addr +
	       (SWITCHER_CODE_PAGES + SWITCHER_PAGES_PER_CPU * cpu) * PAGE_SIZE;
}

/* chapters/8-switcher.nw, Filling the pages when the module loads:
 * <<Copy the Switcher's code and prepare each processor's pages>>
 */
struct desc_ptr host_idt;

static void seal_switcher_code(void)
{
	unsigned long va = (unsigned long)switcher_addr;
	unsigned int i, level;
	pte_t *pte;

	for (i = 0; i < SWITCHER_CODE_PAGES; i++, va += PAGE_SIZE) {
		pte = lookup_address(va, &level);
		if (pte && level == PG_LEVEL_4K)
			set_pte(pte, pte_wrprotect(pte_mkexec(*pte)));
	}
	__flush_tlb_all();
}

static int prepare_switcher(void)
{
	unsigned int cpu;

	if (end_switcher_text - start_switcher_text >
	    SWITCHER_CODE_PAGES * PAGE_SIZE) {
		pr_err("lg: the Switcher has outgrown its code pages\n");
		return -E2BIG;
	}
	memcpy(switcher_addr, start_switcher_text,
	       end_switcher_text - start_switcher_text);
	seal_switcher_code();
	store_idt(&host_idt);
	for_each_possible_cpu(cpu) {
		setup_switcher_idt(lguest_pages(cpu));
		setup_switcher_gdt(lguest_pages(cpu), cpu);
	}
	return alloc_switcher_page_tables();
}

/* chapters/5-host.nw, Leaks: <<Count the pages guests hold>> */
atomic_t lg_pages_in_use = ATOMIC_INIT(0);

/* chapters/5-host.nw, Guest memory: <<Check and copy guest memory>> */
bool guest_range_ok(const struct lguest *lg, u32 gpa, u32 len)
{
	return len <= lg->mem_size && gpa <= lg->mem_size - len;
}

/* chapters/5-host.nw, Guest memory: <<Check and copy guest memory>> */
void read_guest(struct lguest *lg, void *buf, u32 gpa, u32 len)
{
	int err;

	if (!guest_range_ok(lg, gpa, len)) {
		kill_guest(lg, "read of 0x%x bytes at 0x%08x outside memory",
			   len, gpa);
		memset(buf, 0, len);
		return;
	}
	if (len == 4)
		err = get_user(*(u32 *)buf, (u32 __user *)guest_ptr(lg, gpa));
	else
		err = copy_from_user(buf, guest_ptr(lg, gpa), len) ? -EFAULT : 0;
	if (err) {
		kill_guest(lg, "read of guest memory at 0x%08x failed", gpa);
		memset(buf, 0, len);
	}
}

void write_guest(struct lguest *lg, const void *buf, u32 gpa, u32 len)
{
	int err;

	if (!guest_range_ok(lg, gpa, len)) {
		kill_guest(lg, "write of 0x%x bytes at 0x%08x outside memory",
			   len, gpa);
		return;
	}
	if (len == 4)
		err = put_user(*(const u32 *)buf, (u32 __user *)guest_ptr(lg, gpa));
	else
		err = copy_to_user(guest_ptr(lg, gpa), buf, len) ? -EFAULT : 0;
	if (err)
		kill_guest(lg, "write of guest memory at 0x%08x failed", gpa);
}

/* chapters/5-host.nw, Killing a guest: <<Kill a guest>> */
void kill_guest(struct lguest *lg, const char *fmt, ...)
{
	va_list args;

	if (lg->dead)
		return;
	lg->dead = true;
	lg->exit.reason = LGUEST_EXIT_KILLED;
	va_start(args, fmt);
	vsnprintf(lg->exit.message, sizeof(lg->exit.message), fmt, args);
	va_end(args);
}

/* chapters/5-host.nw, Loading and unloading: <<Load the module>> */
static int __init lg_init(void)
{
	int err;

	err = choose_fpu_format();
	if (err)
		return err;
	err = map_switcher();
	if (err)
		return err;
	err = prepare_switcher();
	if (err)
		goto unmap;
	err = lg_register_device();
	if (err)
		goto unprepare;
	return 0;

unprepare:
	free_switcher_page_tables();
unmap:
	unmap_switcher();
	return err;
}
module_init(lg_init);

/* chapters/5-host.nw, Loading and unloading: <<Unload the module>> */
static void __exit lg_exit(void)
{
	lg_unregister_device();
	free_switcher_page_tables();
	unmap_switcher();
	WARN(atomic_read(&lg_pages_in_use),
	     "lg: %d guest pages were never given back\n",
	     atomic_read(&lg_pages_in_use));
}
module_exit(lg_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lguest, the book: a paravirtual hypervisor");
MODULE_AUTHOR("The authors of Lguest, the book");
