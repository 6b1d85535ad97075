"""Readable, translated names for the codes the triage engine and the register use.

The engine speaks in stable codes (`municipality`, `access_rights`, `high`); staff read these
labels. An unknown code is shown as itself rather than hidden, so a new rule is never invisible.
"""

from django.utils.translation import gettext_lazy as _

SECTORS = {
    "municipality": _("Gemeente"),
    "central_government": _("Rijksoverheid"),
    "social_security": _("Sociale zekerheid"),
    "healthcare": _("Zorg"),
    "education": _("Onderwijs"),
    "employment": _("Werk"),
    "police_justice": _("Politie en justitie"),
    "housing": _("Wonen"),
    "telecom": _("Telecom"),
    "finance": _("Financiën"),
    "retail": _("Handel"),
    "online_platform": _("Online platform"),
    "other": _("Overig"),
}

CATEGORIES = {
    "access_rights": _("Inzage"),
    "erasure": _("Verwijdering"),
    "rectification": _("Correctie"),
    "objection": _("Bezwaar tegen verwerking"),
    "direct_marketing": _("Direct marketing"),
    "lawful_basis": _("Grondslag"),
    "special_categories": _("Bijzondere persoonsgegevens"),
    "transparency": _("Transparantie"),
    "security_breach": _("Beveiliging en datalekken"),
    "dpia": _("DPIA"),
    "processor": _("Verwerker"),
    "camera_surveillance": _("Cameratoezicht"),
    "employee_monitoring": _("Controle van werknemers"),
    "biometrics": _("Biometrie"),
    "automated_decisions": _("Geautomatiseerde besluiten"),
    "transfers": _("Doorgifte buiten de EER"),
    "dpo": _("Functionaris gegevensbescherming"),
    "data_minimisation": _("Dataminimalisatie"),
    "retention": _("Bewaartermijnen"),
    "national_id_number": _("BSN"),
    "other": _("Overig"),
}

LEVELS = {
    "high": _("Hoog"),
    "medium": _("Middel"),
    "low": _("Laag"),
}

SPECIAL_CATEGORIES = {
    "health": _("Gezondheid"),
    "biometric": _("Biometrische gegevens"),
    "criminal": _("Strafrechtelijke gegevens"),
    "ethnic": _("Etnische afkomst"),
    "religious": _("Religie of levensovertuiging"),
    "political": _("Politieke opvattingen"),
    "sexual": _("Seksueel leven of gerichtheid"),
    "trade_union": _("Lidmaatschap van een vakbond"),
    "genetic": _("Genetische gegevens"),
}

VULNERABLE_GROUPS = {
    "children": _("Kinderen"),
    "welfare_recipients": _("Mensen in de bijstand"),
    "patients": _("Patiënten"),
    "employees": _("Werknemers"),
    "students": _("Leerlingen en studenten"),
    "elderly": _("Ouderen"),
    "asylum_seekers": _("Asielzoekers"),
}

CONTROLLER_TYPES = {
    "public": _("Overheid"),
    "private": _("Privaat"),
    "individual": _("Persoon"),
}

LAWS = {
    "GDPR": _("AVG"),
    "UAVG": _("UAVG"),
}

# The three factors of the AP's policy rules on prioritising complaints (Art. 2(3)).
FACTORS = (
    ("affected", _("Hoe zwaar is de betrokkene geraakt?"), _("Factor a")),
    ("societal", _("Wat is de maatschappelijke betekenis?"), _("Factor b")),
    ("effective", _("Kan de AP doeltreffend en doelmatig optreden?"), _("Factor c")),
)


def label(mapping: dict, code) -> str:
    """The label of `code`, or the code itself with underscores as spaces when unknown."""
    if code in (None, ""):
        return ""
    code = str(code)
    return str(mapping.get(code, code.replace("_", " ")))
