"""Checking an uploaded file before it becomes an attachment of a complaint.

Rules:
* The type is decided by the file's content (magic bytes, read with the `filetype` library),
  never by its name or by the content type the browser claims.
* Allowed: PDF, PNG, JPEG, GIF, WebP, HEIC; office documents based on zip (DOCX, XLSX, PPTX and
  the OpenDocument formats ODT, ODS, ODP), whose inner structure is checked too
  (`[Content_Types].xml` and the main part for Office Open XML, the `mimetype` entry for
  OpenDocument); legacy Word and Excel files (OLE2 header); and plain text.
* Refused whatever their name: programs (Windows, Linux, macOS executables, Java classes,
  WebAssembly), scripts (a `#!` line, HTML with script, PHP), office files with macros, other
  archives, and anything we cannot recognise.
* At most `WAAKHOND_ATTACHMENT_MAX_BYTES` bytes per file; empty files are refused.

Every refusal is an `ApplicationError` whose message names the file, so the complainant knows
which one to replace.
"""

import io
import os
import re
import zipfile

import filetype

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from waakhond.common.errors import ApplicationError

from .services import AttachmentUpload

# Content types we accept from the `filetype` guess as they are.
_PLAIN_TYPES = {
    "application/pdf": "application/pdf",
    "image/png": "image/png",
    "image/jpeg": "image/jpeg",
    "image/gif": "image/gif",
    "image/webp": "image/webp",
    "image/heic": "image/heic",
}
# Zip-based office formats: the main part that must be present for each.
_OOXML_MAIN_PARTS = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_OPENDOCUMENT_TYPES = {
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Magic bytes of programs, checked before anything else (filetype knows some, not all).
_EXECUTABLE_MAGIC = (
    b"MZ",  # Windows PE / DOS
    b"\x7fELF",  # Linux
    b"\xfe\xed\xfa\xce",  # Mach-O 32
    b"\xfe\xed\xfa\xcf",  # Mach-O 64
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
    b"\x00asm",  # WebAssembly
)
_EXECUTABLE_GUESSES = {"application/x-msdownload", "application/x-executable", "application/wasm"}
# Text that is really a script or a web page.
_SCRIPT_TEXT = re.compile(
    rb"^\s*#!|<\s*script\b|<\?php|<\s*html\b|<\s*svg\b|<\s*iframe\b", re.IGNORECASE
)
# Names we never take as text, even when the content is harmless text.
_SCRIPT_EXTENSIONS = {
    ".bat", ".cmd", ".com", ".exe", ".js", ".jse", ".mjs", ".vbs", ".vbe", ".wsf", ".ps1",
    ".psm1", ".sh", ".bash", ".zsh", ".py", ".pl", ".rb", ".php", ".html", ".htm", ".xhtml",
    ".svg", ".hta", ".jar", ".msi", ".scr", ".lnk", ".reg", ".dll", ".app", ".apk",
}  # fmt: skip
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f]")


def clean_file_name(name: str) -> str:
    """The base name without directories or control characters, at most 255 characters."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = _CONTROL_CHARS.sub("", base).strip() or "bijlage"
    return base[-255:]


def detect_content_type(name: str, content: bytes) -> str | None:
    """The content type of an allowed file, or None when it is not one we accept.

    Raises `ApplicationError` for programs, scripts and macro-enabled office files, because
    those deserve a specific message rather than "unknown type".
    """
    head = content[:8192]
    if head.startswith(_EXECUTABLE_MAGIC):
        raise _refuse_program(name)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime in _EXECUTABLE_GUESSES:
        raise _refuse_program(name)
    if mime in _PLAIN_TYPES:
        return _PLAIN_TYPES[mime]
    if head.startswith(_OLE2_MAGIC):
        return _ole2_type(name)
    if head.startswith(b"PK\x03\x04"):
        return _zipped_office_type(name, content)
    if mime is not None:
        return None  # a recognised type we do not accept (archive, audio, video, ...)
    return _text_type(name, content)


def check_upload(uploaded: UploadedFile, *, purpose: str = "evidence") -> AttachmentUpload:
    """Read and check one uploaded file; return it ready for `complaint_create`."""
    name = clean_file_name(uploaded.name or "")
    max_bytes = settings.WAAKHOND_ATTACHMENT_MAX_BYTES
    if uploaded.size is not None and uploaded.size > max_bytes:
        raise _too_large(name, max_bytes)
    uploaded.seek(0)
    content = uploaded.read(max_bytes + 1)
    return check_content(name, content, purpose=purpose)


def check_content(name: str, content: bytes, *, purpose: str = "evidence") -> AttachmentUpload:
    """Check a file given as bytes (the API and imports use this directly)."""
    name = clean_file_name(name)
    max_bytes = settings.WAAKHOND_ATTACHMENT_MAX_BYTES
    if len(content) > max_bytes:
        raise _too_large(name, max_bytes)
    if not content:
        raise ApplicationError(
            _("Het bestand ‘%(name)s’ is leeg. Kies een ander bestand.") % {"name": name},
            field="attachments",
        )
    content_type = detect_content_type(name, content)
    if content_type is None:
        raise ApplicationError(
            _(
                "Het bestand ‘%(name)s’ kunnen we niet aannemen. Stuur een PDF, een foto "
                "(JPG, PNG, GIF, WebP of HEIC), een Word-, Excel- of OpenDocument-bestand of "
                "platte tekst."
            )
            % {"name": name},
            field="attachments",
        )
    return AttachmentUpload(name=name, content=content, content_type=content_type, purpose=purpose)


def _refuse_program(name: str) -> ApplicationError:
    return ApplicationError(
        _(
            "Het bestand ‘%(name)s’ is een programma of script. Zulke bestanden nemen we niet "
            "aan, ook niet met een andere naam."
        )
        % {"name": name},
        field="attachments",
    )


def _too_large(name: str, max_bytes: int) -> ApplicationError:
    return ApplicationError(
        _("Het bestand ‘%(name)s’ is te groot. Een bijlage mag hoogstens %(max)s zijn.")
        % {"name": name, "max": filesizeformat(max_bytes)},
        field="attachments",
    )


def _ole2_type(name: str) -> str:
    """Legacy Office (OLE2 compound file): the header does not say which program, the name may."""
    extension = os.path.splitext(name)[1].lower()
    if extension in {".xls", ".xlt"}:
        return "application/vnd.ms-excel"
    if extension in {".ppt", ".pps"}:
        return "application/vnd.ms-powerpoint"
    return "application/msword"


def _zipped_office_type(name: str, content: bytes) -> str | None:
    """DOCX/XLSX/PPTX or ODT/ODS/ODP, recognised by their inner structure; other zips refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise ApplicationError(
                    _(
                        "Het bestand ‘%(name)s’ bevat macro's. Sla het op zonder macro's "
                        "(bijvoorbeeld als PDF) en kies het opnieuw."
                    )
                    % {"name": name},
                    field="attachments",
                )
            if "[Content_Types].xml" in names:
                for prefix, content_type in _OOXML_MAIN_PARTS.items():
                    if any(n.startswith(prefix) for n in names):
                        return content_type
                return None
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 100:
                    return None
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return declared if declared in _OPENDOCUMENT_TYPES else None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, RuntimeError, EOFError):
        return None
    return None


def _text_type(name: str, content: bytes) -> str | None:
    """Plain text in UTF-8 (or Windows-1252), without control characters or script."""
    extension = os.path.splitext(name)[1].lower()
    if extension in _SCRIPT_EXTENSIONS or _SCRIPT_TEXT.search(content[:65536]):
        raise _refuse_program(name)
    if b"\x00" in content:
        return None
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            return None
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls:
        return None
    return "text/plain"
