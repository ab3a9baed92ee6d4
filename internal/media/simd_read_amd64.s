//go:build amd64 && !purego

#include "textflag.h"

// func addBytesToAVX2(dst, a, b *byte, n int)
//
// dst = a + b, byte by byte, 64 bytes a turn, then 32.
TEXT ·addBytesToAVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), DX
	MOVQ n+24(FP), CX

addToLoop64:
	CMPQ    CX, $64
	JB      addToLoop32
	VMOVDQU (SI), Y0
	VMOVDQU 32(SI), Y1
	VPADDB  (DX), Y0, Y0
	VPADDB  32(DX), Y1, Y1
	VMOVDQU Y0, (DI)
	VMOVDQU Y1, 32(DI)
	ADDQ    $64, SI
	ADDQ    $64, DX
	ADDQ    $64, DI
	SUBQ    $64, CX
	JMP     addToLoop64

addToLoop32:
	CMPQ    CX, $32
	JB      addToDone
	VMOVDQU (SI), Y0
	VPADDB  (DX), Y0, Y0
	VMOVDQU Y0, (DI)

addToDone:
	VZEROUPPER
	RET
