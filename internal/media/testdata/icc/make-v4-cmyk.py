#!/usr/bin/env python3
"""Writes v4-cmyk-lab.icc and v4-cmyk-xyz.icc: small CMYK output profiles
of ICC version 4.3 whose tables are in the A-to-B and B-to-A forms
('mAB ', 'mBA '), for samizdat's tests. The inks follow a made-up press
(coverage of four inks absorbing in three bands, over a paper a little
warm, with some flare); every kind of curve the forms hold is used:
parametric curves of the five functions, tables, an identity and a gamma.

python3 make-v4-cmyk.py DIR
"""
import math
import struct
import sys

D50 = (0.9642, 1.0, 0.8249)
# bands to XYZ (D50): sRGB's primaries adapted to D50
BANDS = ((0.4361, 0.3851, 0.1431), (0.2225, 0.7169, 0.0606), (0.0139, 0.0971, 0.7141))
PAPER = (0.92, 0.91, 0.86)
FLARE = 0.018
# density of each ink at full coverage in the three bands
DENSITY = ((1.15, 0.30, 0.10), (0.12, 1.10, 0.45), (0.02, 0.09, 0.95), (1.35, 1.30, 1.25))


def press(inks):
    """XYZ (D50) of coverages c, m, y, k from 0 to 1."""
    bands = []
    for b in range(3):
        r = 1.0
        for i, u in enumerate(inks):
            r *= 1 - u * (1 - 10 ** -DENSITY[i][b])
        bands.append(PAPER[b] * (FLARE + (1 - FLARE) * r))
    return [sum(BANDS[j][b] * bands[b] for b in range(3)) for j in range(3)]


def lab(xyz):
    def f(t):
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29
    fx, fy, fz = (f(xyz[i] / D50[i]) for i in range(3))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def inverse_lab(l, a, b):
    fy = (l + 16) / 116
    def g(t):
        return t ** 3 if t > 6 / 29 else 3 * (6 / 29) ** 2 * (t - 4 / 29)
    return [D50[0] * g(fy + a / 500), D50[1] * g(fy), D50[2] * g(fy - b / 200)]


def guess_inks(xyz):
    """Inks near a colour, as a crude separation: grey replaced by black
    and the total kept to 300%."""
    # XYZ to bands, by the inverse of BANDS
    m = BANDS
    det = (m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
           + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]))
    inv = [[(m[(j + 1) % 3][(i + 1) % 3] * m[(j + 2) % 3][(i + 2) % 3] - m[(j + 1) % 3][(i + 2) % 3] * m[(j + 2) % 3][(i + 1) % 3]) / det
            for j in range(3)] for i in range(3)]
    bands = [sum(inv[i][j] * xyz[j] for j in range(3)) for i in range(3)]
    cmy = [min(1, max(0, 1 - (max(0, bands[i]) / PAPER[i]) ** (1 / 2.2))) for i in range(3)]
    k = min(cmy) * 0.9
    cmy = [(v - k) / (1 - k) if k < 1 else 0 for v in cmy]
    total = sum(cmy) + k
    if total > 3:
        cmy = [v * (3 - k) / sum(cmy) for v in cmy]
    return cmy + [k]


def fixed(v):
    return struct.pack('>i', round(v * 65536))


def para(kind, *q):
    return b'para' + bytes(4) + struct.pack('>HH', kind, 0) + b''.join(fixed(v) for v in q)


def curv(entries):
    return b'curv' + bytes(4) + struct.pack('>I', len(entries)) + b''.join(struct.pack('>H', round(65535 * v)) for v in entries)


def gamma(g):
    return b'curv' + bytes(4) + struct.pack('>IH', 1, round(g * 256))


def pad(b):
    return b + bytes(-len(b) % 4)


def grid(points, outs, fn, precision):
    """A grid of outputs fn(inputs), the first input varying slowest."""
    head = bytes(points) + bytes(16 - len(points)) + bytes([precision, 0, 0, 0])
    values = []
    def walk(prefix):
        if len(prefix) == len(points):
            values.extend(fn([p / (points[i] - 1) for i, p in enumerate(prefix)]))
            return
        for p in range(points[len(prefix)]):
            walk(prefix + [p])
    walk([])
    if precision == 2:
        body = b''.join(struct.pack('>H', round(65535 * min(1, max(0, v)))) for v in values)
    else:
        body = bytes(round(255 * min(1, max(0, v))) for v in values)
    assert len(values) % outs == 0
    return head + body


def ab_tag(sig, ins, outs, b, matrix=None, m=None, clut=None, a=None):
    """An 'mAB ' or 'mBA ' tag of its elements, each a list of curves or
    bytes; the offsets point at them in the order the form gives."""
    parts = []
    at = 32
    offsets = {}
    for name, el in (('b', b), ('matrix', matrix), ('m', m), ('clut', clut), ('a', a)):
        if el is None:
            offsets[name] = 0
            continue
        data = b''.join(pad(c) for c in el) if isinstance(el, list) else pad(el)
        offsets[name] = at
        parts.append(data)
        at += len(data)
    head = sig + bytes(4) + bytes([ins, outs, 0, 0]) + struct.pack(
        '>5I', offsets['b'], offsets['matrix'], offsets['m'], offsets['clut'], offsets['a'])
    return head + b''.join(parts)


def mluc(text):
    s = text.encode('utf-16-be')
    return b'mluc' + bytes(4) + struct.pack('>II', 1, 12) + b'enUS' + struct.pack('>II', len(s), 28) + s


def profile(pcs, a2b, b2a, name):
    tags = [
        (b'desc', mluc(name)),
        (b'cprt', mluc('No copyright, use freely')),
        (b'wtpt', b'XYZ ' + bytes(4) + b''.join(fixed(v) for v in D50)),
        (b'A2B0', a2b), (b'A2B1', None), (b'B2A0', b2a), (b'B2A1', None),
    ]
    body = b''
    table = struct.pack('>I', len(tags))
    at = 128 + 4 + 12 * len(tags)
    shared = {}
    for sig, data in tags:
        if data is None:  # the colorimetric table the perceptual one
            o, n = shared[{b'A2B1': b'A2B0', b'B2A1': b'B2A0'}[sig]]
        else:
            o, n = at + len(body), len(data)
            shared[sig] = (o, n)
            body += pad(data)
        table += sig + struct.pack('>II', o, n)
    size = 128 + len(table) + len(body)
    header = (struct.pack('>I', size) + b'smzd' + bytes([4, 0x30, 0, 0]) + b'prtrCMYK' + pcs
              + struct.pack('>6H', 2026, 1, 1, 0, 0, 0) + b'acsp' + bytes(4) + bytes(4) + bytes(4) + bytes(4)
              + bytes(8) + struct.pack('>I', 1) + b''.join(fixed(v) for v in D50) + b'smzd' + bytes(16) + bytes(28))
    assert len(header) == 128
    return header + table + body


# device curves: the A curves of the A-to-B tables, a dot gain
A_CURVES = [
    para(0, 0.85),                                # Y = X^g
    para(1, 0.9, 1.0, 0.0),                       # (aX+b)^g, X >= -b/a
    para(2, 0.9, 0.95, 0.05, -(0.05 ** 0.9)),     # (aX+b)^g + c
    curv([(i / 15) ** 0.8 for i in range(16)]),   # a table
]
# the M curves and matrix keep a*, b* 0 where they were
M_CURVES = [
    curv([0, 0.26, 0.51, 0.755, 1]),
    para(3, 1.0, 0.98, 0.01, (0.98 * 0.3 + 0.01) / 0.3, 0.3),   # (aX+b)^g, X >= d; cX
    para(4, 1.0, 0.96, 0.02, 1.0, 0.2, 0.0, 0.96 * 0.2 + 0.02 - 0.2),  # + e; cX + f
]
MATRIX = b''.join(fixed(v) for v in (0.97, 0, 0, 0, 0.96, 0, 0, 0, 1.0, 0.02, 0.02, 0))
B_CURVES = [para(0, 1.0), curv([]), gamma(1.0)]
IDENTITY3 = [curv([])] * 3
IDENTITY4 = [curv([])] * 4


def shaped_inks(u):
    """The inks of grid inputs u: the A curves already applied, so the
    grid holds the press at them."""
    return u


def lab_v4(l, a, b):
    return [l / 100, (a + 128) / 255, (b + 128) / 255]


def lab_profile():
    def a2b_values(u):
        l, a, b = lab(press(shaped_inks(u)))
        e = lab_v4(l, a, b)
        # undo the matrix, then the M curves (approximately: the table of
        # the L* curve is near the identity, the others exactly inverted)
        e = [(e[0] - 0.02) / 0.97, (e[1] - 0.02) / 0.96, e[2]]
        e[1] = (e[1] - 0.01) / 0.98 if e[1] >= (0.98 * 0.3 + 0.01) else e[1] / ((0.98 * 0.3 + 0.01) / 0.3)
        e[2] = (e[2] - 0.02) / 0.96 if e[2] >= 0.96 * 0.2 + 0.02 else e[2] - (0.96 * 0.2 + 0.02 - 0.2)
        return e
    a2b = ab_tag(b'mAB ', 4, 3, B_CURVES, MATRIX, M_CURVES, grid([7, 7, 7, 9], 3, a2b_values, 2), A_CURVES)
    def b2a_values(e):
        return guess_inks(inverse_lab(e[0] * 100, e[1] * 255 - 128, e[2] * 255 - 128))
    b2a = ab_tag(b'mBA ', 3, 4, [para(0, 1.0)] * 3, b''.join(fixed(v) for v in (1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0)),
                 IDENTITY3, grid([9, 9, 9], 4, b2a_values, 2), IDENTITY4)
    return profile(b'Lab ', a2b, b2a, 'samizdat test CMYK v4 (Lab)')


def xyz_profile():
    def a2b_values(u):
        return [v * 32768 / 65535 for v in press(shaped_inks(u))]
    a2b = ab_tag(b'mAB ', 4, 3, B_CURVES, clut=grid([5, 5, 5, 7], 3, a2b_values, 1), a=A_CURVES)
    def b2a_values(e):
        return guess_inks([v * 65535 / 32768 for v in e])
    b2a = ab_tag(b'mBA ', 3, 4, IDENTITY3, clut=grid([9, 9, 9], 4, b2a_values, 1), a=IDENTITY4)
    return profile(b'XYZ ', a2b, b2a, 'samizdat test CMYK v4 (XYZ)')


if __name__ == '__main__':
    out = sys.argv[1] if len(sys.argv) > 1 else '.'
    open(out + '/v4-cmyk-lab.icc', 'wb').write(lab_profile())
    open(out + '/v4-cmyk-xyz.icc', 'wb').write(xyz_profile())
