//go:build amd64 && !purego

#include "textflag.h"

// The byte loops of PNG reading and writing, 32 bytes at a time with
// AVX2; each is the pure-Go loop of the same name without the kernel,
// against which simd_test.go checks it.

// func upFilterAVX2(up, cur, prev *byte, n int) (sumUp, sumNone int)
//
// up = cur - prev, byte by byte; the magnitudes of up's and cur's bytes
// read as signed (VPABSB: 0x80 gives 128) summed by VPSADBW into four
// 64-bit lanes each.
TEXT ·upFilterAVX2(SB), NOSPLIT, $0-48
	MOVQ up+0(FP), DI
	MOVQ cur+8(FP), SI
	MOVQ prev+16(FP), DX
	MOVQ n+24(FP), CX
	VPXOR Y0, Y0, Y0
	VPXOR Y1, Y1, Y1
	VPXOR Y2, Y2, Y2

upLoop:
	CMPQ CX, $32
	JB   upDone
	VMOVDQU (SI), Y3
	VMOVDQU (DX), Y4
	VPSUBB  Y4, Y3, Y5
	VMOVDQU Y5, (DI)
	VPABSB  Y5, Y5
	VPSADBW Y0, Y5, Y5
	VPADDQ  Y5, Y1, Y1
	VPABSB  Y3, Y3
	VPSADBW Y0, Y3, Y3
	VPADDQ  Y3, Y2, Y2
	ADDQ    $32, SI
	ADDQ    $32, DX
	ADDQ    $32, DI
	SUBQ    $32, CX
	JMP     upLoop

upDone:
	VEXTRACTI128 $1, Y1, X3
	VPADDQ       X3, X1, X1
	VPSHUFD      $0x4e, X1, X3
	VPADDQ       X3, X1, X1
	VMOVQ        X1, AX
	MOVQ         AX, sumUp+32(FP)
	VEXTRACTI128 $1, Y2, X3
	VPADDQ       X3, X2, X2
	VPSHUFD      $0x4e, X2, X3
	VPADDQ       X3, X2, X2
	VMOVQ        X2, AX
	MOVQ         AX, sumNone+40(FP)
	VZEROUPPER
	RET

// Adler-32's weights for a block of 32 bytes: the first byte comes 32
// bytes before the block's end, the last 1.
DATA adlerWeights<>+0(SB)/8, $0x191a1b1c1d1e1f20
DATA adlerWeights<>+8(SB)/8, $0x1112131415161718
DATA adlerWeights<>+16(SB)/8, $0x090a0b0c0d0e0f10
DATA adlerWeights<>+24(SB)/8, $0x0102030405060708
GLOBL adlerWeights<>(SB), RODATA|NOPTR, $32

DATA ones16<>+0(SB)/8, $0x0001000100010001
DATA ones16<>+8(SB)/8, $0x0001000100010001
DATA ones16<>+16(SB)/8, $0x0001000100010001
DATA ones16<>+24(SB)/8, $0x0001000100010001
GLOBL ones16<>(SB), RODATA|NOPTR, $32

// func adlerAVX2(p *byte, n int) (sum, weighted uint64)
//
// For each block of 32 bytes: the weighted sum gains 32 times the sum of
// the blocks before (kept in Y2, multiplied at the end) and the block's
// bytes times their weights (VPMADDUBSW, pairs of at most 255 × 63, then
// VPMADDWD into 32-bit lanes); the sum gains the block's (VPSADBW).
TEXT ·adlerAVX2(SB), NOSPLIT, $0-32
	MOVQ    p+0(FP), SI
	MOVQ    n+8(FP), CX
	SHRQ    $5, CX
	VPXOR   Y0, Y0, Y0
	VPXOR   Y1, Y1, Y1
	VPXOR   Y2, Y2, Y2
	VPXOR   Y3, Y3, Y3
	VMOVDQU adlerWeights<>(SB), Y4
	VMOVDQU ones16<>(SB), Y5

adlerLoop:
	TESTQ      CX, CX
	JZ         adlerDone
	VMOVDQU    (SI), Y6
	VPADDQ     Y1, Y2, Y2
	VPSADBW    Y0, Y6, Y7
	VPADDQ     Y7, Y1, Y1
	VPMADDUBSW Y4, Y6, Y8
	VPMADDWD   Y5, Y8, Y8
	VPADDD     Y8, Y3, Y3
	ADDQ       $32, SI
	DECQ       CX
	JMP        adlerLoop

adlerDone:
	VEXTRACTI128 $1, Y1, X7
	VPADDQ       X7, X1, X1
	VPSHUFD      $0x4e, X1, X7
	VPADDQ       X7, X1, X1
	VMOVQ        X1, AX
	MOVQ         AX, sum+16(FP)
	VEXTRACTI128 $1, Y2, X7
	VPADDQ       X7, X2, X2
	VPSHUFD      $0x4e, X2, X7
	VPADDQ       X7, X2, X2
	VMOVQ        X2, BX
	SHLQ         $5, BX
	VEXTRACTI128 $1, Y3, X7
	VPADDD       X7, X3, X3
	VPSHUFD      $0x4e, X3, X7
	VPADDD       X7, X3, X3
	VPSHUFD      $0xb1, X3, X7
	VPADDD       X7, X3, X3
	VMOVD        X3, AX
	ADDQ         AX, BX
	MOVQ         BX, weighted+24(FP)
	VZEROUPPER
	RET

// Each half's four RGBA pixels gathered as their twelve colour bytes then
// their four opacities; then the halves' colours put together, the
// opacities after them.
DATA splitShuffle<>+0(SB)/8, $0x0908060504020100
DATA splitShuffle<>+8(SB)/8, $0x0f0b07030e0d0c0a
DATA splitShuffle<>+16(SB)/8, $0x0908060504020100
DATA splitShuffle<>+24(SB)/8, $0x0f0b07030e0d0c0a
GLOBL splitShuffle<>(SB), RODATA|NOPTR, $32

DATA splitPermute<>+0(SB)/8, $0x0000000100000000
DATA splitPermute<>+8(SB)/8, $0x0000000400000002
DATA splitPermute<>+16(SB)/8, $0x0000000600000005
DATA splitPermute<>+24(SB)/8, $0x0000000700000003
GLOBL splitPermute<>(SB), RODATA|NOPTR, $32

// func splitAlphaAVX2(rgb, alpha, rgba *byte, pixels int)
TEXT ·splitAlphaAVX2(SB), NOSPLIT, $0-32
	MOVQ    rgb+0(FP), DI
	MOVQ    alpha+8(FP), R9
	MOVQ    rgba+16(FP), SI
	MOVQ    pixels+24(FP), CX
	VMOVDQU splitShuffle<>(SB), Y14
	VMOVDQU splitPermute<>(SB), Y15
	TESTQ   R9, R9
	JZ      dropLoop

splitLoop:
	CMPQ         CX, $8
	JB           splitDone
	VMOVDQU      (SI), Y1
	VPSHUFB      Y14, Y1, Y1
	VPERMD       Y1, Y15, Y1
	VMOVDQU      Y1, (DI)
	VEXTRACTI128 $1, Y1, X2
	VPEXTRQ      $1, X2, AX
	MOVQ         AX, (R9)
	ADDQ         $32, SI
	ADDQ         $24, DI
	ADDQ         $8, R9
	SUBQ         $8, CX
	JMP          splitLoop

dropLoop:
	CMPQ    CX, $8
	JB      splitDone
	VMOVDQU (SI), Y1
	VPSHUFB Y14, Y1, Y1
	VPERMD  Y1, Y15, Y1
	VMOVDQU Y1, (DI)
	ADDQ    $32, SI
	ADDQ    $24, DI
	SUBQ    $8, CX
	JMP     dropLoop

splitDone:
	VZEROUPPER
	RET

// func unSub4AVX2(cur *byte, n int)
//
// Four pixels of four bytes at a time: each added to the one before it
// within the sixteen bytes by two shifts and adds (a prefix sum), then the
// last pixel of the sixteen before added to all four.
TEXT ·unSub4AVX2(SB), NOSPLIT, $0-16
	MOVQ  cur+0(FP), DI
	MOVQ  n+8(FP), CX
	VPXOR X0, X0, X0

sub4Loop:
	CMPQ    CX, $16
	JB      sub4Done
	VMOVDQU (DI), X1
	VPSLLDQ $4, X1, X2
	VPADDB  X2, X1, X1
	VPSLLDQ $8, X1, X2
	VPADDB  X2, X1, X1
	VPADDB  X0, X1, X1
	VMOVDQU X1, (DI)
	VPSHUFD $0xff, X1, X0
	ADDQ    $16, DI
	SUBQ    $16, CX
	JMP     sub4Loop

sub4Done:
	RET

// The last of four three-byte pixels, at bytes 9 to 11, in each of the
// four places.
DATA lastRGB<>+0(SB)/8, $0x0a090b0a090b0a09
DATA lastRGB<>+8(SB)/8, $0x808080800b0a090b
GLOBL lastRGB<>(SB), RODATA|NOPTR, $16

// func unSub3AVX2(cur *byte, n int)
//
// Four pixels of three bytes at a time, as unSub4AVX2 takes four of four;
// sixteen bytes are read for the twelve, and twelve written.
TEXT ·unSub3AVX2(SB), NOSPLIT, $0-16
	MOVQ    cur+0(FP), DI
	MOVQ    n+8(FP), CX
	VPXOR   X0, X0, X0
	VMOVDQU lastRGB<>(SB), X15

sub3Loop:
	CMPQ    CX, $12
	JB      sub3Done
	VMOVDQU (DI), X1
	VPSLLDQ $3, X1, X2
	VPADDB  X2, X1, X1
	VPSLLDQ $6, X1, X2
	VPADDB  X2, X1, X1
	VPADDB  X0, X1, X1
	VMOVQ   X1, (DI)
	VPEXTRD $2, X1, 8(DI)
	VPSHUFB X15, X1, X0
	ADDQ    $12, DI
	SUBQ    $12, CX
	JMP     sub3Loop

sub3Done:
	RET

// Each half's two blocks of two RGBA pixels with a pixel's bytes paired
// with the next pixel's (R0 R1 G0 G1 B0 B1 A0 A1), for VPMADDUBSW to add;
// and the same for two blocks of RGB pixels, whose fourth pair is zeros.
DATA pairRGBA<>+0(SB)/8, $0x0703060205010400
DATA pairRGBA<>+8(SB)/8, $0x0f0b0e0a0d090c08
DATA pairRGBA<>+16(SB)/8, $0x0703060205010400
DATA pairRGBA<>+24(SB)/8, $0x0f0b0e0a0d090c08
GLOBL pairRGBA<>(SB), RODATA|NOPTR, $32

DATA pairRGB<>+0(SB)/8, $0x8080050204010300
DATA pairRGB<>+8(SB)/8, $0x80800b080a070906
DATA pairRGB<>+16(SB)/8, $0x8080050204010300
DATA pairRGB<>+24(SB)/8, $0x80800b080a070906
GLOBL pairRGB<>(SB), RODATA|NOPTR, $32

DATA ones8<>+0(SB)/8, $0x0101010101010101
DATA ones8<>+8(SB)/8, $0x0101010101010101
DATA ones8<>+16(SB)/8, $0x0101010101010101
DATA ones8<>+24(SB)/8, $0x0101010101010101
GLOBL ones8<>(SB), RODATA|NOPTR, $32

DATA twos16<>+0(SB)/8, $0x0002000200020002
DATA twos16<>+8(SB)/8, $0x0002000200020002
DATA twos16<>+16(SB)/8, $0x0002000200020002
DATA twos16<>+24(SB)/8, $0x0002000200020002
GLOBL twos16<>(SB), RODATA|NOPTR, $32

DATA alphas<>+0(SB)/8, $0xff000000ff000000
DATA alphas<>+8(SB)/8, $0xff000000ff000000
GLOBL alphas<>(SB), RODATA|NOPTR, $16

// func halveRGBAAVX2(dst, a, b *byte, blocks int) (done int)
//
// Four blocks at a time, while all their pixels are opaque: the pairs of
// each row added by VPMADDUBSW into 16-bit lanes, the rows added, 2 added
// and the sums shifted down by 2, as halveOpaque works them out.
TEXT ·halveRGBAAVX2(SB), NOSPLIT, $0-40
	MOVQ    dst+0(FP), DI
	MOVQ    a+8(FP), SI
	MOVQ    b+16(FP), DX
	MOVQ    blocks+24(FP), CX
	XORQ    AX, AX
	VMOVDQU pairRGBA<>(SB), Y12
	VMOVDQU ones8<>(SB), Y13
	VMOVDQU twos16<>(SB), Y14
	VPCMPEQB Y15, Y15, Y15

rgbaLoop:
	CMPQ       CX, $4
	JB         rgbaDone
	VMOVDQU    (SI), Y1
	VMOVDQU    (DX), Y2
	VPAND      Y1, Y2, Y3
	VPCMPEQB   Y15, Y3, Y3
	VPMOVMSKB  Y3, BX
	ANDL       $0x88888888, BX
	CMPL       BX, $0x88888888
	JNE        rgbaDone
	VPSHUFB    Y12, Y1, Y1
	VPSHUFB    Y12, Y2, Y2
	VPMADDUBSW Y13, Y1, Y1
	VPMADDUBSW Y13, Y2, Y2
	VPADDW     Y2, Y1, Y1
	VPADDW     Y14, Y1, Y1
	VPSRLW     $2, Y1, Y1
	VPACKUSWB  Y1, Y1, Y1
	VPERMQ     $0x08, Y1, Y1
	VMOVDQU    X1, (DI)
	ADDQ       $32, SI
	ADDQ       $32, DX
	ADDQ       $16, DI
	ADDQ       $4, AX
	SUBQ       $4, CX
	JMP        rgbaLoop

rgbaDone:
	MOVQ AX, done+32(FP)
	VZEROUPPER
	RET

// func halveRGBAVX2(dst, a, b *byte, blocks int)
//
// Four blocks of RGB pixels at a time, as halveRGBAAVX2 works out opaque
// ones: each half of the registers takes the twelve bytes of two blocks,
// the second half read from 12 bytes on, so sixteen bytes are read for
// each twelve; the opacity is set after.
TEXT ·halveRGBAVX2(SB), NOSPLIT, $0-32
	MOVQ    dst+0(FP), DI
	MOVQ    a+8(FP), SI
	MOVQ    b+16(FP), DX
	MOVQ    blocks+24(FP), CX
	VMOVDQU pairRGB<>(SB), Y12
	VMOVDQU ones8<>(SB), Y13
	VMOVDQU twos16<>(SB), Y14
	VMOVDQU alphas<>(SB), X15

rgbLoop:
	CMPQ         CX, $4
	JB           rgbDone
	VMOVDQU      (SI), X1
	VINSERTI128  $1, 12(SI), Y1, Y1
	VMOVDQU      (DX), X2
	VINSERTI128  $1, 12(DX), Y2, Y2
	VPSHUFB      Y12, Y1, Y1
	VPSHUFB      Y12, Y2, Y2
	VPMADDUBSW   Y13, Y1, Y1
	VPMADDUBSW   Y13, Y2, Y2
	VPADDW       Y2, Y1, Y1
	VPADDW       Y14, Y1, Y1
	VPSRLW       $2, Y1, Y1
	VPACKUSWB    Y1, Y1, Y1
	VPERMQ       $0x08, Y1, Y1
	VPOR         X15, X1, X1
	VMOVDQU      X1, (DI)
	ADDQ         $24, SI
	ADDQ         $24, DX
	ADDQ         $16, DI
	SUBQ         $4, CX
	JMP          rgbLoop

rgbDone:
	VZEROUPPER
	RET
