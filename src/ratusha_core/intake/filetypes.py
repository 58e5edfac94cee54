"""What a file really is, judged by its first bytes rather than its name or claimed type.

Only the types an appeal may carry are recognised: PDF, JPEG, PNG and HEIC/HEIF.
Anything else (SVG, HTML, executables, archives) gives None and is refused.

    >>> sniff(b"%PDF-1.7 ...")
    'application/pdf'
    >>> sniff(b"<svg xmlns=...") is None
    True
"""

from __future__ import annotations

ALLOWED = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/heic": ".heic",
}

_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


def sniff(head: bytes) -> str | None:
    """Give the content type of an allowed file from its first bytes, or None."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] in _HEIC_BRANDS:
        return "image/heic"
    return None
