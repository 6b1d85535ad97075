"""The demo: after `load_demo` and indexing, the recording-of-benefit-interviews pattern is there."""

from io import StringIO

import pytest

from django.core.management import call_command

from waakhond.insights.models import DuplicateGroup, Pattern
from waakhond.insights.selectors import pattern_organisations
from waakhond.intake.management.commands.load_demo import DEMO_FILE

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(not DEMO_FILE.exists(), reason="no demo complaints file")
def test_the_demo_shows_recording_of_welfare_recipients_at_several_municipalities(
    settings, tmp_path
):
    settings.WAAKHOND_DEMO = True
    settings.VAR_DIR = tmp_path / "var"
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    call_command("index_pending", stdout=StringIO())
    pattern = Pattern.objects.get(key="practice:recording:g-welfare_recipients")
    organisations = [o.label for o in pattern_organisations(pattern)]
    assert pattern.member_count >= 3
    assert pattern.organisation_count >= 2, organisations
    assert DuplicateGroup.objects.filter(kind=DuplicateGroup.Kind.CAMPAIGN, size__gte=3).exists()
