"""Inbox rows built in Python give the markup the template gave; assignment choices stay fresh."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.template import Context, Template
from django.test.html import parse_html
from django.urls import reverse
from django.utils import timezone

from ratusha.accounts.models import RoleGrant, User
from ratusha.appeals import selectors
from ratusha.appeals.views_staff.inbox_table import table_rows

pytestmark = pytest.mark.django_db

# The row markup as the template wrote it before the rows moved to Python.
TEMPLATE_ROWS = """{% load i18n %}{% translate "Select" as select_label %}
{% for row in rows %}{% with appeal=row.appeal %}
<tr{% if row.overdue %} class="overdue"{% endif %}>
  {% if selectable %}<td><input type="checkbox" name="appeal"
    value="{{ appeal.pk }}:{{ appeal.version }}" id="select-{{ appeal.pk }}"><label
    for="select-{{ appeal.pk }}" class="visually-hidden">{{ select_label }} {{ appeal.number }}
    </label></td>{% endif %}
  <td><a href="{% url 'appeals:appeal' appeal.pk %}">{{ appeal.number }}</a></td>
  <td>{{ appeal.registered_at|date:"SHORT_DATE_FORMAT" }}</td>
  <td>{% firstof appeal.organisation appeal.applicant_name %}</td>
  <td>{{ appeal.summary|truncatechars:90 }}</td>
  <td>{{ appeal.category.name|default:"—" }}</td>
  {% if show_department %}<td>{{ appeal.department.name|default:"—" }}</td>{% endif %}
  <td>{{ appeal.executor.full_name|default:"—" }}</td>
  <td>{{ row.status }}</td>
  <td>{% include "appeals/staff/_term.html" %}</td>
</tr>
{% endwith %}{% endfor %}"""


@pytest.mark.parametrize(("selectable", "show_department"), [(True, False), (False, True)])
def test_rows_match_the_template(
    make_appeal: Any, world: Any, selectable: bool, show_department: bool
) -> None:
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=25), tick=False):
        make_appeal(text="Overdue: <b>the lamp</b> & the bench are broken near house 5.")
    make_appeal(text="A new one " + "with a long text " * 10, applicant_name="O'Brien & Co")
    make_appeal(process=False, text="Not triaged yet, so it has no department at all.")
    appeals = list(selectors.body_inbox(world.users["clerk"], world.bodies["A"])[:50])
    rows = selectors.rows_of(appeals)
    assert any(row.overdue for row in rows) and len(rows) == 3
    expected = Template(TEMPLATE_ROWS).render(
        Context({"rows": rows, "selectable": selectable, "show_department": show_department})
    )
    built = table_rows(rows, selectable=selectable, show_department=show_department)
    assert parse_html(str(built)) == parse_html(expected)
    assert "&lt;b&gt;the lamp&lt;/b&gt; &amp; the bench" in built


def test_a_new_officer_is_offered_at_once(make_appeal: Any, world: Any, client: Any) -> None:
    make_appeal()
    client.force_login(world.users["head"])
    url = reverse("appeals:department-inbox", args=[world.departments["A1"].pk])
    assert "Nina Newcomer" not in client.get(url).content.decode()
    newcomer = User.objects.create_user(
        "newcomer@example.org", "a-long-password-1", full_name="Nina Newcomer"
    )
    RoleGrant.objects.create(
        user=newcomer,
        role="department_officer",
        body=world.bodies["A"],
        department=world.departments["A1"],
    )
    html = client.get(url).content.decode()
    assert f'value="{world.departments["A1"].pk}:{newcomer.pk}"' in html
