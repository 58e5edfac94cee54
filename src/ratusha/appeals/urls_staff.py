"""Staff pages of appeals (under /appeals/staff/) and permission-checked attachment downloads."""

from django.urls import path

from ratusha.appeals import views_files
from ratusha.appeals.views_staff import (
    answers,
    appeal,
    clerk,
    inbox,
    letters,
    queues,
    register,
    templates_page,
    undelivered,
)

urlpatterns = [
    path("my/", inbox.my_inbox, name="my-inbox"),
    path("bodies/<int:pk>/templates/", templates_page.templates_list, name="templates"),
    path("bodies/<int:pk>/templates/new/", templates_page.template_edit, name="template-new"),
    path(
        "bodies/<int:pk>/templates/<int:template_pk>/",
        templates_page.template_edit,
        name="template-edit",
    ),
    path(
        "bodies/<int:pk>/templates/<int:template_pk>/delete/",
        templates_page.template_delete,
        name="template-delete",
    ),
    path("departments/<int:pk>/inbox/", inbox.department_inbox, name="department-inbox"),
    # A short link for menus and e-mails; it redirects to the department inbox above.
    path("inbox/<int:pk>/", inbox.department_inbox_link, name="inbox-link"),
    path("bodies/<int:pk>/inbox/", inbox.body_inbox, name="body-inbox"),
    path("bodies/<int:pk>/bulk-assign/", inbox.bulk_assign, name="bulk-assign"),
    path("bodies/<int:pk>/register-appeal/", clerk.register_appeal, name="register-appeal"),
    path("bodies/<int:pk>/pending/", queues.pending, name="pending"),
    path("bodies/<int:pk>/pending/<int:appeal_pk>/retry/", queues.retry, name="pending-retry"),
    path("bodies/<int:pk>/undelivered/", undelivered.undelivered, name="undelivered"),
    path(
        "bodies/<int:pk>/undelivered/resend-all/",
        undelivered.resend_all,
        name="undelivered-resend-all",
    ),
    path(
        "bodies/<int:pk>/undelivered/letters/",
        undelivered.letters_to_post,
        name="undelivered-letters",
    ),
    path(
        "bodies/<int:pk>/undelivered/letters.pdf",
        undelivered.letters_pdf,
        name="undelivered-letters-pdf",
    ),
    path(
        "bodies/<int:pk>/undelivered/posted-register/",
        register.posted_register,
        name="undelivered-posted-register",
    ),
    path(
        "bodies/<int:pk>/undelivered/letters/posted/",
        undelivered.posted_all,
        name="undelivered-posted-all",
    ),
    path(
        "bodies/<int:pk>/undelivered/<int:notice_pk>/resend/",
        undelivered.resend,
        name="undelivered-resend",
    ),
    path(
        "bodies/<int:pk>/undelivered/<int:notice_pk>/otherwise/",
        undelivered.delivered_otherwise,
        name="undelivered-otherwise",
    ),
    path(
        "bodies/<int:pk>/undelivered/<int:notice_pk>/posted/",
        undelivered.posted,
        name="undelivered-posted",
    ),
    path(
        "bodies/<int:pk>/undelivered/<int:notice_pk>/undo/",
        undelivered.undo,
        name="undelivered-undo",
    ),
    path(
        "bodies/<int:pk>/undelivered/<int:notice_pk>/post-instead/",
        undelivered.post_instead,
        name="undelivered-post-instead",
    ),
    path("bodies/<int:pk>/triage/", queues.triage, name="triage"),
    path(
        "bodies/<int:pk>/triage/<int:appeal_pk>/assign/",
        queues.triage_assign,
        name="triage-assign",
    ),
    path("bodies/<int:pk>/register/", register.register, name="register"),
    path("appeals/<int:pk>/", appeal.appeal_page, name="appeal"),
    path("appeals/<int:pk>/registered/", clerk.registered, name="registered"),
    path("appeals/<int:pk>/letter/<int:event_pk>/", letters.step_letter, name="step-letter"),
    path("appeals/<int:pk>/answer-letter/", letters.answer_letter, name="answer-letter"),
    path("appeals/<int:pk>/news-read/", appeal.news_read, name="news-read"),
    path("appeals/<int:pk>/act/<slug:action>/", appeal.act, name="act"),
    path("appeals/<int:pk>/draft-answer/", answers.draft_answer, name="draft-answer"),
    path("appeals/<int:pk>/approve-answer/", answers.approve_answer, name="approve-answer"),
    path("attachments/<int:pk>/", views_files.attachment, name="attachment"),
    path("attachments/<int:pk>/<str:token>/", views_files.attachment, name="attachment"),
]
