# Writes small YCbCr TIFFs (photometric interpretation 6) of a gradient
# with a few flat patches, in data units as TIFF 6.0 section 21 lays them
# out, for the decoder's tests. The references (*.ref.png) are libtiff's
# own decoding: tiff2rgba FILE.tif x.tif, then converted to PNG.
import struct, zlib

W, H = 23, 11

def pixel(x, y):
    if 4 <= x < 9 and 2 <= y < 7:
        return (200, 30, 40)
    if 14 <= x < 20 and 5 <= y < 10:
        return (20, 160, 60)
    return (x * 11 % 256, y * 23 % 256, (x + y) * 7 % 256)

def ycc(r, g, b):
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = -0.168736 * r - 0.331264 * g + 0.5 * b + 128
    cr = 0.5 * r - 0.418688 * g - 0.081312 * b + 128
    return [max(0, min(255, round(v))) for v in (y, cb, cr)]

def units(h, v):
    out = bytearray()
    for uy in range((H + v - 1) // v):
        for ux in range((W + h - 1) // h):
            ys, cbs, crs = [], [], []
            for dy in range(v):
                for dx in range(h):
                    x, y = min(ux * h + dx, W - 1), min(uy * v + dy, H - 1)
                    Y, Cb, Cr = ycc(*pixel(x, y))
                    ys.append(Y); cbs.append(Cb); crs.append(Cr)
            out += bytes(ys) + bytes([round(sum(cbs) / len(cbs)), round(sum(crs) / len(crs))])
    return bytes(out)

def packbits(b):
    out = bytearray()
    for i in range(0, len(b), 128):
        chunk = b[i:i + 128]
        out.append(len(chunk) - 1)
        out += chunk
    return bytes(out)

def tiff(name, h, v, compression, rows_per_strip):
    data = units(h, v)
    unit_row = ((W + h - 1) // h) * (h * v + 2)
    unit_rows = (H + v - 1) // v
    per = rows_per_strip // v
    strips = [data[i * per * unit_row:(i + 1) * per * unit_row] for i in range((unit_rows + per - 1) // per)]
    if compression == 8:
        strips = [zlib.compress(s) for s in strips]
    elif compression == 32773:
        strips = [packbits(s) for s in strips]
    body = b''.join(strips)
    offsets, at = [], 8
    for s in strips:
        offsets.append(at); at += len(s)
    extra_at = at  # bits per sample, strip offsets and counts
    extra = struct.pack('<3H', 8, 8, 8)
    offs_at = extra_at + len(extra)
    extra += struct.pack('<%dI' % len(strips), *offsets)
    counts_at = extra_at + len(extra)
    extra += struct.pack('<%dI' % len(strips), *[len(s) for s in strips])
    ifd_at = extra_at + len(extra)
    entries = [
        (256, 3, 1, W), (257, 3, 1, H), (258, 3, 3, extra_at), (259, 3, 1, compression),
        (262, 3, 1, 6), (273, 4, len(strips), offs_at if len(strips) > 1 else offsets[0]),
        (277, 3, 1, 3), (278, 3, 1, rows_per_strip),
        (279, 4, len(strips), counts_at if len(strips) > 1 else len(strips[0])),
        (284, 3, 1, 1), (530, 3, 2, h | v << 16),
    ]
    ifd = struct.pack('<H', len(entries))
    for tag, typ, n, val in entries:
        ifd += struct.pack('<HHI', tag, typ, n) + struct.pack('<I', val)
    ifd += struct.pack('<I', 0)
    with open(name, 'wb') as f:
        f.write(b'II*\x00' + struct.pack('<I', ifd_at) + body + extra + ifd)

tiff('ycbcr-22-deflate.tif', 2, 2, 8, 4)
tiff('ycbcr-21-none.tif', 2, 1, 1, 3)
tiff('ycbcr-11-packbits.tif', 1, 1, 32773, 11)
tiff('ycbcr-42-deflate.tif', 4, 2, 8, 2)
