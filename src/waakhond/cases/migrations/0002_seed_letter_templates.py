"""Seed the default letter templates: nine kinds, in Dutch and English.

Stands alone (the texts are copied in, not imported), can be re-run: a template an
administrator has already edited is never overwritten, a missing one is added. The placeholders
are listed in `waakhond/cases/letters.py`.
"""

from django.db import migrations

_CLOSING_NL = "Met vriendelijke groet,\n\n{{ authority.name }}"
_CLOSING_EN = "Yours sincerely,\n\n{{ authority.name }}"

TEMPLATES = {
    # --- Acknowledgement ------------------------------------------------------------------
    ("acknowledgement", "nl"): (
        "Ontvangstbevestiging van uw klacht, kenmerk {{ case.reference }}",
        """Geachte {{ case.complainant_name }},

Op {{ case.received_on }} hebben wij uw klacht over {{ case.organisation }} ontvangen. Met deze brief bevestigen wij de ontvangst. Uw klacht heeft het kenmerk {{ case.reference }}. Wilt u dit kenmerk vermelden als u ons schrijft?

Wat gebeurt er nu?
Wij behandelen uw klacht op grond van artikel 57, eerste lid, onder f, van de Algemene verordening gegevensbescherming (AVG). Wij beoordelen eerst of wij bevoegd zijn en welke behandeling bij uw klacht past. Daarbij wegen wij de drie factoren uit de Beleidsregels prioritering klachtenonderzoek AP.

Wanneer hoort u van ons?
Wij beslissen binnen een redelijke termijn, en in elk geval binnen acht weken na ontvangst (artikel 4:13 van de Algemene wet bestuursrecht), dus uiterlijk op {{ deadlines.decision }}. Lukt dat niet, dan laten wij u dat binnen die termijn weten en noemen wij een nieuwe datum (artikel 4:14 Awb). In elk geval hoort u binnen drie maanden hoe het met uw klacht staat (artikel 78, tweede lid, AVG).
{% if extra.text %}
{{ extra.text }}
{% endif %}
Op uw persoonlijke statuspagina ({{ case.status_url }}) kunt u volgen hoe het met uw klacht staat, informatie aanvullen en uw klacht intrekken. Gebruik daarvoor de link die u kreeg toen u uw klacht indiende.

""" + _CLOSING_NL,
    ),
    ("acknowledgement", "en"): (
        "Acknowledgement of your complaint, reference {{ case.reference }}",
        """Dear {{ case.complainant_name }},

On {{ case.received_on }} we received your complaint about {{ case.organisation }}. This letter confirms receipt. Your complaint has the reference {{ case.reference }}. Please quote this reference whenever you write to us.

What happens now?
We handle your complaint under Article 57(1)(f) of the General Data Protection Regulation (GDPR). We first assess whether we are competent and which way of handling suits your complaint. In doing so we weigh the three factors of the Dutch Data Protection Authority's policy rules on prioritising complaint investigations.

When will you hear from us?
We decide within a reasonable period, and in any case within eight weeks of receipt (Article 4:13 of the General Administrative Law Act, Awb), that is by {{ deadlines.decision }}. If we cannot, we will tell you so within that period and name a new date (Article 4:14 Awb). In any case you will hear from us about the progress of your complaint within three months (Article 78(2) GDPR).
{% if extra.text %}
{{ extra.text }}
{% endif %}
On your personal status page ({{ case.status_url }}) you can follow your complaint, add information and withdraw your complaint. Please use the private link you received when you filed your complaint.

""" + _CLOSING_EN,
    ),
    # --- Request for information ------------------------------------------------------------
    ("information_request", "nl"): (
        "Verzoek om aanvullende informatie, kenmerk {{ case.reference }}",
        """Geachte {{ case.complainant_name }},

Wij behandelen uw klacht over {{ case.organisation }}, die wij op {{ case.received_on }} ontvingen. Om uw klacht goed te kunnen beoordelen, hebben wij meer informatie van u nodig:

{{ extra.text }}

Wilt u deze informatie {% if extra.reply_by %}uiterlijk op {{ extra.reply_by }}{% else %}binnen vier weken na de datum van deze brief{% endif %} sturen? Dat kan via uw persoonlijke statuspagina ({{ case.status_url }}) of per post, onder vermelding van het kenmerk {{ case.reference }}.

Zolang wij op uw informatie wachten, staat de termijn waarbinnen wij moeten beslissen stil (artikel 4:15 van de Algemene wet bestuursrecht; bij een bezwaar artikel 7:10, tweede lid, Awb). Ontvangen wij de informatie niet op tijd, dan kunnen wij besluiten uw klacht niet verder te behandelen (artikel 4:5 Awb; bij een bezwaar artikel 6:6 Awb).

""" + _CLOSING_NL,
    ),
    ("information_request", "en"): (
        "Request for further information, reference {{ case.reference }}",
        """Dear {{ case.complainant_name }},

We are handling your complaint about {{ case.organisation }}, which we received on {{ case.received_on }}. To assess your complaint properly, we need more information from you:

{{ extra.text }}

Please send us this information {% if extra.reply_by %}by {{ extra.reply_by }} at the latest{% else %}within four weeks of the date of this letter{% endif %}, through your personal status page ({{ case.status_url }}) or by post, quoting the reference {{ case.reference }}.

While we wait for your information, the period within which we must decide is suspended (Article 4:15 of the General Administrative Law Act, Awb; for an objection Article 7:10(2) Awb). If we do not receive the information in time, we may decide not to consider your complaint further (Article 4:5 Awb; for an objection Article 6:6 Awb).

""" + _CLOSING_EN,
    ),
    # --- Progress notice (and Awb 4:14(3) notice of a new decision date) -------------------
    ("progress_notice", "nl"): (
        "Stand van zaken van uw klacht, kenmerk {{ case.reference }}",
        """Geachte {{ case.complainant_name }},

Op {{ case.received_on }} ontvingen wij uw klacht over {{ case.organisation }}. Met deze brief laten wij u weten hoe het met uw klacht staat (artikel 77, tweede lid, en artikel 78, tweede lid, van de Algemene verordening gegevensbescherming).
{% if extra.text %}
{{ extra.text }}
{% endif %}
{% if extra.new_due_on %}Het lukt ons niet om binnen de gebruikelijke termijn op uw klacht te beslissen. Daarom delen wij u mee dat wij uiterlijk op {{ extra.new_due_on }} zullen beslissen (artikel 4:14, derde lid, van de Algemene wet bestuursrecht). Onze excuses voor het ongemak.{% else %}Wij verwachten uiterlijk op {{ deadlines.decision }} op uw klacht te beslissen.{% endif %}

Heeft u in de tussentijd vragen, neem dan contact met ons op en vermeld het kenmerk {{ case.reference }}.

""" + _CLOSING_NL,
    ),
    ("progress_notice", "en"): (
        "Progress of your complaint, reference {{ case.reference }}",
        """Dear {{ case.complainant_name }},

On {{ case.received_on }} we received your complaint about {{ case.organisation }}. With this letter we inform you of its progress (Articles 77(2) and 78(2) of the General Data Protection Regulation).
{% if extra.text %}
{{ extra.text }}
{% endif %}
{% if extra.new_due_on %}We are unable to decide on your complaint within the usual period. We therefore inform you that we will decide by {{ extra.new_due_on }} at the latest (Article 4:14(3) of the General Administrative Law Act). We apologise for the delay.{% else %}We expect to decide on your complaint by {{ deadlines.decision }}.{% endif %}

If you have any questions in the meantime, please contact us and quote the reference {{ case.reference }}.

""" + _CLOSING_EN,
    ),
    # --- Request letter the complainant sends to the organisation -------------------------------
    ("request_letter", "nl"): (
        "Voorbeeldbrief voor uw verzoek aan {{ case.organisation }}, kenmerk {{ case.reference }}",
        """Geachte {{ case.complainant_name }},

U heeft een klacht ingediend over {{ case.organisation }}. Een organisatie moet eerst zelf de kans krijgen om op uw verzoek te reageren. Daarom vindt u hieronder een voorbeeldbrief die u zelf aan {{ case.organisation }} kunt sturen, bijvoorbeeld aan de functionaris voor gegevensbescherming. De organisatie moet binnen een maand antwoorden (artikel 12, derde lid, van de Algemene verordening gegevensbescherming). Zij mag die termijn met twee maanden verlengen als het verzoek ingewikkeld is, maar moet u dat dan binnen de eerste maand laten weten.

Krijgt u binnen een maand geen of geen bevredigend antwoord, dan kunt u uw klacht met één klik heropenen via uw persoonlijke statuspagina ({{ case.status_url }}). Uw kenmerk blijft {{ case.reference }}.

--- Voorbeeldbrief ---

Aan: {{ case.organisation }}
Onderwerp: verzoek om {{ extra.right }}

Geachte heer, mevrouw,

Op grond van de Algemene verordening gegevensbescherming (AVG) verzoek ik u om {{ extra.right }}.
{% if extra.text %}
{{ extra.text }}
{% endif %}
Ik verzoek u binnen een maand na ontvangst van deze brief op mijn verzoek te reageren, zoals artikel 12, derde lid, van de AVG voorschrijft. Kunt u niet binnen die termijn reageren, laat mij dan binnen een maand weten waarom niet.

Met vriendelijke groet,

{{ case.complainant_name }}
{{ case.complainant_address }}

--- Einde voorbeeldbrief ---

""" + _CLOSING_NL,
    ),
    ("request_letter", "en"): (
        "Model letter for your request to {{ case.organisation }}, reference {{ case.reference }}",
        """Dear {{ case.complainant_name }},

You have filed a complaint about {{ case.organisation }}. An organisation must first be given the chance to respond to your request itself. Below you will therefore find a model letter you can send to {{ case.organisation }} yourself, for example to its data protection officer. The organisation must answer within one month (Article 12(3) of the General Data Protection Regulation). It may extend that period by two further months where the request is complex, but must then tell you so within the first month.

If you receive no answer, or no satisfactory answer, within one month, you can reopen your complaint with one click on your personal status page ({{ case.status_url }}). Your reference remains {{ case.reference }}.

--- Model letter ---

To: {{ case.organisation }}
Subject: request for {{ extra.right }}

Dear Sir or Madam,

Under the General Data Protection Regulation (GDPR) I request {{ extra.right }}.
{% if extra.text %}
{{ extra.text }}
{% endif %}
I ask you to respond to my request within one month of receiving this letter, as Article 12(3) GDPR requires. If you cannot respond within that period, please tell me why within one month.

Yours faithfully,

{{ case.complainant_name }}
{{ case.complainant_address }}

--- End of model letter ---

""" + _CLOSING_EN,
    ),
    # --- Letter to the organisation (quick intervention) ----------------------------------------
    ("organisation_letter", "nl"): (
        "Klacht over de verwerking van persoonsgegevens, kenmerk {{ case.reference }}",
        """Geachte heer, mevrouw,

De {{ authority.name }} houdt toezicht op de naleving van de Algemene verordening gegevensbescherming (AVG). Wij hebben een klacht ontvangen over de manier waarop {{ case.organisation }} persoonsgegevens verwerkt.

{{ extra.text }}

Wij wijzen u op uw verplichtingen op grond van de AVG. Wij vragen u {% if extra.reply_by %}uiterlijk op {{ extra.reply_by }}{% else %}binnen vier weken na de datum van deze brief{% endif %} schriftelijk te laten weten wat u heeft gedaan of gaat doen om de verwerking in overeenstemming te brengen met de AVG. U bent verplicht met ons samen te werken (artikel 31 AVG).

Deze brief is geen besluit. Wij kunnen de klacht alsnog nader onderzoeken en zo nodig gebruikmaken van onze bevoegdheden (artikel 58 AVG). Vermeld bij uw antwoord het kenmerk {{ case.reference }}.

""" + _CLOSING_NL,
    ),
    ("organisation_letter", "en"): (
        "Complaint about the processing of personal data, reference {{ case.reference }}",
        """Dear Sir or Madam,

The {{ authority.name }} supervises compliance with the General Data Protection Regulation (GDPR). We have received a complaint about the way {{ case.organisation }} processes personal data.

{{ extra.text }}

We draw your attention to your obligations under the GDPR. We ask you to tell us in writing {% if extra.reply_by %}by {{ extra.reply_by }} at the latest{% else %}within four weeks of the date of this letter{% endif %} what you have done, or will do, to bring the processing into line with the GDPR. You are obliged to cooperate with us (Article 31 GDPR).

This letter is not a decision. We may still investigate the complaint further and use our powers where necessary (Article 58 GDPR). Please quote the reference {{ case.reference }} in your reply.

""" + _CLOSING_EN,
    ),
    # --- Referral ---------------------------------------------------------------------------------
    ("referral", "nl"): (
        "Uw klacht is doorverwezen, kenmerk {{ case.reference }}",
        """Geachte {{ case.complainant_name }},

Op {{ case.received_on }} ontvingen wij uw klacht over {{ case.organisation }}. Wij hebben beoordeeld wie uw klacht het beste kan behandelen.{% if extra.target_name %} Dat is: {{ extra.target_name }}.{% endif %}
{% if extra.text %}
{{ extra.text }}
{% endif %}
Verwerkt de organisatie persoonsgegevens in meer landen van de Europese Unie, dan behandelt de toezichthouder van het land van haar hoofdvestiging de klacht (artikel 56 van de Algemene verordening gegevensbescherming). Wij blijven dan uw aanspreekpunt en houden u op de hoogte van de voortgang (artikel 60 AVG). Hebben wij uw klacht doorgezonden naar een andere instantie, dan doen wij dat op grond van artikel 2:3 van de Algemene wet bestuursrecht en hoort u verder van die instantie.

""" + _CLOSING_NL,
    ),
    ("referral", "en"): (
        "Your complaint has been referred, reference {{ case.reference }}",
        """Dear {{ case.complainant_name }},

On {{ case.received_on }} we received your complaint about {{ case.organisation }}. We have assessed who can best handle your complaint.{% if extra.target_name %} That is: {{ extra.target_name }}.{% endif %}
{% if extra.text %}
{{ extra.text }}
{% endif %}
Where the organisation processes personal data in more than one country of the European Union, the supervisory authority of the country of its main establishment handles the complaint (Article 56 of the General Data Protection Regulation). We then remain your point of contact and keep you informed of progress (Article 60 GDPR). Where we have forwarded your complaint to another body, we do so under Article 2:3 of the General Administrative Law Act, and you will hear further from that body.

""" + _CLOSING_EN,
    ),
    # --- Decision -----------------------------------------------------------------------------------
    ("decision", "nl"): (
        "Besluit op uw klacht, kenmerk {{ case.reference }}",
        """Geachte {{ case.complainant_name }},

Op {{ case.received_on }} ontvingen wij uw klacht over {{ case.organisation }}. In deze brief leest u ons besluit en de redenen daarvoor.

Besluit
{{ decision.outcome }}

Motivering
{{ decision.reasons }}
{% if decision.factor_affected %}
Hoe wij de prioriteit hebben gewogen
Wij beoordelen elke klacht aan de hand van drie factoren uit de Beleidsregels prioritering klachtenonderzoek AP (artikel 2, derde lid). Die factoren wegen wij elk afzonderlijk; geen van de drie is op zichzelf beslissend.
1. Hoe ernstig u als betrokkene door de mogelijke overtreding wordt geraakt: {{ decision.factor_affected }}
2. Het bredere maatschappelijke belang van een eventueel optreden door ons: {{ decision.factor_significance }}
3. Of wij effectief en efficiënt kunnen optreden: {{ decision.factor_effective }}
{% endif %}
{{ remedy_clause }}

""" + _CLOSING_NL,
    ),
    ("decision", "en"): (
        "Decision on your complaint, reference {{ case.reference }}",
        """Dear {{ case.complainant_name }},

On {{ case.received_on }} we received your complaint about {{ case.organisation }}. In this letter you will find our decision and the reasons for it.

Decision
{{ decision.outcome }}

Reasons
{{ decision.reasons }}
{% if decision.factor_affected %}
How we weighed priority
We assess every complaint against three factors of the Dutch Data Protection Authority's policy rules on prioritising complaint investigations (Article 2(3)). We weigh each factor separately; none of the three is decisive on its own.
1. How seriously you are affected by the possible infringement: {{ decision.factor_affected }}
2. The broader societal significance of any action by us: {{ decision.factor_significance }}
3. Whether we can act effectively and efficiently: {{ decision.factor_effective }}
{% endif %}
{{ remedy_clause }}

""" + _CLOSING_EN,
    ),
    # --- Acknowledgement of an objection (Awb 6:14) ---------------------------------------------------
    ("objection_acknowledgement", "nl"): (
        "Ontvangstbevestiging van uw bezwaar, kenmerk {{ case.reference }}",
        """Geachte {{ case.complainant_name }},

Op {{ objection.received_on }} ontvingen wij uw bezwaar tegen ons besluit van {{ objection.contested_decision_on }} op uw klacht over {{ case.organisation }} (kenmerk {{ objection.contested_reference }}). Met deze brief bevestigen wij de ontvangst (artikel 6:14 van de Algemene wet bestuursrecht). Uw bezwaar heeft het kenmerk {{ case.reference }}.

Wij heroverwegen ons besluit volledig. Voordat wij beslissen, stellen wij u in de gelegenheid uw bezwaar mondeling toe te lichten tijdens een hoorzitting (artikel 7:2 Awb). Wij beslissen uiterlijk op {{ objection.decision_due }} (artikel 7:10 Awb). Lukt dat niet, dan laten wij u dat tijdig schriftelijk weten.

""" + _CLOSING_NL,
    ),
    ("objection_acknowledgement", "en"): (
        "Acknowledgement of your objection, reference {{ case.reference }}",
        """Dear {{ case.complainant_name }},

On {{ objection.received_on }} we received your objection to our decision of {{ objection.contested_decision_on }} on your complaint about {{ case.organisation }} (reference {{ objection.contested_reference }}). This letter confirms receipt (Article 6:14 of the General Administrative Law Act, Awb). Your objection has the reference {{ case.reference }}.

We will reconsider our decision in full. Before we decide, we will give you the opportunity to explain your objection at a hearing (Article 7:2 Awb). We will decide by {{ objection.decision_due }} at the latest (Article 7:10 Awb). If we cannot, we will tell you so in writing in good time.

""" + _CLOSING_EN,
    ),
    # --- Decision on an objection ------------------------------------------------------------------
    ("objection_decision", "nl"): (
        "Beslissing op uw bezwaar, kenmerk {{ case.reference }}",
        """Geachte {{ case.complainant_name }},

Op {{ objection.received_on }} ontvingen wij uw bezwaar tegen ons besluit van {{ objection.contested_decision_on }} op uw klacht over {{ case.organisation }} (kenmerk {{ objection.contested_reference }}). Wij hebben dat besluit volledig heroverwogen (artikel 7:11 van de Algemene wet bestuursrecht). In deze brief leest u onze beslissing en de redenen daarvoor.

Beslissing
{{ decision.outcome }}

Motivering
{{ decision.reasons }}

{{ remedy_clause }}

""" + _CLOSING_NL,
    ),
    ("objection_decision", "en"): (
        "Decision on your objection, reference {{ case.reference }}",
        """Dear {{ case.complainant_name }},

On {{ objection.received_on }} we received your objection to our decision of {{ objection.contested_decision_on }} on your complaint about {{ case.organisation }} (reference {{ objection.contested_reference }}). We have reconsidered that decision in full (Article 7:11 of the General Administrative Law Act). In this letter you will find our decision and the reasons for it.

Decision
{{ decision.outcome }}

Reasons
{{ decision.reasons }}

{{ remedy_clause }}

""" + _CLOSING_EN,
    ),
}


def seed_letter_templates(apps, schema_editor):
    LetterTemplate = apps.get_model("cases", "LetterTemplate")
    existing = set(LetterTemplate.objects.values_list("kind", "language"))
    missing = [
        LetterTemplate(kind=kind, language=language, subject=subject, body=body)
        for (kind, language), (subject, body) in TEMPLATES.items()
        if (kind, language) not in existing
    ]
    LetterTemplate.objects.bulk_create(missing, batch_size=100)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_create_case_records")]
    operations = [migrations.RunPython(seed_letter_templates, migrations.RunPython.noop)]
