"""Forms of the staff pages of bodies."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ratusha.bodies.actions import MAX_SMS_DAILY_LIMIT


class SmsLimitForm(forms.Form):
    """A body administrator's own daily limit of text messages for the body, and the
    monthly budget of SMS parts at which they are alerted."""

    limit = forms.IntegerField(
        label=_("Text messages a day for this body"),
        required=False,
        min_value=0,
        max_value=MAX_SMS_DAILY_LIMIT,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    budget = forms.IntegerField(
        label=_("SMS parts a month before an alert"),
        required=False,
        min_value=0,
        max_value=MAX_SMS_DAILY_LIMIT,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_(
            "When the text messages of a calendar month reach this many SMS parts (what the "
            "gateway bills), the body's administrators are e-mailed once. Empty: no alert."
        ),
    )

    def __init__(self, *args: object, installation_limit: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["limit"].help_text = _(
            "Empty: the installation's limit (%(n)s a day; 0 means none). 0: no limit for "
            "this body. Over the limit, text messages wait among the undelivered notices "
            "until the next day."
        ) % {"n": installation_limit}
