/* tiny.c: the smallest kernel the Launcher will load; it only spins. */
void _start(void)
{
	for (;;)
		;
}
