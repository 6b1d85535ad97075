"""Saving a letter template: only an administrator, only a template that renders."""

from __future__ import annotations

from django.db import transaction

from waakhond.accounts.access import can_manage_letter_templates, require
from waakhond.audit.models import AuditEventType
from waakhond.audit.services import record_event

from ..letters import check_template
from ..models import LetterTemplate


def letter_template_save(*, template: LetterTemplate, actor) -> LetterTemplate:
    """Check the template strictly (placeholders, remedy clause for decisions), then save it.

    Raises `letters.LetterTemplateError` with a message naming what is wrong; nothing is saved.
    """
    require(can_manage_letter_templates(actor))
    check_template(
        kind=template.kind, language=template.language, subject=template.subject, body=template.body
    )
    with transaction.atomic():
        before = (
            LetterTemplate.objects.filter(pk=template.pk).values("subject", "body").first()
            if template.pk
            else None
        )
        template.updated_by = actor
        template.full_clean()
        template.save()
        record_event(
            actor=actor,
            event_type=AuditEventType.LETTER_TEMPLATE_CHANGED,
            obj=template,
            data={
                "kind": template.kind,
                "language": template.language,
                "created": before is None,
                "subject_before": (before or {}).get("subject", ""),
                "subject_after": template.subject,
                "body_changed": before is None or before["body"] != template.body,
            },
        )
    return template
