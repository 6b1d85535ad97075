"""The one deferral of a decision on an objection (Awb 7:10(3)): when the objector was told,
and why. `deferral_weeks` already existed; existing rows keep 0 (not deferred)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_decisions_can_be_superseded")]

    operations = [
        migrations.AddField(
            model_name="objection",
            name="deferred_on",
            field=models.DateField(blank=True, null=True, verbose_name="verdaagd op"),
        ),
        migrations.AddField(
            model_name="objection",
            name="deferral_reason",
            field=models.TextField(blank=True, verbose_name="reden van verdaging"),
        ),
    ]
