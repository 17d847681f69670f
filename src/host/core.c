// SPDX-License-Identifier: GPL-2.0
/* core.c: loading lg.ko, and the pages the Switcher runs from. */
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include "lg.h"

void *switcher_addr;
unsigned int switcher_page_count;
static struct page **switcher_pages;
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
	switcher_addr = vmap(switcher_pages, switcher_page_count, VM_MAP,
			     PAGE_KERNEL_EXEC);
	if (!switcher_addr)
		goto free_pages;
	pr_info("lg: Switcher at 0x%08lx, %u pages\n",
		(unsigned long)switcher_addr, switcher_page_count);
	return 0;

free_pages:
	free_switcher_pages();
	return -ENOMEM;
}
static int __init lg_init(void)
{
	int err;

	err = map_switcher();
	if (err)
		return err;
	err = lg_register_device();
	if (err) {
		unmap_switcher();
		return err;
	}
	return 0;
}
module_init(lg_init);
static void __exit lg_exit(void)
{
	lg_unregister_device();
	unmap_switcher();
}
module_exit(lg_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lguest, the book: a paravirtual hypervisor");
MODULE_AUTHOR("The authors of Lguest, the book");
