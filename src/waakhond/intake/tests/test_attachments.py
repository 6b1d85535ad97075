"""Attachment types are decided by content, never by name."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from waakhond.common.errors import ApplicationError
from waakhond.intake.attachments import check_content, check_upload, clean_file_name

from .factories import DOCX, EXE, JPEG, PDF, PNG, make_zip

GIF = b"GIF89a" + b"\x00" * 32
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
XLSX = make_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
PPTX = make_zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"})
ODT = make_zip(
    {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"}
)
DOCM = make_zip(
    {
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": b"<w/>",
        "word/vbaProject.bin": b"\x00",
    }
)
PLAIN_ZIP = make_zip({"holiday.jpg": JPEG})
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64
MACHO = b"\xcf\xfa\xed\xfe" + b"\x00" * 64

ACCEPTED = [
    # (file name, content, expected content type) — a plain-words reason per row
    ("brief.pdf", PDF, "application/pdf"),  # a PDF letter
    ("foto.png", PNG, "image/png"),  # a screenshot
    ("foto.jpg", JPEG, "image/jpeg"),  # a photo
    ("foto.gif", GIF, "image/gif"),
    ("foto.webp", WEBP, "image/webp"),
    (
        "verslag.docx",
        DOCX,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ("lijst.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("dia.pptx", PPTX, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ("brief.odt", ODT, "application/vnd.oasis.opendocument.text"),
    ("oud.doc", OLE2, "application/msword"),  # legacy Word: OLE2 header
    ("oud.xls", OLE2, "application/vnd.ms-excel"),  # legacy Excel: same header, name decides
    ("mail.txt", b"Beste meneer,\nIk wil mijn gegevens zien.\n", "text/plain"),
    ("scan", PDF, "application/pdf"),  # no extension: the content decides
    ("foto.pdf", PNG, "image/png"),  # wrong extension: the content decides
]

REFUSED_AS_PROGRAM = [
    ("factuur.pdf", EXE),  # a Windows program renamed to .pdf
    ("foto.jpg", ELF),  # a Linux program renamed to .jpg
    ("brief.docx", MACHO),  # a macOS program
    ("notities.txt", b"#!/bin/sh\nrm -rf /\n"),  # a shell script as text
    ("pagina.txt", b"<html><script>alert(1)</script></html>"),  # a web page with script
    ("run.bat", b"echo hello"),  # a script by its name, though the text is harmless
]

REFUSED_AS_TYPE = [
    ("archief.zip", PLAIN_ZIP),  # a zip that is no office document
    ("binary.bin", b"\x00\x01\x02\x03" * 20),  # binary we do not know
    ("muziek.mp3", b"ID3\x03\x00\x00\x00" + b"\x00" * 64),  # audio
]


@pytest.mark.parametrize(("name", "content", "expected"), ACCEPTED)
def test_allowed_files_are_recognised_by_their_content(name, content, expected):
    assert check_content(name, content).content_type == expected


@pytest.mark.parametrize(("name", "content"), REFUSED_AS_PROGRAM)
def test_programs_and_scripts_are_refused_whatever_their_name(name, content):
    with pytest.raises(ApplicationError) as refusal:
        check_content(name, content)
    assert name in refusal.value.message
    assert "programma of script" in refusal.value.message
    assert refusal.value.field == "attachments"


@pytest.mark.parametrize(("name", "content"), REFUSED_AS_TYPE)
def test_unknown_and_unwanted_types_are_refused_with_the_file_name(name, content):
    with pytest.raises(ApplicationError) as refusal:
        check_content(name, content)
    assert name in refusal.value.message


def test_office_files_with_macros_are_refused():
    with pytest.raises(ApplicationError) as refusal:
        check_content("brief.docm", DOCM)
    assert "macro" in refusal.value.message


def test_an_empty_file_is_refused():
    with pytest.raises(ApplicationError) as refusal:
        check_content("leeg.pdf", b"")
    assert "leeg" in refusal.value.message


@override_settings(WAAKHOND_ATTACHMENT_MAX_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    uploaded = SimpleUploadedFile("groot.pdf", PDF + b"0" * 2000, content_type="application/pdf")
    with pytest.raises(ApplicationError) as refusal:
        check_upload(uploaded)
    assert "te groot" in refusal.value.message
    assert "groot.pdf" in refusal.value.message


def test_an_upload_is_read_whole_and_named_without_directories():
    uploaded = SimpleUploadedFile("brief.pdf", PDF, content_type="text/html")
    checked = check_upload(uploaded, purpose="mandate")
    assert (checked.name, checked.content, checked.content_type, checked.purpose) == (
        "brief.pdf",
        PDF,
        "application/pdf",
        "mandate",
    )
    assert clean_file_name("../../etc/passwd") == "passwd"
    assert clean_file_name("C:\\Users\\x\\brief\x00.pdf") == "brief.pdf"
