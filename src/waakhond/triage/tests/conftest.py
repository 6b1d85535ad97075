import pytest

from waakhond.triage import ComplaintInput, triage
from waakhond.triage.tests.cases import RECEIVED


@pytest.fixture
def run():
    """Triage a text (with a fixed intake date) and return the result as a dict."""

    def _run(text: str, **fields):
        fields.setdefault("received_on", RECEIVED)
        return triage(ComplaintInput(id=fields.pop("id", "t"), text=text, **fields)).to_dict()

    return _run
