"""A complaint may have more than one decision: a reopened case is decided again.

`Decision.complaint` becomes a foreign key (related name `decisions`); the older decision is
kept and marked with `superseded_at` and `superseded_by`. Existing rows are all current, so no
data changes; the partial unique constraint keeps one current decision per complaint.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_seed_letter_templates"),
    ]

    operations = [
        migrations.AlterField(
            model_name="decision",
            name="complaint",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="decisions",
                to="intake.complaint",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="superseded_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="vervangen op"),
        ),
        migrations.AddField(
            model_name="decision",
            name="superseded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.decision",
            ),
        ),
        migrations.AlterModelOptions(name="decision", options={"ordering": ["id"]}),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(
                condition=models.Q(("superseded_at__isnull", True)),
                fields=("complaint",),
                name="one_current_decision_per_complaint",
            ),
        ),
    ]
