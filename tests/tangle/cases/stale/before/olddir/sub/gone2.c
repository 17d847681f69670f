gone2
