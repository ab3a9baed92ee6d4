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

// fdctGather is, for each zigzag index, where its coefficient is among
// the quantised ones stored by QUANT: row v's at 8v, its frequencies in
// the order 0 1 4 5 2 3 6 7 that VSHUFPS leaves them in.
DATA fdctGather<>+0(SB)/4, $0
DATA fdctGather<>+4(SB)/4, $1
DATA fdctGather<>+8(SB)/4, $8
DATA fdctGather<>+12(SB)/4, $16
DATA fdctGather<>+16(SB)/4, $9
DATA fdctGather<>+20(SB)/4, $4
DATA fdctGather<>+24(SB)/4, $5
DATA fdctGather<>+28(SB)/4, $12
DATA fdctGather<>+32(SB)/4, $17
DATA fdctGather<>+36(SB)/4, $24
DATA fdctGather<>+40(SB)/4, $32
DATA fdctGather<>+44(SB)/4, $25
DATA fdctGather<>+48(SB)/4, $20
DATA fdctGather<>+52(SB)/4, $13
DATA fdctGather<>+56(SB)/4, $2
DATA fdctGather<>+60(SB)/4, $3
DATA fdctGather<>+64(SB)/4, $10
DATA fdctGather<>+68(SB)/4, $21
DATA fdctGather<>+72(SB)/4, $28
DATA fdctGather<>+76(SB)/4, $33
DATA fdctGather<>+80(SB)/4, $40
DATA fdctGather<>+84(SB)/4, $48
DATA fdctGather<>+88(SB)/4, $41
DATA fdctGather<>+92(SB)/4, $36
DATA fdctGather<>+96(SB)/4, $29
DATA fdctGather<>+100(SB)/4, $18
DATA fdctGather<>+104(SB)/4, $11
DATA fdctGather<>+108(SB)/4, $6
DATA fdctGather<>+112(SB)/4, $7
DATA fdctGather<>+116(SB)/4, $14
DATA fdctGather<>+120(SB)/4, $19
DATA fdctGather<>+124(SB)/4, $26
DATA fdctGather<>+128(SB)/4, $37
DATA fdctGather<>+132(SB)/4, $44
DATA fdctGather<>+136(SB)/4, $49
DATA fdctGather<>+140(SB)/4, $56
DATA fdctGather<>+144(SB)/4, $57
DATA fdctGather<>+148(SB)/4, $52
DATA fdctGather<>+152(SB)/4, $45
DATA fdctGather<>+156(SB)/4, $34
DATA fdctGather<>+160(SB)/4, $27
DATA fdctGather<>+164(SB)/4, $22
DATA fdctGather<>+168(SB)/4, $15
DATA fdctGather<>+172(SB)/4, $23
DATA fdctGather<>+176(SB)/4, $30
DATA fdctGather<>+180(SB)/4, $35
DATA fdctGather<>+184(SB)/4, $42
DATA fdctGather<>+188(SB)/4, $53
DATA fdctGather<>+192(SB)/4, $60
DATA fdctGather<>+196(SB)/4, $61
DATA fdctGather<>+200(SB)/4, $50
DATA fdctGather<>+204(SB)/4, $43
DATA fdctGather<>+208(SB)/4, $38
DATA fdctGather<>+212(SB)/4, $31
DATA fdctGather<>+216(SB)/4, $39
DATA fdctGather<>+220(SB)/4, $46
DATA fdctGather<>+224(SB)/4, $51
DATA fdctGather<>+228(SB)/4, $58
DATA fdctGather<>+232(SB)/4, $59
DATA fdctGather<>+236(SB)/4, $54
DATA fdctGather<>+240(SB)/4, $47
DATA fdctGather<>+244(SB)/4, $55
DATA fdctGather<>+248(SB)/4, $62
DATA fdctGather<>+252(SB)/4, $63
GLOBL fdctGather<>(SB), RODATA|NOPTR, $256

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

// QUANT quantises row V of the coefficients (YV, its lower half XV) by
// the reciprocals at DX as quantise does: the 64-bit products v·r
// (VPMULDQ takes r's lower 32 bits, all it has), plus 2³¹ and v's sign,
// their upper halves stored at BX in the order 0 1 4 5 2 3 6 7.
#define QUANT(XV, YV, V) \
	VPMOVSXDQ    XV, Y8; \
	VEXTRACTI128 $1, YV, X9; \
	VPMOVSXDQ    X9, Y9; \
	VPMULDQ      (64*V)(DX), Y8, Y10; \
	VPMULDQ      (64*V+32)(DX), Y9, Y11; \
	VPSRAD       $31, Y8, Y8; \
	VPSRAD       $31, Y9, Y9; \
	VPADDQ       Y8, Y10, Y10; \
	VPADDQ       Y9, Y11, Y11; \
	VPADDQ       Y15, Y10, Y10; \
	VPADDQ       Y15, Y11, Y11; \
	VSHUFPS      $0xdd, Y11, Y10, Y12; \
	VMOVDQU      Y12, (32*V)(BX)

// GATHER puts the eight coefficients of zigzag indices 8G to 8G+7 at DI,
// and their bits of the word of those not zero into R10 (set for zeros;
// inverted at the end).
#define GATHER(G) \
	VPCMPEQD   Y13, Y13, Y13; \
	VMOVDQU    fdctGather<>+(32*G)(SB), Y14; \
	VPGATHERDD Y13, (BX)(Y14*4), Y12; \
	VMOVDQU    Y12, (32*G)(DI); \
	VPCMPEQD   Y11, Y12, Y12; \
	VMOVMSKPS  Y12, AX; \
	SHLQ       $(8*G), AX; \
	ORQ        AX, R10

// func fdctAVX2(zz *[64]int32, samples *[64]uint8, r *[64]int64) (nonZero uint64)
TEXT ·fdctAVX2(SB), NOSPLIT, $256-32
	MOVQ zz+0(FP), DI
	MOVQ samples+8(FP), SI
	MOVQ r+16(FP), DX
	LEAQ 0(SP), BX // the quantised coefficients before the zigzag

	// The rows, with four bits of fraction, made columns: x0-x7 of
	// each row in an element of Y8-Y15.
	VPMOVZXBD 0(SI), Y0
	VPMOVZXBD 8(SI), Y1
	VPMOVZXBD 16(SI), Y2
	VPMOVZXBD 24(SI), Y3
	VPMOVZXBD 32(SI), Y4
	VPMOVZXBD 40(SI), Y5
	VPMOVZXBD 48(SI), Y6
	VPMOVZXBD 56(SI), Y7
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
	QUANT(X0, Y0, 0)
	QUANT(X6, Y6, 1)
	QUANT(X2, Y2, 2)
	QUANT(X4, Y4, 3)
	QUANT(X1, Y1, 4)
	QUANT(X5, Y5, 5)
	QUANT(X3, Y3, 6)
	QUANT(X7, Y7, 7)

	XORQ   R10, R10
	VPXOR  Y11, Y11, Y11
	GATHER(0)
	GATHER(1)
	GATHER(2)
	GATHER(3)
	GATHER(4)
	GATHER(5)
	GATHER(6)
	GATHER(7)
	NOTQ   R10
	MOVQ   R10, nonZero+24(FP)
	VZEROUPPER
	RET
