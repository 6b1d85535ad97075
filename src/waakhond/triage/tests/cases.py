"""Complaints used by several test modules: the three motivating cases told by a complainant,
and routine complaints that must rank below them."""

from datetime import date

DRONTEN_NL = (
    "Ik heb een bijstandsuitkering van de gemeente Dronten. Sinds 2014 worden mijn gesprekken met "
    "de consulent in de spreekkamer op het gemeentehuis opgenomen met beeld en geluid. Iedereen bij "
    "wie de hoogte van de uitkering wordt besproken moet in die kamer. Volgens een plan van de "
    "gemeente krijg je geen uitkering als je weigert: geen camera, geen uitkering. Niemand heeft mij "
    "verteld hoe lang de opnames worden bewaard. De DPIA is pas in 2020 gemaakt. Het gebeurt nog steeds."
)
DRONTEN_EN = (
    "I receive social assistance from the municipality of Dronten. Since 2014 my conversations with "
    "the caseworker in the interview room at the town hall have been recorded with video and sound. "
    "Everyone whose benefit amount is discussed has to go into that room. Under a plan of the "
    "municipality you get no benefit if you refuse: no camera, no benefit. Nobody told me how long "
    "the recordings are kept. The DPIA was only made in 2020. It is still happening."
)
NISSEWAARD_NL = (
    "Ik zat in de bijstand en moest werken bij het werkbedrijf van de gemeente Nissewaard om mijn "
    "uitkering te houden. Van 2015 tot juli 2018 moesten wij in- en uitklokken met onze vingerafdruk. "
    "Wie weigerde kreeg te horen dat de uitkering gekort zou worden. Het ging om honderden mensen, "
    "940 deelnemers in totaal. Onze vingerafdrukken werden opgeslagen."
)
GRONINGEN_NL = (
    "Ik ontvang bijstand van de gemeente Groningen en moest meedoen aan een re-integratietraject bij "
    "een extern bureau. Dat bureau verwerkte onze gegevens, ook over schulden en gezondheid, zonder "
    "dat er een verwerkersovereenkomst was. Die is pas negen maanden later getekend en daarna "
    "geantedateerd, alsof hij er vanaf het begin was. Dit geldt voor alle bijstandsgerechtigden in het traject."
)
WEBSHOP_ACCESS_NL = (
    "Ik heb op 2 januari 2025 bij webshop Kleurrijk een inzageverzoek gedaan omdat ik wil weten "
    "welke gegevens ze van mij hebben. Ik heb nog steeds geen reactie gekregen."
)
NEWSLETTER_NL = (
    "Ik heb me drie keer afgemeld voor de nieuwsbrief van een kledingwinkel, maar ik krijg nog steeds "
    "elke week hun reclame in mijn mailbox. Op mijn mails reageren ze niet."
)
DOORBELL_NL = (
    "Mijn buurman heeft een deurbelcamera opgehangen. Die is op zijn eigen voordeur gericht, maar ik "
    "vind het vervelend dat ik word gefilmd als ik langs loop naar mijn eigen huis."
)
RECEIVED = date(2025, 3, 1)
