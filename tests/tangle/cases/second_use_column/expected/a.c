  one
  two one
		two
