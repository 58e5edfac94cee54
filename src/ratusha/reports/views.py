"""Staff pages of reports: the list, ordering a report, and downloading a file."""

from __future__ import annotations

import base64
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusha.appeals.views_staff.common import paginate, staff_view
from ratusha.bodies.models import Body
from ratusha.reports.access import access_report, bodies_to_order, reports_for
from ratusha.reports.actions import ReportRefused, check_report_order
from ratusha.reports.choices import CONTENT_TYPES, ReportFormat
from ratusha.reports.forms import OrderReportForm, ReportFilterForm
from ratusha.reports.tasks import generate_report

PAGE_SIZE = 25


@staff_view
def report_list(request: HttpRequest) -> HttpResponse:
    """List the reports the person may read, newest period first, with filters."""
    reports = reports_for(request.user)
    bodies = Body.objects.filter(pk__in=reports.values("body")).order_by("path")
    form = ReportFilterForm(request.GET or None, bodies=bodies)
    page = paginate(request, form.apply(reports), PAGE_SIZE)
    return render(
        request,
        "reports/list.html",
        {"page": page, "form": form, "may_order": bodies_to_order(request.user).exists()},
    )


@staff_view
def order_report(request: HttpRequest) -> HttpResponse:
    """Order a report on demand; it is generated in the background and then listed."""
    bodies = bodies_to_order(request.user).order_by("path")
    if not bodies.exists():
        raise Http404
    first = bodies.first()
    zone = ZoneInfo(first.time_zone if first else "Europe/Minsk")
    today = timezone.now().astimezone(zone).date()
    form = OrderReportForm(request.POST or None, bodies=bodies, today=today)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = check_report_order(
                request.user,
                data["body"],
                data["scope"],
                data["period"],
                data["language"],
                data["formats"],
            )
        except ReportRefused as refused:
            form.add_error(None, str(refused))
        else:
            generate_report.enqueue(
                order.body.pk,
                order.scope,
                order.period.label,
                order.language,
                list(order.formats),
                request.user.pk,
            )
            messages.success(
                request,
                _("The report is being generated. It appears in the list in a minute or two."),
            )
            return redirect("reports:list")
    return render(request, "reports/order.html", {"form": form})


@staff_view
def download_report(request: HttpRequest, pk: int) -> FileResponse:
    """Give a stored report file, with its SHA-256 in the Repr-Digest header."""
    report = access_report(request.user, pk)
    response = FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=report.download_name,
        content_type=CONTENT_TYPES[ReportFormat(report.format)],
    )
    digest = base64.b64encode(bytes.fromhex(report.sha256)).decode()
    response["Repr-Digest"] = f"sha-256=:{digest}:"
    return response
