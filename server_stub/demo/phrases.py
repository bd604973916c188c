"""Localized wording of the demo documents (German, Spanish, English) and number formats."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

__all__ = [
    "CATALOG",
    "LABELS",
    "TEXTS",
    "first_sentence",
    "format_date",
    "format_money",
    "salutation",
]

LABELS: dict[str, dict[str, str]] = {
    "de": {
        "offer": "Angebot", "order": "Auftragsbestätigung", "delivery_note": "Lieferschein",
        "invoice": "Rechnung", "contract": "Vertrag", "complaint": "Reklamation",
        "number": "Nummer", "date": "Datum", "customer": "Kunden-Nr.", "pos": "Pos.",
        "description": "Beschreibung", "quantity": "Menge", "unit_price": "Einzelpreis",
        "total": "Gesamt", "net": "Nettobetrag", "vat": "USt.", "gross": "Rechnungsbetrag",
        "valid_until": "Gültig bis", "order_ref": "Ihre Bestellung", "delivery": "Liefertermin",
        "order_number": "Auftrag", "packages": "Packstücke", "weight": "Gewicht",
        "due": "Fällig am", "payment": "Zahlung", "revision": "Revision",
        "contact": "Ihr Ansprechpartner", "page": "Seite", "received": "Eingang",
        "draft": "ENTWURF", "signature": "Ort, Datum, Unterschrift",
    },
    "es": {
        "offer": "Oferta", "order": "Confirmación de pedido", "delivery_note": "Albarán",
        "invoice": "Factura", "contract": "Contrato", "complaint": "Reclamación",
        "number": "Número", "date": "Fecha", "customer": "N.º cliente", "pos": "Pos.",
        "description": "Descripción", "quantity": "Cantidad", "unit_price": "Precio unit.",
        "total": "Importe", "net": "Base imponible", "vat": "IVA", "gross": "Total factura",
        "valid_until": "Válida hasta", "order_ref": "Su pedido", "delivery": "Fecha de entrega",
        "order_number": "Pedido", "packages": "Bultos", "weight": "Peso",
        "due": "Vencimiento", "payment": "Pago", "revision": "Revisión",
        "contact": "Su contacto", "page": "Página", "received": "Recibido",
        "draft": "BORRADOR", "signature": "Lugar, fecha, firma",
    },
    "en": {
        "offer": "Quotation", "order": "Order confirmation", "delivery_note": "Delivery note",
        "invoice": "Invoice", "contract": "Agreement", "complaint": "Complaint",
        "number": "Number", "date": "Date", "customer": "Customer no.", "pos": "Item",
        "description": "Description", "quantity": "Qty", "unit_price": "Unit price",
        "total": "Amount", "net": "Net amount", "vat": "VAT", "gross": "Invoice total",
        "valid_until": "Valid until", "order_ref": "Your PO", "delivery": "Delivery date",
        "order_number": "Order", "packages": "Packages", "weight": "Weight",
        "due": "Due date", "payment": "Payment", "revision": "Revision",
        "contact": "Your contact", "page": "Page", "received": "Received",
        "draft": "DRAFT", "signature": "Place, date, signature",
    },
}

# Sheet texts: {contact} etc. are filled in by the layouts.
TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "offer": "vielen Dank für Ihre Anfrage. Gerne bieten wir Ihnen wie folgt an:",
        "offer_end": "Wir freuen uns auf Ihren Auftrag. Es gelten unsere Lieferbedingungen.",
        "order": "vielen Dank für Ihre Bestellung, die wir hiermit wie folgt bestätigen:",
        "order_end": "Die Lieferung erfolgt zum genannten Termin frei Haus.",
        "delivery_note": "wir liefern Ihnen heute die folgenden Positionen:",
        "delivery_note_end": "Ware vollständig und unbeschädigt erhalten:",
        "invoice": "für unsere Lieferung erlauben wir uns, wie folgt zu berechnen:",
        "invoice_end": "Bitte überweisen Sie den Betrag unter Angabe der Rechnungsnummer.",
        "closing": "Mit freundlichen Grüßen",
    },
    "es": {
        "offer": "le agradecemos su consulta. Tenemos el gusto de ofrecerle lo siguiente:",
        "offer_end": "Quedamos a la espera de su pedido. Se aplican nuestras condiciones.",
        "order": "le agradecemos su pedido, que confirmamos con el siguiente detalle:",
        "order_end": "La entrega se realizará en la fecha indicada, portes pagados.",
        "delivery_note": "le entregamos hoy las siguientes posiciones:",
        "delivery_note_end": "Mercancía recibida completa y sin daños:",
        "invoice": "por nuestro suministro nos permitimos facturarle lo siguiente:",
        "invoice_end": "Le rogamos transfiera el importe indicando el número de factura.",
        "closing": "Atentamente",
    },
    "en": {
        "offer": "thank you for your enquiry. We are pleased to quote as follows:",
        "offer_end": "We look forward to your order. Our terms of delivery apply.",
        "order": "thank you for your order, which we confirm as follows:",
        "order_end": "Delivery will be made carriage paid on the date stated.",
        "delivery_note": "today we deliver the following items:",
        "delivery_note_end": "Goods received complete and undamaged:",
        "invoice": "for our delivery we invoice you as follows:",
        "invoice_end": "Please transfer the amount quoting the invoice number.",
        "closing": "Kind regards",
    },
}

# (German, Spanish, English description, unit price in EUR)
CATALOG: tuple[tuple[str, str, str, str], ...] = (
    ("Kreiselpumpe KP-40", "Bomba centrífuga KP-40", "Centrifugal pump KP-40", "1240.00"),
    ("Absperrventil DN50", "Válvula de cierre DN50", "Shut-off valve DN50", "186.50"),
    ("Drucksensor PS-10", "Sensor de presión PS-10", "Pressure sensor PS-10", "94.90"),
    ("Steuereinheit CU-3", "Unidad de control CU-3", "Control unit CU-3", "2150.00"),
    ("Dichtungssatz für KP-40", "Juego de juntas para KP-40", "Gasket set for KP-40", "23.40"),
    ("Edelstahlrohr 2 m", "Tubo de acero inoxidable 2 m", "Stainless steel pipe 2 m", "57.80"),
    ("Wartung (Stunde)", "Mantenimiento (hora)", "Maintenance (hour)", "95.00"),
    ("Inbetriebnahme vor Ort", "Puesta en marcha in situ", "On-site commissioning", "680.00"),
    ("Frequenzumrichter FU-7", "Variador de frecuencia FU-7", "Frequency inverter FU-7",
     "870.00"),
    ("Filterkartusche FK-2", "Cartucho filtrante FK-2", "Filter cartridge FK-2", "38.20"),
    ("Schaltschrank SK-12", "Armario eléctrico SK-12", "Control cabinet SK-12", "1590.00"),
    ("Fracht und Verpackung", "Portes y embalaje", "Freight and packing", "45.00"),
)

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def format_money(amount: Decimal, language: str) -> str:
    """``1234.5`` -> ``"1.234,50"`` (de, es) or ``"1,234.50"`` (en)."""
    plain = f"{amount:,.2f}"
    if language == "en":
        return plain
    return plain.replace(",", "_").replace(".", ",").replace("_", ".")


def format_date(day: date, country: str) -> str:
    if country in ("DE", "AT", "CH"):
        return day.strftime("%d.%m.%Y")
    if country == "US":
        return f"{_MONTHS_EN[day.month - 1]} {day.day}, {day.year}"
    if country in ("GB", "IE"):
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return day.strftime("%d/%m/%Y")


def salutation(language: str, last_name: str, female: bool) -> str:
    if language == "de":
        return f"Sehr geehrte Frau {last_name}," if female else f"Sehr geehrter Herr {last_name},"
    if language == "es":
        return f"Estimada Sra. {last_name}:" if female else f"Estimado Sr. {last_name}:"
    return f"Dear Ms {last_name}," if female else f"Dear Mr {last_name},"


def first_sentence(language: str, text: str) -> str:
    """The text after the salutation: German continues in lower case after the comma,
    Spanish (after the colon) and English start a new sentence."""
    if language == "de" or not text:
        return text
    return text[0].upper() + text[1:]
