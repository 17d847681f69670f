// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/5-host.nw; edit the chapter, not this file. */
/* fpu.c: the guest's floating-point registers, kept with xsave or fxsave. */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <asm/cpufeature.h>
#include <asm/fpu/types.h>
#include <asm/fpu/xcr.h>
#include <asm/fpu/xstate.h>
#include "lg.h"

/* chapters/5-host.nw, Why fxsave is not enough:
 * <<How the Host keeps every guest's floating point>>
 */
static bool fpu_xsave;		/* xsave and xrstor; else fxsave, fxrstor */
static u64 fpu_xcr0;		/* the components the host enabled */
static unsigned int fpu_size;	/* bytes in a guest's image */

/* chapters/5-host.nw, Why fxsave is not enough: <<Choose xsave or fxsave when the module loads>> */
int choose_fpu_format(void)
{
	unsigned int eax, ebx, ecx, edx;

	if (!boot_cpu_has(X86_FEATURE_FXSR)) {
		pr_err("lg: this processor has no fxsave\n");
		return -ENODEV;
	}
	if (!boot_cpu_has(X86_FEATURE_XSAVE)) {
		fpu_size = sizeof(struct fxregs_state);
		pr_info("lg: guests' floating point: fxsave, %u bytes\n",
			fpu_size);
		return 0;
	}
	fpu_xsave = true;
	fpu_xcr0 = xgetbv(XCR_XFEATURE_ENABLED_MASK);
	cpuid_count(XSTATE_CPUID, 0, &eax, &ebx, &ecx, &edx);
	fpu_size = ebx;
	pr_info("lg: guests' floating point: xsave, XCR0 0x%llx, %u bytes\n",
		fpu_xcr0, fpu_size);
	return 0;
}

/* chapters/5-host.nw, A new guest's image:
 * <<Give a new guest its floating-point image, and take it back>>
 */
int init_guest_fpu(struct lguest *lg)
{
	lg->fpu = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO,
					   get_order(fpu_size));
	if (!lg->fpu)
		return -ENOMEM;
	atomic_add(1 << get_order(fpu_size), &lg_pages_in_use);
	lg->fpu->i387.cwd = 0x37f;
	lg->fpu->i387.mxcsr = MXCSR_DEFAULT;
	return 0;
}

void free_guest_fpu(struct lguest *lg)
{
	if (!lg->fpu)
		return;
	free_pages((unsigned long)lg->fpu, get_order(fpu_size));
	atomic_sub(1 << get_order(fpu_size), &lg_pages_in_use);
	lg->fpu = NULL;
}

/* chapters/5-host.nw, Loading and saving:
 * <<Load the guest's floating point before the switch, and save it after>>
 */
void load_guest_fpu(struct lguest *lg)
{
	if (fpu_xsave)
		asm volatile("xrstor %0"
			     : : "m" (*lg->fpu), "a" ((u32)fpu_xcr0),
			       "d" ((u32)(fpu_xcr0 >> 32)));
	else
		asm volatile("fxrstor %0" : : "m" (lg->fpu->i387));
}

void save_guest_fpu(struct lguest *lg)
{
	if (fpu_xsave)
		asm volatile("xsave %0"
			     : "=m" (*lg->fpu) : "a" ((u32)fpu_xcr0),
			       "d" ((u32)(fpu_xcr0 >> 32)) : "memory");
	else
		asm volatile("fxsave %0" : "=m" (lg->fpu->i387));
}
