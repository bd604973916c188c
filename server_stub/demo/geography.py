"""Countries, places, people and company names the demo customers are made of.

Three language groups (German, Spanish, English) with three countries each. Names keep their
umlauts and accents; e-mail addresses and domains are transliterated to ASCII.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = [
    "COUNTRIES",
    "COUNTRY_GROUPS",
    "FIRST_NAMES",
    "PUBLIC_BODIES",
    "SELLER",
    "SURNAMES",
    "TRADES",
    "Country",
    "Person",
    "Place",
    "Seller",
    "ascii_slug",
]


@dataclass(frozen=True)
class Place:
    city: str
    postcode: str
    area_code: str


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    def email_local(self) -> str:
        return f"{ascii_slug(self.first, sep='')}.{ascii_slug(self.last, sep='')}"


@dataclass(frozen=True)
class Country:
    code: str
    language: str  # "de", "es" or "en"
    currency: str
    vat_percent: str
    dial: str
    tld: str
    legal_forms: tuple[str, ...]
    streets: tuple[str, ...]
    places: tuple[Place, ...]


@dataclass(frozen=True)
class Seller:
    """The tenant that owns the files: letterhead, bank details and its account managers."""

    name: str
    street: str
    city_line: str
    domain: str
    phone: str
    bank: str
    staff: dict[str, tuple[Person, ...]]


def ascii_slug(text: str, *, sep: str = "-") -> str:
    """``"Müller & Söhne"`` -> ``"mueller-soehne"``: lower-case ASCII for e-mail addresses."""
    text = text.lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = "".join(c if c.isalnum() else " " for c in text).split()
    return sep.join(words)


_DE_STREETS = ("Hauptstraße", "Bahnhofstraße", "Mühlenweg", "Schillerstraße", "Industriestraße",
               "Gartenstraße", "Königsallee", "Lindenstraße", "Am Südhafen", "Goethestraße")
_ES_STREETS = ("Calle Mayor", "Avenida de la Constitución", "Calle de Alcalá", "Paseo de Gracia",
               "Calle Núñez de Balboa", "Polígono Industrial La Estación, nave")
_LA_STREETS = ("Av. Insurgentes Sur", "Calle Reforma", "Av. Corrientes", "Calle San Martín",
               "Av. Belgrano", "Calle Hidalgo")
_EN_STREETS = ("High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane",
               "King's Road", "Harbour Way")
_US_STREETS = ("Main Street", "Oak Avenue", "Industrial Parkway", "Maple Drive", "Commerce Blvd")

COUNTRIES: dict[str, Country] = {
    country.code: country
    for country in (
        Country("DE", "de", "EUR", "19", "+49", "de", ("GmbH", "GmbH & Co. KG", "AG", "KG"),
                _DE_STREETS,
                (Place("München", "80331", "89"), Place("Köln", "50667", "221"),
                 Place("Düsseldorf", "40213", "211"), Place("Nürnberg", "90402", "911"),
                 Place("Lübeck", "23552", "451"), Place("Münster", "48143", "251"),
                 Place("Stuttgart", "70173", "711"))),
        Country("AT", "de", "EUR", "20", "+43", "at", ("GmbH", "OG", "AG"), _DE_STREETS,
                (Place("Wien", "1010", "1"), Place("Graz", "8010", "316"),
                 Place("Linz", "4020", "732"), Place("Salzburg", "5020", "662"),
                 Place("Innsbruck", "6020", "512"))),
        Country("CH", "de", "CHF", "8.1", "+41", "ch", ("AG", "GmbH"), _DE_STREETS,
                (Place("Zürich", "8001", "44"), Place("Bern", "3011", "31"),
                 Place("Basel", "4051", "61"), Place("Luzern", "6003", "41"),
                 Place("St. Gallen", "9000", "71"))),
        Country("ES", "es", "EUR", "21", "+34", "es", ("S.L.", "S.A."), _ES_STREETS,
                (Place("Madrid", "28001", "91"), Place("Barcelona", "08001", "93"),
                 Place("Valencia", "46001", "96"), Place("Sevilla", "41001", "954"),
                 Place("Málaga", "29001", "952"), Place("A Coruña", "15001", "981"))),
        Country("MX", "es", "MXN", "16", "+52", "com.mx", ("S.A. de C.V.", "S. de R.L."),
                _LA_STREETS,
                (Place("Ciudad de México", "06600", "55"), Place("Guadalajara", "44100", "33"),
                 Place("Monterrey", "64000", "81"), Place("Querétaro", "76000", "442"),
                 Place("Puebla", "72000", "222"))),
        Country("AR", "es", "USD", "21", "+54", "com.ar", ("S.A.", "S.R.L."), _LA_STREETS,
                (Place("Buenos Aires", "C1043", "11"), Place("Córdoba", "X5000", "351"),
                 Place("Rosario", "S2000", "341"), Place("Mendoza", "M5500", "261"))),
        Country("GB", "en", "GBP", "20", "+44", "co.uk", ("Ltd", "PLC", "LLP"), _EN_STREETS,
                (Place("London", "EC1A 1BB", "20"), Place("Manchester", "M1 1AE", "161"),
                 Place("Leeds", "LS1 4AP", "113"), Place("Bristol", "BS1 4DJ", "117"),
                 Place("Edinburgh", "EH1 1YZ", "131"))),
        Country("IE", "en", "EUR", "23", "+353", "ie", ("Ltd", "DAC"), _EN_STREETS,
                (Place("Dublin", "D02 X285", "1"), Place("Cork", "T12 W8CK", "21"),
                 Place("Galway", "H91 E2KD", "91"), Place("Limerick", "V94 T9PX", "61"))),
        Country("US", "en", "USD", "0", "+1", "com", ("Inc.", "LLC", "Corp."), _US_STREETS,
                (Place("Chicago, IL", "60601", "312"), Place("Houston, TX", "77002", "713"),
                 Place("Boston, MA", "02108", "617"), Place("Denver, CO", "80202", "303"),
                 Place("Seattle, WA", "98101", "206"))),
    )
}

COUNTRY_GROUPS: dict[str, tuple[str, ...]] = {
    "de": ("DE", "AT", "CH"),
    "es": ("ES", "MX", "AR"),
    "en": ("GB", "IE", "US"),
}

# Family names first: they are dealt out in turn, so the first ones always occur.
SURNAMES: dict[str, tuple[str, ...]] = {
    "de": ("Müller", "Schröder", "Weiß", "Köhler", "Bäumer", "Jäger", "Krämer", "Schäfer",
           "Hoffmann", "Brückner", "Fischer", "Lüdtke", "Wagner", "Günther", "Becker", "Vogel"),
    "es": ("Peña", "Muñoz", "Ibáñez", "García", "Fernández", "López", "Martínez", "Sánchez",
           "Gómez", "Díaz", "Pérez", "Hernández", "Ruiz", "Jiménez", "Álvarez", "Castaño"),
    "en": ("Smith", "O'Brien", "Taylor", "Walsh", "Johnson", "Murphy", "Brown", "Wilson",
           "Kelly", "Evans", "Thompson", "Byrne", "Clarke", "Miller", "Davies", "Robinson"),
}

FIRST_NAMES: dict[str, tuple[tuple[str, bool], ...]] = {
    "de": (("Sabine", True), ("Jürgen", False), ("Katrin", True), ("Jörg", False),
           ("Ursula", True), ("Matthias", False), ("Bärbel", True), ("Lukas", False)),
    "es": (("María", True), ("José", False), ("Lucía", True), ("Andrés", False),
           ("Begoña", True), ("Íñigo", False), ("Sofía", True), ("Tomás", False)),
    "en": (("Emma", True), ("James", False), ("Siobhán", True), ("Oliver", False),
           ("Olivia", True), ("Seán", False), ("Grace", True), ("Daniel", False)),
}

TRADES: dict[str, tuple[str, ...]] = {
    "de": ("Maschinenbau", "Anlagentechnik", "Metallbau", "Haustechnik", "Logistik",
           "Brauerei", "Kältetechnik", "Lebensmittel"),
    "es": ("Distribuciones", "Construcciones", "Ingeniería", "Instalaciones", "Alimentación",
           "Riegos", "Transportes", "Bodegas"),
    "en": ("Engineering", "Building Services", "Logistics", "Fabrication", "Foods",
           "Water Systems", "Brewing Co.", "Facilities"),
}

PUBLIC_BODIES: dict[str, tuple[str, ...]] = {
    "de": ("Stadtwerke {city}", "Klinikum {city}", "Wasserverband {city}"),
    "es": ("Ayuntamiento de {city}", "Hospital Universitario de {city}",
           "Aguas Municipales de {city}"),
    "en": ("{city} City Council", "{city} Water Authority", "{city} General Hospital"),
}

SELLER = Seller(
    name="Helios Industrietechnik GmbH",
    street="Am Hafen 3",
    city_line="28217 Bremen, Germany",
    domain="helios-demo.example",
    phone="+49 421 555 0100",
    bank="IBAN DE02 1001 0010 0000 1234 56 · BIC PBNKDEFF",
    staff={
        "de": (Person("Anna", "Schäfer", True), Person("Jörg", "Lehmann", False),
               Person("Katrin", "Vogt", True)),
        "es": (Person("Lucía", "Fernández", True), Person("Javier", "Ortega", False),
               Person("Carmen", "Núñez", True)),
        "en": (Person("James", "Whitfield", False), Person("Emma", "O'Neill", True),
               Person("Oliver", "Grant", False)),
    },
)
