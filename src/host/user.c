// SPDX-License-Identifier: GPL-2.0
/* user.c: /dev/lguest, the Launcher's only way into the Host. */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include "lg.h"

static const struct file_operations lg_fops = {
	.owner = THIS_MODULE,
	.llseek = noop_llseek,
};

static struct miscdevice lg_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "lguest",
	.fops = &lg_fops,
};
int lg_register_device(void)
{
	return misc_register(&lg_dev);
}

void lg_unregister_device(void)
{
	misc_deregister(&lg_dev);
}
