"""Cold start edited by an administrator: each category's keywords and example appeals."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ratusha.bodies.actions import check_edit_category_examples
from ratusha.bodies.models import Category
from ratusha.triage.actions import cold_start_for
from ratusha.triage.models import Target

pytestmark = pytest.mark.django_db

TEXT = "Бадзяжныя сабакі ля крамы кідаюцца на дзяцей."


def suggestion(town: Any, target: str = Target.CATEGORY) -> str:
    classifier = cold_start_for(town.bodies["A"].pk, target)
    return classifier.predict(TEXT).label


def test_an_edited_example_changes_the_cold_start_suggestion(town: Any) -> None:
    admin = town.users["admin"]
    a2, a3 = town.categories["A2"], town.categories["A3"]
    check_edit_category_examples(admin, a2, "", "Не гарыць ліхтар на вуліцы.")
    check_edit_category_examples(admin, a3, "", "Сабакі кідаюцца на дзяцей ля крамы.")
    assert suggestion(town) == str(a3.pk)
    assert suggestion(town, Target.DEPARTMENT) == str(town.departments["A3"].pk)
    # The administrator moves the example: the next suggestion follows it.
    check_edit_category_examples(admin, a3, "", "")
    check_edit_category_examples(
        admin, a2, "", "Не гарыць ліхтар.\nБадзяжныя сабакі кідаюцца на дзяцей ля крамы."
    )
    assert suggestion(town) == str(a2.pk)
    assert suggestion(town, Target.DEPARTMENT) == str(town.departments["A2"].pk)


def test_lines_are_trimmed_and_limited_and_only_admins_may_edit(town: Any) -> None:
    category = town.categories["A1"]
    check_edit_category_examples(town.users["admin"], category, " яма \n\nяма\nасфальт ", "")
    category.refresh_from_db()
    assert category.keywords == "яма\nасфальт"
    with pytest.raises(ValidationError) as refused:
        check_edit_category_examples(town.users["admin"], category, "", "x" * 1001)
    assert "examples" in refused.value.message_dict
    for name in ("clerk", "officer", "officer_b"):
        with pytest.raises(PermissionDenied):
            check_edit_category_examples(town.users[name], category, "", "")
    check_edit_category_examples(town.users["district_admin"], category, "яма", "")


def test_administrator_lists_searches_and_tries_the_categories(town: Any, client: Any) -> None:
    check_edit_category_examples(
        town.users["admin"], town.categories["A3"], "сабакі", "Сабакі ля крамы."
    )
    client.force_login(town.users["admin"])
    url = reverse("triage:category-examples", args=[town.bodies["A"].pk])
    html = client.get(url).text
    assert "Keywords and examples for triage" in html
    for code in ("CA1", "CA2", "CA3"):
        assert code in html
    assert "Сабакі ля крамы." in html
    found = client.get(url, {"q": "крамы"}).text
    assert "CA3" in found and "CA1" not in found
    tried = client.get(url, {"text": TEXT}).text
    assert "Катэгорыя A3 —" in tried and "%" in tried


def test_edit_page_saves_and_a_refused_form_keeps_the_typed_text(town: Any, client: Any) -> None:
    category = town.categories["A2"]
    url = reverse("triage:edit-category-examples", args=[category.pk])
    client.force_login(town.users["admin"])
    assert "Example appeals" in client.get(url).text
    too_long = "Не гарыць ліхтар.\n" + "б" * 1200
    refused = client.post(url, {"keywords": "ліхтар", "examples": too_long})
    assert refused.status_code == 400
    assert "at most 30 examples" in refused.text and "б" * 1200 in refused.text
    category.refresh_from_db()
    assert category.examples == ""
    saved = client.post(url, {"keywords": "ліхтар", "examples": "Не гарыць ліхтар."})
    assert saved.status_code == 302
    assert saved["Location"] == reverse("triage:category-examples", args=[category.body_id])
    category.refresh_from_db()
    assert category.examples == "Не гарыць ліхтар." and category.keywords == "ліхтар"


def test_pages_are_out_of_reach_for_other_roles(town: Any, client: Any) -> None:
    list_url = reverse("triage:category-examples", args=[town.bodies["A"].pk])
    edit_url = reverse("triage:edit-category-examples", args=[town.categories["A1"].pk])
    for name in ("clerk", "officer", "officer_b", "citizen"):
        client.force_login(town.users[name])
        assert client.get(list_url).status_code == 404, name
        assert client.post(edit_url, {"examples": "x"}).status_code == 404, name
    assert Category.objects.get(pk=town.categories["A1"].pk).examples == ""


def test_django_admin_shows_and_saves_examples(town: Any, client: Any) -> None:
    category = town.categories["A1"]
    client.force_login(town.users["admin"])
    url = reverse("admin:bodies_category_change", args=[category.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="examples"' in page.text


def test_demo_examples_are_seeded_once_and_edits_stay(town: Any) -> None:
    from ratusha.bodies.models import Body
    from ratusha.triage.demo import seed_category_examples
    from ratusha.triage.demo_examples import EXAMPLES

    body = Body.objects.create(code="ZAR", kind="municipality", name_be="Зарэчанск")
    heat = Category.objects.create(body=body, code="HEAT", name_be="Ацяпленне")
    lift = Category.objects.create(body=body, code="LIFT", name_be="Ліфты", examples="Свой")
    assert seed_category_examples(None) == 1  # type: ignore[arg-type]
    heat.refresh_from_db()
    lift.refresh_from_db()
    assert heat.examples.splitlines() == list(EXAMPLES[("ZAR", "HEAT")])
    assert lift.examples == "Свой"
    assert seed_category_examples(None) == 0  # type: ignore[arg-type]
