#include "lib.h"
int main(void) { return 0; }
