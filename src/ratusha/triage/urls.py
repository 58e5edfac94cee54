from django.urls import path

from ratusha.triage import views
from ratusha.triage import views_assistant as assistant
from ratusha.triage import views_category_routing as category_routing
from ratusha.triage import views_clusters as clusters
from ratusha.triage import views_compare as compare
from ratusha.triage import views_duplicate_policy as duplicate_policy
from ratusha.triage import views_examples as examples
from ratusha.triage import views_models as triage_models
from ratusha.triage import views_not_duplicates as not_duplicates
from ratusha.triage import views_policy as policy
from ratusha.triage import views_queue as queue
from ratusha.triage import views_settings_overview as settings_overview

app_name = "triage"

urlpatterns = [
    path("appeals/<int:pk>/suggestions/", views.suggestions, name="suggestions"),
    path("appeals/<int:pk>/accept/", views.accept, name="accept"),
    path("appeals/<int:pk>/correct/", views.correct, name="correct"),
    path("bodies/<int:pk>/accept/", queue.accept_many, name="accept-many"),
    path("bodies/<int:pk>/accuracy/", views.accuracy, name="accuracy"),
    # Cold start: each category's keywords and example appeals, edited by an administrator.
    path("bodies/<int:pk>/examples/", examples.category_examples, name="category-examples"),
    path(
        "categories/<int:pk>/examples/",
        examples.edit_category_examples,
        name="edit-category-examples",
    ),
    # A body's trained models: versions, rollback and pin, history vectors, retraining now.
    path("bodies/<int:pk>/models/", triage_models.models_page, name="models"),
    path("settings/", settings_overview.settings_overview, name="settings"),
    path("bodies/<int:pk>/routing-policy/", policy.routing_policy, name="routing-policy"),
    path("bodies/<int:pk>/category-routing/", category_routing.page, name="category-routing"),
    path(
        "bodies/<int:pk>/duplicate-policy/",
        duplicate_policy.duplicate_policy,
        name="duplicate-policy",
    ),
    path("bodies/<int:pk>/models/vectors/", triage_models.history_vectors, name="models-vectors"),
    path("bodies/<int:pk>/models/embed/", triage_models.embed, name="models-embed"),
    path(
        "bodies/<int:pk>/models/<str:target>/retrain/",
        triage_models.retrain,
        name="models-retrain",
    ),
    path(
        "bodies/<int:pk>/models/<int:model_pk>/activate/",
        triage_models.activate,
        name="model-activate",
    ),
    path("bodies/<int:pk>/models/<int:model_pk>/pin/", triage_models.pin, name="model-pin"),
    path("bodies/<int:pk>/models/<int:model_pk>/unpin/", triage_models.unpin, name="model-unpin"),
    # The optional language-model assistant (404 while it is not configured).
    path("appeals/<int:pk>/assistant/draft/", assistant.assistant_draft, name="assistant-draft"),
    path("appeals/<int:pk>/assistant/summary/", assistant.cluster_summary, name="cluster-summary"),
    # How a body's staff used it (readable whether or not it is configured now).
    path("bodies/<int:pk>/assistant/", assistant.assistant_use, name="assistant-use"),
    # Duplicate clusters: one appeal's cluster, merging, answering all, the open ones.
    path("appeals/<int:pk>/cluster/", clusters.cluster_page, name="cluster"),
    path("appeals/<int:pk>/cluster/panel/", clusters.panel, name="cluster-panel"),
    path("appeals/<int:pk>/cluster/merge/", clusters.merge, name="cluster-merge"),
    path("appeals/<int:pk>/cluster/answer/", clusters.answer, name="cluster-answer"),
    # Officers' word that appeals are not duplicates (kept apart), and withdrawing it.
    path("appeals/<int:pk>/cluster/take-out/", not_duplicates.take_out, name="cluster-take-out"),
    path("appeals/<int:pk>/apart/", not_duplicates.keep_apart, name="keep-apart"),
    path("appeals/<int:pk>/apart/withdraw/", not_duplicates.withdraw, name="withdraw-apart"),
    # Why two appeals were or were not linked (?other= a registration number or id).
    path("appeals/<int:pk>/compare/", compare.compare, name="compare"),
    path("bodies/<int:pk>/clusters/", clusters.cluster_list, name="clusters"),
    path(
        "departments/<int:pk>/clusters/", clusters.department_clusters, name="department-clusters"
    ),
]
