import pytest


@pytest.fixture(autouse=True)
def fast_pdf(monkeypatch):
    """WeasyPrint takes about a second a letter; the service tests only need PDF-like bytes.
    `tests/test_letters.py` renders real PDFs."""
    monkeypatch.setattr(
        "waakhond.cases.letters.html_to_pdf", lambda html: b"%PDF-1.7\n% test\n%%EOF\n"
    )
