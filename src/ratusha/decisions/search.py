"""The filters both lists of decisions share: words in the title, text or number; the year."""

from __future__ import annotations

from typing import Any

from django.db import models

from ratusha.decisions.models import Decision


def filtered(
    queryset: models.QuerySet[Decision], data: dict[str, Any]
) -> models.QuerySet[Decision]:
    """Give the decisions matching the cleaned search form data."""
    words = (data.get("q") or "").split()
    for word in words[:8]:
        match = models.Q(title__icontains=word) | models.Q(text__icontains=word)
        if word.isdigit():
            match |= models.Q(number=int(word))
        queryset = queryset.filter(match)
    if data.get("year"):
        queryset = queryset.filter(year=data["year"])
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    return queryset
