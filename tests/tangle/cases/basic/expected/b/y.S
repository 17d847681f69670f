	.text
label:	nop
		nop	# after
	ret
