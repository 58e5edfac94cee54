"""``ratusha triage train --body CODE`` and ``ratusha triage evaluate --data CSV ...``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ratusha.bodies.models import Body
from ratusha.triage.models import Target
from ratusha.triage.training import do_train_model
from ratusha_core.triage.evaluation import evaluate_csv, format_report


class Command(BaseCommand):
    help = "Train a body's triage models, or evaluate the classifier on a CSV of appeals."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        train = sub.add_parser("train", help="train and activate a new model version")
        train.add_argument("--body", required=True, help="code of the body")
        train.add_argument(
            "--target", choices=[t.value for t in Target], help="default: both targets"
        )
        evaluate = sub.add_parser("evaluate", help="cross-validate on a CSV file")
        evaluate.add_argument("--data", required=True, help="CSV file of appeals")
        evaluate.add_argument("--text-column", default="text")
        evaluate.add_argument("--label-column", required=True)
        evaluate.add_argument("--folds", type=int, default=5)
        evaluate.add_argument("--random-state", type=int, default=0)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "train":
            self._train(options["body"], options["target"])
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
            self.stdout.write(
                f"{code} {each}: version {model.version} active, "
                f"{m['examples']} appeals, {m['labels']} labels, "
                f"accuracy {_pct(m.get('accuracy'))}, top-3 {_pct(m.get('top3_accuracy'))}, "
                f"macro-F1 {_pct(m.get('macro_f1'))}, auto-routed {_pct(m.get('coverage'))} "
                f"at precision {_pct(m.get('target_precision'))}"
            )

    def _evaluate(self, options: dict[str, Any]) -> None:
        if options["folds"] < 2:
            raise CommandError("--folds must be at least 2")
        try:
            report = evaluate_csv(
                options["data"],
                options["text_column"],
                options["label_column"],
                folds=options["folds"],
                random_state=options["random_state"],
            )
        except (OSError, KeyError, ValueError) as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(format_report(report))


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"
