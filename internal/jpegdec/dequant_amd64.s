//go:build amd64 && !purego

#include "textflag.h"

DATA dequantMin<>+0(SB)/4, $-16384
DATA dequantMax<>+0(SB)/4, $16383
GLOBL dequantMin<>(SB), RODATA|NOPTR, $4
GLOBL dequantMax<>(SB), RODATA|NOPTR, $4

// func dequantAVX2(coef *int16, blocks int, q *[16]int32)
//
// Each block's sixteen coefficients widened to 32 bits, eight a
// register, multiplied by q, bounded as clampCoef bounds them and
// packed back: VPACKSSDW packs each 128-bit lane on its own, its
// quadwords (the first register's four, the second's, the first's next
// four, the second's) put back in order by VPERMQ.
TEXT ·dequantAVX2(SB), NOSPLIT, $0-24
	MOVQ coef+0(FP), SI
	MOVQ blocks+8(FP), CX
	MOVQ q+16(FP), DX
	VMOVDQU (DX), Y8
	VMOVDQU 32(DX), Y9
	VPBROADCASTD dequantMin<>(SB), Y10
	VPBROADCASTD dequantMax<>(SB), Y11

loop:
	VPMOVSXWD (SI), Y0
	VPMOVSXWD 16(SI), Y1
	VPMULLD   Y8, Y0, Y0
	VPMULLD   Y9, Y1, Y1
	VPMAXSD   Y10, Y0, Y0
	VPMAXSD   Y10, Y1, Y1
	VPMINSD   Y11, Y0, Y0
	VPMINSD   Y11, Y1, Y1
	VPACKSSDW Y1, Y0, Y0
	VPERMQ    $0xd8, Y0, Y0
	VMOVDQU   Y0, (SI)
	ADDQ      $32, SI
	DECQ      CX
	JNZ       loop
	VZEROUPPER
	RET
