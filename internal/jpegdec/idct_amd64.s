//go:build amd64 && !purego

#include "textflag.h"

// idct4AVX2 is idct4Go for groups of four blocks, the same integers: see
// idct_amd64.go. Two blocks share a register, one in each 128-bit lane,
// each lane's four 32-bit elements being a row's (or a column's) four
// pixels. Every sum fits in 32 bits for any int16 coefficients, so the
// order of the additions cannot change a result.

// A row's four coefficients f0 f1 f2 f3 give its pixels x0..x3 as one
// dot product each, (f0, f2)·even(x) + (f1, f3)·odd(x), VPMADDWD taking
// the pairs of 16-bit coefficients: even0 is (724, 724), even1
// (724, -724); odd0 (946, 392), odd1 (392, -946), negated for x2 and x3.
DATA idct4even<>+0(SB)/4, $0x02d402d4
DATA idct4even<>+4(SB)/4, $0xfd2c02d4
DATA idct4even<>+8(SB)/4, $0xfd2c02d4
DATA idct4even<>+12(SB)/4, $0x02d402d4
GLOBL idct4even<>(SB), RODATA|NOPTR, $16
DATA idct4odd<>+0(SB)/4, $0x018803b2
DATA idct4odd<>+4(SB)/4, $0xfc4e0188
DATA idct4odd<>+8(SB)/4, $0x03b2fe78
DATA idct4odd<>+12(SB)/4, $0xfe78fc4e
GLOBL idct4odd<>(SB), RODATA|NOPTR, $16

// Byte shuffles putting one row's (f0, f2) or (f1, f3) in all four
// elements of a lane: the first and second row of the eight bytes
// loaded.
DATA idct4pick<>+0(SB)/4, $0x05040100  // first row's f0, f2
DATA idct4pick<>+4(SB)/4, $0x07060302  // first row's f1, f3
DATA idct4pick<>+8(SB)/4, $0x0d0c0908  // second row's f0, f2
DATA idct4pick<>+12(SB)/4, $0x0f0e0b0a // second row's f1, f3
GLOBL idct4pick<>(SB), RODATA|NOPTR, $16

DATA idct4rowRound<>+0(SB)/4, $128     // rowRound
DATA idct4colRound<>+0(SB)/4, $2105344 // colRound: 1<<13 + 128<<14
DATA idct4c724<>+0(SB)/4, $724
DATA idct4c946<>+0(SB)/4, $946
DATA idct4c392<>+0(SB)/4, $392
GLOBL idct4rowRound<>(SB), RODATA|NOPTR, $4
GLOBL idct4colRound<>(SB), RODATA|NOPTR, $4
GLOBL idct4c724<>(SB), RODATA|NOPTR, $4
GLOBL idct4c946<>(SB), RODATA|NOPTR, $4
GLOBL idct4c392<>(SB), RODATA|NOPTR, $4

// ROW makes one row's four values of the first pass, for both lanes, from
// the two rows in SRC (PICKE, PICKO choosing the first or second): into
// DST, with T as scratch.
#define ROW(SRC, PICKE, PICKO, DST, T) \
	VPSHUFB  PICKE, SRC, DST; \
	VPMADDWD Y15, DST, DST; \
	VPSHUFB  PICKO, SRC, T; \
	VPMADDWD Y14, T, T; \
	VPADDD   T, DST, DST; \
	VPADDD   Y13, DST, DST; \
	VPSRAD   $8, DST, DST

// PAIR transforms the blocks at A and B bytes on from SI into OUT: lane 0
// block A's sixteen pixels, lane 1 block B's, row by row. It uses Y0-Y6.
#define PAIR(A, B, OUT) \
	VMOVDQU     A(SI), X0; /* rows 0 and 1 */ \
	VINSERTI128 $1, B(SI), Y0, Y0; \
	VMOVDQU     A+16(SI), X1; /* rows 2 and 3 */ \
	VINSERTI128 $1, B+16(SI), Y1, Y1; \
	ROW(Y0, Y11, Y10, Y2, Y6); /* T0 */ \
	ROW(Y0, Y9, Y8, Y3, Y6); /* T1 */ \
	ROW(Y1, Y11, Y10, Y4, Y6); /* T2 */ \
	ROW(Y1, Y9, Y8, Y5, Y6); /* T3 */ \
	VPADDD      Y4, Y2, Y0; /* T0+T2 */ \
	VPSUBD      Y4, Y2, Y1; /* T0-T2 */ \
	VPBROADCASTD idct4c724<>(SB), Y6; \
	VPMULLD     Y6, Y0, Y0; \
	VPADDD      Y12, Y0, Y0; /* even0 */ \
	VPMULLD     Y6, Y1, Y1; \
	VPADDD      Y12, Y1, Y1; /* even1 */ \
	VPBROADCASTD idct4c946<>(SB), Y6; \
	VPMULLD     Y6, Y3, Y2; /* T1·946 */ \
	VPMULLD     Y6, Y5, Y4; /* T3·946 */ \
	VPBROADCASTD idct4c392<>(SB), Y6; \
	VPMULLD     Y6, Y5, Y5; /* T3·392 */ \
	VPMULLD     Y6, Y3, Y3; /* T1·392 */ \
	VPADDD      Y5, Y2, Y2; /* odd0 */ \
	VPSUBD      Y4, Y3, Y3; /* odd1 */ \
	VPADDD      Y2, Y0, Y4; /* even0+odd0: row 0 */ \
	VPSUBD      Y2, Y0, Y0; /* even0-odd0: row 3 */ \
	VPADDD      Y3, Y1, Y2; /* even1+odd1: row 1 */ \
	VPSUBD      Y3, Y1, Y1; /* even1-odd1: row 2 */ \
	VPSRAD      $14, Y4, Y4; \
	VPSRAD      $14, Y2, Y2; \
	VPSRAD      $14, Y1, Y1; \
	VPSRAD      $14, Y0, Y0; \
	VPACKSSDW   Y2, Y4, Y4; /* rows 0, 1 */ \
	VPACKSSDW   Y0, Y1, Y1; /* rows 2, 3 */ \
	VPACKUSWB   Y1, Y4, OUT /* saturating twice clamps as clampPixel */

// func idct4AVX2(dst *uint8, stride int, coef *int16, groups int)
TEXT ·idct4AVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ stride+8(FP), R8
	MOVQ coef+16(FP), SI
	MOVQ groups+24(FP), CX
	LEAQ (R8)(R8*2), R9 // 3·stride

	VBROADCASTI128 idct4even<>(SB), Y15
	VBROADCASTI128 idct4odd<>(SB), Y14
	VPBROADCASTD   idct4rowRound<>(SB), Y13
	VPBROADCASTD   idct4pick<>+0(SB), Y11
	VPBROADCASTD   idct4pick<>+4(SB), Y10
	VPBROADCASTD   idct4pick<>+8(SB), Y9
	VPBROADCASTD   idct4pick<>+12(SB), Y8

	VPBROADCASTD   idct4colRound<>(SB), Y12

loop:
	PAIR(0, 64, Y7)  // blocks 0 and 2
	PAIR(32, 96, Y2) // blocks 1 and 3

	// Each lane's four rows of four bytes, blocks 0 and 1 (or 2 and 3)
	// interleaved: rows 0 and 1 of all four, then rows 2 and 3.
	VPUNPCKLDQ Y2, Y7, Y0
	VPUNPCKHDQ Y2, Y7, Y1
	VPERMQ     $0xd8, Y0, Y0
	VPERMQ     $0xd8, Y1, Y1
	VMOVDQU     X0, (DI)
	VEXTRACTI128 $1, Y0, (DI)(R8*1)
	VMOVDQU     X1, (DI)(R8*2)
	VEXTRACTI128 $1, Y1, (DI)(R9*1)

	ADDQ $128, SI
	ADDQ $16, DI
	DECQ CX
	JNZ  loop
	VZEROUPPER
	RET

// idct2AVX2 is idct2Go for groups of eight blocks, the same integers: the
// blocks' (F(0,0), F(0,1)) and (F(1,0), F(1,1)) pairs are gathered into
// two registers, one block an element, and each of a block's four pixels
// is then a dot product of a pair (VPMADDWD) and a 32-bit sum, as in
// idct4AVX2.
DATA idct2sum<>+0(SB)/4, $0x02d402d4  // (724, 724)
DATA idct2diff<>+0(SB)/4, $0xfd2c02d4 // (724, -724)
GLOBL idct2sum<>(SB), RODATA|NOPTR, $4
GLOBL idct2diff<>(SB), RODATA|NOPTR, $4

// ROW2 makes one row pass's values, (PAIRS·K + rowRound) >> 8, into DST.
#define ROW2(PAIRS, K, DST) \
	VPMADDWD K, PAIRS, DST; \
	VPADDD   Y13, DST, DST; \
	VPSRAD   $8, DST, DST

// COL2 makes one column pass's values in place: (V·724 + colRound) >> 14.
#define COL2(V) \
	VPMULLD Y12, V, V; \
	VPADDD  Y11, V, V; \
	VPSRAD  $14, V, V

// func idct2AVX2(dst *uint8, stride int, coef *int16, groups int)
TEXT ·idct2AVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ stride+8(FP), R8
	MOVQ coef+16(FP), SI
	MOVQ groups+24(FP), CX

	VPBROADCASTD idct2sum<>(SB), Y15
	VPBROADCASTD idct2diff<>(SB), Y14
	VPBROADCASTD idct4rowRound<>(SB), Y13
	VPBROADCASTD idct4c724<>(SB), Y12
	VPBROADCASTD idct4colRound<>(SB), Y11

loop2:
	// Each block's first two rows of four, blocks 0 to 3 in the lower
	// lanes, 4 to 7 in the upper.
	VMOVDQU     0(SI), X0
	VINSERTI128 $1, 128(SI), Y0, Y0
	VMOVDQU     32(SI), X1
	VINSERTI128 $1, 160(SI), Y1, Y1
	VMOVDQU     64(SI), X2
	VINSERTI128 $1, 192(SI), Y2, Y2
	VMOVDQU     96(SI), X3
	VINSERTI128 $1, 224(SI), Y3, Y3
	VPUNPCKLDQ  Y1, Y0, Y4
	VPUNPCKHDQ  Y1, Y0, Y5
	VPUNPCKLDQ  Y3, Y2, Y6
	VPUNPCKHDQ  Y3, Y2, Y7
	VPUNPCKLQDQ Y6, Y4, Y0 // (F(0,0), F(0,1)) of blocks 0-3 | 4-7
	VPUNPCKLQDQ Y7, Y5, Y1 // (F(1,0), F(1,1))

	ROW2(Y0, Y15, Y2) // t0
	ROW2(Y0, Y14, Y3) // t1
	ROW2(Y1, Y15, Y4) // u0
	ROW2(Y1, Y14, Y5) // u1
	VPADDD Y4, Y2, Y0 // row 0, column 0
	VPSUBD Y4, Y2, Y2 // row 1, column 0
	VPADDD Y5, Y3, Y1 // row 0, column 1
	VPSUBD Y5, Y3, Y3 // row 1, column 1
	COL2(Y0)
	COL2(Y1)
	COL2(Y2)
	COL2(Y3)

	// Each row's two pixels of every block side by side, saturated to
	// bytes (as clampPixel clamps), rows 0 and 1 in the two lanes.
	VPUNPCKLDQ   Y1, Y0, Y4 // row 0: blocks 0, 1 | 4, 5
	VPUNPCKHDQ   Y1, Y0, Y5 // row 0: blocks 2, 3 | 6, 7
	VPUNPCKLDQ   Y3, Y2, Y6
	VPUNPCKHDQ   Y3, Y2, Y7
	VPACKSSDW    Y5, Y4, Y4
	VPACKSSDW    Y7, Y6, Y6
	VPACKUSWB    Y6, Y4, Y4
	VPERMQ       $0xd8, Y4, Y4
	VMOVDQU      X4, (DI)
	VEXTRACTI128 $1, Y4, (DI)(R8*1)

	ADDQ $256, SI
	ADDQ $16, DI
	DECQ CX
	JNZ  loop2
	VZEROUPPER
	RET
