"""A minimal writer of OLE compound files (CFB v3), enough to make Outlook `.msg` samples.

Streams below 4096 bytes go to the mini stream, as the format requires; the directory's
siblings are chained through their right links (a valid, if unbalanced, search tree).
"""

from __future__ import annotations

import itertools
import struct

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF

Tree = dict[str, "bytes | Tree"]


class _Entry:
    def __init__(self, name: str, kind: int, data: bytes = b"") -> None:
        self.name, self.kind, self.data = name, kind, data
        self.children: list[_Entry] = []
        self.left = self.right = self.child = NOSTREAM
        self.start = END
        self.size = 0


def write_cfb(tree: Tree) -> bytes:
    root = _Entry("Root Entry", 5)
    entries = [root]

    def add(parent: _Entry, node: Tree) -> None:
        for name, value in node.items():
            entry = _Entry(name, 2, value) if isinstance(value, bytes) else _Entry(name, 1)
            entries.append(entry)
            parent.children.append(entry)
            if not isinstance(value, bytes):
                add(entry, value)

    add(root, tree)
    index = {id(e): i for i, e in enumerate(entries)}
    for entry in entries:
        ordered = sorted(entry.children, key=lambda e: (len(e.name), e.name.upper()))
        if ordered:
            entry.child = index[id(ordered[0])]
            for first, second in itertools.pairwise(ordered):
                first.right = index[id(second)]

    mini_stream = bytearray()
    mini_fat: list[int] = []
    big_streams: list[_Entry] = []
    for entry in entries:
        if entry.kind != 2:
            continue
        entry.size = len(entry.data)
        if entry.size >= CUTOFF:
            big_streams.append(entry)
        elif entry.size:
            entry.start = len(mini_stream) // MINI
            count = -(-entry.size // MINI)
            mini_fat.extend(range(entry.start + 1, entry.start + count))
            mini_fat.append(END)
            mini_stream += entry.data.ljust(count * MINI, b"\0")

    sectors: list[bytes] = []
    fat: list[int] = []

    def place(data: bytes) -> int:
        if not data:
            return END
        start = len(sectors)
        count = -(-len(data) // SECTOR)
        for i in range(count):
            sectors.append(data[i * SECTOR : (i + 1) * SECTOR].ljust(SECTOR, b"\0"))
            fat.append(start + i + 1 if i < count - 1 else END)
        return start

    for entry in big_streams:
        entry.start = place(entry.data)
    root.start = place(bytes(mini_stream))
    root.size = len(mini_stream)
    mini_fat_start = place(b"".join(struct.pack("<I", v) for v in mini_fat))
    mini_fat_sectors = -(-len(mini_fat) * 4 // SECTOR)
    directory = b"".join(_dir_entry(e) for e in entries)
    dir_start = place(directory.ljust(-(-len(directory) // SECTOR) * SECTOR, b"\0"))

    fat_count = 1
    while (len(sectors) + fat_count) * 4 > fat_count * SECTOR:
        fat_count += 1
    fat_start = len(sectors)
    fat.extend([FATSECT] * fat_count)
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat).ljust(fat_count * SECTOR, b"\xff")
    sectors.extend(fat_bytes[i * SECTOR : (i + 1) * SECTOR] for i in range(fat_count))
    difat = [fat_start + i for i in range(fat_count)] + [FREE] * (109 - fat_count)

    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16, 0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6,
        0, fat_count, dir_start, 0, CUTOFF, mini_fat_start if mini_fat else END,
        mini_fat_sectors, END, 0,
    )  # fmt: skip
    header += b"".join(struct.pack("<I", v) for v in difat)
    return header + b"".join(sectors)


def _dir_entry(entry: _Entry) -> bytes:
    name = entry.name.encode("utf-16-le")[:62]
    return struct.pack(
        "<64sHBBIII16sIQQIII",
        name.ljust(64, b"\0"), len(name) + 2, entry.kind, 1, entry.left, entry.right,
        entry.child, b"\0" * 16, 0, 0, 0, entry.start if entry.kind != 1 else 0, entry.size, 0,
    )  # fmt: skip
