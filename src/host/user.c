// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/5-host.nw; edit the chapter, not this file. */
/* user.c: /dev/lguest, the Launcher's only way into the Host. */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "lg.h"

/* chapters/5-host.nw, Initialising a guest: <<Check the Launcher's description of a guest>> */
static bool init_ok(const struct lguest_init *init)
{
	if (!PAGE_ALIGNED(init->mem_base) || !PAGE_ALIGNED(init->mem_size))
		return false;
	if (init->mem_size == 0 || init->mem_size > (1U << 30))
		return false;
	if (!access_ok((void __user *)init->mem_base, init->mem_size))
		return false;
	return PAGE_ALIGNED(init->cr3) && init->cr3 < init->mem_size &&
	       init->esi < init->mem_size;
}

/* chapters/5-host.nw, Initialising a guest: <<Set up a new guest from its description>> */
static struct lguest *new_guest(const struct lguest_init *init)
{
	struct lguest *lg = kzalloc(sizeof(*lg), GFP_KERNEL);

	if (!lg)
		return NULL;
	number_guest(lg);
	lg->mem_base = init->mem_base;
	lg->mem_size = init->mem_size;
	lg->regs.eip = init->eip;
	lg->regs.esi = init->esi;
	lg->regs.cs = LGUEST_BOOT_CS;
	lg->regs.ss = LGUEST_BOOT_DS;
	lg->regs.ds = LGUEST_BOOT_DS;
	lg->regs.es = LGUEST_BOOT_DS;
	lg->regs.eflags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	setup_guest_gdt(lg);
	init_guest_interrupts(lg);
	if (init_guest_fpu(lg)) {
		kfree(lg);
		return NULL;
	}
	if (init_guest_page_tables(lg, init->cr3)) {
		free_guest_fpu(lg);
		kfree(lg);
		return NULL;
	}
	mutex_init(&lg->run_lock);
	lg->mm = current->mm;
	mmgrab(lg->mm);
	return lg;
}

/* chapters/5-host.nw, Initialising a guest:
 * <<Start with no guest when the Launcher opens the device>>
 */
static int lg_open(struct inode *inode, struct file *file)
{
	file->private_data = NULL;
	return 0;
}

/* chapters/5-host.nw, Initialising a guest: <<Initialise a guest when the Launcher writes>> */
static ssize_t write_init(struct file *file, const char __user *ubuf,
			  size_t len)
{
	struct lguest_init init;
	struct lguest *lg;

	if (len != sizeof(init))
		return -EINVAL;
	if (copy_from_user(&init, ubuf, sizeof(init)))
		return -EFAULT;
	if (init.version != LGUEST_ABI_VERSION)
		return -EPROTO;
	if (!init_ok(&init))
		return -EINVAL;
	lg = new_guest(&init);
	if (!lg)
		return -ENOMEM;
	if (cmpxchg(&file->private_data, NULL, lg)) {
		free_guest(lg);
		return -EBUSY;
	}
	return len;
}

/* chapters/7-interrupts.nw, Interrupts from the Launcher:
 * <<Raise an interrupt when the Launcher writes>>
 */
static int copy_request(struct file *file, const char __user *ubuf,
			size_t len, void *req, size_t size, struct lguest **lg)
{
	*lg = READ_ONCE(file->private_data);
	if (!*lg)
		return -ENOENT;
	if (len != size)
		return -EINVAL;
	if (copy_from_user(req, ubuf, size))
		return -EFAULT;
	return 0;
}

static ssize_t write_irq(struct file *file, const char __user *ubuf,
			 size_t len)
{
	struct lguest_irq irq;
	struct lguest *lg;
	int err = copy_request(file, ubuf, len, &irq, sizeof(irq), &lg);

	if (err)
		return err;
	if (irq.line == LGUEST_IRQ_TIMER || irq.line >= LGUEST_IRQS)
		return -EINVAL;
	raise_guest_irq(lg, irq.line);
	return len;
}

/* chapters/7-interrupts.nw, Interrupts from the Launcher:
 * <<Answer a device register read when the Launcher writes>>
 */
static ssize_t write_mmio_reply(struct file *file, const char __user *ubuf,
				size_t len)
{
	struct lguest_mmio_reply reply;
	struct lguest *lg;
	int err = copy_request(file, ubuf, len, &reply, sizeof(reply), &lg);

	if (err)
		return err;
	if (mutex_lock_interruptible(&lg->run_lock))
		return -EINTR;
	lg->regs.eax = reply.value;
	mutex_unlock(&lg->run_lock);
	return len;
}

/* chapters/5-host.nw, Initialising a guest: <<Take a request when the Launcher writes>> */
static ssize_t lg_write(struct file *file, const char __user *ubuf,
			size_t len, loff_t *off)
{
	u32 request;

	if (len < sizeof(request))
		return -EINVAL;
	if (get_user(request, (const u32 __user *)ubuf))
		return -EFAULT;
	switch (request) {
	case LHREQ_INIT:
		return write_init(file, ubuf, len);
	case LHREQ_IRQ:
		return write_irq(file, ubuf, len);
	case LHREQ_MMIO_REPLY:
		return write_mmio_reply(file, ubuf, len);
	}
	return -EINVAL;
}

/* chapters/5-host.nw, Running a guest: <<Run the guest when the Launcher reads>> */
static ssize_t lg_read(struct file *file, char __user *ubuf, size_t len,
		       loff_t *off)
{
	struct lguest *lg = file->private_data;
	struct lguest_exit exit;
	int err;

	if (!lg)
		return -ENOENT;
	if (len < sizeof(exit))
		return -EINVAL;
	if (current->mm != lg->mm)
		return -EPERM;
	if (mutex_lock_interruptible(&lg->run_lock))
		return -EINTR;
	err = run_guest(lg, &exit);
	if (!err && copy_to_user(ubuf, &exit, sizeof(exit)))
		err = -EFAULT;
	if (!err)
		forget_exit(lg);
	mutex_unlock(&lg->run_lock);
	return err ? err : sizeof(exit);
}

/* chapters/5-host.nw, Running a guest: <<Free the guest when the Launcher closes the device>> */
void free_guest(struct lguest *lg)
{
	stop_guest_interrupts(lg);
	free_guest_page_tables(lg);
	free_guest_fpu(lg);
	if (lg->mm)
		mmdrop(lg->mm);
	kfree(lg);
}

static int lg_release(struct inode *inode, struct file *file)
{
	if (file->private_data)
		free_guest(file->private_data);
	return 0;
}

/* chapters/5-host.nw, The device /dev/lguest: <<The operations of /dev/lguest>> */
static const struct file_operations lg_fops = {
	.owner = THIS_MODULE,
	.open = lg_open,
	.write = lg_write,
	.read = lg_read,
	.release = lg_release,
	.llseek = noop_llseek,
};

static struct miscdevice lg_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "lguest",
	.fops = &lg_fops,
};

/* chapters/5-host.nw, Running a guest: <<Register and unregister /dev/lguest>> */
int lg_register_device(void)
{
	return misc_register(&lg_dev);
}

void lg_unregister_device(void)
{
	misc_deregister(&lg_dev);
}
