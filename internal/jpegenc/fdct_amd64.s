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

// fdctZigzag is, for each group of eight zigzag indices and each row of
// the quantised coefficients they take some of, which element of the
// row each of the eight is (QUANT leaves a row's frequencies in the order
// 0 1 4 5 2 3 6 7), a byte each: VPERMD picks them, VPBLENDD keeps those
// of the row, as AVX2 has no permutation across registers. Gathering
// them (VPGATHERDD) took two fifths of the function's time.
DATA fdctZigzag<>+0(SB)/8, $0x0005040000000100 // row 0 into zigzag 0-7
DATA fdctZigzag<>+8(SB)/8, $0x0400000100000000 // row 1 into zigzag 0-7
DATA fdctZigzag<>+16(SB)/8, $0x0000000000000000 // row 2 into zigzag 0-7
DATA fdctZigzag<>+24(SB)/8, $0x0302000000000000 // row 0 into zigzag 8-15
DATA fdctZigzag<>+32(SB)/8, $0x0000050000000000 // row 1 into zigzag 8-15
DATA fdctZigzag<>+40(SB)/8, $0x0000000400000001 // row 2 into zigzag 8-15
DATA fdctZigzag<>+48(SB)/8, $0x0000000001000000 // row 3 into zigzag 8-15
DATA fdctZigzag<>+56(SB)/8, $0x0000000000000000 // row 4 into zigzag 8-15
DATA fdctZigzag<>+64(SB)/8, $0x0000000000000002 // row 1 into zigzag 16-23
DATA fdctZigzag<>+72(SB)/8, $0x0000000000000500 // row 2 into zigzag 16-23
DATA fdctZigzag<>+80(SB)/8, $0x0000000000040000 // row 3 into zigzag 16-23
DATA fdctZigzag<>+88(SB)/8, $0x0400000001000000 // row 4 into zigzag 16-23
DATA fdctZigzag<>+96(SB)/8, $0x0001000000000000 // row 5 into zigzag 16-23
DATA fdctZigzag<>+104(SB)/8, $0x0000000000000000 // row 6 into zigzag 16-23
DATA fdctZigzag<>+112(SB)/8, $0x0000000706000000 // row 0 into zigzag 24-31
DATA fdctZigzag<>+120(SB)/8, $0x0000060000030000 // row 1 into zigzag 24-31
DATA fdctZigzag<>+128(SB)/8, $0x0003000000000200 // row 2 into zigzag 24-31
DATA fdctZigzag<>+136(SB)/8, $0x0200000000000005 // row 3 into zigzag 24-31
DATA fdctZigzag<>+144(SB)/8, $0x0200000000000005 // row 4 into zigzag 32-39
DATA fdctZigzag<>+152(SB)/8, $0x0005000000000400 // row 5 into zigzag 32-39
DATA fdctZigzag<>+160(SB)/8, $0x0000040000010000 // row 6 into zigzag 32-39
DATA fdctZigzag<>+168(SB)/8, $0x0000000100000000 // row 7 into zigzag 32-39
DATA fdctZigzag<>+176(SB)/8, $0x0000000000070000 // row 1 into zigzag 40-47
DATA fdctZigzag<>+184(SB)/8, $0x0000000007000600 // row 2 into zigzag 40-47
DATA fdctZigzag<>+192(SB)/8, $0x0000000600000003 // row 3 into zigzag 40-47
DATA fdctZigzag<>+200(SB)/8, $0x0000030000000000 // row 4 into zigzag 40-47
DATA fdctZigzag<>+208(SB)/8, $0x0002000000000000 // row 5 into zigzag 40-47
DATA fdctZigzag<>+216(SB)/8, $0x0500000000000000 // row 6 into zigzag 40-47
DATA fdctZigzag<>+224(SB)/8, $0x0000070000000000 // row 3 into zigzag 48-55
DATA fdctZigzag<>+232(SB)/8, $0x0007000600000000 // row 4 into zigzag 48-55
DATA fdctZigzag<>+240(SB)/8, $0x0600000003000000 // row 5 into zigzag 48-55
DATA fdctZigzag<>+248(SB)/8, $0x0000000000020000 // row 6 into zigzag 48-55
DATA fdctZigzag<>+256(SB)/8, $0x0000000000000504 // row 7 into zigzag 48-55
DATA fdctZigzag<>+264(SB)/8, $0x0000000700000000 // row 5 into zigzag 56-63
DATA fdctZigzag<>+272(SB)/8, $0x0000070006000003 // row 6 into zigzag 56-63
DATA fdctZigzag<>+280(SB)/8, $0x0706000000030200 // row 7 into zigzag 56-63
GLOBL fdctZigzag<>(SB), RODATA|NOPTR, $288

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
// their upper halves put back in YV in the order 0 1 4 5 2 3 6 7.
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
	VSHUFPS      $0xdd, Y11, Y10, YV

// STORE puts Y8, the coefficients of zigzag indices 8G to 8G+7, at DI,
// and their bits of the word of those not zero into R10 (set for zeros;
// inverted at the end).
#define STORE(G) \
	VMOVDQU   Y8, (32*G)(DI); \
	VPCMPEQD  Y11, Y8, Y8; \
	VMOVMSKPS Y8, AX; \
	SHLQ      $(8*G), AX; \
	ORQ       AX, R10

// func fdctAVX2(zz *[64]int32, samples *[64]uint8, r *[64]int64) (nonZero uint64)
TEXT ·fdctAVX2(SB), NOSPLIT, $0-32
	MOVQ zz+0(FP), DI
	MOVQ samples+8(FP), SI
	MOVQ r+16(FP), DX

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
	// zigzag 0-7: rows 0, 1, 2
	VPMOVZXBD fdctZigzag<>+0(SB), Y9
	VPERMD    Y0, Y9, Y8
	VPMOVZXBD fdctZigzag<>+8(SB), Y9
	VPERMD    Y6, Y9, Y10
	VPBLENDD  $0x94, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+16(SB), Y9
	VPERMD    Y2, Y9, Y10
	VPBLENDD  $0x08, Y10, Y8, Y8
	STORE(0)
	// zigzag 8-15: rows 0, 1, 2, 3, 4
	VPMOVZXBD fdctZigzag<>+24(SB), Y9
	VPERMD    Y0, Y9, Y8
	VPMOVZXBD fdctZigzag<>+32(SB), Y9
	VPERMD    Y6, Y9, Y10
	VPBLENDD  $0x20, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+40(SB), Y9
	VPERMD    Y2, Y9, Y10
	VPBLENDD  $0x11, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+48(SB), Y9
	VPERMD    Y4, Y9, Y10
	VPBLENDD  $0x0a, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+56(SB), Y9
	VPERMD    Y1, Y9, Y10
	VPBLENDD  $0x04, Y10, Y8, Y8
	STORE(1)
	// zigzag 16-23: rows 1, 2, 3, 4, 5, 6
	VPMOVZXBD fdctZigzag<>+64(SB), Y9
	VPERMD    Y6, Y9, Y8
	VPMOVZXBD fdctZigzag<>+72(SB), Y9
	VPERMD    Y2, Y9, Y10
	VPBLENDD  $0x02, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+80(SB), Y9
	VPERMD    Y4, Y9, Y10
	VPBLENDD  $0x04, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+88(SB), Y9
	VPERMD    Y1, Y9, Y10
	VPBLENDD  $0x88, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+96(SB), Y9
	VPERMD    Y5, Y9, Y10
	VPBLENDD  $0x50, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+104(SB), Y9
	VPERMD    Y3, Y9, Y10
	VPBLENDD  $0x20, Y10, Y8, Y8
	STORE(2)
	// zigzag 24-31: rows 0, 1, 2, 3
	VPMOVZXBD fdctZigzag<>+112(SB), Y9
	VPERMD    Y0, Y9, Y8
	VPMOVZXBD fdctZigzag<>+120(SB), Y9
	VPERMD    Y6, Y9, Y10
	VPBLENDD  $0x24, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+128(SB), Y9
	VPERMD    Y2, Y9, Y10
	VPBLENDD  $0x42, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+136(SB), Y9
	VPERMD    Y4, Y9, Y10
	VPBLENDD  $0x81, Y10, Y8, Y8
	STORE(3)
	// zigzag 32-39: rows 4, 5, 6, 7
	VPMOVZXBD fdctZigzag<>+144(SB), Y9
	VPERMD    Y1, Y9, Y8
	VPMOVZXBD fdctZigzag<>+152(SB), Y9
	VPERMD    Y5, Y9, Y10
	VPBLENDD  $0x42, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+160(SB), Y9
	VPERMD    Y3, Y9, Y10
	VPBLENDD  $0x24, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+168(SB), Y9
	VPERMD    Y7, Y9, Y10
	VPBLENDD  $0x18, Y10, Y8, Y8
	STORE(4)
	// zigzag 40-47: rows 1, 2, 3, 4, 5, 6
	VPMOVZXBD fdctZigzag<>+176(SB), Y9
	VPERMD    Y6, Y9, Y8
	VPMOVZXBD fdctZigzag<>+184(SB), Y9
	VPERMD    Y2, Y9, Y10
	VPBLENDD  $0x0a, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+192(SB), Y9
	VPERMD    Y4, Y9, Y10
	VPBLENDD  $0x11, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+200(SB), Y9
	VPERMD    Y1, Y9, Y10
	VPBLENDD  $0x20, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+208(SB), Y9
	VPERMD    Y5, Y9, Y10
	VPBLENDD  $0x40, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+216(SB), Y9
	VPERMD    Y3, Y9, Y10
	VPBLENDD  $0x80, Y10, Y8, Y8
	STORE(5)
	// zigzag 48-55: rows 3, 4, 5, 6, 7
	VPMOVZXBD fdctZigzag<>+224(SB), Y9
	VPERMD    Y4, Y9, Y8
	VPMOVZXBD fdctZigzag<>+232(SB), Y9
	VPERMD    Y1, Y9, Y10
	VPBLENDD  $0x50, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+240(SB), Y9
	VPERMD    Y5, Y9, Y10
	VPBLENDD  $0x88, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+248(SB), Y9
	VPERMD    Y3, Y9, Y10
	VPBLENDD  $0x04, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+256(SB), Y9
	VPERMD    Y7, Y9, Y10
	VPBLENDD  $0x03, Y10, Y8, Y8
	STORE(6)
	// zigzag 56-63: rows 5, 6, 7
	VPMOVZXBD fdctZigzag<>+264(SB), Y9
	VPERMD    Y5, Y9, Y8
	VPMOVZXBD fdctZigzag<>+272(SB), Y9
	VPERMD    Y3, Y9, Y10
	VPBLENDD  $0x29, Y10, Y8, Y8
	VPMOVZXBD fdctZigzag<>+280(SB), Y9
	VPERMD    Y7, Y9, Y10
	VPBLENDD  $0xc6, Y10, Y8, Y8
	STORE(7)
	NOTQ   R10
	MOVQ   R10, nonZero+24(FP)
	VZEROUPPER
	RET
