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
