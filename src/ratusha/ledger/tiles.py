"""C2SP tlog-tiles (c2sp.org/tlog-tiles): the log as static files a CDN can mirror.

A hash tile at tile level ``L`` and index ``N`` holds the tree hashes of level ``8 * L``
from ``256 * N`` on, 32 bytes each; an entry bundle holds entries ``256 * N`` on, each
as a big-endian uint16 length and the leaf input. A partial tile ``.p/W`` holds the
first ``W`` (1..255). ``N`` is written in 3-digit path elements, all but the last
prefixed with ``x``: 1234067 is ``x001/x234/067``.
"""

from __future__ import annotations

import re

from ratusha.ledger.models import Entry, Log, SubtreeHash

TILE_WIDTH = 256
TILE_HEIGHT = 8
MAX_TILE_LEVEL = 7  # 8 * 7 = level 56, beyond any real log

_PATH = re.compile(r"^((?:x\d{3}/)*)(\d{3})(?:\.p/(\d{1,3}))?$")


class TilePathError(ValueError):
    """A tile path that is not in the tlog-tiles format."""


def parse_tile_index(path: str) -> tuple[int, int]:
    """Give ``(N, W)`` from ``x001/x234/067[.p/W]`` (``W`` is 256 for a full tile)."""
    match = _PATH.match(path)
    if match is None:
        raise TilePathError(path)
    prefix, last, width_text = match.groups()
    groups = [part[1:] for part in prefix.split("/") if part] + [last]
    if len(groups) > 1 and groups[0] == "000":
        raise TilePathError("leading zero path element")
    index = int("".join(groups))
    width = TILE_WIDTH
    if width_text is not None:
        width = int(width_text)
        if not 1 <= width < TILE_WIDTH or width_text != str(width):
            raise TilePathError("a partial tile has a width from 1 to 255")
    return index, width


def tile_index_path(index: int) -> str:
    """Give the path elements of tile index ``N`` (``1234067`` -> ``x001/x234/067``)."""
    text = str(index)
    text = "0" * (-len(text) % 3) + text
    groups = [text[i : i + 3] for i in range(0, len(text), 3)]
    return "/".join([*("x" + g for g in groups[:-1]), groups[-1]])


def hash_tile(log: Log, level: int, index: int, width: int) -> bytes | None:
    """Give the bytes of a hash tile, or None while the tree does not hold all of it yet."""
    if not 0 <= level <= MAX_TILE_LEVEL:
        return None
    tree_level = level * TILE_HEIGHT
    first = index * TILE_WIDTH
    if (first + width) << tree_level > log.size:
        return None  # a tile is published only once its hashes can never change
    if tree_level == 0:
        rows = (
            Entry.objects.filter(log=log, index__gte=first, index__lt=first + width)
            .order_by("index")
            .values_list("leaf_hash", flat=True)
        )
    else:
        rows = (
            SubtreeHash.objects.filter(
                log=log, level=tree_level, index__gte=first, index__lt=first + width
            )
            .order_by("index")
            .values_list("hash", flat=True)
        )
    hashes = [bytes(value) for value in rows]
    return b"".join(hashes) if len(hashes) == width else None


def entry_bundle(log: Log, index: int, width: int) -> bytes | None:
    """Give the bytes of an entry bundle, or None while it is not complete."""
    first = index * TILE_WIDTH
    if first + width > log.size:
        return None
    rows = (
        Entry.objects.filter(log=log, index__gte=first, index__lt=first + width)
        .order_by("index")
        .values_list("leaf_input", flat=True)
    )
    parts = []
    for text in rows:
        data = text.encode()
        parts.append(len(data).to_bytes(2, "big") + data)
    return b"".join(parts) if len(parts) == width else None
