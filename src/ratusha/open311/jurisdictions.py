"""Which body an Open311 call is about: ``jurisdiction_id`` is the body's code.

One active body: the parameter may be left out. Several: it is required (400 without
it), and an unknown code is a 404, both in the spec's error format.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ratusha.bodies.access import public_bodies
from ratusha.bodies.models import Body
from ratusha.open311.rendering import Open311Error


def body_of(jurisdiction_id: str | None) -> Body:
    """Give the body a call names, or raise Open311Error."""
    code = (jurisdiction_id or "").strip()
    if code:
        found = public_bodies().filter(code=code.upper()).first()
        if found is None:
            raise Open311Error(404, _("jurisdiction_id %(code)s was not found.") % {"code": code})
        return found
    bodies = list(public_bodies()[:2])
    if len(bodies) == 1:
        return bodies[0]
    if not bodies:
        raise Open311Error(404, _("No body takes requests here."))
    raise Open311Error(
        400, _("jurisdiction_id was not provided: this server serves several bodies.")
    )
