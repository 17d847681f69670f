#line 3 "a.nw"
#include <stdio.h>

#line 8 "a.nw"
int main(void)
{
	return 
#line 14 "a.nw"
42
#line 10 "a.nw"
			     ;
}
