//go:build amd64 && !purego

#include "textflag.h"

// fdctAVX2 is fdctGo (fdct.go) with the block's eight rows or columns in
// eight registers, one 32-bit element each: the same integers, as every
// sum before a shift is under 2³¹ for 8-bit samples, where the Go code
// has 64 bits. The largest, the second pass's (t12+t13)·aanC4 of the
// first frequency's column, is at most 8·2¹⁴·11585 < 1.52·10⁹.

// Each constant eight times, a register's worth.
#define CONST8(name, v) \
	DATA name<>+0(SB)/4, $v; \
	DATA name<>+4(SB)/4, $v; \
	DATA name<>+8(SB)/4, $v; \
	DATA name<>+12(SB)/4, $v; \
	DATA name<>+16(SB)/4, $v; \
	DATA name<>+20(SB)/4, $v; \
	DATA name<>+24(SB)/4, $v; \
	DATA name<>+28(SB)/4, $v; \
	GLOBL name<>(SB), RODATA|NOPTR, $32

CONST8(fdctC4, 11585)
CONST8(fdctC6, 6270)
CONST8(fdctC2m6, 8867)
CONST8(fdctC2p6, 21407)
CONST8(fdctRound, 8192)
CONST8(fdctMean, 16384) // 8·128, with the samples' four bits of fraction

// quantise's half, 2³¹, as 64-bit elements.
DATA fdctHalf<>+0(SB)/8, $0x80000000
DATA fdctHalf<>+8(SB)/8, $0x80000000
DATA fdctHalf<>+16(SB)/8, $0x80000000
DATA fdctHalf<>+24(SB)/8, $0x80000000
GLOBL fdctHalf<>(SB), RODATA|NOPTR, $32

// fdctZigzag is, for the bytes of zigzag indices 0-31 and 32-63, which
// byte of each quarter of the block (rows 0-3 or 4-7, columns 0-3 or 4-7,
// sixteen bytes a row after another) each is, or 0x80 for those of
// another quarter: a quarter's VPSHUFB, from a register holding it in
// both halves, puts its bytes in their places and zeros elsewhere.
DATA fdctZigzag<>+0(SB)/8, $0x0603020508040100 // quarter 0 into zigzag 0-31
DATA fdctZigzag<>+8(SB)/8, $0x8080070a0d800c09 // quarter 0 into zigzag 0-31
DATA fdctZigzag<>+16(SB)/8, $0x80808080800e0b80 // quarter 0 into zigzag 0-31
DATA fdctZigzag<>+24(SB)/8, $0x808080808080800f // quarter 0 into zigzag 0-31
DATA fdctZigzag<>+32(SB)/8, $0x8080808080808080 // quarter 1 into zigzag 0-31
DATA fdctZigzag<>+40(SB)/8, $0x0100808080808080 // quarter 1 into zigzag 0-31
DATA fdctZigzag<>+48(SB)/8, $0x8080808080808004 // quarter 1 into zigzag 0-31
DATA fdctZigzag<>+56(SB)/8, $0x0c09060302050880 // quarter 1 into zigzag 0-31
DATA fdctZigzag<>+64(SB)/8, $0x8080808080808080 // quarter 2 into zigzag 0-31
DATA fdctZigzag<>+72(SB)/8, $0x8080808080008080 // quarter 2 into zigzag 0-31
DATA fdctZigzag<>+80(SB)/8, $0x0205080401808080 // quarter 2 into zigzag 0-31
DATA fdctZigzag<>+88(SB)/8, $0x8080808080808080 // quarter 2 into zigzag 0-31
DATA fdctZigzag<>+96(SB)/8, $0x8080808080808080 // quarter 1 into zigzag 32-63
DATA fdctZigzag<>+104(SB)/8, $0x8080800e0b070a0d // quarter 1 into zigzag 32-63
DATA fdctZigzag<>+112(SB)/8, $0x80800f8080808080 // quarter 1 into zigzag 32-63
DATA fdctZigzag<>+120(SB)/8, $0x8080808080808080 // quarter 1 into zigzag 32-63
DATA fdctZigzag<>+128(SB)/8, $0x80070a0d0c090603 // quarter 2 into zigzag 32-63
DATA fdctZigzag<>+136(SB)/8, $0x0b80808080808080 // quarter 2 into zigzag 32-63
DATA fdctZigzag<>+144(SB)/8, $0x8080808080800f0e // quarter 2 into zigzag 32-63
DATA fdctZigzag<>+152(SB)/8, $0x8080808080808080 // quarter 2 into zigzag 32-63
DATA fdctZigzag<>+160(SB)/8, $0x0080808080808080 // quarter 3 into zigzag 32-63
DATA fdctZigzag<>+168(SB)/8, $0x8004018080808080 // quarter 3 into zigzag 32-63
DATA fdctZigzag<>+176(SB)/8, $0x0603800205088080 // quarter 3 into zigzag 32-63
DATA fdctZigzag<>+184(SB)/8, $0x0f0e0b070a0d0c09 // quarter 3 into zigzag 32-63
GLOBL fdctZigzag<>(SB), RODATA|NOPTR, $192

// TRANSPOSE turns the rows in A0-A7 into columns in B0-B7, element k of
// Bj being element j of Ak; A0-A7 are overwritten.
#define TRANSPOSE(A0, A1, A2, A3, A4, A5, A6, A7, B0, B1, B2, B3, B4, B5, B6, B7) \
	VPUNPCKLDQ  A1, A0, B0; \
	VPUNPCKHDQ  A1, A0, B1; \
	VPUNPCKLDQ  A3, A2, B2; \
	VPUNPCKHDQ  A3, A2, B3; \
	VPUNPCKLDQ  A5, A4, B4; \
	VPUNPCKHDQ  A5, A4, B5; \
	VPUNPCKLDQ  A7, A6, B6; \
	VPUNPCKHDQ  A7, A6, B7; \
	VPUNPCKLQDQ B2, B0, A0; \
	VPUNPCKHQDQ B2, B0, A1; \
	VPUNPCKLQDQ B3, B1, A2; \
	VPUNPCKHQDQ B3, B1, A3; \
	VPUNPCKLQDQ B6, B4, A4; \
	VPUNPCKHQDQ B6, B4, A5; \
	VPUNPCKLQDQ B7, B5, A6; \
	VPUNPCKHQDQ B7, B5, A7; \
	VPERM2I128  $0x20, A4, A0, B0; \
	VPERM2I128  $0x20, A5, A1, B1; \
	VPERM2I128  $0x20, A6, A2, B2; \
	VPERM2I128  $0x20, A7, A3, B3; \
	VPERM2I128  $0x31, A4, A0, B4; \
	VPERM2I128  $0x31, A5, A1, B5; \
	VPERM2I128  $0x31, A6, A2, B6; \
	VPERM2I128  $0x31, A7, A3, B7

// MIRROR is the first step of a pass, from x0-x7 in Y8-Y15: the sums
// t0-t3 into Y0-Y3 and the differences t4-t7 into Y4-Y7.
#define MIRROR \
	VPADDD Y15, Y8, Y0; \
	VPSUBD Y15, Y8, Y7; \
	VPADDD Y14, Y9, Y1; \
	VPSUBD Y14, Y9, Y6; \
	VPADDD Y13, Y10, Y2; \
	VPSUBD Y13, Y10, Y5; \
	VPADDD Y12, Y11, Y3; \
	VPSUBD Y12, Y11, Y4

// EVEN makes the frequencies 0, 4, 2, 6 into Y0, Y1, Y2, Y3 from t0-t3.
#define EVEN \
	VPADDD  Y3, Y0, Y8; /* t10 */ \
	VPSUBD  Y3, Y0, Y9; /* t13 */ \
	VPADDD  Y2, Y1, Y10; /* t11 */ \
	VPSUBD  Y2, Y1, Y11; /* t12 */ \
	VPADDD  Y10, Y8, Y0; \
	VPSUBD  Y10, Y8, Y1; \
	VPADDD  Y9, Y11, Y11; \
	VPMULLD fdctC4<>(SB), Y11, Y11; \
	VPADDD  fdctRound<>(SB), Y11, Y11; \
	VPSRAD  $14, Y11, Y11; /* z1 */ \
	VPADDD  Y11, Y9, Y2; \
	VPSUBD  Y11, Y9, Y3

// ODD makes the frequencies 3, 5, 1, 7 into Y4, Y5, Y6, Y7 from t4-t7.
#define ODD \
	VPADDD  Y5, Y4, Y8; /* t10 */ \
	VPADDD  Y6, Y5, Y9; /* t11 */ \
	VPADDD  Y7, Y6, Y10; /* t12 */ \
	VPSUBD  Y10, Y8, Y11; \
	VPMULLD fdctC6<>(SB), Y11, Y11; \
	VPADDD  fdctRound<>(SB), Y11, Y11; /* z5 */ \
	VPMULLD fdctC2m6<>(SB), Y8, Y8; \
	VPADDD  Y11, Y8, Y8; \
	VPSRAD  $14, Y8, Y8; /* z2 */ \
	VPMULLD fdctC2p6<>(SB), Y10, Y10; \
	VPADDD  Y11, Y10, Y10; \
	VPSRAD  $14, Y10, Y10; /* z4 */ \
	VPMULLD fdctC4<>(SB), Y9, Y9; \
	VPADDD  fdctRound<>(SB), Y9, Y9; \
	VPSRAD  $14, Y9, Y9; /* z3 */ \
	VPADDD  Y9, Y7, Y12; /* z11 */ \
	VPSUBD  Y9, Y7, Y13; /* z13 */ \
	VPSUBD  Y8, Y13, Y4; \
	VPADDD  Y8, Y13, Y5; \
	VPADDD  Y10, Y12, Y6; \
	VPSUBD  Y10, Y12, Y7

// QUANT quantises row V of the coefficients (YV) by the reciprocals at
// DX, as quantise does: |v|·r + 2³¹, shifted, is quantise(|v|) (a
// negative v's half less 2⁻³² rounds -v's half up), its sign put back
// by VPSIGND. The row's elements are taken in the order 0 2 1 3 4 6 5 7
// so that VPMULUDQ multiplies 0 1 4 5 by one register of reciprocals and
// 2 3 6 7 by the next (the row's in that order), and VSHUFPS puts their
// products' upper halves back in order.
#define QUANT(YV, V) \
	VPSHUFD   $0xd8, YV, Y8; \
	VPABSD    Y8, Y8; \
	VPSRLQ    $32, Y8, Y9; \
	VPMULUDQ  (64*V)(DX), Y8, Y8; \
	VPMULUDQ  (64*V+32)(DX), Y9, Y9; \
	VPADDQ    Y15, Y8, Y8; \
	VPADDQ    Y15, Y9, Y9; \
	VSHUFPS   $0xdd, Y9, Y8, Y8; \
	VPSIGND   YV, Y8, YV

// func fdctAVX2(coef *[64]int32, samples *uint8, stride int, r *[64]int64) (nonZero uint64)
TEXT ·fdctAVX2(SB), NOSPLIT, $0-40
	MOVQ coef+0(FP), DI
	MOVQ samples+8(FP), SI
	MOVQ stride+16(FP), BX
	MOVQ r+24(FP), DX
	LEAQ (BX)(BX*2), CX
	LEAQ (SI)(BX*4), R8

	// The rows, stride bytes apart, with four bits of fraction, made
	// columns: x0-x7 of each row in an element of Y8-Y15.
	VPMOVZXBD (SI), Y0
	VPMOVZXBD (SI)(BX*1), Y1
	VPMOVZXBD (SI)(BX*2), Y2
	VPMOVZXBD (SI)(CX*1), Y3
	VPMOVZXBD (R8), Y4
	VPMOVZXBD (R8)(BX*1), Y5
	VPMOVZXBD (R8)(BX*2), Y6
	VPMOVZXBD (R8)(CX*1), Y7
	// Each row two cache lines on, which blocks to come read: a
	// block's sixteen rows of brightness and eight of each colour are
	// more streams than the processor follows by itself (a fifth of
	// encoding was waiting for them). Beyond the plane it does no harm.
	PREFETCHT0 128(SI)
	PREFETCHT0 128(SI)(BX*1)
	PREFETCHT0 128(SI)(BX*2)
	PREFETCHT0 128(SI)(CX*1)
	PREFETCHT0 128(R8)
	PREFETCHT0 128(R8)(BX*1)
	PREFETCHT0 128(R8)(BX*2)
	PREFETCHT0 128(R8)(CX*1)
	TRANSPOSE(Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y8, Y9, Y10, Y11, Y12, Y13, Y14, Y15)
	VPSLLD $4, Y8, Y8
	VPSLLD $4, Y9, Y9
	VPSLLD $4, Y10, Y10
	VPSLLD $4, Y11, Y11
	VPSLLD $4, Y12, Y12
	VPSLLD $4, Y13, Y13
	VPSLLD $4, Y14, Y14
	VPSLLD $4, Y15, Y15

	// The rows' frequencies, the first less the samples' 8·128.
	MIRROR
	EVEN
	VPSUBD fdctMean<>(SB), Y0, Y0
	ODD

	// The rows' frequencies made columns again, and transformed.
	TRANSPOSE(Y0, Y6, Y2, Y4, Y1, Y5, Y3, Y7, Y8, Y9, Y10, Y11, Y12, Y13, Y14, Y15)
	MIRROR
	EVEN
	ODD

	// Rows 0-7 of the coefficients are in Y0, Y6, Y2, Y4, Y1, Y5, Y3, Y7.
	VMOVDQU fdctHalf<>(SB), Y15
	QUANT(Y0, 0)
	QUANT(Y6, 1)
	QUANT(Y2, 2)
	QUANT(Y4, 3)
	QUANT(Y1, 4)
	QUANT(Y5, 5)
	QUANT(Y3, 6)
	QUANT(Y7, 7)
	VMOVDQU Y0, 0(DI)
	VMOVDQU Y6, 32(DI)
	VMOVDQU Y2, 64(DI)
	VMOVDQU Y4, 96(DI)
	VMOVDQU Y1, 128(DI)
	VMOVDQU Y5, 160(DI)
	VMOVDQU Y3, 192(DI)
	VMOVDQU Y7, 224(DI)

	// The word of those not zero, in zigzag order: the coefficients
	// packed into bytes (saturated, so that none not zero becomes
	// zero), rows 0-3 in Y8 and 4-7 in Y10, each half of a register a
	// quarter of the block; each quarter in both halves of Y11-Y14;
	// their bytes shuffled into zigzag order in Y8 and Y9, compared with
	// zero, and their top bits taken.
	VPACKSSDW  Y6, Y0, Y8
	VPACKSSDW  Y4, Y2, Y9
	VPACKSSWB  Y9, Y8, Y8
	VPACKSSDW  Y5, Y1, Y10
	VPACKSSDW  Y7, Y3, Y9
	VPACKSSWB  Y9, Y10, Y10
	VPERM2I128 $0x00, Y8, Y8, Y11
	VPERM2I128 $0x11, Y8, Y8, Y12
	VPERM2I128 $0x00, Y10, Y10, Y13
	VPERM2I128 $0x11, Y10, Y10, Y14
	VPSHUFB    fdctZigzag<>+0(SB), Y11, Y8
	VPSHUFB    fdctZigzag<>+32(SB), Y12, Y0
	VPSHUFB    fdctZigzag<>+64(SB), Y13, Y1
	VPOR       Y0, Y8, Y8
	VPOR       Y1, Y8, Y8
	VPSHUFB    fdctZigzag<>+96(SB), Y12, Y9
	VPSHUFB    fdctZigzag<>+128(SB), Y13, Y0
	VPSHUFB    fdctZigzag<>+160(SB), Y14, Y1
	VPOR       Y0, Y9, Y9
	VPOR       Y1, Y9, Y9
	VPXOR      Y15, Y15, Y15
	VPCMPEQB   Y15, Y8, Y8
	VPCMPEQB   Y15, Y9, Y9
	VPMOVMSKB  Y8, AX
	VPMOVMSKB  Y9, BX
	SHLQ       $32, BX
	ORQ        BX, AX
	NOTQ       AX
	MOVQ       AX, nonZero+32(FP)
	VZEROUPPER
	RET
