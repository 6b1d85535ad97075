"""Seed the letter that tells an objector the decision on the objection is deferred
(Awb 7:10(3)), in Dutch and English.

Stands alone (the texts are copied in), can be re-run: a template an administrator has already
edited is never overwritten, a missing one is added.
"""

from django.db import migrations

_CLOSING_NL = "Met vriendelijke groet,\n\n{{ authority.name }}"
_CLOSING_EN = "Yours sincerely,\n\n{{ authority.name }}"

TEMPLATES = {
    ("objection_deferral", "nl"): (
        "Verdaging van de beslissing op uw bezwaar, kenmerk {{ case.reference }}",
        """Geachte {{ case.complainant_name }},

Op {{ objection.received_on }} ontvingen wij uw bezwaar tegen ons besluit van {{ objection.contested_decision_on }} op uw klacht over {{ case.organisation }} (kenmerk {{ objection.contested_reference }}).

Het lukt ons niet om binnen de wettelijke termijn op uw bezwaar te beslissen. Daarom verdagen wij onze beslissing eenmalig met ten hoogste zes weken (artikel 7:10, derde lid, van de Algemene wet bestuursrecht). Wij beslissen nu uiterlijk op {{ objection.decision_due }}.
{% if extra.text %}
Waarom wij meer tijd nodig hebben:
{{ extra.text }}
{% endif %}
Op uw persoonlijke statuspagina ({{ case.status_url }}) kunt u volgen hoe het met uw bezwaar staat.

""" + _CLOSING_NL,
    ),
    ("objection_deferral", "en"): (
        "Deferral of the decision on your objection, reference {{ case.reference }}",
        """Dear {{ case.complainant_name }},

On {{ objection.received_on }} we received your objection to our decision of {{ objection.contested_decision_on }} on your complaint about {{ case.organisation }} (reference {{ objection.contested_reference }}).

We are unable to decide on your objection within the statutory period. We therefore defer our decision once, by at most six weeks (Article 7:10(3) of the General Administrative Law Act, Awb). We will now decide by {{ objection.decision_due }} at the latest.
{% if extra.text %}
Why we need more time:
{{ extra.text }}
{% endif %}
On your personal status page ({{ case.status_url }}) you can follow your objection.

""" + _CLOSING_EN,
    ),
}


def seed_objection_deferral_letter(apps, schema_editor):
    LetterTemplate = apps.get_model("cases", "LetterTemplate")
    existing = set(LetterTemplate.objects.values_list("kind", "language"))
    missing = [
        LetterTemplate(kind=kind, language=language, subject=subject, body=body)
        for (kind, language), (subject, body) in TEMPLATES.items()
        if (kind, language) not in existing
    ]
    LetterTemplate.objects.bulk_create(missing, batch_size=100)


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_objection_deferral_notice")]
    operations = [migrations.RunPython(seed_objection_deferral_letter, migrations.RunPython.noop)]
