<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>CheckoutDialog</name>
    <message>
        <location filename="../../app/actions/file_actions.py" line="45"/>
        <source>Check out %1</source>
        <translation>Hacer checkout de %1</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="46"/>
        <source>Take this customer file along for offline work. Your changes are sent back when you check in.</source>
        <translation>Llévese este expediente de cliente para trabajar sin conexión. Sus cambios se envían al hacer el checkin.</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="49"/>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="50"/>
        <source>Shared – others keep working; differences are resolved at check-in</source>
        <translation>Compartido – los demás siguen trabajando; las diferencias se resuelven en el checkin</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="52"/>
        <source>Exclusive – others can only read until you check in</source>
        <translation>Exclusivo – los demás solo pueden leer hasta que haga el checkin</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="58"/>
        <source>Registers</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="60"/>
        <source>The whole file</source>
        <translation>El expediente completo</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="73"/>
        <source>Check out</source>
        <translation>Hacer checkout</translation>
    </message>
</context>
<context>
    <name>Cockpit</name>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="69"/>
        <source>No customer file open</source>
        <translation>Ningún expediente abierto</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="76"/>
        <source>Views in this file ▾</source>
        <translation>Vistas en este expediente ▾</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="77"/>
        <source>A saved search, only in this customer file</source>
        <translation>Una búsqueda guardada, solo en este expediente de cliente</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="84"/>
        <source>Register</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="84"/>
        <location filename="../../app/cockpit/cockpit.py" line="99"/>
        <source>Documents</source>
        <translation>Documentos</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="86"/>
        <source>Registers</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="108"/>
        <source>Filter documents…</source>
        <translation>Filtrar documentos…</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="110"/>
        <source>Filter documents</source>
        <translation>Filtrar documentos</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="113"/>
        <source>Group documents by</source>
        <translation>Agrupar documentos por</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="114"/>
        <source>No grouping</source>
        <translation>Sin agrupar</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="115"/>
        <source>Group by type</source>
        <translation>Agrupar por tipo</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="116"/>
        <source>Group by register</source>
        <translation>Agrupar por registro</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="117"/>
        <source>Group by month</source>
        <translation>Agrupar por mes</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="184"/>
        <source>Opening…</source>
        <translation>Abriendo…</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="240"/>
        <source>Checked out</source>
        <translation>En checkout</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cockpit.py" line="265"/>
        <source>All documents</source>
        <translation>Todos los documentos</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="133"/>
        <source>Resolve conflict: %1</source>
        <translation>Resolver conflicto: %1</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="163"/>
        <source>You and a colleague changed the same index values. Choose per field which value to keep; your other changes are sent as they are.</source>
        <translation>Usted y un compañero cambiaron los mismos valores de índice. Elija por campo qué valor conservar; sus demás cambios se envían tal cual.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="167"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="167"/>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="168"/>
        <location filename="../../app/dialogs/conflict_dialog.py" line="180"/>
        <location filename="../../app/dialogs/conflict_dialog.py" line="220"/>
        <source>Mine</source>
        <translation>Mío</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="168"/>
        <location filename="../../app/dialogs/conflict_dialog.py" line="181"/>
        <location filename="../../app/dialogs/conflict_dialog.py" line="220"/>
        <location filename="../../app/dialogs/conflict_dialog.py" line="229"/>
        <source>Theirs</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="168"/>
        <location filename="../../app/dialogs/conflict_dialog.py" line="224"/>
        <source>Keep</source>
        <translation>Conservar</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="169"/>
        <source>Conflicting fields</source>
        <translation>Campos en conflicto</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="198"/>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="182"/>
        <source>Keep for %1</source>
        <translation>Conservar para %1</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="187"/>
        <source>All mine</source>
        <translation>Todo lo mío</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="189"/>
        <source>All theirs</source>
        <translation>Todo del servidor</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="216"/>
        <source>You and a colleague both saved new content for this document. Compare them and choose what to keep; nothing is lost.</source>
        <translation>Usted y un compañero guardaron contenido nuevo para este documento. Compárelos y elija qué conservar; no se pierde nada.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="227"/>
        <source>Mine on top</source>
        <translation>Lo mío encima</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="228"/>
        <source>Your content becomes the current version; theirs stays in the history.</source>
        <translation>Su contenido pasa a ser la versión actual; el del otro queda en el historial.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="230"/>
        <source>Their content stays current; yours is kept as a draft you can restore.</source>
        <translation>El contenido del otro sigue siendo el actual; el suyo se guarda como borrador que puede restaurar.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="231"/>
        <source>Both</source>
        <translation>Ambos</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="232"/>
        <source>Yours is filed as a separate document marked as a conflict copy.</source>
        <translation>El suyo se archiva como documento aparte marcado como copia de conflicto.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="250"/>
        <source>The server gave no reason.</source>
        <translation>El servidor no indicó ningún motivo.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="251"/>
        <source>The server refused your change:</source>
        <translation>El servidor rechazó su cambio:</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="252"/>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="254"/>
        <source>Drop my change</source>
        <translation>Descartar mi cambio</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="261"/>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
</context>
<context>
    <name>ConflictList</name>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="327"/>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="343"/>
        <source>Index values changed on both sides</source>
        <translation>Valores de índice cambiados en ambos lados</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="344"/>
        <source>New content on both sides</source>
        <translation>Contenido nuevo en ambos lados</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="345"/>
        <source>Edited here, deleted on the server</source>
        <translation>Editado aquí, eliminado en el servidor</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="346"/>
        <source>Refused by the server</source>
        <translation>Rechazado por el servidor</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="357"/>
        <source>No conflicts. Everything is in order.</source>
        <translation>No hay conflictos. Todo está en orden.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="329"/>
        <source>Open conflicts</source>
        <translation>Conflictos abiertos</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="330"/>
        <source>Resolve…</source>
        <translation>Resolver…</translation>
    </message>
</context>
<context>
    <name>CoverSheet</name>
    <message>
        <location filename="../../app/cockpit/cover.py" line="96"/>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="97"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="118"/>
        <source>Cover sheet</source>
        <translation>Cubierta</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="147"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="152"/>
        <source>Show on map</source>
        <translation>Ver en el mapa</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="153"/>
        <source>Show the address on a map</source>
        <translation>Mostrar la dirección en un mapa</translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message>
        <location filename="../../app/actions/document_actions.py" line="98"/>
        <source>Edit index values…</source>
        <translation>Editar valores de índice…</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="100"/>
        <source>New version…</source>
        <translation>Nueva versión…</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="102"/>
        <source>Registers…</source>
        <translation>Registros…</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="104"/>
        <source>Save a copy…</source>
        <translation>Guardar una copia…</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="106"/>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="112"/>
        <source>&amp;Document</source>
        <translation>&amp;Documento</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="169"/>
        <source>Index values saved.</source>
        <translation>Valores de índice guardados.</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="184"/>
        <source>New version of %1</source>
        <translation>Nueva versión de %1</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="189"/>
        <source>New version</source>
        <translation>Nueva versión</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="190"/>
        <source>What changed? (optional)</source>
        <translation>¿Qué ha cambiado? (opcional)</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="199"/>
        <source>New version saved.</source>
        <translation>Nueva versión guardada.</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="215"/>
        <source>Registers saved.</source>
        <translation>Registros guardados.</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="227"/>
        <source>Save a copy</source>
        <translation>Guardar una copia</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="238"/>
        <source>Saved as %1</source>
        <translation>Guardado como %1</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="250"/>
        <source>Document deleted.</source>
        <translation>Documento eliminado.</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="251"/>
        <source>Document deleted here; the deletion is sent at the next sync.</source>
        <translation>Documento eliminado aquí; la eliminación se envía en la próxima sincronización.</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="256"/>
        <source>Delete document</source>
        <translation>Eliminar documento</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="257"/>
        <source>Delete “%1”? The archive keeps its versions; documents under retention cannot be deleted.</source>
        <translation>¿Eliminar «%1»? El archivo conserva sus versiones; los documentos con plazo de conservación no se pueden eliminar.</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="63"/>
        <source>Edit index values</source>
        <translation>Editar valores de índice</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="64"/>
        <source>File a document</source>
        <translation>Archivar un documento</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="72"/>
        <source>Document type</source>
        <translation>Tipo de documento</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="76"/>
        <location filename="../../app/dialogs/document_dialog.py" line="94"/>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="78"/>
        <location filename="../../app/dialogs/document_dialog.py" line="96"/>
        <source>Register</source>
        <translation>Registro</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/dialogs/document_dialog.py" line="85"/>
        <source>Apply to all %n files</source>
        <translation>
            <numerusform>Aplicar al %n archivo</numerusform>
            <numerusform>Aplicar a los %n archivos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="92"/>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="93"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="233"/>
        <source>A title is required.</source>
        <translation>El título es obligatorio.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="240"/>
        <source>This field is required.</source>
        <translation>Este campo es obligatorio.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="242"/>
        <source>Enter a whole number.</source>
        <translation>Introduzca un número entero.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="247"/>
        <source>Enter a number such as 1234.50.</source>
        <translation>Introduzca un número como 1234.50.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/document_dialog.py" line="254"/>
        <source>Please correct the marked fields.</source>
        <translation>Corrija los campos marcados.</translation>
    </message>
</context>
<context>
    <name>DocumentListView</name>
    <message>
        <location filename="../../app/cockpit/document_list.py" line="142"/>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_list.py" line="153"/>
        <source>Reset columns</source>
        <translation>Restablecer columnas</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_list.py" line="187"/>
        <source>Still loading – try again in a moment</source>
        <translation>Todavía se está cargando: inténtelo de nuevo en un momento</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="91"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="58"/>
        <location filename="../../app/cockpit/document_pane.py" line="132"/>
        <source>No document selected</source>
        <translation>Ningún documento seleccionado</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="81"/>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="81"/>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="81"/>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="81"/>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="82"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="87"/>
        <source>Index values</source>
        <translation>Valores de índice</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="88"/>
        <source>Versions</source>
        <translation>Versiones</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="89"/>
        <source>Registers</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="101"/>
        <location filename="../../app/cockpit/document_pane.py" line="133"/>
        <source>Select a document to see it here.</source>
        <translation>Seleccione un documento para verlo aquí.</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="151"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="188"/>
        <source>This document has no content yet.</source>
        <translation>Este documento aún no tiene contenido.</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="190"/>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="214"/>
        <source>The content could not be loaded.</source>
        <translation>No se pudo cargar el contenido.</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/document_pane.py" line="224"/>
        <source>This document cannot be shown: %1</source>
        <translation>Este documento no se puede mostrar: %1</translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="66"/>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="67"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="68"/>
        <source>Register</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="69"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="70"/>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="71"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="72"/>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/item_models.py" line="73"/>
        <source>File name</source>
        <translation>Nombre de archivo</translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <location filename="../../viewer/widget/view.py" line="171"/>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="186"/>
        <source>Find in document</source>
        <translation>Buscar en el documento</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="160"/>
        <source>Fit page</source>
        <translation>Página completa</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="159"/>
        <source>Fit width</source>
        <translation>Ajustar al ancho</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="264"/>
        <source>No preview for this format</source>
        <translation>No hay vista previa para este formato</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="448"/>
        <source>Not found</source>
        <translation>No encontrado</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="116"/>
        <location filename="../../viewer/widget/view.py" line="173"/>
        <source>Open in application</source>
        <translation>Abrir en la aplicación</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="374"/>
        <source>Page {0} of {1}</source>
        <translation>Página {0} de {1}</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="149"/>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="279"/>
        <source>Password:</source>
        <translation>Contraseña:</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="172"/>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="281"/>
        <source>Protected document</source>
        <translation>Documento protegido</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="271"/>
        <source>This document cannot be shown.</source>
        <translation>Este documento no se puede mostrar.</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="268"/>
        <source>This document cannot be shown: it is damaged or too large.</source>
        <translation>Este documento no se puede mostrar: está dañado o es demasiado grande.</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="266"/>
        <source>This document is protected by a password.</source>
        <translation>Este documento está protegido con contraseña.</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="279"/>
        <source>Wrong password. Try again:</source>
        <translation>Contraseña incorrecta. Inténtelo de nuevo:</translation>
    </message>
    <message>
        <location filename="../../viewer/widget/view.py" line="451"/>
        <source>{0} of {1}</source>
        <translation>{0} de {1}</translation>
    </message>
</context>
<context>
    <name>EditInApplication</name>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="155"/>
        <location filename="../../app/actions/edit_in_app.py" line="375"/>
        <source>Edit in application</source>
        <translation>Editar en la aplicación</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="158"/>
        <source>Open the document in its application; saved changes become new versions</source>
        <translation>Abrir el documento en su aplicación; los cambios guardados se convierten en nuevas versiones</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="199"/>
        <source>“%1” has no content to edit.</source>
        <translation>«%1» no tiene contenido que editar.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="213"/>
        <source>%1 (edits on version %2)</source>
        <translation>%1 (cambios sobre la versión %2)</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="234"/>
        <source>Your earlier changes to “%1” were never saved as a version; they are kept in %2.</source>
        <translation>Sus cambios anteriores en «%1» nunca se guardaron como versión; se conservan en %2.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="241"/>
        <source>“%1” is open in its application; save there to make a new version.</source>
        <translation>«%1» está abierto en su aplicación; guarde allí para crear una nueva versión.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="256"/>
        <source>“%1” is open in its application; each save becomes a new version, sent at the next sync.</source>
        <translation>«%1» está abierto en su aplicación; cada vez que guarde se crea una nueva versión, que se envía en la próxima sincronización.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="262"/>
        <source>The working copy of “%1” is not there yet; synchronise first.</source>
        <translation>La copia de trabajo de «%1» todavía no está; sincronice primero.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="272"/>
        <source>No application is set up to open %1.</source>
        <translation>No hay ninguna aplicación configurada para abrir %1.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="318"/>
        <source>“%1” was changed in another application.</source>
        <translation>«%1» se ha modificado en otra aplicación.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="339"/>
        <source>“%1” saved as version %2.</source>
        <translation>«%1» guardado como versión %2.</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="355"/>
        <source>Your changes to “%1” were not saved as a version, so the newer version was not overwritten. Your file stays in %2; “Edit in application” opens the newer version and keeps your file next to it.</source>
        <translation>Sus cambios en «%1» no se han guardado como versión, para no sobrescribir la versión más reciente. Su archivo se queda en %2; «Editar en la aplicación» abre la versión más reciente y conserva su archivo al lado.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../app/infra/workers.py" line="45"/>
        <source>The server cannot be reached. Check the network and try again.</source>
        <translation>No se puede acceder al servidor. Compruebe la red e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="47"/>
        <source>Sign-in failed or the session expired. Please sign in again.</source>
        <translation>El inicio de sesión falló o la sesión caducó. Vuelva a iniciar sesión.</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="49"/>
        <source>Someone else has checked this out exclusively (%1).</source>
        <translation>Otra persona tiene esto en checkout exclusivo (%1).</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="51"/>
        <source>Someone else changed this in the meantime. Reload and try again.</source>
        <translation>Otra persona lo ha cambiado entretanto. Recargue e inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="53"/>
        <source>This object no longer exists or you may not see it.</source>
        <translation>Este objeto ya no existe o no tiene permiso para verlo.</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="55"/>
        <source>You are not allowed to do this.</source>
        <translation>No tiene permiso para hacer esto.</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="56"/>
        <source>The archive keeps this document until %1; it cannot be deleted yet.</source>
        <translation>El archivo conserva este documento hasta el %1; todavía no se puede eliminar.</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="58"/>
        <source>The server refused the request: %1</source>
        <translation>El servidor rechazó la solicitud: %1</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="59"/>
        <source>The server answered unexpectedly. Please try again later.</source>
        <translation>El servidor respondió de forma inesperada. Inténtelo más tarde.</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="61"/>
        <source>This cannot be done: %1</source>
        <translation>No es posible: %1</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="62"/>
        <source>A file could not be read or written: %1</source>
        <translation>No se pudo leer o escribir un archivo: %1</translation>
    </message>
    <message>
        <location filename="../../app/infra/workers.py" line="63"/>
        <source>Something went wrong: %1</source>
        <translation>Algo salió mal: %1</translation>
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
        <translation>Elegir archivos para archivar</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="137"/>
        <source>Filing documents…</source>
        <translation>Archivando documentos…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="151"/>
        <source>%n document(s) filed</source>
        <translation>
            <numerusform>%n documento archivado</numerusform>
            <numerusform>%n documentos archivados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="190"/>
        <source>%1 is checked out with %n document(s).</source>
        <translation>
            <numerusform>%1 está en checkout con %n documento.</numerusform>
            <numerusform>%1 está en checkout con %n documentos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="200"/>
        <source>Synchronising…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="205"/>
        <source>Offline: the changes stay queued.</source>
        <translation>Sin conexión: los cambios quedan en cola.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="207"/>
        <source>Synchronised: %n change(s) sent.</source>
        <translation>
            <numerusform>Sincronizado: %n cambio enviado.</numerusform>
            <numerusform>Sincronizado: %n cambios enviados.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="224"/>
        <source>%1 is checked in.</source>
        <translation>Checkin de %1 realizado.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="250"/>
        <source>%n file(s) you changed stay in the working folder.</source>
        <translation>
            <numerusform>%n archivo que ha modificado se queda en la carpeta de trabajo.</numerusform>
            <numerusform>%n archivos que ha modificado se quedan en la carpeta de trabajo.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="256"/>
        <source>%n change(s) made to %1 have not been checked in. Cancelling the check-out throws them away. Cancel anyway?</source>
        <translation>
            <numerusform>%n cambio en %1 no se ha registrado. Si cancela la salida, se pierde. ¿Cancelar de todos modos?</numerusform>
            <numerusform>%n cambios en %1 no se han registrado. Si cancela la salida, se pierden. ¿Cancelar de todos modos?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="260"/>
        <source>Give %1 back without checking in? Nothing is pending.</source>
        <translation>¿Devolver %1 sin registrar la entrada? No hay nada pendiente.</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="262"/>
        <source>Cancel check-out</source>
        <translation>Cancelar la salida</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="269"/>
        <source>The check-out of %1 is cancelled.</source>
        <translation>La salida de %1 está cancelada.</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="304"/>
        <source>The new language is used from the next start.</source>
        <translation>El nuevo idioma se usará a partir del próximo inicio.</translation>
    </message>
    <message>
        <location filename="../../app/actions/file_actions.py" line="291"/>
        <source>Conflict resolved and synchronised.</source>
        <translation>Conflicto resuelto y sincronizado.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/file_actions.py" line="209"/>
        <source>Synchronised with %n conflict(s) to resolve.</source>
        <translation>
            <numerusform>Sincronizado con %n conflicto por resolver.</numerusform>
            <numerusform>Sincronizado con %n conflictos por resolver.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilterChips</name>
    <message>
        <location filename="../../app/search/chips.py" line="29"/>
        <location filename="../../app/search/chips.py" line="46"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="30"/>
        <location filename="../../app/search/chips.py" line="47"/>
        <source>Register</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="31"/>
        <location filename="../../app/search/chips.py" line="48"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="66"/>
        <source>Any type</source>
        <translation>Cualquier tipo</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="66"/>
        <source>Any register</source>
        <translation>Cualquier registro</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="67"/>
        <source>Any time</source>
        <translation>Cualquier fecha</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="77"/>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="77"/>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="78"/>
        <source>Last 3 months</source>
        <translation>Últimos 3 meses</translation>
    </message>
    <message>
        <location filename="../../app/search/chips.py" line="79"/>
        <source>Last 12 months</source>
        <translation>Últimos 12 meses</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../app/cockpit/history.py" line="37"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="37"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="37"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="37"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="79"/>
        <source>You may not see the history of this document.</source>
        <translation>No puede ver el historial de este documento.</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="86"/>
        <source>Viewed</source>
        <translation>Visto</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="86"/>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="87"/>
        <source>Changed</source>
        <translation>Modificado</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="87"/>
        <source>New version</source>
        <translation>Nueva versión</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="88"/>
        <source>Deleted</source>
        <translation>Eliminado</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="88"/>
        <source>Checked in</source>
        <translation>Devuelto</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="89"/>
        <source>Checked out</source>
        <translation>Retirado</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="89"/>
        <source>Conflict resolved</source>
        <translation>Conflicto resuelto</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="90"/>
        <source>Rights changed</source>
        <translation>Permisos modificados</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="100"/>
        <source>viewed version %1</source>
        <translation>vio la versión %1</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="102"/>
        <source>(as PDF)</source>
        <translation>(como PDF)</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="105"/>
        <source>new version %1</source>
        <translation>nueva versión %1</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="107"/>
        <source>filed the document</source>
        <translation>archivó el documento</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="109"/>
        <source>deleted the document</source>
        <translation>eliminó el documento</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="111"/>
        <source>checked in</source>
        <translation>devuelto</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="113"/>
        <source>checked out</source>
        <translation>retirado</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="115"/>
        <source>resolved a conflict: %1</source>
        <translation>resolvió un conflicto: %1</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="122"/>
        <source>mine</source>
        <translation>la mía</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="122"/>
        <source>theirs</source>
        <translation>la del servidor</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="123"/>
        <source>field by field</source>
        <translation>campo por campo</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="123"/>
        <source>both</source>
        <translation>ambas</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="129"/>
        <source>changed title: %1</source>
        <translation>cambió el título: %1</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="132"/>
        <source>changed index: %1</source>
        <translation>cambió el índice: %1</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="134"/>
        <source>moved between registers</source>
        <translation>movido entre registros</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="136"/>
        <source>legal hold on</source>
        <translation>retención legal activada</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="137"/>
        <source>legal hold off</source>
        <translation>retención legal desactivada</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/history.py" line="138"/>
        <source>changed</source>
        <translation>modificado</translation>
    </message>
</context>
<context>
    <name>KeyFigurePanel</name>
    <message>
        <location filename="../../app/cockpit/cover.py" line="179"/>
        <source>Open invoices</source>
        <translation>Facturas pendientes</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="180"/>
        <source>Open amount</source>
        <translation>Importe pendiente</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="181"/>
        <source>Last order</source>
        <translation>Último pedido</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/cover.py" line="182"/>
        <source>Open complaints</source>
        <translation>Reclamaciones abiertas</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/dialogs/login.py" line="33"/>
        <source>Sign in to Dossier</source>
        <translation>Iniciar sesión en Dossier</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/login.py" line="40"/>
        <source>Remember me on this computer</source>
        <translation>Recordarme en este equipo</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/login.py" line="47"/>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/login.py" line="48"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/login.py" line="49"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/login.py" line="50"/>
        <source>Tenant</source>
        <translation>Mandante</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/login.py" line="54"/>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/login.py" line="78"/>
        <source>Not signed in.</source>
        <translation>Sin sesión iniciada.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/shell/main_window.py" line="163"/>
        <source>Preferences…</source>
        <translation>Preferencias…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="174"/>
        <source>&amp;Notifications</source>
        <translation>&amp;Notificaciones</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="175"/>
        <source>No notifications</source>
        <translation>Sin notificaciones</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="62"/>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="96"/>
        <source>Download progress</source>
        <translation>Progreso de la descarga</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="137"/>
        <source>Actions</source>
        <translation>Acciones</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="140"/>
        <source>New document…</source>
        <translation>Nuevo documento…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="142"/>
        <source>Check out…</source>
        <translation>Checkout…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="144"/>
        <source>Sync</source>
        <translation>Sincronizar</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="145"/>
        <source>Check in</source>
        <translation>Checkin</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="147"/>
        <source>Cancel check-out…</source>
        <translation>Cancelar la salida…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="149"/>
        <location filename="../../app/shell/main_window.py" line="380"/>
        <source>Conflicts…</source>
        <translation>Conflictos…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="150"/>
        <source>Find customer</source>
        <translation>Buscar cliente</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="152"/>
        <location filename="../../app/shell/main_window.py" line="248"/>
        <source>☆ Favourite</source>
        <translation>☆ Favorito</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="154"/>
        <source>Keep this file among the favourites; new documents in it are announced (Ctrl+D)</source>
        <translation>Guardar este expediente entre los favoritos; se avisa de los documentos nuevos (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="162"/>
        <source>&amp;Settings</source>
        <translation>&amp;Configuración</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="166"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="167"/>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="219"/>
        <source>the built-in server</source>
        <translation>el servidor integrado</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="221"/>
        <source>Change server</source>
        <translation>Cambiar de servidor</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="222"/>
        <source>Restart Dossier now to sign in to %1? Otherwise this happens at the next start.</source>
        <translation>¿Reiniciar Dossier ahora para iniciar sesión en %1? Si no, ocurrirá en el próximo inicio.</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="242"/>
        <source>%1 is a favourite: new documents in it are announced.</source>
        <translation>%1 es un favorito: se avisa de los documentos nuevos.</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="243"/>
        <source>%1 is no longer a favourite.</source>
        <translation>%1 ya no es un favorito.</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="248"/>
        <source>★ Favourite</source>
        <translation>★ Favorito</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="257"/>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="259"/>
        <source>Starting the server and signing in…</source>
        <translation>Iniciando el servidor e iniciando sesión…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="268"/>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="285"/>
        <source>The server cannot be reached: working on your checked-out files.</source>
        <translation>No se puede acceder al servidor: trabaja con sus expedientes sacados.</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="288"/>
        <source>Signed in as %1</source>
        <translation>Sesión iniciada como %1</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="323"/>
        <source>● Online</source>
        <translation>● En línea</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="323"/>
        <source>○ Offline</source>
        <translation>○ Sin conexión</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="326"/>
        <source>The server cannot be reached. Checked-out files can still be read and changed; the changes are sent when the connection is back.</source>
        <translation>No se puede acceder al servidor. Los expedientes sacados se pueden seguir leyendo y modificando; los cambios se envían cuando vuelva la conexión.</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="352"/>
        <source>The server is reachable again.</source>
        <translation>El servidor vuelve a estar accesible.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/shell/main_window.py" line="376"/>
        <source>%n pending change(s)</source>
        <translation>
            <numerusform>%n cambio pendiente</numerusform>
            <numerusform>%n cambios pendientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/shell/main_window.py" line="377"/>
        <source>⚠ %n conflict(s)</source>
        <translation>
            <numerusform>⚠ %n conflicto</numerusform>
            <numerusform>⚠ %n conflictos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="392"/>
        <source>Checking out %1…</source>
        <translation>Haciendo checkout de %1…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="394"/>
        <source>Synchronising %1…</source>
        <translation>Sincronizando %1…</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="403"/>
        <source>%1: %2 of %3 documents</source>
        <translation>%1: %2 de %3 documentos</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="412"/>
        <source>%1 – Dossier</source>
        <translation>%1 – Dossier</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="89"/>
        <source>Open conflicts</source>
        <translation>Conflictos abiertos</translation>
    </message>
    <message>
        <location filename="../../app/shell/main_window.py" line="90"/>
        <source>Changes made here and on the server collide: click to decide</source>
        <translation>Los cambios hechos aquí y en el servidor chocan: haga clic para decidir</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/shell/main_window.py" line="379"/>
        <source>Conflicts (%n)…</source>
        <translation>
            <numerusform>Conflictos (%n)…</numerusform>
            <numerusform>Conflictos (%n)…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="61"/>
        <source>Customer number or name…</source>
        <translation>Número de cliente o nombre…</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="63"/>
        <source>Search customer files</source>
        <translation>Buscar expedientes de cliente</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="65"/>
        <source>Customer files found</source>
        <translation>Expedientes encontrados</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="68"/>
        <source>Customer files</source>
        <translation>Expedientes de cliente</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="70"/>
        <source>Favourite files</source>
        <translation>Expedientes favoritos</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="72"/>
        <source>Mark the open file as a favourite with Ctrl+D: new documents in it are announced.</source>
        <translation>Marque el expediente abierto como favorito con Ctrl+D: se avisa de los documentos nuevos.</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="75"/>
        <location filename="../../app/cockpit/navigator.py" line="103"/>
        <source>Recent files</source>
        <translation>Recientes</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="78"/>
        <source>Checked-out files</source>
        <translation>Expedientes en checkout</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="83"/>
        <location filename="../../app/cockpit/navigator.py" line="93"/>
        <location filename="../../app/cockpit/navigator.py" line="213"/>
        <source>Views</source>
        <translation>Vistas</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="87"/>
        <source>Saved searches: yours and your department&apos;s. Right-click for more.</source>
        <translation>Búsquedas guardadas: las suyas y las de su departamento. Clic derecho para más.</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="101"/>
        <source>Favourites</source>
        <translation>Favoritos</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="105"/>
        <source>Checked out</source>
        <translation>En checkout</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/cockpit/navigator.py" line="143"/>
        <source>Customer files (%n)</source>
        <translation>
            <numerusform>Expedientes de cliente (%n)</numerusform>
            <numerusform>Expedientes de cliente (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/cockpit/navigator.py" line="194"/>
        <source>⚠ %n conflict(s)</source>
        <translation>
            <numerusform>⚠ %n conflicto</numerusform>
            <numerusform>⚠ %n conflictos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/cockpit/navigator.py" line="196"/>
        <source>(%n pending)</source>
        <translation>
            <numerusform>(%n pendiente)</numerusform>
            <numerusform>(%n pendientes)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="204"/>
        <source>This file has conflicts to resolve (Conflicts…).</source>
        <translation>Este expediente tiene conflictos por resolver (Conflictos…).</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="219"/>
        <source>from %1</source>
        <translation>de %1</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="221"/>
        <source>mine, shared with %1</source>
        <translation>mía, compartida con %1</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="223"/>
        <source>mine</source>
        <translation>mía</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="231"/>
        <source>Views (need the server)</source>
        <translation>Vistas (necesitan el servidor)</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="241"/>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="242"/>
        <source>Show in the open file</source>
        <translation>Mostrar en el expediente abierto</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="247"/>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/navigator.py" line="248"/>
        <source>Delete…</source>
        <translation>Eliminar…</translation>
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
            <numerusform>%n documento nuevo en %1</numerusform>
            <numerusform>%n documentos nuevos en %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/shell/tray.py" line="80"/>
        <source>%n open conflict(s) to decide</source>
        <translation>
            <numerusform>%n conflicto abierto por decidir</numerusform>
            <numerusform>%n conflictos abiertos por decidir</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/shell/tray.py" line="90"/>
        <source>Your edit of %1 was kept: it had been deleted on the server and is restored</source>
        <translation>Se conservó su cambio en %1: se había eliminado en el servidor y se ha restaurado</translation>
    </message>
    <message>
        <location filename="../../app/shell/tray.py" line="93"/>
        <source>Your edit of %1 was kept as a new document: it had been deleted on the server</source>
        <translation>Se conservó su cambio en %1 como documento nuevo: se había eliminado en el servidor</translation>
    </message>
    <message>
        <location filename="../../app/shell/tray.py" line="96"/>
        <source>Your deletion of %1 was undone: a colleague had changed it</source>
        <translation>Se deshizo su eliminación de %1: un compañero lo había modificado</translation>
    </message>
</context>
<context>
    <name>RegistersDialog</name>
    <message>
        <location filename="../../app/actions/document_actions.py" line="52"/>
        <source>Registers of %1</source>
        <translation>Registros de %1</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="53"/>
        <source>A document can sit in several registers at once.</source>
        <translation>Un documento puede estar en varios registros a la vez.</translation>
    </message>
    <message>
        <location filename="../../app/actions/document_actions.py" line="71"/>
        <source>A document stays in one register at least.</source>
        <translation>Un documento permanece al menos en un registro.</translation>
    </message>
</context>
<context>
    <name>SaveVersionPrompt</name>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="100"/>
        <source>Save as new version?</source>
        <translation>¿Guardar como nueva versión?</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="102"/>
        <source>“%1” was changed in another application. Save the changes as version %2?</source>
        <translation>«%1» se ha modificado en otra aplicación. ¿Guardar los cambios como versión %2?</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="106"/>
        <source>File: %1</source>
        <translation>Archivo: %1</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="111"/>
        <source>What changed? (optional)</source>
        <translation>¿Qué ha cambiado? (opcional)</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="112"/>
        <source>Comment on the new version</source>
        <translation>Comentario sobre la nueva versión</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="114"/>
        <source>Save as new version</source>
        <translation>Guardar como nueva versión</translation>
    </message>
    <message>
        <location filename="../../app/actions/edit_in_app.py" line="116"/>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
</context>
<context>
    <name>ScheduledSync</name>
    <message>
        <location filename="../../app/actions/scheduled_sync.py" line="106"/>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../app/actions/scheduled_sync.py" line="108"/>
        <source>Last sync %1</source>
        <translation>Última sincronización %1</translation>
    </message>
    <message>
        <location filename="../../app/actions/scheduled_sync.py" line="111"/>
        <source>Offline — retrying</source>
        <translation>Sin conexión — reintentando</translation>
    </message>
    <message>
        <location filename="../../app/actions/scheduled_sync.py" line="113"/>
        <source>Sync failed — retrying later</source>
        <translation>La sincronización falló — se reintentará más tarde</translation>
    </message>
    <message>
        <location filename="../../app/actions/scheduled_sync.py" line="116"/>
        <source>Sync paused</source>
        <translation>Sincronización en pausa</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="12"/>
        <source>Customer number</source>
        <translation>Número de cliente</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="13"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="14"/>
        <source>Street</source>
        <translation>Calle</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="15"/>
        <source>Postcode</source>
        <translation>Código postal</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="16"/>
        <source>City</source>
        <translation>Ciudad</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="17"/>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="18"/>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="19"/>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="20"/>
        <source>Segment</source>
        <translation>Segmento</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="21"/>
        <source>Account manager</source>
        <translation>Gestor de cuenta</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="22"/>
        <source>Credit limit</source>
        <translation>Límite de crédito</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="23"/>
        <source>Credit limit currency</source>
        <translation>Moneda del límite de crédito</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="24"/>
        <source>Payment terms</source>
        <translation>Condiciones de pago</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="25"/>
        <source>Letter</source>
        <translation>Carta</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="26"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="27"/>
        <source>Subject</source>
        <translation>Asunto</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="28"/>
        <source>Direction</source>
        <translation>Sentido</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="29"/>
        <source>Sender</source>
        <translation>Remitente</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="30"/>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="31"/>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="32"/>
        <source>To</source>
        <translation>Para</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="33"/>
        <source>Offer</source>
        <translation>Oferta</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="34"/>
        <source>Offer number</source>
        <translation>Número de oferta</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="35"/>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="36"/>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="37"/>
        <source>Valid until</source>
        <translation>Válida hasta</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="38"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="39"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="40"/>
        <source>Order number</source>
        <translation>Número de pedido</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="41"/>
        <source>Order date</source>
        <translation>Fecha del pedido</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="42"/>
        <source>Customer reference</source>
        <translation>Referencia del cliente</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="43"/>
        <source>Requested delivery</source>
        <translation>Entrega solicitada</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="44"/>
        <source>Delivery note</source>
        <translation>Albarán</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="45"/>
        <source>Delivery note number</source>
        <translation>Número de albarán</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="46"/>
        <source>Delivery date</source>
        <translation>Fecha de entrega</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="47"/>
        <source>Packages</source>
        <translation>Bultos</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="48"/>
        <source>Weight (kg)</source>
        <translation>Peso (kg)</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="49"/>
        <source>Invoice</source>
        <translation>Factura</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="50"/>
        <source>Invoice number</source>
        <translation>Número de factura</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="51"/>
        <source>Invoice date</source>
        <translation>Fecha de factura</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="52"/>
        <source>Due date</source>
        <translation>Vencimiento</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="53"/>
        <source>Paid</source>
        <translation>Pagada</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="54"/>
        <source>Complaint</source>
        <translation>Reclamación</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="55"/>
        <source>Complaint number</source>
        <translation>Número de reclamación</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="56"/>
        <source>Received</source>
        <translation>Recibida</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="57"/>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="58"/>
        <source>Resolved on</source>
        <translation>Resuelta el</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="59"/>
        <source>Contract</source>
        <translation>Contrato</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="60"/>
        <source>Contract number</source>
        <translation>Número de contrato</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="61"/>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="62"/>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="63"/>
        <source>Annual value</source>
        <translation>Valor anual</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="64"/>
        <source>Notice period (days)</source>
        <translation>Plazo de preaviso (días)</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="65"/>
        <source>Internal note</source>
        <translation>Nota interna</translation>
    </message>
    <message>
        <location filename="../../app/cockpit/schema_labels.py" line="66"/>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
</context>
<context>
    <name>SearchDock</name>
    <message>
        <location filename="../../app/search/dock.py" line="51"/>
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="58"/>
        <source>Search</source>
        <translation>Búsqueda</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="62"/>
        <source>Search documents</source>
        <translation>Buscar documentos</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="67"/>
        <source>Results from the checked-out files only (offline)</source>
        <translation>Resultados solo de los expedientes en checkout (sin conexión)</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="210"/>
        <source>The query cannot be understood at position %1: expected %2.</source>
        <translation>La consulta no se entiende en la posición %1: se esperaba %2.</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="215"/>
        <source>Views are kept on the server, which cannot be reached now. Try again when you are online.</source>
        <translation>Las vistas se guardan en el servidor, que ahora no está disponible. Inténtelo de nuevo cuando tenga conexión.</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="223"/>
        <source>View “%1” saved.</source>
        <translation>Vista «%1» guardada.</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="231"/>
        <source>Delete view</source>
        <translation>Eliminar vista</translation>
    </message>
    <message>
        <location filename="../../app/search/dock.py" line="232"/>
        <source>Delete the view “%1”? The documents stay as they are.</source>
        <translation>¿Eliminar la vista «%1»? Los documentos no cambian.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../app/search/panel.py" line="81"/>
        <source>Search documents… (Ctrl+K)</source>
        <translation>Buscar documentos… (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="83"/>
        <source>Search documents</source>
        <translation>Buscar documentos</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="92"/>
        <location filename="../../app/search/panel.py" line="207"/>
        <source>In the open file</source>
        <translation>En el expediente abierto</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="97"/>
        <source>Group hits by</source>
        <translation>Agrupar resultados por</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="98"/>
        <source>No grouping</source>
        <translation>Sin agrupar</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="98"/>
        <source>Group by type</source>
        <translation>Agrupar por tipo</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="99"/>
        <source>Group by customer file</source>
        <translation>Agrupar por expediente</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="100"/>
        <source>Group by register</source>
        <translation>Agrupar por registro</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="101"/>
        <source>Group by month</source>
        <translation>Agrupar por mes</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="104"/>
        <source>Sort hits</source>
        <translation>Ordenar resultados</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="105"/>
        <source>Best match first</source>
        <translation>Mejor coincidencia primero</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="106"/>
        <source>Newest first</source>
        <translation>Más recientes primero</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="107"/>
        <source>Oldest first</source>
        <translation>Más antiguos primero</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="111"/>
        <source>Save as view…</source>
        <translation>Guardar como vista…</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="120"/>
        <source>Search message</source>
        <translation>Aviso de búsqueda</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="127"/>
        <source>Documents found</source>
        <translation>Documentos encontrados</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="139"/>
        <source>More results</source>
        <translation>Más resultados</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="147"/>
        <source>Narrow:</source>
        <translation>Filtrar:</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="206"/>
        <source>Only in %1</source>
        <translation>Solo en %1</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="260"/>
        <source>Type words to search for, then press Enter.</source>
        <translation>Escriba las palabras a buscar y pulse Intro.</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="263"/>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="311"/>
        <source>Nothing found.</source>
        <translation>No se ha encontrado nada.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/search/panel.py" line="313"/>
        <source>%n document(s) found, %1 shown.</source>
        <translation>
            <numerusform>%n documento encontrado, %1 mostrados.</numerusform>
            <numerusform>%n documentos encontrados, %1 mostrados.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/search/panel.py" line="316"/>
        <source>%n document(s) found.</source>
        <translation>
            <numerusform>%n documento encontrado.</numerusform>
            <numerusform>%n documentos encontrados.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="318"/>
        <source>View “%1”:</source>
        <translation>Vista «%1»:</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="321"/>
        <source>Only in %1 (%2).</source>
        <translation>Solo en %1 (%2).</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="325"/>
        <source>Results from the checked-out files only (offline).</source>
        <translation>Resultados solo de los expedientes en checkout (sin conexión).</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="333"/>
        <source>The search cannot be understood at position %1: expected %2.</source>
        <translation>La búsqueda no se entiende en la posición %1: se esperaba %2.</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="339"/>
        <source>The search cannot be run: %1</source>
        <translation>La búsqueda no se puede ejecutar: %1</translation>
    </message>
    <message>
        <location filename="../../app/search/panel.py" line="341"/>
        <source>This server has search switched off.</source>
        <translation>Este servidor tiene la búsqueda desactivada.</translation>
    </message>
</context>
<context>
    <name>SearchResultModel</name>
    <message>
        <location filename="../../app/search/results.py" line="55"/>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <location filename="../../app/search/results.py" line="56"/>
        <source>Customer file</source>
        <translation>Expediente de cliente</translation>
    </message>
    <message>
        <location filename="../../app/search/results.py" line="57"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../app/search/results.py" line="58"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="42"/>
        <source>Preferences</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="45"/>
        <source>Not signed in</source>
        <translation>Sin sesión iniciada</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="46"/>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="48"/>
        <source>Change server…</source>
        <translation>Cambiar de servidor…</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="49"/>
        <location filename="../../app/dialogs/settings_dialog.py" line="103"/>
        <source>Change server</source>
        <translation>Cambiar de servidor</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="54"/>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="58"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="59"/>
        <source>Sync interval in seconds</source>
        <translation>Intervalo de sincronización en segundos</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="62"/>
        <source>Sync interval:</source>
        <translation>Intervalo de sincronización:</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="65"/>
        <location filename="../../app/dialogs/settings_dialog.py" line="118"/>
        <source>Working folder</source>
        <translation>Carpeta de trabajo</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="66"/>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="71"/>
        <source>Working folder:</source>
        <translation>Carpeta de trabajo:</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="72"/>
        <source>Files you check out from now on are written there.</source>
        <translation>Los expedientes que saque a partir de ahora se guardan allí.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="77"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="78"/>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="83"/>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="87"/>
        <source>Deletion-guard threshold</source>
        <translation>Umbral de protección contra borrado</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="89"/>
        <source>Ask before a sync deletes more than this many documents</source>
        <translation>Preguntar antes de que una sincronización borre más de esta cantidad de documentos</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="91"/>
        <source>Deletion guard:</source>
        <translation>Protección contra borrado:</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="104"/>
        <source>Address of the Dossier server (empty: the built-in server with demo data). Dossier restarts and asks you to sign in there.</source>
        <translation>Dirección del servidor Dossier (vacía: el servidor integrado con datos de demostración). Dossier se reinicia y le pide iniciar sesión allí.</translation>
    </message>
    <message>
        <location filename="../../app/dialogs/settings_dialog.py" line="115"/>
        <source>Built-in server (demo data)</source>
        <translation>Servidor integrado (datos de demostración)</translation>
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
        <translation>Abrir</translation>
    </message>
    <message>
        <location filename="../../app/shell/tray.py" line="129"/>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <location filename="../../app/shell/tray.py" line="131"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>ViewDialog</name>
    <message>
        <location filename="../../app/search/view_dialog.py" line="33"/>
        <source>Edit view</source>
        <translation>Editar vista</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="33"/>
        <source>Save as view</source>
        <translation>Guardar como vista</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="35"/>
        <source>Name of the view</source>
        <translation>Nombre de la vista</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="36"/>
        <source>e.g. Orders of the last 3 months</source>
        <translation>p. ej. Pedidos de los últimos 3 meses</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="38"/>
        <source>Query of the view</source>
        <translation>Consulta de la vista</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="40"/>
        <source>Who sees the view</source>
        <translation>Quién ve la vista</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="41"/>
        <source>Only me</source>
        <translation>Solo yo</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="47"/>
        <source>Everyone in %1</source>
        <translation>Todos en %1</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="55"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="56"/>
        <source>Query</source>
        <translation>Consulta</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="57"/>
        <source>Shared with</source>
        <translation>Compartida con</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="79"/>
        <source>Give the view a name.</source>
        <translation>Dé un nombre a la vista.</translation>
    </message>
    <message>
        <location filename="../../app/search/view_dialog.py" line="82"/>
        <source>A view needs a query.</source>
        <translation>Una vista necesita una consulta.</translation>
    </message>
</context>
<context>
    <name>WindowHost</name>
    <message>
        <location filename="../../app/shell/window_host.py" line="93"/>
        <source>The language changes as soon as the current work is done.</source>
        <translation>El idioma cambia en cuanto termine el trabajo en curso.</translation>
    </message>
</context>
<context>
    <name>WorkingCopies</name>
    <message>
        <location filename="../../app/actions/working_copies.py" line="125"/>
        <source>“%1” saved as version %2; it is sent at the next sync.</source>
        <translation>«%1» guardado como versión %2; se envía en la próxima sincronización.</translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="132"/>
        <source>The working copy of “%1” was deleted; the document stays in the file.</source>
        <translation>La copia de trabajo de «%1» se ha eliminado; el documento sigue en el expediente.</translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="136"/>
        <source>“%1” in the working folder is not filed; use “New document…” to file it.</source>
        <translation>«%1» en la carpeta de trabajo no está archivado; use «Nuevo documento…» para archivarlo.</translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="142"/>
        <source>A working copy could not be saved as a version: %1</source>
        <translation>No se pudo guardar una copia de trabajo como versión: %1</translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="155"/>
        <source>The working folder of %1 is gone.</source>
        <translation>La carpeta de trabajo de %1 ha desaparecido.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/working_copies.py" line="157"/>
        <source>%n working copies of %1 were deleted at once.</source>
        <translation>
            <numerusform>Se ha eliminado %n copia de trabajo de %1.</numerusform>
            <numerusform>Se han eliminado %n copias de trabajo de %1 a la vez.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="159"/>
        <source>Working copies deleted</source>
        <translation>Copias de trabajo eliminadas</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/working_copies.py" line="160"/>
        <source>Delete %n document(s)?</source>
        <translation>
            <numerusform>¿Eliminar %n documento?</numerusform>
            <numerusform>¿Eliminar %n documentos?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="164"/>
        <source>Deleted documents leave the customer file at the next sync; the archive keeps their versions. “Keep” writes the working copies again.</source>
        <translation>Los documentos eliminados salen del expediente en la próxima sincronización; el archivo conserva sus versiones. «Conservar» vuelve a escribir las copias de trabajo.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/working_copies.py" line="167"/>
        <source>Delete %n document(s)</source>
        <translation>
            <numerusform>Eliminar %n documento</numerusform>
            <numerusform>Eliminar %n documentos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="168"/>
        <source>Keep</source>
        <translation>Conservar</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/actions/working_copies.py" line="186"/>
        <source>%n document(s) deleted here; the deletion is sent at the next sync.</source>
        <translation>
            <numerusform>%n documento eliminado aquí; la eliminación se envía en la próxima sincronización.</numerusform>
            <numerusform>%n documentos eliminados aquí; la eliminación se envía en la próxima sincronización.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/actions/working_copies.py" line="196"/>
        <source>Working copies written again: %1.</source>
        <translation>Copias de trabajo escritas de nuevo: %1.</translation>
    </message>
</context>
<context>
    <name>_ContentPreview</name>
    <message>
        <location filename="../../app/dialogs/conflict_dialog.py" line="96"/>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
</context>
</TS>
