would be removed
