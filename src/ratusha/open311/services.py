"""Open311 services: the body's public categories, and the extra questions they ask."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from ratusha.bodies.access import public_categories
from ratusha.bodies.models import Body, Category
from ratusha.open311.models import ServiceAttribute
from ratusha.open311.rendering import Open311Error


def _group(category: Category) -> str:
    """Give the group: the parent category, else the department that handles it."""
    if category.parent is not None:
        return category.parent.name
    if category.default_department is not None:
        return category.default_department.name
    return ""


def _keywords(category: Category) -> str:
    """Give the keywords comma separated (they are kept one per line, or with semicolons)."""
    words = re.split(r"[\n;,]", category.keywords)
    return ", ".join(word.strip() for word in words if word.strip())


def service_list(body: Body, batch: bool = False) -> list[dict[str, Any]]:
    """Give the services of a body in the spec's shape (one per public category)."""
    categories = (
        public_categories(body)
        .select_related("parent", "default_department")
        .annotate(questions=Count("open311_attributes"))
        .order_by("code")
    )
    return [
        {
            "service_code": c.code,
            "service_name": c.name,
            "description": _("%(category)s: appeals to %(body)s")
            % {"category": c.name, "body": body.name},
            "metadata": c.questions > 0,
            "type": "batch" if batch else "realtime",
            "keywords": _keywords(c),
            "group": _group(c),
        }
        for c in categories
    ]


def service_of(body: Body, code: str) -> Category:
    """Give the public category with the code, or raise Open311Error (404)."""
    found = public_categories(body).filter(code=code.strip().upper()).first()
    if found is None:
        raise Open311Error(404, _("service_code %(code)s was not found.") % {"code": code})
    return found


def attributes_of(category: Category) -> list[ServiceAttribute]:
    return list(ServiceAttribute.objects.filter(category=category).prefetch_related("values"))


def service_definition(category: Category) -> dict[str, Any]:
    """Give the service definition: the category's extra questions in the spec's shape."""
    return {
        "service_code": category.code,
        "attributes": [
            {
                "variable": a.variable,
                "code": a.code,
                "datatype": a.datatype,
                "required": a.required,
                "datatype_description": a.datatype_description or None,
                "order": a.order,
                "description": a.description,
                "values": [{"key": v.key, "name": v.name} for v in a.values.all()],
            }
            for a in attributes_of(category)
        ],
    }
