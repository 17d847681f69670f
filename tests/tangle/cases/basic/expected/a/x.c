/* x.c */
#include "x.h"

int main(void)
{
	int a;

	int b;
		int tabbed;
	int c;	/* tab inside */
	return helper(a) + 1;
}
