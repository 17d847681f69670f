// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* console.c: kprintf, formatted output through the paravirtual console. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include "console.h"
#include "paravirt.h"

/* chapters/1-guest.nw, Printing: <<A message waiting to be written>> */
struct message {
	char buf[128];
	unsigned int len;
};

static void flush_message(struct message *msg)
{
	if (msg->len)
		pv_write_console(msg->buf, msg->len);
	msg->len = 0;
}

/* chapters/1-guest.nw, Printing:
 * <<Add a character to the message, writing the message out if it is full>>
 */
static void put_char(struct message *msg, char c)
{
	if (msg->len == sizeof(msg->buf))
		flush_message(msg);
	msg->buf[msg->len++] = c;
}

/* chapters/1-guest.nw, Printing: <<Add a string to the message>> */
static void put_string(struct message *msg, const char *s)
{
	if (!s)
		s = "(null)";
	while (*s)
		put_char(msg, *s++);
}

/* chapters/1-guest.nw, Printing: <<Add a number to the message>> */
struct field {
	unsigned int width;
	char pad;		/* ' ' or '0' */
};

static void put_number(struct message *msg, uint32_t n, bool negative,
		       unsigned int base, const struct field *field)
{
	char digits[10];
	unsigned int count = 0;

	do {
		digits[count++] = "0123456789abcdef"[n % base];
		n /= base;
	} while (n);
	unsigned int len = count + negative;

	for (; field->pad == ' ' && len < field->width; len++)
		put_char(msg, ' ');
	if (negative)
		put_char(msg, '-');
	for (; len < field->width; len++)
		put_char(msg, '0');
	while (count)
		put_char(msg, digits[--count]);
}

/* chapters/1-guest.nw, Printing: <<Add one conversion to the message>> */
static const char *put_conversion(struct message *msg, const char *fmt,
				  va_list *ap)
{
	struct field field = { .width = 0, .pad = ' ' };
	int d;

	if (*fmt == '0')
		field.pad = *fmt++;
	while (*fmt >= '0' && *fmt <= '9')
		field.width = field.width * 10 + (*fmt++ - '0');
	switch (*fmt) {
	case 's':
		put_string(msg, va_arg(*ap, const char *));
		break;
	case 'c':
		put_char(msg, (char)va_arg(*ap, int));
		break;
	case 'd':
		d = va_arg(*ap, int);
		put_number(msg, d < 0 ? 0u - d : (uint32_t)d, d < 0, 10,
			   &field);
		break;
	case 'u':
		put_number(msg, va_arg(*ap, unsigned int), false, 10, &field);
		break;
	case 'x':
		put_number(msg, va_arg(*ap, unsigned int), false, 16, &field);
		break;
	case '\0':
		put_char(msg, '%');
		return fmt;
	default:
		put_char(msg, '%');
		put_char(msg, *fmt);
		break;
	}
	return fmt + 1;
}

/* chapters/1-guest.nw, Printing: <<Format and print a message>> */
void kprintf(const char *fmt, ...)
{
	struct message msg;
	va_list ap;

	msg.len = 0;
	va_start(ap, fmt);
	while (*fmt) {
		if (*fmt == '%')
			fmt = put_conversion(&msg, fmt + 1, &ap);
		else
			put_char(&msg, *fmt++);
	}
	va_end(ap);
	flush_message(&msg);
}
