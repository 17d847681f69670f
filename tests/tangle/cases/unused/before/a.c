old a
