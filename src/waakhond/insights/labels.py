"""Names shown for the codes the triage engine and the case workflow use (Dutch msgids).

The triage result carries its own labels for facts; these tables name the codes that come
without one (sectors, categories, lanes, outcomes) and the practice families of `features`.
"""

from django.utils.translation import gettext_lazy as _

SECTORS = {
    "municipality": _("gemeente"),
    "central_government": _("rijksoverheid"),
    "social_security": _("sociale zekerheid"),
    "healthcare": _("zorg"),
    "education": _("onderwijs"),
    "employment": _("werk"),
    "police_justice": _("politie en justitie"),
    "housing": _("wonen"),
    "telecom": _("telecom"),
    "finance": _("financiën"),
    "retail": _("handel"),
    "online_platform": _("online platforms"),
    "other": _("overig"),
    "": _("onbekend"),
}

CATEGORIES = {
    "access_rights": _("inzage"),
    "erasure": _("verwijdering"),
    "rectification": _("correctie"),
    "objection": _("bezwaar tegen verwerking"),
    "direct_marketing": _("direct marketing"),
    "lawful_basis": _("grondslag"),
    "special_categories": _("bijzondere persoonsgegevens"),
    "transparency": _("informatie en transparantie"),
    "security_breach": _("beveiliging en datalekken"),
    "dpia": _("DPIA"),
    "processor": _("verwerkers"),
    "camera_surveillance": _("cameratoezicht"),
    "employee_monitoring": _("controle van werknemers"),
    "biometrics": _("biometrie"),
    "automated_decisions": _("geautomatiseerde besluiten"),
    "transfers": _("doorgifte buiten de EU"),
    "dpo": _("functionaris gegevensbescherming"),
    "data_minimisation": _("dataminimalisatie"),
    "retention": _("bewaartermijnen"),
    "national_id_number": _("BSN"),
    "other": _("overig"),
}

VULNERABLE_GROUPS = {
    "children": _("kinderen"),
    "welfare_recipients": _("uitkeringsgerechtigden"),
    "patients": _("patiënten"),
    "employees": _("werknemers"),
    "students": _("leerlingen en studenten"),
    "elderly": _("ouderen"),
    "asylum_seekers": _("asielzoekers"),
}

SPECIAL_CATEGORIES = {
    "health": _("gezondheid"),
    "biometric": _("biometrische gegevens"),
    "criminal": _("strafrechtelijke gegevens"),
    "ethnic": _("etnische afkomst"),
    "religious": _("religie"),
    "political": _("politieke opvattingen"),
    "sexual": _("seksuele leven of gerichtheid"),
    "trade_union": _("vakbondslidmaatschap"),
    "genetic": _("genetische gegevens"),
}

BANDS = {"high": _("hoog"), "medium": _("middel"), "low": _("laag"), "": _("nog niet beoordeeld")}

LANES = {
    "out_of_scope": _("buiten bevoegdheid"),
    "tip": _("tip"),
    "ask_organisation_first": _("eerst de organisatie vragen"),
    "quick_intervention": _("snelle interventie"),
    "investigate": _("onderzoek"),
    "refer_lead_authority": _("doorsturen naar leidende toezichthouder"),
    "": _("nog geen spoor"),
}

OUTCOMES = {
    "not_investigated_priority": _("niet onderzocht wegens prioriteit"),
    "rejected_no_infringement": _("afgewezen, geen overtreding"),
    "intervention_successful": _("interventie geslaagd"),
    "infringement_established": _("overtreding vastgesteld"),
    "referred": _("doorverwezen"),
    "out_of_scope": _("buiten bevoegdheid"),
    "tip_recorded": _("tip vastgelegd"),
    "not_considered_incomplete": _("niet behandeld, onvolledig"),
    "objection_upheld": _("bezwaar gegrond"),
    "objection_dismissed": _("bezwaar ongegrond"),
}

# Practice families: practices the triage tells apart but that are one pattern to a team lead.
PRACTICE_FAMILIES = {
    "recording": _("opnemen van beeld of geluid"),
    "biometrics": _("biometrie zoals vingerafdrukken of gezichtsherkenning"),
    "time_clock": _("tijdregistratie en prikklokken"),
    "monitoring": _("volgen en heimelijk controleren"),
    "profiling": _("profilering, algoritmen en fraudeopsporing"),
    "sharing": _("delen met derden"),
    "publication": _("openbaar maken"),
    "marketing": _("direct marketing en cookies"),
    "breach": _("datalekken"),
    "processor": _("verwerker zonder (tijdige) verwerkersovereenkomst"),
}


def label(table: dict, code: str) -> str:
    """The label of a code, or the code itself when the table does not know it."""
    return str(table.get(code, code.replace("_", " ")))
