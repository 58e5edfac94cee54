"""The routers of the appeals API. Operations on one path must share a router in ninja,
so intake (POST /appeals) and staff work (GET /appeals) both add to ``appeals``."""

from ninja import Router

reference = Router(tags=["reference data"])
appeals = Router(tags=["appeals"])
tracking = Router(tags=["tracking"])
