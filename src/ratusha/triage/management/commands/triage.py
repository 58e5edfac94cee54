"""``ratusha triage train --body CODE``, ``ratusha triage evaluate --data CSV ...`` and
``ratusha triage embed --body CODE [--history]`` (vectors of recent appeals, for
duplicates, or of the history the next training reads, with its progress)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from ratusha.bodies.models import Body
from ratusha.triage.duplicate_candidates import DUPLICATE_WINDOW
from ratusha.triage.models import Target
from ratusha.triage.training import do_train_model, history_ids, pinned_model
from ratusha_core.triage.classify.types import ClassifierConfig
from ratusha_core.triage.evaluation import evaluate_csv, format_report


class Command(BaseCommand):
    help = "Train a body's triage models, or evaluate the classifier on a CSV of appeals."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        train = sub.add_parser(
            "train", help="train a new model version; it becomes active unless one is pinned"
        )
        train.add_argument("--body", required=True, help="code of the body")
        train.add_argument(
            "--target", choices=[t.value for t in Target], help="default: both targets"
        )
        embed = sub.add_parser(
            "embed", help="store the sentence vectors of recent appeals that lack one"
        )
        embed.add_argument("--body", required=True, help="code of the body")
        embed.add_argument(
            "--days", type=int, default=DUPLICATE_WINDOW.days, help="default: the duplicate window"
        )
        embed.add_argument(
            "--history",
            action="store_true",
            help="instead, the labelled history the next training reads (the first training "
            "after an upgrade otherwise embeds it in the worker), printing the progress",
        )
        evaluate = sub.add_parser("evaluate", help="cross-validate on a CSV file")
        evaluate.add_argument("--data", required=True, help="CSV file of appeals")
        evaluate.add_argument("--text-column", default="text")
        evaluate.add_argument("--label-column", required=True)
        evaluate.add_argument(
            "--topic-column",
            help="the topic the citizen chose (the model also reads it, as the department "
            "model does in Ratusha); several columns, broadest first (category,theme), make a "
            "path; an empty cell is an appeal without one",
        )
        evaluate.add_argument("--folds", type=int, default=5)
        evaluate.add_argument("--random-state", type=int, default=0)
        evaluate.add_argument(
            "--no-embedding",
            action="store_true",
            help="leave out the e5 sentence embedding (off anyway when "
            "RATUSHA_TRIAGE_EMBEDDINGS is off)",
        )
        evaluate.add_argument(
            "--no-concepts",
            action="store_true",
            help="leave out the embedding's latent terms, as Ratusha's department model does "
            "(its category model reads them)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "train":
            self._train(options["body"], options["target"])
        elif options["subcommand"] == "embed":
            self._embed(options["body"], options["days"], options["history"])
        else:
            self._evaluate(options)

    def _train(self, code: str, target: str | None) -> None:
        body = Body.objects.filter(code=code).first()
        if body is None:
            raise CommandError(f"no body with code {code!r}")
        for each in [target] if target else [t.value for t in Target]:
            model = do_train_model(body, each)
            if model is None:
                self.stdout.write(f"{code} {each}: too few labelled appeals, nothing trained")
                continue
            m = model.metrics
            if model.is_active:
                state = "active"
            else:
                pinned = pinned_model(body.pk, each)
                held = f"version {pinned.version} is pinned" if pinned else "another is active"
                state = f"stored but not active because {held}"
            self.stdout.write(
                f"{code} {each}: version {model.version} {state}, "
                f"{m['examples']} appeals, {m['labels']} labels, "
                f"accuracy {_pct(m.get('accuracy'))}, top-3 {_pct(m.get('top3_accuracy'))}, "
                f"macro-F1 {_pct(m.get('macro_f1'))}, auto-routed {_pct(m.get('coverage'))} "
                f"at precision {_pct(m.get('target_precision'))}"
            )

    def _embed(self, code: str, days: int, history: bool) -> None:
        from ratusha.triage import embeddings

        if not embeddings.embeddings_enabled():
            raise CommandError("RATUSHA_TRIAGE_EMBEDDINGS is off: there is nothing to store")
        if days < 1:
            raise CommandError("--days must be at least 1")
        body = Body.objects.filter(code=code).first()
        if body is None:
            raise CommandError(f"no body with code {code!r}")
        if not history:
            count = embeddings.do_embed_recent(body.pk, timezone.now() - timedelta(days=days))
            self.stdout.write(f"{code}: {count} appeals of the last {days} days embedded")
            return
        ids = {pk for target in Target for pk in history_ids(body, target.value)}

        def tell(checked: int, total: int, embedded: int, seconds: float) -> None:
            self.stdout.write(
                f"{code}: " + embeddings.progress_line(checked, total, embedded, seconds)
            )

        count = embeddings.do_embed_appeals(ids, progress=tell)
        self.stdout.write(f"{code}: {count} of the {len(ids)} history appeals embedded")

    def _evaluate(self, options: dict[str, Any]) -> None:
        if options["folds"] < 2:
            raise CommandError("--folds must be at least 2")
        from ratusha.triage.embeddings import embeddings_enabled

        # The settings `ratusha triage train` uses, but every C is tried at any size.
        use_embedding = embeddings_enabled() and not options["no_embedding"]
        try:
            report = evaluate_csv(
                options["data"],
                options["text_column"],
                options["label_column"],
                folds=options["folds"],
                random_state=options["random_state"],
                config=ClassifierConfig(
                    use_embedding=use_embedding, use_concepts=not options["no_concepts"]
                ),
                topic_column=options["topic_column"],
            )
        except (OSError, KeyError, ValueError) as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(format_report(report))


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"
