"""Admin for the texts of letters (administrators edit, a broken placeholder is refused), and a
read-only view of letters and outgoing e-mail (with a retry for failed e-mail)."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from waakhond.accounts.access import can_manage_letter_templates, is_staff_member
from waakhond.common.errors import ApplicationError

from .letters import LANGUAGES, check_template
from .models import Letter, LetterTemplate, OutgoingMessage
from .services.letter_templates import letter_template_save
from .services.messages import message_retry
from .workflow import LETTER_KINDS

PLACEHOLDER_HELP = _(
    "Plaatshouders: {{ case.reference }}, {{ case.received_on }}, {{ case.organisation }}, "
    "{{ case.complainant_name }}, {{ case.complainant_address }}, {{ case.complainant_email }}, "
    "{{ case.representative_body }}, {{ case.lane }}, {{ case.handler }}, {{ case.status_url }}, "
    "{{ deadlines.decision }}, {{ deadlines.progress_notice }}, {{ decision.outcome }}, "
    "{{ decision.reasons }}, {{ decision.factor_affected }}, {{ decision.factor_significance }}, "
    "{{ decision.factor_effective }}, {{ decision.decided_on }}, {{ decision.made_known_on }}, "
    "{{ decision.objection_deadline }}, {{ objection.received_on }}, {{ objection.grounds }}, "
    "{{ objection.contested_reference }}, {{ objection.contested_decision_on }}, {{ objection.decision_due }}, {{ authority.name }}, "
    "{{ authority.address }}, {{ authority.email }}, {{ authority.website }}, {{ extra.text }}, "
    "{{ extra.new_due_on }}, {{ extra.right }}, {{ extra.target_name }}, {{ extra.reply_by }}, "
    "{{ today }}, {{ letter_title }} en, verplicht in een besluit, {{ remedy_clause }}."
)


class LetterTemplateForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("soort"), choices=[(kind.value, label.nl) for kind, label in LETTER_KINDS.items()]
    )
    language = forms.ChoiceField(label=_("taal"), choices=[(code, code) for code in LANGUAGES])

    class Meta:
        model = LetterTemplate
        fields = ["kind", "language", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 30, "cols": 100})}
        help_texts = {"body": PLACEHOLDER_HELP}

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            check_template(
                kind=cleaned["kind"],
                language=cleaned["language"],
                subject=cleaned["subject"],
                body=cleaned["body"],
            )
        except ApplicationError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return cleaned


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    form = LetterTemplateForm
    list_display = ["kind", "language", "subject", "updated_at", "updated_by"]
    list_filter = ["kind", "language"]
    readonly_fields = ["updated_at", "updated_by"]

    def has_module_permission(self, request):
        return can_manage_letter_templates(request.user)

    def has_view_permission(self, request, obj=None):
        return can_manage_letter_templates(request.user)

    def has_add_permission(self, request):
        return can_manage_letter_templates(request.user)

    def has_change_permission(self, request, obj=None):
        return can_manage_letter_templates(request.user)

    def has_delete_permission(self, request, obj=None):
        # A missing template stops letters of that kind; edit it instead.
        return False

    def save_model(self, request, obj, form, change):
        letter_template_save(template=obj, actor=request.user)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Letters and messages are written by the services only; staff may look."""

    def has_module_permission(self, request):
        return is_staff_member(request.user) and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return can_manage_letter_templates(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Letter)
class LetterAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "kind", "language", "recipient", "created_at"]
    list_filter = ["kind", "language"]
    search_fields = ["complaint__reference"]
    readonly_fields = [f.name for f in Letter._meta.fields]


@admin.register(OutgoingMessage)
class OutgoingMessageAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "complaint",
        "to",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status"]
    search_fields = ["complaint__reference", "to"]
    readonly_fields = [f.name for f in OutgoingMessage._meta.fields]
    actions = ["retry_now"]

    @admin.action(description=_("Nu opnieuw versturen"))
    def retry_now(self, request, queryset):
        for message in queryset.exclude(status=OutgoingMessage.Status.SENT).exclude(complaint=None):
            try:
                result = message_retry(message=message, actor=request.user)
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
                continue
            level = (
                messages.SUCCESS
                if result.status == OutgoingMessage.Status.SENT
                else messages.WARNING
            )
            self.message_user(request, f"#{result.pk}: {result.get_status_display()}", level)
