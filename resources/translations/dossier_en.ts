<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DocumentDialog</name>
    <message numerus="yes">
        <location filename="../../app/dialogs/document_dialog.py" line="85"/>
        <source>Apply to all %n files</source>
        <translation>
            <numerusform>Apply to %n file</numerusform>
            <numerusform>Apply to all %n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="151"/>
        <source>%n document(s) filed</source>
        <translation>
            <numerusform>%n document filed</numerusform>
            <numerusform>%n documents filed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="190"/>
        <source>%1 is checked out with %n document(s).</source>
        <translation>
            <numerusform>%1 is checked out with %n document.</numerusform>
            <numerusform>%1 is checked out with %n documents.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="207"/>
        <source>Synchronised: %n change(s) sent.</source>
        <translation>
            <numerusform>Synchronised: %n change sent.</numerusform>
            <numerusform>Synchronised: %n changes sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="209"/>
        <source>Synchronised with %n conflict(s) to resolve.</source>
        <translation>
            <numerusform>Synchronised with %n conflict to resolve.</numerusform>
            <numerusform>Synchronised with %n conflicts to resolve.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="250"/>
        <source>%n file(s) you changed stay in the working folder.</source>
        <translation>
            <numerusform>%n file you changed stays in the working folder.</numerusform>
            <numerusform>%n files you changed stay in the working folder.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="256"/>
        <source>%n change(s) made to %1 have not been checked in. Cancelling the check-out throws them away. Cancel anyway?</source>
        <translation>
            <numerusform>%n change made to %1 has not been checked in. Cancelling the check-out throws them away. Cancel anyway?</numerusform>
            <numerusform>%n changes made to %1 have not been checked in. Cancelling the check-out throws them away. Cancel anyway?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../app/shell/main_window.py" line="376"/>
        <source>%n pending change(s)</source>
        <translation>
            <numerusform>%n pending change</numerusform>
            <numerusform>%n pending changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/shell/main_window.py" line="377"/>
        <source>⚠ %n conflict(s)</source>
        <translation>
            <numerusform>⚠ %n conflict</numerusform>
            <numerusform>⚠ %n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/shell/main_window.py" line="379"/>
        <source>Conflicts (%n)…</source>
        <translation>
            <numerusform>Conflicts (%n)…</numerusform>
            <numerusform>Conflicts (%n)…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message numerus="yes">
        <location filename="../../app/cockpit/navigator.py" line="143"/>
        <source>Customer files (%n)</source>
        <translation>
            <numerusform>Customer files (%n)</numerusform>
            <numerusform>Customer files (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/cockpit/navigator.py" line="194"/>
        <source>⚠ %n conflict(s)</source>
        <translation>
            <numerusform>⚠ %n conflict</numerusform>
            <numerusform>⚠ %n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/cockpit/navigator.py" line="196"/>
        <source>(%n pending)</source>
        <translation>
            <numerusform>(%n pending)</numerusform>
            <numerusform>(%n pending)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message numerus="yes">
        <location filename="../../app/shell/tray.py" line="74"/>
        <source>%n new document(s) in %1</source>
        <translation>
            <numerusform>%n new document in %1</numerusform>
            <numerusform>%n new documents in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/shell/tray.py" line="80"/>
        <source>%n open conflict(s) to decide</source>
        <translation>
            <numerusform>%n open conflict to decide</numerusform>
            <numerusform>%n open conflicts to decide</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <location filename="../../app/search/panel.py" line="313"/>
        <source>%n document(s) found, %1 shown.</source>
        <translation>
            <numerusform>%n document found, %1 shown.</numerusform>
            <numerusform>%n documents found, %1 shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/search/panel.py" line="316"/>
        <source>%n document(s) found.</source>
        <translation>
            <numerusform>%n document found.</numerusform>
            <numerusform>%n documents found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkingCopies</name>
    <message numerus="yes">
        <location filename="../../app/actions/working_copies.py" line="157"/>
        <source>%n working copies of %1 were deleted at once.</source>
        <translation>
            <numerusform>%n working copy of %1 was deleted.</numerusform>
            <numerusform>%n working copies of %1 were deleted at once.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/working_copies.py" line="160"/>
        <source>Delete %n document(s)?</source>
        <translation>
            <numerusform>Delete %n document?</numerusform>
            <numerusform>Delete %n documents?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/working_copies.py" line="167"/>
        <source>Delete %n document(s)</source>
        <translation>
            <numerusform>Delete %n document</numerusform>
            <numerusform>Delete %n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/working_copies.py" line="186"/>
        <source>%n document(s) deleted here; the deletion is sent at the next sync.</source>
        <translation>
            <numerusform>%n document deleted here; the deletion is sent at the next sync.</numerusform>
            <numerusform>%n documents deleted here; the deletion is sent at the next sync.</numerusform>
        </translation>
    </message>
</context>
</TS>
