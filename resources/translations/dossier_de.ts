<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CheckoutDialog</name>
    <message>
        <location filename="../../app/actions/file_actions.py" line="45"/>
        <source>Check out %1</source>
        <translation>%1 auschecken</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="46"/>
        <source>Take this customer file along for offline work. Your changes are sent back when you check in.</source>
        <translation>Nehmen Sie diese Kundenakte für die Offline-Arbeit mit. Ihre Änderungen werden beim Einchecken zurückübertragen.</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="49"/>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="50"/>
        <source>Shared – others keep working; differences are resolved at check-in</source>
        <translation>Gemeinsam – andere arbeiten weiter; Abweichungen werden beim Einchecken aufgelöst</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="52"/>
        <source>Exclusive – others can only read until you check in</source>
        <translation>Exklusiv – andere können nur lesen, bis Sie einchecken</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="58"/>
        <source>Registers</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="60"/>
        <source>The whole file</source>
        <translation>Die ganze Akte</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="73"/>
        <source>Check out</source>
        <translation>Auschecken</translation>
    </message>
</context>
<context>
    <name>Cockpit</name>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="69"/>
        <source>No customer file open</source>
        <translation>Keine Kundenakte geöffnet</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="76"/>
        <source>Views in this file ▾</source>
        <translation>Ansichten in dieser Akte ▾</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="77"/>
        <source>A saved search, only in this customer file</source>
        <translation>Eine gespeicherte Suche, nur in dieser Kundenakte</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="84"/>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="84"/>
        <location filename="../../app/cockpit/cockpit.py" line="99"/>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="86"/>
        <source>Registers</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="108"/>
        <source>Filter documents…</source>
        <translation>Dokumente filtern…</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="110"/>
        <source>Filter documents</source>
        <translation>Dokumente filtern</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="113"/>
        <source>Group documents by</source>
        <translation>Dokumente gruppieren nach</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="114"/>
        <source>No grouping</source>
        <translation>Keine Gruppierung</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="115"/>
        <source>Group by type</source>
        <translation>Nach Typ gruppieren</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="116"/>
        <source>Group by register</source>
        <translation>Nach Register gruppieren</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="117"/>
        <source>Group by month</source>
        <translation>Nach Monat gruppieren</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="184"/>
        <source>Opening…</source>
        <translation>Wird geöffnet…</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="240"/>
        <source>Checked out</source>
        <translation>Ausgecheckt</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="265"/>
        <source>All documents</source>
        <translation>Alle Dokumente</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="133"/>
        <source>Resolve conflict: %1</source>
        <translation>Konflikt auflösen: %1</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="163"/>
        <source>You and a colleague changed the same index values. Choose per field which value to keep; your other changes are sent as they are.</source>
        <translation>Sie und eine Kollegin oder ein Kollege haben dieselben Indexwerte geändert. Wählen Sie je Feld, welchen Wert Sie behalten; Ihre übrigen Änderungen werden unverändert übertragen.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="167"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="167"/>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="168"/>
        <location filename="../../app/dialogs/conflict_dialog.py" line="180"/>
        <location filename="../../app/dialogs/conflict_dialog.py" line="220"/>
        <source>Mine</source>
        <translation>Meine</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="168"/>
        <location filename="../../app/dialogs/conflict_dialog.py" line="181"/>
        <location filename="../../app/dialogs/conflict_dialog.py" line="220"/>
        <location filename="../../app/dialogs/conflict_dialog.py" line="229"/>
        <source>Theirs</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="168"/>
        <location filename="../../app/dialogs/conflict_dialog.py" line="224"/>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="169"/>
        <source>Conflicting fields</source>
        <translation>Widersprüchliche Felder</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="198"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="182"/>
        <source>Keep for %1</source>
        <translation>Behalten für %1</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="187"/>
        <source>All mine</source>
        <translation>Alle meine</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="189"/>
        <source>All theirs</source>
        <translation>Alle vom Server</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="216"/>
        <source>You and a colleague both saved new content for this document. Compare them and choose what to keep; nothing is lost.</source>
        <translation>Sie und eine Kollegin oder ein Kollege haben neuen Inhalt für dieses Dokument gespeichert. Vergleichen Sie beide und wählen Sie, was Sie behalten; nichts geht verloren.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="227"/>
        <source>Mine on top</source>
        <translation>Meine obenauf</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="228"/>
        <source>Your content becomes the current version; theirs stays in the history.</source>
        <translation>Ihr Inhalt wird die aktuelle Version; der fremde bleibt in der Versionsgeschichte.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="230"/>
        <source>Their content stays current; yours is kept as a draft you can restore.</source>
        <translation>Der fremde Inhalt bleibt aktuell; Ihrer wird als Entwurf aufbewahrt, den Sie wiederherstellen können.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="231"/>
        <source>Both</source>
        <translation>Beide</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="232"/>
        <source>Yours is filed as a separate document marked as a conflict copy.</source>
        <translation>Ihrer wird als eigenes Dokument abgelegt und als Konfliktkopie gekennzeichnet.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="250"/>
        <source>The server gave no reason.</source>
        <translation>Der Server hat keinen Grund genannt.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="251"/>
        <source>The server refused your change:</source>
        <translation>Der Server hat Ihre Änderung abgelehnt:</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="252"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="254"/>
        <source>Drop my change</source>
        <translation>Meine Änderung verwerfen</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="261"/>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
</context>
<context>
    <name>ConflictList</name>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="327"/>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="343"/>
        <source>Index values changed on both sides</source>
        <translation>Indexwerte auf beiden Seiten geändert</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="344"/>
        <source>New content on both sides</source>
        <translation>Neuer Inhalt auf beiden Seiten</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="345"/>
        <source>Edited here, deleted on the server</source>
        <translation>Hier bearbeitet, auf dem Server gelöscht</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="346"/>
        <source>Refused by the server</source>
        <translation>Vom Server abgelehnt</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="357"/>
        <source>No conflicts. Everything is in order.</source>
        <translation>Keine Konflikte. Alles ist in Ordnung.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="329"/>
        <source>Open conflicts</source>
        <translation>Offene Konflikte</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="330"/>
        <source>Resolve…</source>
        <translation>Auflösen…</translation>
    </message>
</context>
<context>
    <name>CoverSheet</name>
    <message>
        <location filename="../../app/cockpit/cover.py" line="96"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="97"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="118"/>
        <source>Cover sheet</source>
        <translation>Aktendeckel</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="147"/>
        <source>Address</source>
        <translation>Anschrift</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="152"/>
        <source>Show on map</source>
        <translation>Auf Karte zeigen</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="153"/>
        <source>Show the address on a map</source>
        <translation>Die Anschrift auf einer Karte zeigen</translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message>
        <location filename="../../app/actions/document_actions.py" line="98"/>
        <source>Edit index values…</source>
        <translation>Indexwerte bearbeiten…</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="100"/>
        <source>New version…</source>
        <translation>Neue Version…</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="102"/>
        <source>Registers…</source>
        <translation>Register…</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="104"/>
        <source>Save a copy…</source>
        <translation>Kopie speichern…</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="106"/>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="112"/>
        <source>&amp;Document</source>
        <translation>&amp;Dokument</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="169"/>
        <source>Index values saved.</source>
        <translation>Indexwerte gespeichert.</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="184"/>
        <source>New version of %1</source>
        <translation>Neue Version von %1</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="189"/>
        <source>New version</source>
        <translation>Neue Version</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="190"/>
        <source>What changed? (optional)</source>
        <translation>Was hat sich geändert? (optional)</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="199"/>
        <source>New version saved.</source>
        <translation>Neue Version gespeichert.</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="215"/>
        <source>Registers saved.</source>
        <translation>Register gespeichert.</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="227"/>
        <source>Save a copy</source>
        <translation>Kopie speichern</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="238"/>
        <source>Saved as %1</source>
        <translation>Gespeichert als %1</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="250"/>
        <source>Document deleted.</source>
        <translation>Dokument gelöscht.</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="251"/>
        <source>Document deleted here; the deletion is sent at the next sync.</source>
        <translation>Dokument hier gelöscht; die Löschung wird bei der nächsten Synchronisation übertragen.</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="256"/>
        <source>Delete document</source>
        <translation>Dokument löschen</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="257"/>
        <source>Delete “%1”? The archive keeps its versions; documents under retention cannot be deleted.</source>
        <translation>„%1“ löschen? Das Archiv bewahrt die Versionen auf; Dokumente mit Aufbewahrungsfrist können nicht gelöscht werden.</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="63"/>
        <source>Edit index values</source>
        <translation>Indexwerte bearbeiten</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="64"/>
        <source>File a document</source>
        <translation>Dokument ablegen</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="72"/>
        <source>Document type</source>
        <translation>Dokumenttyp</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="76"/>
        <location filename="../../app/dialogs/document_dialog.py" line="94"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="78"/>
        <location filename="../../app/dialogs/document_dialog.py" line="96"/>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/dialogs/document_dialog.py" line="85"/>
        <source>Apply to all %n files</source>
        <translation>
            <numerusform>Für die %n Datei übernehmen</numerusform>
            <numerusform>Für alle %n Dateien übernehmen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="92"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="93"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="233"/>
        <source>A title is required.</source>
        <translation>Ein Titel ist erforderlich.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="240"/>
        <source>This field is required.</source>
        <translation>Dieses Feld ist erforderlich.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="242"/>
        <source>Enter a whole number.</source>
        <translation>Geben Sie eine ganze Zahl ein.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="247"/>
        <source>Enter a number such as 1234.50.</source>
        <translation>Geben Sie eine Zahl wie 1234.50 ein.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="254"/>
        <source>Please correct the marked fields.</source>
        <translation>Bitte korrigieren Sie die markierten Felder.</translation>
    </message>
</context>
<context>
    <name>DocumentListView</name>
    <message>
        <location filename="../../app/cockpit/document_list.py" line="142"/>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_list.py" line="153"/>
        <source>Reset columns</source>
        <translation>Spalten zurücksetzen</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_list.py" line="187"/>
        <source>Still loading – try again in a moment</source>
        <translation>Wird noch geladen – bitte gleich noch einmal versuchen</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="91"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="58"/>
        <location filename="../../app/cockpit/document_pane.py" line="132"/>
        <source>No document selected</source>
        <translation>Kein Dokument ausgewählt</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="81"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="81"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="81"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="81"/>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="82"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="87"/>
        <source>Index values</source>
        <translation>Indexwerte</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="88"/>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="89"/>
        <source>Registers</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="101"/>
        <location filename="../../app/cockpit/document_pane.py" line="133"/>
        <source>Select a document to see it here.</source>
        <translation>Wählen Sie ein Dokument, um es hier zu sehen.</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="151"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="188"/>
        <source>This document has no content yet.</source>
        <translation>Dieses Dokument hat noch keinen Inhalt.</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="190"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="214"/>
        <source>The content could not be loaded.</source>
        <translation>Der Inhalt konnte nicht geladen werden.</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="224"/>
        <source>This document cannot be shown: %1</source>
        <translation>Dieses Dokument kann nicht angezeigt werden: %1</translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="66"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="67"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="68"/>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="69"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="70"/>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="71"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="72"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="73"/>
        <source>File name</source>
        <translation>Dateiname</translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <location filename="../../viewer/widget/view.py" line="171"/>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="186"/>
        <source>Find in document</source>
        <translation>Im Dokument suchen</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="160"/>
        <source>Fit page</source>
        <translation>Ganze Seite</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="159"/>
        <source>Fit width</source>
        <translation>Seitenbreite</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="264"/>
        <source>No preview for this format</source>
        <translation>Keine Vorschau für dieses Format</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="448"/>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="116"/>
        <location filename="../../viewer/widget/view.py" line="173"/>
        <source>Open in application</source>
        <translation>In Anwendung öffnen</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="374"/>
        <source>Page {0} of {1}</source>
        <translation>Seite {0} von {1}</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="149"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="279"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="172"/>
        <source>Print</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="281"/>
        <source>Protected document</source>
        <translation>Geschütztes Dokument</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="271"/>
        <source>This document cannot be shown.</source>
        <translation>Dieses Dokument kann nicht angezeigt werden.</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="268"/>
        <source>This document cannot be shown: it is damaged or too large.</source>
        <translation>Dieses Dokument kann nicht angezeigt werden: Es ist beschädigt oder zu groß.</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="266"/>
        <source>This document is protected by a password.</source>
        <translation>Dieses Dokument ist durch ein Passwort geschützt.</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="279"/>
        <source>Wrong password. Try again:</source>
        <translation>Falsches Passwort. Bitte erneut versuchen:</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="451"/>
        <source>{0} of {1}</source>
        <translation>{0} von {1}</translation>
    </message>
</context>
<context>
    <name>EditInApplication</name>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="155"/>
        <location filename="../../app/actions/edit_in_app.py" line="375"/>
        <source>Edit in application</source>
        <translation>In Anwendung bearbeiten</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="158"/>
        <source>Open the document in its application; saved changes become new versions</source>
        <translation>Das Dokument in seiner Anwendung öffnen; gespeicherte Änderungen werden zu neuen Versionen</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="199"/>
        <source>“%1” has no content to edit.</source>
        <translation>„%1“ hat keinen Inhalt zum Bearbeiten.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="213"/>
        <source>%1 (edits on version %2)</source>
        <translation>%1 (Änderungen an Version %2)</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="234"/>
        <source>Your earlier changes to “%1” were never saved as a version; they are kept in %2.</source>
        <translation>Ihre früheren Änderungen an „%1“ wurden nie als Version gespeichert; sie bleiben in %2 erhalten.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="241"/>
        <source>“%1” is open in its application; save there to make a new version.</source>
        <translation>„%1“ ist in seiner Anwendung geöffnet; speichern Sie dort, um eine neue Version anzulegen.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="256"/>
        <source>“%1” is open in its application; each save becomes a new version, sent at the next sync.</source>
        <translation>„%1“ ist in seiner Anwendung geöffnet; jedes Speichern wird eine neue Version, die bei der nächsten Synchronisierung übertragen wird.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="262"/>
        <source>The working copy of “%1” is not there yet; synchronise first.</source>
        <translation>Die Arbeitskopie von „%1“ ist noch nicht da; synchronisieren Sie zuerst.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="272"/>
        <source>No application is set up to open %1.</source>
        <translation>Keine Anwendung ist zum Öffnen von %1 eingerichtet.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="318"/>
        <source>“%1” was changed in another application.</source>
        <translation>„%1“ wurde in einer anderen Anwendung geändert.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="339"/>
        <source>“%1” saved as version %2.</source>
        <translation>„%1“ als Version %2 gespeichert.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="355"/>
        <source>Your changes to “%1” were not saved as a version, so the newer version was not overwritten. Your file stays in %2; “Edit in application” opens the newer version and keeps your file next to it.</source>
        <translation>Ihre Änderungen an „%1“ wurden nicht als Version gespeichert, damit die neuere Version nicht überschrieben wird. Ihre Datei bleibt in %2; „In Anwendung bearbeiten“ öffnet die neuere Version und behält Ihre Datei daneben.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../app/infra/workers.py" line="45"/>
        <source>The server cannot be reached. Check the network and try again.</source>
        <translation>Der Server ist nicht erreichbar. Prüfen Sie das Netzwerk und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="47"/>
        <source>Sign-in failed or the session expired. Please sign in again.</source>
        <translation>Die Anmeldung ist fehlgeschlagen oder abgelaufen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="49"/>
        <source>Someone else has checked this out exclusively (%1).</source>
        <translation>Jemand anderes hat dies exklusiv ausgecheckt (%1).</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="51"/>
        <source>Someone else changed this in the meantime. Reload and try again.</source>
        <translation>Jemand anderes hat dies inzwischen geändert. Laden Sie neu und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="53"/>
        <source>This object no longer exists or you may not see it.</source>
        <translation>Dieses Objekt existiert nicht mehr oder Sie dürfen es nicht sehen.</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="55"/>
        <source>You are not allowed to do this.</source>
        <translation>Dazu sind Sie nicht berechtigt.</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="56"/>
        <source>The archive keeps this document until %1; it cannot be deleted yet.</source>
        <translation>Das Archiv bewahrt dieses Dokument bis %1 auf; es kann noch nicht gelöscht werden.</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="58"/>
        <source>The server refused the request: %1</source>
        <translation>Der Server hat die Anfrage abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="59"/>
        <source>The server answered unexpectedly. Please try again later.</source>
        <translation>Der Server hat unerwartet geantwortet. Bitte versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="61"/>
        <source>This cannot be done: %1</source>
        <translation>Das ist nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="62"/>
        <source>A file could not be read or written: %1</source>
        <translation>Eine Datei konnte nicht gelesen oder geschrieben werden: %1</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="63"/>
        <source>Something went wrong: %1</source>
        <translation>Etwas ist schiefgegangen: %1</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="64"/>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../app/actions/file_actions.py" line="111"/>
        <source>Choose files to file</source>
        <translation>Dateien zum Ablegen wählen</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="137"/>
        <source>Filing documents…</source>
        <translation>Dokumente werden abgelegt…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="151"/>
        <source>%n document(s) filed</source>
        <translation>
            <numerusform>%n Dokument abgelegt</numerusform>
            <numerusform>%n Dokumente abgelegt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="190"/>
        <source>%1 is checked out with %n document(s).</source>
        <translation>
            <numerusform>%1 ist mit %n Dokument ausgecheckt.</numerusform>
            <numerusform>%1 ist mit %n Dokumenten ausgecheckt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="200"/>
        <source>Synchronising…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="205"/>
        <source>Offline: the changes stay queued.</source>
        <translation>Offline: Die Änderungen bleiben vorgemerkt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="207"/>
        <source>Synchronised: %n change(s) sent.</source>
        <translation>
            <numerusform>Synchronisiert: %n Änderung gesendet.</numerusform>
            <numerusform>Synchronisiert: %n Änderungen gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="224"/>
        <source>%1 is checked in.</source>
        <translation>%1 ist eingecheckt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="250"/>
        <source>%n file(s) you changed stay in the working folder.</source>
        <translation>
            <numerusform>%n von Ihnen geänderte Datei bleibt im Arbeitsordner.</numerusform>
            <numerusform>%n von Ihnen geänderte Dateien bleiben im Arbeitsordner.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="256"/>
        <source>%n change(s) made to %1 have not been checked in. Cancelling the check-out throws them away. Cancel anyway?</source>
        <translation>
            <numerusform>%n Änderung an %1 ist noch nicht eingecheckt. Wenn Sie das Auschecken abbrechen, geht sie verloren. Trotzdem abbrechen?</numerusform>
            <numerusform>%n Änderungen an %1 sind noch nicht eingecheckt. Wenn Sie das Auschecken abbrechen, gehen sie verloren. Trotzdem abbrechen?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="260"/>
        <source>Give %1 back without checking in? Nothing is pending.</source>
        <translation>%1 zurückgeben, ohne einzuchecken? Es steht nichts aus.</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="262"/>
        <source>Cancel check-out</source>
        <translation>Auschecken abbrechen</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="269"/>
        <source>The check-out of %1 is cancelled.</source>
        <translation>Das Auschecken von %1 ist abgebrochen.</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="304"/>
        <source>The new language is used from the next start.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="291"/>
        <source>Conflict resolved and synchronised.</source>
        <translation>Konflikt aufgelöst und synchronisiert.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="209"/>
        <source>Synchronised with %n conflict(s) to resolve.</source>
        <translation>
            <numerusform>Synchronisiert, %n Konflikt ist aufzulösen.</numerusform>
            <numerusform>Synchronisiert, %n Konflikte sind aufzulösen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilterChips</name>
    <message>
        <location filename="../../app/search/chips.py" line="29"/>
        <location filename="../../app/search/chips.py" line="46"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="30"/>
        <location filename="../../app/search/chips.py" line="47"/>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="31"/>
        <location filename="../../app/search/chips.py" line="48"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="66"/>
        <source>Any type</source>
        <translation>Jeder Typ</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="66"/>
        <source>Any register</source>
        <translation>Jedes Register</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="67"/>
        <source>Any time</source>
        <translation>Jederzeit</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="77"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="77"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="78"/>
        <source>Last 3 months</source>
        <translation>Letzte 3 Monate</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="79"/>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../app/cockpit/history.py" line="37"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="37"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="37"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="37"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="79"/>
        <source>You may not see the history of this document.</source>
        <translation>Sie dürfen den Verlauf dieses Dokuments nicht sehen.</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="86"/>
        <source>Viewed</source>
        <translation>Angesehen</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="86"/>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="87"/>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="87"/>
        <source>New version</source>
        <translation>Neue Version</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="88"/>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="88"/>
        <source>Checked in</source>
        <translation>Eingecheckt</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="89"/>
        <source>Checked out</source>
        <translation>Ausgecheckt</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="89"/>
        <source>Conflict resolved</source>
        <translation>Konflikt gelöst</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="90"/>
        <source>Rights changed</source>
        <translation>Rechte geändert</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="100"/>
        <source>viewed version %1</source>
        <translation>Version %1 angesehen</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="102"/>
        <source>(as PDF)</source>
        <translation>(als PDF)</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="105"/>
        <source>new version %1</source>
        <translation>neue Version %1</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="107"/>
        <source>filed the document</source>
        <translation>Dokument abgelegt</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="109"/>
        <source>deleted the document</source>
        <translation>Dokument gelöscht</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="111"/>
        <source>checked in</source>
        <translation>eingecheckt</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="113"/>
        <source>checked out</source>
        <translation>ausgecheckt</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="115"/>
        <source>resolved a conflict: %1</source>
        <translation>Konflikt gelöst: %1</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="122"/>
        <source>mine</source>
        <translation>meine</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="122"/>
        <source>theirs</source>
        <translation>die des Servers</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="123"/>
        <source>field by field</source>
        <translation>Feld für Feld</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="123"/>
        <source>both</source>
        <translation>beide</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="129"/>
        <source>changed title: %1</source>
        <translation>Titel geändert: %1</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="132"/>
        <source>changed index: %1</source>
        <translation>Indexwerte geändert: %1</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="134"/>
        <source>moved between registers</source>
        <translation>zwischen Registern verschoben</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="136"/>
        <source>legal hold on</source>
        <translation>Aufbewahrungssperre gesetzt</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="137"/>
        <source>legal hold off</source>
        <translation>Aufbewahrungssperre aufgehoben</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="138"/>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
</context>
<context>
    <name>KeyFigurePanel</name>
    <message>
        <location filename="../../app/cockpit/cover.py" line="179"/>
        <source>Open invoices</source>
        <translation>Offene Rechnungen</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="180"/>
        <source>Open amount</source>
        <translation>Offener Betrag</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="181"/>
        <source>Last order</source>
        <translation>Letzter Auftrag</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="182"/>
        <source>Open complaints</source>
        <translation>Offene Reklamationen</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/dialogs/login.py" line="33"/>
        <source>Sign in to Dossier</source>
        <translation>Bei Dossier anmelden</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/login.py" line="40"/>
        <source>Remember me on this computer</source>
        <translation>Auf diesem Computer angemeldet bleiben</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/login.py" line="47"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/login.py" line="48"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/login.py" line="49"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/login.py" line="50"/>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/login.py" line="54"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/login.py" line="78"/>
        <source>Not signed in.</source>
        <translation>Nicht angemeldet.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/shell/main_window.py" line="163"/>
        <source>Preferences…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="174"/>
        <source>&amp;Notifications</source>
        <translation>&amp;Benachrichtigungen</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="175"/>
        <source>No notifications</source>
        <translation>Keine Benachrichtigungen</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="62"/>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="96"/>
        <source>Download progress</source>
        <translation>Fortschritt der Übertragung</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="137"/>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="140"/>
        <source>New document…</source>
        <translation>Neues Dokument…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="142"/>
        <source>Check out…</source>
        <translation>Auschecken…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="144"/>
        <source>Sync</source>
        <translation>Synchronisieren</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="145"/>
        <source>Check in</source>
        <translation>Einchecken</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="147"/>
        <source>Cancel check-out…</source>
        <translation>Auschecken abbrechen…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="149"/>
        <location filename="../../app/shell/main_window.py" line="380"/>
        <source>Conflicts…</source>
        <translation>Konflikte…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="150"/>
        <source>Find customer</source>
        <translation>Kunden suchen</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="152"/>
        <location filename="../../app/shell/main_window.py" line="248"/>
        <source>☆ Favourite</source>
        <translation>☆ Favorit</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="154"/>
        <source>Keep this file among the favourites; new documents in it are announced (Ctrl+D)</source>
        <translation>Diese Akte bei den Favoriten führen; neue Dokumente darin werden gemeldet (Strg+D)</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="162"/>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="166"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="167"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="219"/>
        <source>the built-in server</source>
        <translation>den eingebauten Server</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="221"/>
        <source>Change server</source>
        <translation>Server wechseln</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="222"/>
        <source>Restart Dossier now to sign in to %1? Otherwise this happens at the next start.</source>
        <translation>Dossier jetzt neu starten, um sich bei %1 anzumelden? Sonst geschieht das beim nächsten Start.</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="242"/>
        <source>%1 is a favourite: new documents in it are announced.</source>
        <translation>%1 ist ein Favorit: neue Dokumente darin werden gemeldet.</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="243"/>
        <source>%1 is no longer a favourite.</source>
        <translation>%1 ist kein Favorit mehr.</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="248"/>
        <source>★ Favourite</source>
        <translation>★ Favorit</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="257"/>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="259"/>
        <source>Starting the server and signing in…</source>
        <translation>Server wird gestartet und Anmeldung läuft…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="268"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="285"/>
        <source>The server cannot be reached: working on your checked-out files.</source>
        <translation>Der Server ist nicht erreichbar: Sie arbeiten mit Ihren ausgecheckten Akten.</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="288"/>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="323"/>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="323"/>
        <source>○ Offline</source>
        <translation>○ Offline</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="326"/>
        <source>The server cannot be reached. Checked-out files can still be read and changed; the changes are sent when the connection is back.</source>
        <translation>Der Server ist nicht erreichbar. Ausgecheckte Akten können weiter gelesen und geändert werden; die Änderungen werden übertragen, sobald die Verbindung wieder besteht.</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="352"/>
        <source>The server is reachable again.</source>
        <translation>Der Server ist wieder erreichbar.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/shell/main_window.py" line="376"/>
        <source>%n pending change(s)</source>
        <translation>
            <numerusform>%n ausstehende Änderung</numerusform>
            <numerusform>%n ausstehende Änderungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/shell/main_window.py" line="377"/>
        <source>⚠ %n conflict(s)</source>
        <translation>
            <numerusform>⚠ %n Konflikt</numerusform>
            <numerusform>⚠ %n Konflikte</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="392"/>
        <source>Checking out %1…</source>
        <translation>%1 wird ausgecheckt…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="394"/>
        <source>Synchronising %1…</source>
        <translation>%1 wird synchronisiert…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="403"/>
        <source>%1: %2 of %3 documents</source>
        <translation>%1: %2 von %3 Dokumenten</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="412"/>
        <source>%1 – Dossier</source>
        <translation>%1 – Dossier</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="89"/>
        <source>Open conflicts</source>
        <translation>Offene Konflikte</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="90"/>
        <source>Changes made here and on the server collide: click to decide</source>
        <translation>Änderungen hier und auf dem Server widersprechen sich: zum Entscheiden klicken</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/shell/main_window.py" line="379"/>
        <source>Conflicts (%n)…</source>
        <translation>
            <numerusform>Konflikte (%n)…</numerusform>
            <numerusform>Konflikte (%n)…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="61"/>
        <source>Customer number or name…</source>
        <translation>Kundennummer oder Name…</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="63"/>
        <source>Search customer files</source>
        <translation>Kundenakten suchen</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="65"/>
        <source>Customer files found</source>
        <translation>Gefundene Kundenakten</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="68"/>
        <source>Customer files</source>
        <translation>Kundenakten</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="70"/>
        <source>Favourite files</source>
        <translation>Favorisierte Akten</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="72"/>
        <source>Mark the open file as a favourite with Ctrl+D: new documents in it are announced.</source>
        <translation>Die geöffnete Akte mit Strg+D als Favorit markieren: neue Dokumente darin werden gemeldet.</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="75"/>
        <location filename="../../app/cockpit/navigator.py" line="103"/>
        <source>Recent files</source>
        <translation>Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="78"/>
        <source>Checked-out files</source>
        <translation>Ausgecheckte Akten</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="83"/>
        <location filename="../../app/cockpit/navigator.py" line="93"/>
        <location filename="../../app/cockpit/navigator.py" line="213"/>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="87"/>
        <source>Saved searches: yours and your department&apos;s. Right-click for more.</source>
        <translation>Gespeicherte Suchen: Ihre und die Ihrer Abteilung. Rechtsklick für mehr.</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="101"/>
        <source>Favourites</source>
        <translation>Favoriten</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="105"/>
        <source>Checked out</source>
        <translation>Ausgecheckt</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/cockpit/navigator.py" line="143"/>
        <source>Customer files (%n)</source>
        <translation>
            <numerusform>Kundenakten (%n)</numerusform>
            <numerusform>Kundenakten (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/cockpit/navigator.py" line="194"/>
        <source>⚠ %n conflict(s)</source>
        <translation>
            <numerusform>⚠ %n Konflikt</numerusform>
            <numerusform>⚠ %n Konflikte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/cockpit/navigator.py" line="196"/>
        <source>(%n pending)</source>
        <translation>
            <numerusform>(%n ausstehend)</numerusform>
            <numerusform>(%n ausstehend)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="204"/>
        <source>This file has conflicts to resolve (Conflicts…).</source>
        <translation>Diese Akte hat Konflikte, die aufzulösen sind (Konflikte…).</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="219"/>
        <source>from %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="221"/>
        <source>mine, shared with %1</source>
        <translation>meine, geteilt mit %1</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="223"/>
        <source>mine</source>
        <translation>meine</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="231"/>
        <source>Views (need the server)</source>
        <translation>Ansichten (brauchen den Server)</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="241"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="242"/>
        <source>Show in the open file</source>
        <translation>In der geöffneten Akte anzeigen</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="247"/>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="248"/>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <location filename="../../app/shell/tray.py" line="59"/>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/shell/tray.py" line="74"/>
        <source>%n new document(s) in %1</source>
        <translation>
            <numerusform>%n neues Dokument in %1</numerusform>
            <numerusform>%n neue Dokumente in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/shell/tray.py" line="80"/>
        <source>%n open conflict(s) to decide</source>
        <translation>
            <numerusform>%n offener Konflikt wartet auf Entscheidung</numerusform>
            <numerusform>%n offene Konflikte warten auf Entscheidung</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/shell/tray.py" line="90"/>
        <source>Your edit of %1 was kept: it had been deleted on the server and is restored</source>
        <translation>Ihre Änderung an %1 bleibt erhalten: Das Dokument war auf dem Server gelöscht und ist wiederhergestellt</translation>
    </message>
    <message>
        <location filename="../../app/shell/tray.py" line="93"/>
        <source>Your edit of %1 was kept as a new document: it had been deleted on the server</source>
        <translation>Ihre Änderung an %1 bleibt als neues Dokument erhalten: Es war auf dem Server gelöscht</translation>
    </message>
    <message>
        <location filename="../../app/shell/tray.py" line="96"/>
        <source>Your deletion of %1 was undone: a colleague had changed it</source>
        <translation>Ihr Löschen von %1 wurde zurückgenommen: Ein Kollege hatte das Dokument geändert</translation>
    </message>
</context>
<context>
    <name>RegistersDialog</name>
    <message>
        <location filename="../../app/actions/document_actions.py" line="52"/>
        <source>Registers of %1</source>
        <translation>Register von %1</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="53"/>
        <source>A document can sit in several registers at once.</source>
        <translation>Ein Dokument kann in mehreren Registern zugleich liegen.</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="71"/>
        <source>A document stays in one register at least.</source>
        <translation>Ein Dokument bleibt in mindestens einem Register.</translation>
    </message>
</context>
<context>
    <name>SaveVersionPrompt</name>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="100"/>
        <source>Save as new version?</source>
        <translation>Als neue Version speichern?</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="102"/>
        <source>“%1” was changed in another application. Save the changes as version %2?</source>
        <translation>„%1“ wurde in einer anderen Anwendung geändert. Die Änderungen als Version %2 speichern?</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="106"/>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="111"/>
        <source>What changed? (optional)</source>
        <translation>Was wurde geändert? (optional)</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="112"/>
        <source>Comment on the new version</source>
        <translation>Kommentar zur neuen Version</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="114"/>
        <source>Save as new version</source>
        <translation>Als neue Version speichern</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="116"/>
        <source>Not now</source>
        <translation>Jetzt nicht</translation>
    </message>
</context>
<context>
    <name>ScheduledSync</name>
    <message>
        <location filename="../../app/actions/scheduled_sync.py" line="106"/>
        <source>Syncing…</source>
        <translation>Synchronisiere…</translation>
    </message>
    <message>
        <location filename="../../app/actions/scheduled_sync.py" line="108"/>
        <source>Last sync %1</source>
        <translation>Letzte Synchronisierung %1</translation>
    </message>
    <message>
        <location filename="../../app/actions/scheduled_sync.py" line="111"/>
        <source>Offline — retrying</source>
        <translation>Offline — neuer Versuch folgt</translation>
    </message>
    <message>
        <location filename="../../app/actions/scheduled_sync.py" line="113"/>
        <source>Sync failed — retrying later</source>
        <translation>Synchronisierung fehlgeschlagen — später neuer Versuch</translation>
    </message>
    <message>
        <location filename="../../app/actions/scheduled_sync.py" line="116"/>
        <source>Sync paused</source>
        <translation>Synchronisierung pausiert</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="12"/>
        <source>Customer number</source>
        <translation>Kundennummer</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="13"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="14"/>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="15"/>
        <source>Postcode</source>
        <translation>PLZ</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="16"/>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="17"/>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="18"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="19"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="20"/>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="21"/>
        <source>Account manager</source>
        <translation>Kundenbetreuer</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="22"/>
        <source>Credit limit</source>
        <translation>Kreditlimit</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="23"/>
        <source>Credit limit currency</source>
        <translation>Währung des Kreditlimits</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="24"/>
        <source>Payment terms</source>
        <translation>Zahlungsbedingungen</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="25"/>
        <source>Letter</source>
        <translation>Brief</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="26"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="27"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="28"/>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="29"/>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="30"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="31"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="32"/>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="33"/>
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="34"/>
        <source>Offer number</source>
        <translation>Angebotsnummer</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="35"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="36"/>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="37"/>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="38"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="39"/>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="40"/>
        <source>Order number</source>
        <translation>Auftragsnummer</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="41"/>
        <source>Order date</source>
        <translation>Auftragsdatum</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="42"/>
        <source>Customer reference</source>
        <translation>Kundenreferenz</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="43"/>
        <source>Requested delivery</source>
        <translation>Wunschliefertermin</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="44"/>
        <source>Delivery note</source>
        <translation>Lieferschein</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="45"/>
        <source>Delivery note number</source>
        <translation>Lieferscheinnummer</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="46"/>
        <source>Delivery date</source>
        <translation>Lieferdatum</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="47"/>
        <source>Packages</source>
        <translation>Packstücke</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="48"/>
        <source>Weight (kg)</source>
        <translation>Gewicht (kg)</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="49"/>
        <source>Invoice</source>
        <translation>Rechnung</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="50"/>
        <source>Invoice number</source>
        <translation>Rechnungsnummer</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="51"/>
        <source>Invoice date</source>
        <translation>Rechnungsdatum</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="52"/>
        <source>Due date</source>
        <translation>Fällig am</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="53"/>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="54"/>
        <source>Complaint</source>
        <translation>Reklamation</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="55"/>
        <source>Complaint number</source>
        <translation>Reklamationsnummer</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="56"/>
        <source>Received</source>
        <translation>Eingegangen</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="57"/>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="58"/>
        <source>Resolved on</source>
        <translation>Erledigt am</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="59"/>
        <source>Contract</source>
        <translation>Vertrag</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="60"/>
        <source>Contract number</source>
        <translation>Vertragsnummer</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="61"/>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="62"/>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="63"/>
        <source>Annual value</source>
        <translation>Jahreswert</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="64"/>
        <source>Notice period (days)</source>
        <translation>Kündigungsfrist (Tage)</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="65"/>
        <source>Internal note</source>
        <translation>Interne Notiz</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="66"/>
        <source>Author</source>
        <translation>Verfasser</translation>
    </message>
</context>
<context>
    <name>SearchDock</name>
    <message>
        <location filename="../../app/search/dock.py" line="51"/>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="58"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="62"/>
        <source>Search documents</source>
        <translation>Dokumente suchen</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="67"/>
        <source>Results from the checked-out files only (offline)</source>
        <translation>Ergebnisse nur aus den ausgecheckten Akten (offline)</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="210"/>
        <source>The query cannot be understood at position %1: expected %2.</source>
        <translation>Die Abfrage ist an Position %1 nicht verständlich: erwartet %2.</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="215"/>
        <source>Views are kept on the server, which cannot be reached now. Try again when you are online.</source>
        <translation>Ansichten liegen auf dem Server, der gerade nicht erreichbar ist. Versuchen Sie es wieder, wenn Sie online sind.</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="223"/>
        <source>View “%1” saved.</source>
        <translation>Ansicht „%1“ gespeichert.</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="231"/>
        <source>Delete view</source>
        <translation>Ansicht löschen</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="232"/>
        <source>Delete the view “%1”? The documents stay as they are.</source>
        <translation>Die Ansicht „%1“ löschen? Die Dokumente bleiben, wie sie sind.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../app/search/panel.py" line="81"/>
        <source>Search documents… (Ctrl+K)</source>
        <translation>Dokumente suchen… (Strg+K)</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="83"/>
        <source>Search documents</source>
        <translation>Dokumente suchen</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="92"/>
        <location filename="../../app/search/panel.py" line="207"/>
        <source>In the open file</source>
        <translation>In der geöffneten Akte</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="97"/>
        <source>Group hits by</source>
        <translation>Treffer gruppieren nach</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="98"/>
        <source>No grouping</source>
        <translation>Keine Gruppierung</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="98"/>
        <source>Group by type</source>
        <translation>Nach Typ gruppieren</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="99"/>
        <source>Group by customer file</source>
        <translation>Nach Kundenakte gruppieren</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="100"/>
        <source>Group by register</source>
        <translation>Nach Register gruppieren</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="101"/>
        <source>Group by month</source>
        <translation>Nach Monat gruppieren</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="104"/>
        <source>Sort hits</source>
        <translation>Treffer sortieren</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="105"/>
        <source>Best match first</source>
        <translation>Beste Treffer zuerst</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="106"/>
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="107"/>
        <source>Oldest first</source>
        <translation>Älteste zuerst</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="111"/>
        <source>Save as view…</source>
        <translation>Als Ansicht speichern…</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="120"/>
        <source>Search message</source>
        <translation>Suchhinweis</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="127"/>
        <source>Documents found</source>
        <translation>Gefundene Dokumente</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="139"/>
        <source>More results</source>
        <translation>Weitere Treffer</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="147"/>
        <source>Narrow:</source>
        <translation>Eingrenzen:</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="206"/>
        <source>Only in %1</source>
        <translation>Nur in %1</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="260"/>
        <source>Type words to search for, then press Enter.</source>
        <translation>Suchbegriffe eingeben und Eingabe drücken.</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="263"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="311"/>
        <source>Nothing found.</source>
        <translation>Nichts gefunden.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/search/panel.py" line="313"/>
        <source>%n document(s) found, %1 shown.</source>
        <translation>
            <numerusform>%n Dokument gefunden, %1 angezeigt.</numerusform>
            <numerusform>%n Dokumente gefunden, %1 angezeigt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/search/panel.py" line="316"/>
        <source>%n document(s) found.</source>
        <translation>
            <numerusform>%n Dokument gefunden.</numerusform>
            <numerusform>%n Dokumente gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="318"/>
        <source>View “%1”:</source>
        <translation>Ansicht „%1“:</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="321"/>
        <source>Only in %1 (%2).</source>
        <translation>Nur in %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="325"/>
        <source>Results from the checked-out files only (offline).</source>
        <translation>Ergebnisse nur aus den ausgecheckten Akten (offline).</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="333"/>
        <source>The search cannot be understood at position %1: expected %2.</source>
        <translation>Die Suche ist an Position %1 nicht verständlich: erwartet %2.</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="339"/>
        <source>The search cannot be run: %1</source>
        <translation>Die Suche kann nicht ausgeführt werden: %1</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="341"/>
        <source>This server has search switched off.</source>
        <translation>Auf diesem Server ist die Suche ausgeschaltet.</translation>
    </message>
</context>
<context>
    <name>SearchResultModel</name>
    <message>
        <location filename="../../app/search/results.py" line="55"/>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <location filename="../../app/search/results.py" line="56"/>
        <source>Customer file</source>
        <translation>Kundenakte</translation>
    </message>
    <message>
        <location filename="../../app/search/results.py" line="57"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../app/search/results.py" line="58"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="42"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="45"/>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="46"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="48"/>
        <source>Change server…</source>
        <translation>Server wechseln…</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="49"/>
        <location filename="../../app/dialogs/settings_dialog.py" line="103"/>
        <source>Change server</source>
        <translation>Server wechseln</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="54"/>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="58"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="59"/>
        <source>Sync interval in seconds</source>
        <translation>Synchronisierungsintervall in Sekunden</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="62"/>
        <source>Sync interval:</source>
        <translation>Synchronisierungsintervall:</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="65"/>
        <location filename="../../app/dialogs/settings_dialog.py" line="118"/>
        <source>Working folder</source>
        <translation>Arbeitsordner</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="66"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="71"/>
        <source>Working folder:</source>
        <translation>Arbeitsordner:</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="72"/>
        <source>Files you check out from now on are written there.</source>
        <translation>Akten, die Sie ab jetzt auschecken, werden dort abgelegt.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="77"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="78"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="83"/>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="87"/>
        <source>Deletion-guard threshold</source>
        <translation>Schwelle des Löschschutzes</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="89"/>
        <source>Ask before a sync deletes more than this many documents</source>
        <translation>Nachfragen, bevor eine Synchronisierung mehr als so viele Dokumente löscht</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="91"/>
        <source>Deletion guard:</source>
        <translation>Löschschutz:</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="104"/>
        <source>Address of the Dossier server (empty: the built-in server with demo data). Dossier restarts and asks you to sign in there.</source>
        <translation>Adresse des Dossier-Servers (leer: der eingebaute Server mit Demodaten). Dossier startet neu und fragt nach Ihrer Anmeldung dort.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="115"/>
        <source>Built-in server (demo data)</source>
        <translation>Eingebauter Server (Demodaten)</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <location filename="../../app/shell/tray.py" line="126"/>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../app/shell/tray.py" line="128"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location filename="../../app/shell/tray.py" line="129"/>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <location filename="../../app/shell/tray.py" line="131"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>ViewDialog</name>
    <message>
        <location filename="../../app/search/view_dialog.py" line="33"/>
        <source>Edit view</source>
        <translation>Ansicht bearbeiten</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="33"/>
        <source>Save as view</source>
        <translation>Als Ansicht speichern</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="35"/>
        <source>Name of the view</source>
        <translation>Name der Ansicht</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="36"/>
        <source>e.g. Orders of the last 3 months</source>
        <translation>z. B. Aufträge der letzten 3 Monate</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="38"/>
        <source>Query of the view</source>
        <translation>Abfrage der Ansicht</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="40"/>
        <source>Who sees the view</source>
        <translation>Wer die Ansicht sieht</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="41"/>
        <source>Only me</source>
        <translation>Nur ich</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="47"/>
        <source>Everyone in %1</source>
        <translation>Alle in %1</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="55"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="56"/>
        <source>Query</source>
        <translation>Abfrage</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="57"/>
        <source>Shared with</source>
        <translation>Geteilt mit</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="79"/>
        <source>Give the view a name.</source>
        <translation>Geben Sie der Ansicht einen Namen.</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="82"/>
        <source>A view needs a query.</source>
        <translation>Eine Ansicht braucht eine Abfrage.</translation>
    </message>
</context>
<context>
    <name>WindowHost</name>
    <message>
        <location filename="../../app/shell/window_host.py" line="93"/>
        <source>The language changes as soon as the current work is done.</source>
        <translation>Die Sprache wechselt, sobald die laufende Arbeit erledigt ist.</translation>
    </message>
</context>
<context>
    <name>WorkingCopies</name>
    <message>
        <location filename="../../app/actions/working_copies.py" line="125"/>
        <source>“%1” saved as version %2; it is sent at the next sync.</source>
        <translation>„%1“ als Version %2 gespeichert; sie wird bei der nächsten Synchronisierung übertragen.</translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="132"/>
        <source>The working copy of “%1” was deleted; the document stays in the file.</source>
        <translation>Die Arbeitskopie von „%1“ wurde gelöscht; das Dokument bleibt in der Akte.</translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="136"/>
        <source>“%1” in the working folder is not filed; use “New document…” to file it.</source>
        <translation>„%1“ im Arbeitsordner ist nicht abgelegt; legen Sie es mit „Neues Dokument…“ ab.</translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="142"/>
        <source>A working copy could not be saved as a version: %1</source>
        <translation>Eine Arbeitskopie konnte nicht als Version gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="155"/>
        <source>The working folder of %1 is gone.</source>
        <translation>Der Arbeitsordner von %1 ist verschwunden.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/working_copies.py" line="157"/>
        <source>%n working copies of %1 were deleted at once.</source>
        <translation>
            <numerusform>%n Arbeitskopie von %1 wurde gelöscht.</numerusform>
            <numerusform>%n Arbeitskopien von %1 wurden auf einmal gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="159"/>
        <source>Working copies deleted</source>
        <translation>Arbeitskopien gelöscht</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/working_copies.py" line="160"/>
        <source>Delete %n document(s)?</source>
        <translation>
            <numerusform>%n Dokument löschen?</numerusform>
            <numerusform>%n Dokumente löschen?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="164"/>
        <source>Deleted documents leave the customer file at the next sync; the archive keeps their versions. “Keep” writes the working copies again.</source>
        <translation>Gelöschte Dokumente verlassen die Kundenakte bei der nächsten Synchronisierung; das Archiv behält ihre Versionen. „Behalten“ schreibt die Arbeitskopien neu.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/working_copies.py" line="167"/>
        <source>Delete %n document(s)</source>
        <translation>
            <numerusform>%n Dokument löschen</numerusform>
            <numerusform>%n Dokumente löschen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="168"/>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/working_copies.py" line="186"/>
        <source>%n document(s) deleted here; the deletion is sent at the next sync.</source>
        <translation>
            <numerusform>%n Dokument hier gelöscht; die Löschung wird bei der nächsten Synchronisierung übertragen.</numerusform>
            <numerusform>%n Dokumente hier gelöscht; die Löschung wird bei der nächsten Synchronisierung übertragen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="196"/>
        <source>Working copies written again: %1.</source>
        <translation>Arbeitskopien neu geschrieben: %1.</translation>
    </message>
</context>
<context>
    <name>_ContentPreview</name>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="96"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
</context>
</TS>
