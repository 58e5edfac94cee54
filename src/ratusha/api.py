"""The REST API at /api/v1/ (django-ninja); routers live in each app's api module."""

from ninja import NinjaAPI

api = NinjaAPI(title="Ratusha API", version="1", urls_namespace="api")
