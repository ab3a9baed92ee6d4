#!/usr/bin/env python3
"""Writes rgb-table.icc: a small RGB display profile of ICC version 2.4
made of tables alone (an A2B0 lut16Type, PCS Lab, no colourant or tone
curve tags), for samizdat's tests. Its colours are Adobe RGB (1998)'s
primaries adapted to D50, with a tone curve of a gamma of 2.2 and a
toe (as a camera's rendering has): what is in the grid, the input curves
left as identities.

python3 make-rgb-table.py DIR
"""
import struct
import sys

D50 = (0.9642, 1.0, 0.8249)
# Adobe RGB (1998)'s colourants adapted to D50, as its profiles hold them
PRIMARIES = ((0.6097, 0.3111, 0.0195), (0.2053, 0.6257, 0.0609), (0.1492, 0.0632, 0.7446))
GRID = 9


def tone(v):
    """Light of a sample from 0 to 1: a gamma of 2.2 with a linear toe."""
    return v / 20 if v < 0.05 else 0.0025 + (1 - 0.0025) * ((v - 0.05) / 0.95) ** 2.2


def lab(xyz):
    def f(t):
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29
    fx, fy, fz = (f(xyz[i] / D50[i]) for i in range(3))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def s15(v):
    return struct.pack(">i", round(v * 65536))


def tag_xyz(xyz):
    return b"XYZ " + b"\0" * 4 + b"".join(s15(v) for v in xyz)


def tag_text(text):
    return b"text" + b"\0" * 4 + text.encode() + b"\0"


def tag_desc(text):
    t = text.encode() + b"\0"
    return b"desc" + b"\0" * 4 + struct.pack(">I", len(t)) + t + b"\0" * 12 + b"\0" * 67


def lut16():
    out = b"mft2" + b"\0" * 4 + bytes([3, 3, GRID, 0])
    identity = (1, 0, 0, 0, 1, 0, 0, 0, 1)
    out += b"".join(s15(v) for v in identity)
    out += struct.pack(">HH", 2, 2)
    out += struct.pack(">HH", 0, 65535) * 3  # input curves: identities
    for r in range(GRID):
        for g in range(GRID):
            for b in range(GRID):
                light = [tone(c / (GRID - 1)) for c in (r, g, b)]
                xyz = [sum(PRIMARIES[c][j] * light[c] for c in range(3)) for j in range(3)]
                l, a, bb = lab(xyz)
                enc = (l / 100 * 0xFF00, (a + 128) * 256, (bb + 128) * 256)
                out += struct.pack(">HHH", *(max(0, min(65535, round(v))) for v in enc))
    out += struct.pack(">HH", 0, 65535) * 3  # output curves: identities
    return out


def profile():
    tags = [
        (b"desc", tag_desc("RGB of tables alone, for tests")),
        (b"cprt", tag_text("No copyright, use freely")),
        (b"wtpt", tag_xyz(D50)),
        (b"A2B0", lut16()),
    ]
    header_len = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for sig, data in tags:
        table += sig + struct.pack(">II", header_len + len(body), len(data))
        body += data
        body += b"\0" * (-len(body) % 4)
    size = header_len + len(body)
    header = struct.pack(">I", size) + b"none" + bytes([2, 0x40, 0, 0]) + b"mntrRGB Lab "
    header += struct.pack(">HHHHHH", 2026, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 4
    header += b"\0" * 4 + b"\0" * 4 + b"\0" * 4 + b"\0" * 8 + struct.pack(">I", 0)
    header += b"".join(s15(v) for v in D50) + b"\0" * 4 + b"\0" * 16 + b"\0" * 28
    assert len(header) == 128, len(header)
    return header + struct.pack(">I", len(tags)) + table + body


if __name__ == "__main__":
    with open(sys.argv[1] + "/rgb-table.icc", "wb") as f:
        f.write(profile())
