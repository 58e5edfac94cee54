"""URLs of the open data, mounted at /opendata/ (see docs/opendata.md)."""

from django.urls import path, re_path

from ratusha.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("catalog.jsonld", views.catalog_jsonld, name="catalog-jsonld"),
    path("catalog.ttl", views.catalog_turtle, name="catalog-turtle"),
    path("<slug:dataset>/", views.dataset_page, name="dataset"),
    path("<slug:dataset>/schema.json", views.schema, name="schema"),
    path("<slug:dataset>/csv-metadata.json", views.csvw, name="csvw"),
    re_path(
        r"^(?P<dataset>[-\w]+)/download/(?P<scope>[-\w]+)\.(?P<fmt>csv|jsonl|parquet)$",
        views.download,
        name="download",
    ),
]
