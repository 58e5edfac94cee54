"""URLs of the public ledger, mounted at /ledger/ (see docs/ledger.md)."""

from django.urls import path, re_path

from ratusha.ledger import views, views_proof, views_read, views_receipt, views_verify

app_name = "ledger"

_TOKEN = r"(?P<number>[^/]+)/(?P<token>[0-9a-f]+)"

urlpatterns = [
    path("", views.index, name="index"),
    path("verify/", views_verify.verify, name="verify"),
    re_path(rf"^receipt/{_TOKEN}\.json$", views_receipt.receipt_json, name="receipt-json"),
    re_path(rf"^receipt/{_TOKEN}/$", views_receipt.receipt_page, name="receipt"),
    re_path(
        rf"^receipt/{_TOKEN}/status\.json$", views_receipt.receipt_status, name="receipt-status"
    ),
    re_path(rf"^receipt/{_TOKEN}/answer\.json$", views_receipt.answer_json, name="answer-json"),
    path("<str:log>/checkpoint", views.checkpoint, name="checkpoint"),
    path("<str:log>/checkpoints/<int:size>", views.checkpoint_at, name="checkpoint-at"),
    path("<str:log>/entries", views.entries, name="entries"),
    path("<str:log>/read/", views_read.read, name="read"),
    path("<str:log>/entry/<int:index>/proof/", views_proof.entry_proof, name="entry-proof"),
    path("<str:log>/proof/inclusion", views.inclusion, name="inclusion"),
    path("<str:log>/proof/consistency", views.consistency, name="consistency"),
    path("<str:log>/keys", views.log_keys, name="keys"),
    path("<str:log>/cosignatures", views.cosign, name="cosign"),
    path("<str:log>/tile/entries/<path:path>", views.entries_tile, name="entries-tile"),
    path("<str:log>/tile/<int:level>/<path:path>", views.tile, name="tile"),
]
