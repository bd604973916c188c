"""Subjects and bodies of the demo correspondence, complaints and contracts, per language.

Placeholders in braces are filled with ``str.format``: ``{number}``, ``{product}``,
``{delivery}``, ``{start}``, ``{end}``, ``{value}``, ``{notice}``, ``{customer}``, ``{seller}``.
"""

from __future__ import annotations

__all__ = [
    "COMPLAINT_NOTES",
    "COMPLAINT_SUBJECTS",
    "CONTRACT_CLAUSES",
    "CONTRACT_END",
    "CONTRACT_LETTERS",
    "CONTRACT_TITLES",
    "EMAILS",
    "INCOMING_LETTERS",
    "OUTGOING_LETTERS",
    "VERSION_COMMENTS",
]

OUTGOING_LETTERS: dict[str, tuple[tuple[str, str], ...]] = {
    "de": (
        ("Preisanpassung zum 1. Januar", "wie in jedem Jahr haben wir unsere Preise geprüft. "
         "Wegen gestiegener Material- und Energiekosten passen wir die Listenpreise zum "
         "1. Januar um durchschnittlich 3,5 % an. Ihre vereinbarten Rahmenpreise bleiben "
         "davon unberührt."),
        ("Einladung zur Hausmesse in Bremen", "zu unserer Hausmesse laden wir Sie herzlich "
         "ein. Wir zeigen die neue Pumpengeneration und die Steuereinheit CU-3 im Betrieb. "
         "Bitte melden Sie sich bis Ende des Monats an."),
        ("Wartungstermin für Ihre Anlage", "die jährliche Wartung Ihrer Anlage steht an. "
         "Unser Techniker schlägt einen Termin in der kommenden Woche vor. Bitte bestätigen "
         "Sie uns den Termin oder nennen Sie uns einen anderen."),
        ("Zahlungserinnerung", "sicher haben Sie übersehen, dass eine unserer Rechnungen "
         "noch offen ist. Wir bitten Sie, den Betrag in den nächsten Tagen auszugleichen. "
         "Sollten Sie inzwischen gezahlt haben, betrachten Sie dieses Schreiben als "
         "gegenstandslos."),
    ),
    "es": (
        ("Actualización de tarifas a 1 de enero", "como cada año hemos revisado nuestros "
         "precios. Debido al aumento de los costes de materiales y energía, actualizaremos "
         "las tarifas un 3,5 % de media a partir del 1 de enero. Sus precios pactados no se "
         "ven afectados."),
        ("Invitación a nuestra feria en Bremen", "tenemos el placer de invitarle a nuestra "
         "feria. Presentaremos la nueva generación de bombas y la unidad de control CU-3 en "
         "funcionamiento. Le rogamos confirme su asistencia antes de fin de mes."),
        ("Cita de mantenimiento de su instalación", "se acerca el mantenimiento anual de su "
         "instalación. Nuestro técnico propone una cita para la próxima semana. Le rogamos "
         "nos la confirme o nos indique otra fecha."),
        ("Recordatorio de pago", "seguramente habrá pasado por alto que una de nuestras "
         "facturas sigue pendiente. Le rogamos abone el importe en los próximos días. Si ya "
         "ha realizado el pago, considere esta carta sin efecto."),
    ),
    "en": (
        ("Price adjustment from 1 January", "as every year we have reviewed our prices. Due "
         "to higher material and energy costs our list prices will rise by 3.5% on average "
         "from 1 January. Your agreed framework prices are not affected."),
        ("Invitation to our open house in Bremen", "we would be delighted to welcome you to "
         "our open house. We will show the new pump generation and the CU-3 control unit "
         "in operation. Please register by the end of the month."),
        ("Service appointment for your installation", "the annual service of your "
         "installation is due. Our engineer suggests an appointment next week. Please "
         "confirm the date or propose another one."),
        ("Payment reminder", "you may have overlooked that one of our invoices is still "
         "outstanding. Please settle the amount within the next few days. If you have "
         "already paid, please disregard this letter."),
    ),
}

INCOMING_LETTERS: dict[str, tuple[tuple[str, str], ...]] = {
    "de": (
        ("Änderung unserer Rechnungsanschrift", "bitte senden Sie Rechnungen ab sofort an "
         "unsere Buchhaltung. Die Lieferanschrift bleibt unverändert."),
        ("Anfrage Ersatzteile für Pumpe KP-40", "für unsere Pumpen KP-40 benötigen wir "
         "Dichtungssätze und Filterkartuschen. Bitte senden Sie uns ein Angebot."),
        ("Kündigung des Wartungsvertrags", "hiermit kündigen wir den Wartungsvertrag "
         "fristgerecht zum Ende der Laufzeit. Bitte bestätigen Sie den Eingang."),
    ),
    "es": (
        ("Cambio de dirección de facturación", "le rogamos envíe a partir de ahora las "
         "facturas a nuestro departamento de administración. La dirección de entrega no "
         "cambia."),
        ("Consulta de repuestos para bomba KP-40", "para nuestras bombas KP-40 necesitamos "
         "juegos de juntas y cartuchos filtrantes. Le rogamos nos envíe una oferta."),
        ("Rescisión del contrato de mantenimiento", "por la presente rescindimos el contrato "
         "de mantenimiento al final de su vigencia. Le rogamos confirme la recepción."),
    ),
    "en": (
        ("Change of invoice address", "from now on please send invoices to our accounts "
         "department. The delivery address remains unchanged."),
        ("Enquiry for spare parts for pump KP-40", "for our KP-40 pumps we need gasket sets "
         "and filter cartridges. Please send us a quotation."),
        ("Termination of the maintenance agreement", "we hereby give notice to terminate "
         "the maintenance agreement at the end of its term. Please confirm receipt."),
    ),
}

# kind -> (subject, body); kinds: inquiry, offer, invoice, complaint, meeting
EMAILS: dict[str, dict[str, tuple[str, str]]] = {
    "de": {
        "inquiry": ("Anfrage {product}", "Hallo,\n\nkönnen Sie uns ein Angebot für {product} "
                    "schicken? Wir bräuchten die Ware in etwa vier Wochen.\n\nDanke und "
                    "Gruß"),
        "offer": ("Ihr Angebot {number}", "Guten Tag,\n\nanbei erhalten Sie unser Angebot "
                  "{number}. Für Rückfragen stehe ich gern zur Verfügung.\n\nMit freundlichen "
                  "Grüßen"),
        "invoice": ("Rechnung {number}", "Guten Tag,\n\nanbei senden wir Ihnen die Rechnung "
                    "{number} als PDF.\n\nMit freundlichen Grüßen"),
        "complaint": ("Reklamation Lieferung {delivery}", "Hallo,\n\nleider ist die Lieferung "
                      "{delivery} beschädigt bei uns angekommen. Fotos folgen. Bitte um "
                      "kurzfristigen Ersatz.\n\nGruß"),
        "meeting": ("Terminvorschlag Jahresgespräch", "Hallo,\n\nwollen wir uns zum "
                    "Jahresgespräch nächste Woche Dienstag um 10 Uhr treffen?\n\nViele Grüße"),
    },
    "es": {
        "inquiry": ("Consulta {product}", "Hola:\n\n¿Pueden enviarnos una oferta para "
                    "{product}? Necesitaríamos el material en unas cuatro semanas.\n\n"
                    "Gracias y saludos"),
        "offer": ("Su oferta {number}", "Buenos días:\n\nAdjunto le enviamos nuestra oferta "
                  "{number}. Quedo a su disposición para cualquier consulta.\n\nAtentamente"),
        "invoice": ("Factura {number}", "Buenos días:\n\nAdjunto le enviamos la factura "
                    "{number} en PDF.\n\nAtentamente"),
        "complaint": ("Reclamación entrega {delivery}", "Hola:\n\nLamentablemente la entrega "
                      "{delivery} ha llegado dañada. Enviaremos fotos. Les rogamos la "
                      "reposición urgente.\n\nSaludos"),
        "meeting": ("Propuesta de reunión anual", "Hola:\n\n¿Nos reunimos para la revisión "
                    "anual el martes de la próxima semana a las 10:00?\n\nUn saludo"),
    },
    "en": {
        "inquiry": ("Enquiry {product}", "Hello,\n\ncould you send us a quotation for "
                    "{product}? We would need the goods in about four weeks.\n\nThanks and "
                    "regards"),
        "offer": ("Your quotation {number}", "Good morning,\n\nplease find attached our "
                  "quotation {number}. I am happy to answer any questions.\n\nKind regards"),
        "invoice": ("Invoice {number}", "Good morning,\n\nplease find attached invoice "
                    "{number} as a PDF.\n\nKind regards"),
        "complaint": ("Complaint about delivery {delivery}", "Hello,\n\nunfortunately "
                      "delivery {delivery} arrived damaged. Photos to follow. Please send a "
                      "replacement as soon as possible.\n\nRegards"),
        "meeting": ("Annual review meeting", "Hello,\n\nshall we meet for the annual review "
                    "next Tuesday at 10 am?\n\nBest regards"),
    },
}

COMPLAINT_SUBJECTS: dict[str, tuple[str, ...]] = {
    "de": ("Transportschaden an Lieferung {delivery}", "Falsche Menge in Lieferung {delivery}",
           "Pumpe undicht nach Inbetriebnahme", "Sensor liefert falsche Messwerte"),
    "es": ("Daños de transporte en el albarán {delivery}",
           "Cantidad incorrecta en el albarán {delivery}",
           "Fuga en la bomba tras la puesta en marcha", "El sensor da valores erróneos"),
    "en": ("Transport damage on delivery {delivery}", "Wrong quantity in delivery {delivery}",
           "Pump leaking after commissioning", "Sensor reports wrong readings"),
}

CONTRACT_TITLES: dict[str, tuple[str, ...]] = {
    "de": ("Rahmenvertrag über die Lieferung von Ersatzteilen", "Wartungsvertrag Pumpenanlagen",
           "Servicevertrag Steuerungstechnik"),
    "es": ("Contrato marco de suministro de repuestos", "Contrato de mantenimiento de bombas",
           "Contrato de servicio de sistemas de control"),
    "en": ("Framework agreement for the supply of spare parts",
           "Maintenance agreement for pump installations", "Service agreement for controls"),
}

CONTRACT_CLAUSES: dict[str, tuple[str, ...]] = {
    "de": (
        "§ 1 Vertragsgegenstand. {seller} liefert und wartet für {customer} die im Anhang "
        "genannten Anlagen und Ersatzteile zu den Bedingungen dieses Vertrags.",
        "§ 2 Laufzeit. Der Vertrag beginnt am {start} und {end}.",
        "§ 3 Vergütung. Die jährliche Vergütung beträgt {value}, zahlbar vierteljährlich im "
        "Voraus.",
        "§ 4 Kündigung. Der Vertrag kann mit einer Frist von {notice} Tagen zum Ende der "
        "Laufzeit gekündigt werden.",
        "§ 5 Haftung. Die Haftung richtet sich nach den gesetzlichen Bestimmungen.",
        "§ 6 Schlussbestimmungen. Änderungen bedürfen der Schriftform.",
    ),
    "es": (
        "Cláusula 1. Objeto. {seller} suministra y mantiene para {customer} las instalaciones "
        "y repuestos indicados en el anexo en las condiciones de este contrato.",
        "Cláusula 2. Duración. El contrato entra en vigor el {start} y {end}.",
        "Cláusula 3. Remuneración. La remuneración anual asciende a {value}, pagadera "
        "trimestralmente por adelantado.",
        "Cláusula 4. Resolución. El contrato puede rescindirse con un preaviso de {notice} "
        "días al final de su vigencia.",
        "Cláusula 5. Responsabilidad. La responsabilidad se rige por la ley aplicable.",
        "Cláusula 6. Disposiciones finales. Toda modificación requiere la forma escrita.",
    ),
    "en": (
        "1. Subject. {seller} supplies and maintains for {customer} the installations and "
        "spare parts listed in the annex on the terms of this agreement.",
        "2. Term. The agreement starts on {start} and {end}.",
        "3. Fees. The annual fee is {value}, payable quarterly in advance.",
        "4. Termination. Either party may terminate with {notice} days' notice to the end of "
        "the term.",
        "5. Liability. Liability is governed by the applicable law.",
        "6. Final provisions. Amendments must be made in writing.",
    ),
}

# How the end of a contract is phrased: (fixed end with {date}, open-ended)
CONTRACT_END: dict[str, tuple[str, str]] = {
    "de": ("endet am {date}", "läuft auf unbestimmte Zeit"),
    "es": ("finaliza el {date}", "tiene duración indefinida"),
    "en": ("ends on {date}", "runs for an indefinite period"),
}

VERSION_COMMENTS: dict[str, dict[str, str]] = {
    "de": {"created": "Erstellt", "revised": "Überarbeitet: Mengen und Rabatt angepasst",
           "scanned": "Eingescannt", "draft": "Entwurf zur Abstimmung",
           "signed": "Unterschriebene Fassung", "received": "Per E-Mail empfangen",
           "sent": "Versendet", "photo": "Foto vom Kunden", "corrected": "Tippfehler korrigiert",
           "resolved": "Erledigt: Lösung eingetragen"},
    "es": {"created": "Creado", "revised": "Revisado: cantidades y descuento ajustados",
           "scanned": "Escaneado", "draft": "Borrador para revisión",
           "signed": "Versión firmada", "received": "Recibido por correo",
           "sent": "Enviado", "photo": "Foto del cliente", "corrected": "Errata corregida",
           "resolved": "Cerrada: solución registrada"},
    "en": {"created": "Created", "revised": "Revised: quantities and discount adjusted",
           "scanned": "Scanned", "draft": "Draft for review",
           "signed": "Signed copy", "received": "Received by e-mail",
           "sent": "Sent", "photo": "Photo from the customer", "corrected": "Typo corrected",
           "resolved": "Closed: resolution recorded"},
}

# The letter that accompanies a contract sent for signature: (subject, body) with {number}.
CONTRACT_LETTERS: dict[str, tuple[str, str]] = {
    "de": ("Vertrag {number} zur Unterschrift", "anbei erhalten Sie den Vertrag {number} in "
           "zweifacher Ausfertigung. Bitte senden Sie uns ein unterschriebenes Exemplar zurück."),
    "es": ("Contrato {number} para su firma", "adjunto le enviamos el contrato {number} por "
           "duplicado. Le rogamos nos devuelva un ejemplar firmado."),
    "en": ("Agreement {number} for signature", "please find enclosed two copies of agreement "
           "{number}. Kindly return one signed copy to us."),
}

# What the seller's complaint record says: (description, resolution) per language.
COMPLAINT_NOTES: dict[str, tuple[str, str]] = {
    "de": ("Der Kunde meldet den Mangel telefonisch und per E-Mail. Lieferung {delivery} "
           "wird geprüft; Fotos liegen vor.", "Ersatz geliefert, Gutschrift erteilt."),
    "es": ("El cliente comunica el defecto por teléfono y por correo. Se revisa el albarán "
           "{delivery}; hay fotos disponibles.", "Reposición entregada, abono emitido."),
    "en": ("The customer reported the defect by phone and e-mail. Delivery {delivery} is "
           "being checked; photos are available.", "Replacement delivered, credit note issued."),
}
