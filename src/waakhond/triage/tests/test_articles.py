"""Articles and categories: a fact triggers the articles a lawyer would cite, and no more."""

import pytest

# (text, articles that must be cited, articles that must not, categories that must be present)
ARTICLE_TABLE = [
    # an ignored access request: Art. 15 (and 12 once the month has passed)
    (
        "Ik heb op 2 januari 2025 een inzageverzoek gedaan bij mijn bank en nooit antwoord gekregen.",
        {15, 12},
        {5, 6},
        {"access_rights"},
    ),
    # erasure refused
    (
        "I asked the shop to delete my account and my data, but they refused.",
        {17},
        {6},
        {"erasure"},
    ),
    # newsletter after unsubscribing: objection, direct marketing
    (
        "Ik heb me afgemeld voor de nieuwsbrief maar krijg nog steeds reclame.",
        {21},
        {9, 32},
        {"objection", "direct_marketing"},
    ),
    # fingerprint time clock: Art. 9 with UAVG 29
    (
        "Mijn werkgever verplicht ons in te klokken met een vingerafdruk.",
        {9},
        {32},
        {"biometrics", "employee_monitoring"},
    ),
    # BSN asked by a webshop: Art. 87 and minimisation
    (
        "Webshop Kleurrijk B.V. vraagt bij het registreren verplicht mijn BSN.",
        {87, 5},
        {32},
        {"national_id_number"},
    ),
    # breach not notified
    (
        "The company did not notify the data breach to the authority within 72 hours.",
        {33},
        {15},
        {"security_breach"},
    ),
    # insufficient security
    (
        "Because of insufficient technical and organisational measures hackers accessed customer data.",
        {32},
        {15, 17},
        {"security_breach"},
    ),
    # processor without agreement
    (
        "De gemeente liet een extern bureau onze gegevens verwerken zonder verwerkersovereenkomst.",
        {28},
        {32},
        {"processor"},
    ),
    # transfer outside the EU
    (
        "Mijn gegevens worden opgeslagen op Amerikaanse servers, buiten de EU.",
        {44},
        {32},
        {"transfers"},
    ),
    # no DPO
    ("The company refused to appoint a data protection officer.", {37}, {32}, {"dpo"}),
    # non-cooperation with the authority
    (
        "The controller failed to provide the information the DPA requested during the investigation.",
        {31},
        {32},
        set(),
    ),
    # automated decision
    (
        "Mijn toeslag werd automatisch stopgezet door een algoritme, zonder menselijke tussenkomst.",
        {22},
        {32},
        {"automated_decisions"},
    ),
    # missing information about cameras
    (
        "Er hangen camera's in de winkel maar nergens een bordje met informatie.",
        {13},
        {32},
        {"camera_surveillance", "transparency"},
    ),
    # third-person decision summary
    (
        "The controller was fined for processing personal data without a legal basis.",
        {6},
        {32, 15},
        {"lawful_basis"},
    ),
    # Art. 12(2)-(6): an ID copy demanded before a request is handled
    (
        "De AP beboet het bedrijf omdat wie een inzageverzoek deed eerst een kopie van zijn "
        "identiteitsbewijs moest opsturen; het bedrijf maakte het onnodig moeilijk.",
        {12, 15},
        {32},
        {"access_rights"},
    ),
    # Art. 12(5): a fee for access
    (
        "The authority fined the company because people had to take a paid subscription "
        "to access their own data; only one free copy a year was sent by post.",
        {12, 15},
        {32, 6},
        set(),
    ),
    # Art. 12(1) with 13: a privacy notice only in English for Dutch children
    (
        "De AP legt het platform een boete op omdat de privacyverklaring voor Nederlandse kinderen "
        "alleen in het Engels beschikbaar was en niet in duidelijke en eenvoudige taal.",
        {12},
        {32, 6},
        {"transparency"},
    ),
    # Art. 14: data scraped from the internet, people not informed
    (
        "The company scrapes photos from social media and failed to inform the people concerned.",
        {14},
        {32},
        {"transparency"},
    ),
    # Art. 27: no EU representative
    (
        "De website is gevestigd buiten de EU en heeft geen vertegenwoordiger in de Europese Unie aangewezen.",
        {27},
        {32},
        {"other"},
    ),
    # Art. 38: the DPO's conflict of interest (not Art. 37)
    (
        "The authority fined the operator because its data protection officer was also head of "
        "compliance, which created a conflict of interest.",
        {38},
        {37},
        {"dpo"},
    ),
    # Art. 33 in a Dutch decision: a breach reported late
    (
        "De AP heeft de partij beboet omdat zij een datalek niet bij de AP heeft gemeld.",
        {33},
        {15},
        {"security_breach"},
    ),
    # Art. 46: transfers on standard contractual clauses without supplementary measures
    (
        "The company transferred user data to the United States on standard contractual clauses "
        "without supplementary measures.",
        {44, 46},
        {32},
        {"transfers"},
    ),
    # Art. 28/29: a processor going beyond its instructions
    (
        "The CNIL fined the software processor, which extracted more data than the laboratories "
        "had instructed during a migration.",
        {28, 29},
        set(),
        {"processor"},
    ),
    # Art. 8: children without parental consent
    (
        "The ICO fined the platform because children under 13 used it without their parents' consent.",
        {8},
        {32},
        {"lawful_basis"},
    ),
    # Art. 15(1)(h) with 22: the logic behind an automated decision
    (
        "Het hof oordeelde dat het platform de chauffeurs die automatisch waren gedeactiveerd "
        "uitleg moet geven over de logica achter het geautomatiseerde besluit.",
        {15, 22},
        {32},
        {"access_rights", "automated_decisions"},
    ),
    # Art. 36: prior consultation
    (
        "There was no data protection impact assessment and the authority had not been consulted beforehand.",
        {35, 36},
        {32},
        {"dpia"},
    ),
    # a security failure is a breach of the integrity and confidentiality principle and of Art. 32
    (
        "De toezichthouder beboette het ziekenhuis omdat de beveiliging van de dossiers tekortschoot.",
        {5, 32},
        {6},
        {"security_breach"},
    ),
    # staff who can see files they do not need is a security finding, not an access request
    (
        "Te veel medewerkers konden medische dossiers inzien zonder dat dat nodig was voor hun werk.",
        {32},
        {15},
        {"security_breach"},
    ),
    # a vulnerability that left files open to anyone changing a URL
    (
        "Documents of applicants were freely accessible online by changing a character in a URL.",
        {32},
        {15},
        {"security_breach"},
    ),
    # a breach reported without the required information (Art. 33(3), 33(5))
    (
        "The DPC found that the notification of the breach lacked required information and the "
        "breach was not fully documented.",
        {33},
        {15},
        {"security_breach"},
    ),
    (
        "Het bedrijf liet betaalgegevens twee dagen openbaar op internet staan en meldde dat "
        "datalek niet bij de toezichthouder.",
        {32, 33},
        {15},
        {"security_breach"},
    ),
    # consent withdrawn while the processing went on: no legal basis left (6(1)(a)) and Art. 7
    (
        "The company continued to process the data even after the person had withdrawn their consent.",
        {6, 7},
        {32},
        {"lawful_basis"},
    ),
    (
        "Het bedrijf kon niet aantonen dat de klanten toestemming hadden gegeven voor de e-mails.",
        {6, 7},
        {32},
        {"lawful_basis"},
    ),
    # objections not taken into account (Art. 21)
    (
        "People kept being called although they had objected; the CNIL found that the company "
        "did not take objections into account.",
        {21},
        {32},
        {"objection"},
    ),
    # a complainant who withdrew consent and still gets mail: Art. 6(1)(a) and 7; an unreported
    # breach: Art. 33
    (
        "Ik heb in januari mijn toestemming voor de nieuwsbrief ingetrokken, maar de webwinkel "
        "blijft mij nog steeds mails sturen. Het datalek is volgens mij nooit gemeld.",
        {6, 7, 33},
        {15},
        {"lawful_basis", "security_breach"},
    ),
    # data protection not built in: Art. 25, category other
    (
        "The controller had not built data protection into the system.",
        {25},
        {32},
        {"other"},
    ),
    (
        "De bank had geen passende maatregelen getroffen om dit vanaf het ontwerp van de verwerking "
        "te voorkomen.",
        {25},
        {32},
        {"other"},
    ),
    # questions of law in rulings: what "controller" means (Art. 4), how fines work (Art. 83),
    # national rules on employee data (Art. 88)
    (
        "The Court of Justice held that a body which commissions an app can be a controller even if "
        "it never touches the data itself.",
        {4},
        {32},
        {"other"},
    ),
    (
        "CJEU, on a reference from a German court: a fine can be imposed directly on a legal person, "
        "and the maximum must be calculated on the turnover of the whole undertaking.",
        {83},
        {32},
        {"other"},
    ),
    (
        "Het Hof van Justitie oordeelde dat een boete alleen mag worden opgelegd als de inbreuk "
        "opzettelijk of uit nalatigheid is gepleegd.",
        {83},
        {32},
        {"other"},
    ),
    (
        "The Court of Justice held that national rules and collective agreements on the processing "
        "of employee data must respect the general principles.",
        {88},
        {32},
        {"other"},
    ),
    # where the data came from, asked by the complainant (Art. 14 with 14(2)(f))
    (
        "Ik heb het bedrijf gevraagd waar ze mijn telefoonnummer vandaan hebben, maar ze bellen "
        "gewoon door.",
        {14},
        set(),
        {"transparency"},
    ),
    (
        "The caller said they got my details from a partner of my estate agent; when I asked where "
        "they got my number, they hung up.",
        {14},
        set(),
        {"transparency"},
    ),
    # a sports club is a private controller: the BSN on its membership form
    (
        "Op het inschrijfformulier van de hockeyclub moet ik het BSN van mijn zoon invullen.",
        {87},
        set(),
        {"national_id_number"},
    ),
    # misdirected disclosure and staff looking without need are breaches
    (
        "The company sent a newsletter to all customers without using the BCC field, so every "
        "address was visible.",
        {32},
        {6},
        {"security_breach"},
    ),
    (
        "De AP gaf het ziekenhuis een berisping omdat medewerkers zonder noodzaak het medisch dossier "
        "van een bekende Nederlander hadden ingezien; de logging werd niet gecontroleerd.",
        {32},
        set(),
        {"security_breach"},
    ),
    # a court's balancing of interests that goes against the controller (Art. 6(1)(f))
    (
        "De rechter oordeelde dat de camera van de buurman ook de openbare weg filmt; de "
        "belangenafweging valt in het voordeel van de buren uit.",
        {6},
        set(),
        {"camera_surveillance", "lawful_basis"},
    ),
    # decision wording in Dutch: an incomplete privacy statement, a transfer, non-cooperation
    (
        "De AP constateerde dat in de privacyverklaring niet stond hoe lang de gegevens worden "
        "bewaard.",
        {13},
        set(),
        {"transparency"},
    ),
    (
        "Het bedrijf gaf klantgegevens door aan het moederbedrijf in de Verenigde Staten zonder "
        "passende waarborgen.",
        {44},
        set(),
        {"transfers"},
    ),
    (
        "De organisatie reageerde niet op herhaalde verzoeken van de AP om informatie.",
        {31},
        set(),
        {"other"},
    ),
    (
        "The controller did not answer the authority's repeated requests for information.",
        {31},
        set(),
        {"other"},
    ),
    # a court ordering erasure at the data subject's request applies the right to erasure
    (
        "De voorzieningenrechter beval de bank de BKR-registratie van eiser te verwijderen, omdat "
        "zijn belang bij verwijdering zwaarder weegt.",
        {17},
        set(),
        {"erasure"},
    ),
    # retention, cookies before consent, misdirected reports, SIM swaps
    (
        "The company kept the CVs of unsuccessful applicants for five years without any "
        "justification.",
        {5},
        set(),
        {"retention"},
    ),
    (
        "The website placed advertising cookies on visitors' devices before they gave consent.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    (
        "The council sent a safeguarding report about a child to the wrong family.",
        {32},
        set(),
        {"security_breach"},
    ),
    (
        "The operator issued a duplicate SIM card to a fraudster without checking his identity.",
        {32},
        set(),
        {"security_breach"},
    ),
    # the Dutch AP cites a security failure under Art. 32 alone; other authorities add 5(1)(f)
    (
        "De AP legde het ziekenhuis een boete op omdat de beveiliging van patiëntdossiers "
        "onvoldoende was: er was geen tweefactorauthenticatie.",
        {32},
        {5},
        {"security_breach"},
    ),
    (
        "The CNIL fined the retailer because customer passwords were stored unencrypted.",
        {5, 32},
        set(),
        {"security_breach"},
    ),
    # staff clocking in with a fingerprint: employee monitoring weighed under Art. 9, not 6
    (
        "De AP heeft een bedrijf beboet omdat het personeel met een vingerafdruk moest in- en "
        "uitklokken; dat was niet noodzakelijk voor authenticatie of beveiliging.",
        {9},
        {6, 32},
        {"biometrics", "employee_monitoring", "special_categories"},
    ),
    (
        "De toezichthouder beboette de webwinkel omdat het werkplekken en pauzeruimtes van "
        "medewerkers zonder rechtsgrond met camera's filmde.",
        {6},
        set(),
        {"camera_surveillance", "employee_monitoring", "lawful_basis"},
    ),
    # a decision that dismisses part of the complaint found nothing there; a court that rejects
    # a claim for damages still applies Art. 82; a complainant telling of an earlier dismissal
    # still complains
    (
        "The DPA found that the controller had exceeded the one-month deadline to answer the "
        "access request. The complaint regarding the lack of a DPIA was dismissed.",
        {12, 15},
        {35},
        {"access_rights"},
    ),
    (
        "De AP stelde vast dat de organisatie het inzageverzoek niet binnen een maand had "
        "beantwoord. De klacht over de camera bij de ingang is ongegrond.",
        {15},
        {6},
        {"access_rights"},
    ),
    (
        "The court dismissed the claim for compensation because the data subject had not shown "
        "any non-material damage.",
        {82},
        set(),
        {"other"},
    ),
    (
        "Mijn eerdere klacht werd ongegrond verklaard, maar de buurman filmt met zijn camera nog "
        "steeds mijn tuin en de stoep.",
        {6},
        set(),
        {"camera_surveillance"},
    ),
    # court rulings in Dutch: delisting, rectification, a doctor's file sent to an employer
    (
        "Het gerechtshof oordeelde dat de zoekmachine de links naar berichten over de veroordeling "
        "van appellant uit 2012 moest verwijderen.",
        {17},
        set(),
        {"erasure"},
    ),
    (
        "De kantonrechter wees het verzoek van de werknemer om correctie van het verslag van de "
        "bedrijfsarts af.",
        {16},
        set(),
        {"rectification"},
    ),
    (
        "Een huisarts had het medisch dossier van een patiënt aan diens werkgever gestuurd.",
        {9},
        set(),
        {"special_categories"},
    ),
    (
        "De AP heeft een zorgverzekeraar berispt omdat medewerkers van de marketingafdeling toegang "
        "hadden tot medische gegevens van verzekerden.",
        {32},
        {5},
        {"security_breach"},
    ),
    # fines-tracker wording: calls to people on an opt-out list, contracts in someone's name,
    # processing after the contract ended, debt collectors calling the employer, reading mail
    (
        "The company made marketing calls to individuals who had not consented and were "
        "registered in the Robinson list.",
        {6, 21},
        set(),
        {"direct_marketing", "objection"},
    ),
    (
        "The operator registered a contract in the name of the claimant, using data provided by a "
        "third person.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    (
        "The energy company continued to charge the complainant's bank account after he had "
        "terminated the contract.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    (
        "A debt collection agency contacted the data subject's employer and relatives about her "
        "debts.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    (
        "The employer read the private emails of an employee on his work account.",
        {6},
        set(),
        {"employee_monitoring"},
    ),
    (
        "De webwinkel verplichtte klanten een account aan te maken om een bestelling te plaatsen.",
        {5},
        set(),
        {"data_minimisation"},
    ),
    # staff snooping, unassessed risks, information that is not concise and intelligible
    (
        "The ICO issued a reprimand to a trust after a staff member inappropriately accessed the "
        "records of a patient who was a family member.",
        {32},
        set(),
        {"security_breach"},
    ),
    (
        "The authority criticised the municipality for using Chromebooks in schools without having "
        "assessed the risks of the processing.",
        {35},
        set(),
        {"dpia"},
    ),
    (
        "The DPC found that the controller had not provided information in a concise, transparent "
        "and intelligible form.",
        {12},
        set(),
        {"transparency"},
    ),
    # a court weighing a ground of Art. 6(1) applies Art. 6 whichever way it decides
    (
        "De voorzieningenrechter wees de vordering af: het afnemen van tentamens is een taak van "
        "algemeen belang en de verwerking was noodzakelijk en evenredig.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    (
        "The Court of Justice held that a vehicle identification number is personal data for "
        "anyone who can link it to a person, and that the manufacturer must disclose it under a "
        "legal obligation.",
        {4, 6},
        set(),
        {"lawful_basis", "other"},
    ),
    # a deactivation resting solely on automated processing, said with an adjective in between
    (
        "De rechtbank oordeelde dat de deactivering uitsluitend berustte op geautomatiseerde "
        "verwerking, zonder betekenisvolle menselijke tussenkomst.",
        {22},
        set(),
        {"automated_decisions"},
    ),
    # a court reviewing an authority's handling of a complaint, or its corrective powers
    (
        "De rechtbank oordeelde dat de AP de klacht van eiser over zijn werkgever onvoldoende had "
        "onderzocht en vernietigde het besluit.",
        {57, 77},
        set(),
        {"other"},
    ),
    (
        "Het Hof van Justitie oordeelde dat een toezichthouder niet verplicht is om bij elke "
        "inbreuk een corrigerende maatregel op te leggen.",
        {58},
        set(),
        {"other"},
    ),
    # the people affected by a breach not told (Art. 34)
    (
        "The DPA fined a hospital for failing to notify affected patients of a ransomware attack "
        "that exposed their medical records.",
        {32, 34},
        set(),
        {"security_breach"},
    ),
    (
        "De AP stelde vast dat de gemeente naliet de getroffen inwoners over het datalek te "
        "informeren.",
        {34},
        set(),
        {"security_breach"},
    ),
    # personalised ads alone are a question of legal basis; people contacted are direct marketing
    (
        "The DPC fined the platform for relying on contract as the legal basis for behavioural "
        "advertising.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    (
        "The authority fined the retailer because it sent marketing e-mails to customers who had "
        "objected.",
        {21},
        set(),
        {"direct_marketing", "objection"},
    ),
    (
        "Personalised advertising was on by default in the app. I turned it off, but the next "
        "update turned it back on.",
        {7},
        set(),
        {"direct_marketing"},
    ),
    # everyday Dutch complaints: a secret address given to an ex-partner, an energy company
    # asking for a passport copy and the BSN
    (
        "De gemeente heeft mijn adres aan mijn ex-partner gegeven, terwijl ik een "
        "geheimhoudingsadres heb.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    (
        "Het energiebedrijf vroeg bij het afsluiten van een contract een kopie van mijn paspoort en "
        "mijn BSN.",
        {87},
        set(),
        {"national_id_number"},
    ),
    # questions a court decides: scope, statutory restrictions of rights, damages
    (
        "The tribunal accepted that the processing related to monitoring the behaviour of people in "
        "the UK, but held that processing for foreign law enforcement fell outside the scope of "
        "the UK GDPR.",
        {2, 3},
        set(),
        {"other"},
    ),
    (
        "The Court of Appeal held that the amended immigration exemption still did not meet the "
        "conditions for restricting data subjects' rights.",
        {23},
        {6},
        {"other"},
    ),
    (
        "The administrator of a police pension scheme sent benefit statements to old addresses. "
        "The Court of Appeal allowed the appeal: a well-founded fear that the data might be "
        "misused can be non-material damage.",
        {82},
        {6},
        {"other"},
    ),
    # everyday Dutch: a box already ticked, STOP that does not work, "nooit toestemming gegeven",
    # a school posting photos against the parents' wish, routes sold to a data broker
    (
        "Op het bestelformulier stond het vinkje voor aanbiedingen al aangevinkt. STOP terugsturen "
        "werkt niet, ik krijg nog steeds sms'jes.",
        {6, 21},
        set(),
        {"direct_marketing", "objection"},
    ),
    (
        "De basisschool plaatst foto's van de klas op Instagram, terwijl wij hebben aangegeven dat "
        "er geen foto's van onze dochter online mogen.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    (
        "De hardloopapp verkoopt mijn routes aan een datamakelaar. Daar heb ik nooit toestemming "
        "voor gegeven.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    # complaints in English: nobody told, results over WhatsApp, every carer can open the file,
    # an attachment meant for teachers, someone else's letter received
    (
        "Management installed cameras in the staff room; staff were told nothing.",
        {13},
        set(),
        {"transparency"},
    ),
    (
        "My GP practice sends lab results by WhatsApp to a personal phone of one of the assistants.",
        {32},
        set(),
        {"security_breach"},
    ),
    (
        "Every carer, including agency temps, can open my mother's complete medical file in the "
        "care app.",
        {32},
        set(),
        {"security_breach"},
    ),
    (
        "The school sent all parents an email with an attachment meant for teachers, listing every "
        "child's medical conditions.",
        {32},
        set(),
        {"security_breach"},
    ),
    (
        "Elke invalkracht kan het volledige dossier van mijn moeder in de zorgapp openen.",
        {32},
        set(),
        {"security_breach"},
    ),
    (
        "Ook kan elke invalkracht van de praktijk het volledige dossier in de app openen.",
        {32},
        set(),
        {"security_breach"},
    ),
    # Dutch singulars of patterns written with an optional plural ending ("gesprek", "reden")
    (
        "Bij de gemeente wordt elk gesprek opgenomen, zonder mijn toestemming.",
        {6},
        set(),
        {"camera_surveillance"},
    ),
    # an authority fining the sale of members' data: the sale itself is the finding (Art. 6)
    (
        "De AP heeft de bond beboet omdat die persoonsgegevens van leden aan sponsors heeft verkocht.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    # no two-factor authentication, no check on who opened the files: security (Art. 32)
    (
        "Het ziekenhuis had onvoldoende controle op wie de dossiers inzag en gebruikte geen "
        "tweefactorauthenticatie.",
        {32},
        set(),
        {"security_breach"},
    ),
    (
        "The hospital did not use two-factor authentication for its patient records system.",
        {32},
        set(),
        {"security_breach"},
    ),
    # camera footage kept too long: storage limitation, not the camera's legal basis
    (
        "De gemeente bewaarde de camerabeelden veel langer dan de toegestane vier weken.",
        {5},
        {6},
        {"retention", "camera_surveillance"},
    ),
    # criminal data of members processed "zonder wettelijke basis": Art. 10 and 6
    (
        "De AP beboet de voetbalbond omdat die strafrechtelijke gegevens van leden zonder "
        "wettelijke basis verwerkte.",
        {6, 10},
        set(),
        {"lawful_basis", "special_categories"},
    ),
    # data used in a discriminatory way: unfair (5(1)(a))
    (
        "De AP beboette de Belastingdienst omdat die gegevens van aanvragers op "
        "discriminerende wijze gebruikte in een risicomodel.",
        {5},
        set(),
        {"lawful_basis"},
    ),
    (
        "De AP legde het ziekenhuis een boete op omdat medewerkers onnodig dossiers konden inzien.",
        {32},
        set(),
        {"security_breach"},
    ),
    # contracts activated without a request; consent made a condition of the service
    (
        "The Garante fined an energy company for activating contracts without the customers' request.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    (
        "De bank maakte toestemming voor marketing een voorwaarde om een rekening te openen.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    # a breach nobody was told about: Art. 34; in a decision that says no more, not 33
    (
        "Er was een datalek bij de zorggroep en niemand heeft ons ingelicht.",
        {34},
        set(),
        {"security_breach"},
    ),
    (
        "The DPA fined the controller because it did not inform the data subjects about the data "
        "breach although it posed a high risk to them.",
        {34},
        {33},
        {"security_breach"},
    ),
    # damages awarded by a court: Art. 82
    (
        "The court awarded the data subject EUR 500 in non-material damages for the loss of control.",
        {82},
        set(),
        set(),
    ),
    # a cookie banner on which refusing is harder than accepting: consent not freely given
    (
        "The DPA found that the cookie banner made refusing cookies harder than accepting them.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    # everyday complaint wording
    (
        "Ik heb al 3 keer gevraagd om mijn gegevens in te zien maar de zorgverzekeraar reageert niet.",
        {15},
        set(),
        {"access_rights"},
    ),
    (
        "Mijn ex-werkgever heeft mijn personeelsdossier nog steeds en weigert het te verwijderen.",
        {17},
        {2},
        {"erasure"},
    ),
    (
        "Mijn werkgever leest mijn prive mail mee op mijn werklaptop.",
        {6},
        set(),
        {"employee_monitoring"},
    ),
    (
        "Ons kinderdagverblijf zet foto's van de kinderen op facebook zonder te vragen.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    (
        "Mijn buurman heeft een drone waarmee hij over mijn tuin vliegt en filmt.",
        {6},
        {2},
        {"camera_surveillance"},
    ),
    (
        "Het UWV heeft een verkeerde diagnose in mijn dossier staan en wil het niet aanpassen.",
        {16},
        set(),
        {"rectification"},
    ),
    ("De gemeente Dronten deelde mijn gegevens met de buren.", {6}, set(), {"lawful_basis"}),
    # following someone's location: legal basis and minimisation; a webcam is a camera
    (
        "De app van de gemeente volgt je locatie ook als je de app niet gebruikt.",
        {5, 6},
        set(),
        {"lawful_basis", "data_minimisation"},
    ),
    (
        "De school gebruikt proctoring software die tijdens tentamens via de webcam meekijkt.",
        {5, 6},
        set(),
        {"camera_surveillance"},
    ),
    ("The fitness app shares my location with advertisers.", {6}, set(), {"lawful_basis"}),
    # everyday English complaint wording
    (
        "The school posted a video of my daughter on Instagram without asking us.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    ("A debt collector contacted my employer about my debts.", {6}, set(), {"lawful_basis"}),
    (
        "Our HR department shared my sick leave reasons with all my colleagues.",
        {6, 9},
        set(),
        {"lawful_basis", "special_categories"},
    ),
    (
        "My insurer denied my claim based on an automated risk score.",
        {22},
        set(),
        {"automated_decisions"},
    ),
    (
        "The website asks for my date of birth and phone number just to subscribe to a newsletter.",
        {5},
        set(),
        {"data_minimisation"},
    ),
    (
        "My landlord demands six months of bank statements and a copy of my passport.",
        {5},
        {15},
        {"data_minimisation"},
    ),
    # court rulings in Dutch
    (
        "De Afdeling oordeelde dat de burgemeester de namen van de betrokkenen niet openbaar had "
        "mogen maken.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    (
        "De rechtbank oordeelde dat Uber chauffeurs inzage moet geven in de gegevens die zijn "
        "gebruikt voor het automatisch deactiveren van hun account.",
        {15, 22},
        set(),
        {"access_rights", "automated_decisions"},
    ),
    # special-category data asked for or recorded: Art. 9
    (
        "De school vraagt ouders om de religie van hun kind op te geven.",
        {9},
        set(),
        {"special_categories"},
    ),
    (
        "Mijn werkgever vraagt bij ziekmelding wat ik precies heb.",
        {9},
        set(),
        {"special_categories"},
    ),
    (
        "Mijn werkgever heeft in mijn personeelsdossier gezet dat ik depressief ben.",
        {9},
        set(),
        {"special_categories"},
    ),
    (
        "Een collega heeft een foto van mijn rijbewijs gemaakt en in de groepsapp gezet.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    # rulings on representation, on parallel remedies and on an authority's own-motion orders
    (
        "The Court of Justice held that member states may allow consumer associations to bring "
        "representative actions without being mandated by the data subjects.",
        {80},
        set(),
        {"other"},
    ),
    (
        "The Court of Justice held that a complaint to the authority and a judicial remedy against "
        "the controller may be pursued as parallel proceedings.",
        {77, 78, 79},
        set(),
        {"other"},
    ),
    (
        "The Court held that a supervisory authority may order the erasure of unlawfully processed "
        "data of its own motion.",
        {58},
        set(),
        {"other"},
    ),
    # recipients' e-mail addresses visible to all: a confidentiality failure; "geen gehoor gaf"
    (
        "De AP legde het UWV een boete op omdat het bij groepsberichten e-mailadressen van "
        "ontvangers zichtbaar maakte.",
        {32},
        set(),
        {"security_breach"},
    ),
    (
        "Het advocatenkantoor gaf geen gehoor aan mijn inzageverzoek van drie maanden geleden.",
        {15},
        set(),
        {"access_rights"},
    ),
    # criminal-offence data asked on a form, or on a warning list (UAVG 33(4)(c)): Art. 10
    (
        "Op het sollicitatieformulier van het hotel moest ik invullen of ik ooit veroordeeld ben.",
        {10},
        set(),
        {"special_categories"},
    ),
    (
        "De corporaties delen een waarschuwingslijst met ons gezin erop, zonder dat wij het wisten.",
        {10},
        set(),
        {"special_categories"},
    ),
    # firms that bought your data, a warning list you were never told of: Art. 14
    (
        "Na een prijsvraag werd mijn adres doorverkocht en nu bellen allerlei bedrijven mij.",
        {14},
        set(),
        {"transparency"},
    ),
    # not told: "dat heeft niemand me ooit verteld", "stond niet in de privacyverklaring"
    (
        "UWV houdt bij waar je inlogt en legt dat naast je uitkering. Dat heeft niemand me ooit verteld.",
        {13},
        set(),
        {"transparency"},
    ),
    (
        "De app stuurt mijn gegevens naar Facebook. Dat stond niet in de privacyverklaring.",
        {13},
        set(),
        {"transparency"},
    ),
    (
        "The app sends my data to Facebook. This was not mentioned in the privacy policy.",
        {6, 13},
        set(),
        {"lawful_basis", "transparency"},
    ),
    (
        "The benefits agency tracks where I log in. Nobody ever told me that.",
        {13},
        set(),
        {"transparency"},
    ),
    # questions about which data, an asked-for human review: access and Art. 22
    (
        "My account was blocked with 'suspected misuse detected by our system'. I asked for a "
        "human review and would like to know what data their system used.",
        {15, 22},
        {6},
        {"access_rights", "automated_decisions"},
    ),
    # an access request months ago and nothing received: the one-month period of Art. 12(3)
    (
        "I asked the gym three months ago for a copy of my data and they still haven't sent anything.",
        {12, 15},
        set(),
        {"access_rights"},
    ),
    (
        "Ik heb drie maanden geleden om inzage gevraagd en nog steeds niets ontvangen.",
        {12, 15},
        set(),
        {"access_rights"},
    ),
    # a transfer on a derogation (Art. 49); no register of processing activities (Art. 30)
    (
        "The controller relied on the derogation for occasional transfers to send data to China "
        "on a regular basis.",
        {44, 49},
        set(),
        {"transfers"},
    ),
    ("The company did not keep a register of processing activities.", {30}, set(), {"other"}),
    # an employer reading private mail is a grievance even where the complainant also asked for
    # access; "heeft niemand me ooit verteld" is no sharing
    (
        "Mijn werkgever leest mijn prive mail mee. Dat heeft niemand me ooit verteld. Ik heb "
        "twee maanden geleden gevraagd om mijn dossier in te zien en nog steeds niets ontvangen.",
        {6, 13, 15},
        set(),
        {"employee_monitoring", "access_rights", "transparency"},
    ),
    # staff without authority opening records; a debt that did not exist; an answer not in time
    (
        "A hospital was fined because unauthorised staff accessed a patient's medical records.",
        {32},
        set(),
        {"security_breach"},
    ),
    (
        "Het incassobureau stuurde mij aanmaningen voor een schuld die helemaal niet bestond.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    (
        "The company was fined for failing to respond to a request for access within the deadline.",
        {12, 15},
        set(),
        {"access_rights"},
    ),
    # rulings on the one-stop-shop and on the EDPB's dispute resolution; not a DPA decision
    # that merely followed a binding decision
    (
        "The Court of Justice held that a supervisory authority that is not the lead supervisory "
        "authority may bring proceedings in the cooperation procedure.",
        {56, 60},
        set(),
        {"other"},
    ),
    (
        "The General Court ruled on the action against the binding decision of the EDPB.",
        {65},
        set(),
        {"other"},
    ),
    (
        "Het Gerecht van de EU oordeelde over het beroep tegen het bindend besluit van het EDPB.",
        {65},
        set(),
        {"other"},
    ),
    # the violation types of enforcement trackers, named as such
    (
        "The Romanian DPA fined a bank for non-compliance with general data processing principles.",
        {5},
        set(),
        set(),
    ),
    (
        "The Greek DPA fined a company for insufficient cooperation with the supervisory authority.",
        {31},
        set(),
        set(),
    ),
    (
        "The DPA fined a company for insufficient fulfilment of data breach notification obligations.",
        {33},
        set(),
        {"security_breach"},
    ),
    # a company's letter sent to the neighbour: a confidentiality failure, not household use
    (
        "The company sent the invoice with my name and address to my neighbour by mistake.",
        {32},
        {2},
        {"security_breach"},
    ),
    # consent never asked, a legal basis that did not exist: no legal basis
    (
        "The bank called the client about a debt; it hadn’t requested consent from him.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    (
        "De gemeente gaf de gegevens door aan een derde zonder dat daarvoor een grondslag bestond.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    # processing after the contract ended: the contract is no longer a basis (6(1)(b))
    (
        "Vodafone kept charging the claimant and sending invoices after the contract had ended.",
        {6},
        set(),
        {"lawful_basis"},
    ),
    (
        "Na opzegging van mijn abonnement bleef het bedrijf mij facturen sturen.",
        {6},
        set(),
        {"lawful_basis"},
    ),
]

# texts that must NOT put an article at stake (false friends)
NOT_TABLE = [
    # "in breach of the transparency principle" is not a data breach
    ("The DPC found the company in breach of the transparency principle.", {32, 33}),
    # a company called "... AI" is not an automated decision
    ("The authority fined Clearview AI for building a facial recognition database.", {22}),
    # passing data on is a finding of Art. 6 in a decision only when the legal basis is in question
    ("The authority fined the hospital after patient files were sent to a wrong address.", {6}),
    # a complaint is not a ruling: what "controller" means is not what the complainant asks
    ("I think the app developer is a controller and they ignore my access request.", {4}),
    # data merely kept after the contract ended are a question of storage (5(1)(e)), not of 6
    (
        "The operator kept the data of former subscribers long after their contracts had ended.",
        {6},
    ),
    (
        "Mijn provider bewaart de verkeersgegevens tot vijf jaar na beëindiging van het contract.",
        {6},
    ),
    # an unlawful use found in a third-person account is no household activity
    ("The car owner used the dash-cam unlawfully.", {2}),
    # films as a noun are no filming
    (
        "The company that owns the rights to the films asked the provider for the subscribers' names.",
        {5, 6},
    ),
    ("Dat heeft niemand me ooit verteld.", {6}),
    (
        "Following a binding decision of the EDPB, the DPC fined Meta for relying on contract as the "
        "legal basis for behavioural advertising.",
        {65},
    ),
    # a private person filming an ex is not processing on the AP's DPIA list
    ("Mijn ex filmt mij stiekem.", {35}),
    # a fine mentioned in a decision is not a question about how fines work
    ("The authority fined the company for sending marketing e-mails without consent.", {83}),
    # an authority's order to stop processing is not the complainant's objection (Art. 21)
    (
        "The DPC fined the department and ordered it to stop the processing within nine months.",
        {21},
    ),
    # employee data without national rules in question
    (
        "The Court held that the employer kept its employees' health data without a legal basis.",
        {88},
    ),
    # the controller itself processing without a basis is not a breach of security
    (
        "A fine was imposed on a telecom company because the personal data of a citizen were "
        "unlawfully accessed and processed by the company in order to cancel a contract.",
        {32},
    ),
    # a club's balancing in favour of the club is no finding against it
    (
        "De rechter oordeelde dat het belang van de club zwaarder weegt dan het belang van de "
        "eiser bij verwijdering van de foto.",
        {6},
    ),
    # "zijn persoonsgegevens" is "his personal data" here, not a definition (Art. 4)
    (
        "De rechtbank oordeelde dat verzoeker recht heeft op een kopie van de notities voor zover "
        "die zijn persoonsgegevens bevatten.",
        {4},
    ),
    # consent as the wrong basis at work is a finding on Art. 6, not on national employment rules
    (
        "The authority fined the company because it had relied on consent, which was not the "
        "appropriate legal basis in an employment context.",
        {88},
    ),
    # an authority's decision or a complaint that names a legal ground makes no finding on Art. 6
    (
        "Ik vraag me af of de webwinkel een gerechtvaardigd belang heeft bij mijn gegevens; ik "
        "heb om inzage gevraagd.",
        {6},
    ),
    # a court that mentions in passing what the authority may do applies no Art. 58
    (
        "The Court of Justice held that the missing arrangement does not make the processing "
        "unlawful; those failings are for the supervisory authority to address with its "
        "corrective powers.",
        {58},
    ),
    # a complaint about the AP's handling is routed out, not a court's review of it
    (
        "De AP heeft mijn klacht over mijn werkgever na een jaar nog steeds niet behandeld.",
        {57, 77},
    ),
    # "unlawful" in a ruling qualifies a law or an exemption, not the processing
    (
        "The Court of Appeal had held in 2021 that the exemption in the national law was unlawful.",
        {5, 6},
    ),
]


@pytest.mark.parametrize("text,must,must_not,cats", ARTICLE_TABLE)
def test_facts_put_the_articles_a_lawyer_would_cite_at_stake(run, text, must, must_not, cats):
    result = run(text)
    arts = set(result["articles"])
    assert must <= arts, f"missing {must - arts} for {text!r}: {sorted(arts)}"
    assert not (must_not & arts), f"unexpected {must_not & arts} for {text!r}"
    assert cats <= set(result["categories"])


def test_every_article_has_a_bilingual_reason_and_rests_on_facts(run):
    result = run(
        "Mijn werkgever verplicht ons in te klokken met een vingerafdruk, anders geen loon."
    )
    assert result["article_reasons"]
    fact_ids = {f["id"] for f in result["facts"]}
    for reason in result["article_reasons"]:
        assert reason["law"] in {"GDPR", "UAVG"}
        assert reason["reason"]["nl"] and reason["reason"]["en"]
        assert set(reason["fact_ids"]) <= fact_ids
    assert any(r["law"] == "UAVG" and r["article"] == 29 for r in result["article_reasons"])


def test_articles_are_sorted_gdpr_numbers_only(run):
    result = run("Webshop vraagt mijn BSN en mijn kopie paspoort, dat is toch niet nodig?")
    assert result["articles"] == sorted(result["articles"])
    assert 46 not in result["articles"]  # UAVG 46 is not a GDPR article


def test_a_plain_access_request_does_not_get_article_5_and_6_by_reflex(run):
    result = run(
        "Ik heb een inzageverzoek gedaan bij de webshop en wil een kopie van mijn gegevens."
    )
    assert 5 not in result["articles"] and 6 not in result["articles"]


def test_personalised_ads_alone_are_not_direct_marketing(run):
    ads = run(
        "The DPC fined the platform for relying on contract as the legal basis for behavioural "
        "advertising and for sharing data with advertising partners."
    )
    assert "direct_marketing" not in ads["categories"]
    calls = run("The company kept making marketing calls to people on its advertising lists.")
    assert "direct_marketing" in calls["categories"]


def test_camera_findings_carry_the_categories_of_their_articles(run):
    """A camera filming the street is camera surveillance; its legal basis is in question
    (lawful_basis) and the excess found brings data_minimisation."""
    result = run(
        "The AEPD fined the bar because its surveillance cameras also filmed the public street "
        "and pedestrians."
    )
    assert {5, 6} <= set(result["articles"])
    assert {"camera_surveillance", "lawful_basis", "data_minimisation"} <= set(result["categories"])
    cam = run("De AP beboette het bedrijf omdat het zonder grondslag met camera's filmde.")
    assert {"camera_surveillance", "lawful_basis"} <= set(cam["categories"])
    assert "data_minimisation" not in cam["categories"]


def test_police_data_get_no_gdpr_article(run):
    result = run(
        "De politie heeft mijn gegevens in hun systeem opgezocht zonder reden en gedeeld met mijn buurman."
    )
    assert result["controller"]["sector"] == "police_justice"
    assert result["articles"] == []


@pytest.mark.parametrize("text,must_not", NOT_TABLE)
def test_false_friends_do_not_put_articles_at_stake(run, text, must_not):
    arts = set(run(text)["articles"])
    assert not (must_not & arts), f"unexpected {must_not & arts} for {text!r}"


@pytest.mark.parametrize(
    "text,cat",
    [
        (
            "The controller was fined for processing personal data without a legal basis.",
            "lawful_basis",
        ),
        (
            "Because of insufficient technical and organisational measures hackers accessed customer data.",
            "security_breach",
        ),
        (
            "De AP heeft de partij beboet omdat zij een datalek niet bij de AP heeft gemeld.",
            "security_breach",
        ),
    ],
)
def test_categories_follow_from_the_articles_cited(run, text, cat):
    from waakhond.triage.articles import categories_of_citation

    result = run(text)
    assert cat in result["categories"]
    for reason in result["article_reasons"]:
        if reason["law"] == "GDPR":
            for implied in categories_of_citation(reason["article"], reason["reference"]):
                assert implied in result["categories"]


def test_article_5_letters_map_to_their_own_categories():
    from waakhond.triage.articles import categories_of_citation

    assert categories_of_citation(5, "5(1)(c)") == ("data_minimisation",)
    assert categories_of_citation(5, "5(1)(b)-(c)") == ("lawful_basis", "data_minimisation")
    assert categories_of_citation(5, "5(1)(f)") == ("security_breach",)
    assert categories_of_citation(5, "5(2)") == ()
    assert categories_of_citation(12, "12(3)-(5)") == ()
    assert categories_of_citation(32, "32(1)") == ("security_breach",)


def test_each_paragraph_of_an_article_keeps_its_own_reason(run):
    """Art. 5 cited by two rules for different principles gives two explanations, each with the
    facts of its own rule; the article list still names Art. 5 once."""
    result = run(
        "Mijn werkgever leest mijn prive mail mee. Ook kan elke collega mijn dossier openen omdat "
        "er geen goede toegangsbeveiliging is."
    )
    assert result["articles"].count(5) == 1
    five = {r["reference"]: r for r in result["article_reasons"] if r["article"] == 5}
    assert set(five) == {"5(1)(c)", "5(1)(f)"}
    assert five["5(1)(c)"]["rule_id"] == "employee.monitoring"
    assert "issue.insufficient_security" not in five["5(1)(c)"]["fact_ids"]
    assert five["5(1)(f)"]["fact_ids"] == ["issue.insufficient_security"]
