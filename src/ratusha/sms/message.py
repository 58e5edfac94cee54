"""A text message, its length in SMS segments, and the error a backend raises."""

from __future__ import annotations

import math
from dataclasses import dataclass

# The GSM 03.38 basic set: a message of these characters only goes as 7-bit text.
_GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Characters of the extension table, each sent as two 7-bit characters.
_GSM7_EXTENDED = set("^{}\\[~]|€\f")


class SMSError(Exception):
    """A message could not be handed to the gateway."""


@dataclass(frozen=True)
class SMSMessage:
    """One text message: the recipient's number (E.164), the text and the sender name."""

    to: str
    text: str
    sender: str = ""

    def segments(self) -> int:
        """Give how many SMS the text takes (GSM 7-bit: 160/153 a part; else UCS-2: 70/67)."""
        return segments(self.text)


def segments(text: str) -> int:
    """Give how many SMS parts a text takes once sent."""
    if all(c in _GSM7 or c in _GSM7_EXTENDED for c in text):
        length = sum(2 if c in _GSM7_EXTENDED else 1 for c in text)
        single, part = 160, 153
    else:
        length = len(text.encode("utf-16-le")) // 2
        single, part = 70, 67
    return 1 if length <= single else math.ceil(length / part)
