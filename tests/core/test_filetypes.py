"""Attachments are judged by their bytes: pdf, jpeg, png and heic pass; svg and html do not."""

import pytest

from ratusha_core.intake.filetypes import sniff


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.4\n%...", "application/pdf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "image/heic"),
        (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00", "image/heic"),
        (b'<svg xmlns="http://www.w3.org/2000/svg">', None),
        (b"<!doctype html><html>", None),
        (b"MZ\x90\x00", None),
        (b"PK\x03\x04", None),
        (b"\x00\x00\x00\x18ftypmp42", None),
        (b"", None),
    ],
)
def test_sniff(head: bytes, expected: str | None) -> None:
    assert sniff(head) == expected
