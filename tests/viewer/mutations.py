"""Deterministic mutations of sample files for the fuzz test."""

from __future__ import annotations

import io
import random
import warnings
import zipfile
from collections.abc import Iterator

from samples import png_crc_fix


def bit_flips(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 2, 4, 16, 64))):
        position = rng.randrange(len(out))
        out[position] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncation(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, max(2, len(data)))]


def overwrite(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    start = rng.randrange(len(out))
    length = rng.choice((1, 4, 16, 256))
    filler = rng.choice(
        (
            lambda n: bytes(rng.randrange(256) for _ in range(n)),
            lambda n: b"\xff" * n,
            lambda n: b"\x00" * n,
            lambda n: (b"9999999999" * n)[:n],
        )
    )
    out[start : start + length] = filler(length)
    return bytes(out)


def duplicate(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.choice((8, 64, 1024))]
    target = rng.randrange(len(data))
    return data[:target] + chunk * rng.choice((1, 3, 50)) + data[target:]


def _rezip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with (
        warnings.catch_warnings(action="ignore", category=UserWarning),  # duplicate names
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_splice(data: bytes, rng: random.Random, donors: list[bytes]) -> bytes:
    """Re-zip with one member mutated, swapped in from another archive, dropped or doubled.

    The archive stays valid (CRCs match), so the mutation reaches the format's parser.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    if not members:
        return data
    index = rng.randrange(len(members))
    name, content = members[index]
    action = rng.randrange(5)
    if action == 0 and content:
        members[index] = (
            name,
            rng.choice((bit_flips, truncation, overwrite, duplicate))(content, rng),
        )
    elif action == 1:
        with zipfile.ZipFile(io.BytesIO(rng.choice(donors))) as donor:
            infos = donor.infolist()
            members[index] = (name, donor.read(rng.choice(infos))) if infos else (name, b"")
    elif action == 2:
        del members[index]
    elif action == 3:
        members.append((name, content))  # a duplicate entry name
    else:
        members[index] = (name, content.replace(b"<", b"<x:", 3).replace(b'="', b'="&#', 2))
    return _rezip(members)


def mutants(
    seeds: dict[str, bytes], count: int, seed: int = 20250203
) -> Iterator[tuple[str, bytes]]:
    """`count` mutated files, labelled "seedname/mutation#n", the same every run."""
    rng = random.Random(seed)
    names = sorted(seeds)
    zips = [seeds[n] for n in names if seeds[n].startswith(b"PK\x03\x04")]
    plain = (bit_flips, truncation, overwrite, duplicate)
    for number in range(count):
        name = names[number % len(names)]
        data = seeds[name]
        if data.startswith(b"PK\x03\x04") and rng.random() < 0.6:
            mutation = "zip_splice"
            try:
                mutated = zip_splice(data, rng, zips)
            except zipfile.BadZipFile:
                mutated = data
        else:
            operation = rng.choice(plain)
            mutation = operation.__name__
            mutated = operation(data, rng)
            if data.startswith(b"\x89PNG") and rng.random() < 0.7:
                mutated = png_crc_fix(mutated)
        yield f"{name}/{mutation}#{number}", mutated
