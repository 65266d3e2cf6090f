<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
  <context>
    <name />
    <message>
      <location filename="../../desktop/printing.py" line="188" />
      <source>Print preview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/printing.py" line="222" />
      <source>Export failed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/printing.py" line="312" />
      <source>Export</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/printing.py" line="409" />
      <source>Preparing the table…</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CompareView</name>
    <message>
      <location filename="../../desktop/compare_view.py" line="311" />
      <source>Choose a clause in the reader (Compare across provinces) or a topic.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="316" />
      <source>Documents…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="318" />
      <source>Save set…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="320" />
      <source>Open set</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="323" />
      <source>Topic:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="329" />
      <source>Export…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="332" />
      <source>Print preview…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="341" />
      <source>The compared documents: untick to leave one out; drag to reorder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="364" />
      <location filename="../../desktop/compare_view.py" line="493" />
      <source>(choose a topic)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="580" />
      <source>Comparing…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="386" />
      <source>any</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="391" />
      <source>Add selected</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="393" />
      <source>Default</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="394" />
      <source>The documents that matter for this comparison: your pins, what you read lately, the bundled policies, the same level in other regions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="403" />
      <source>Year</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="412" />
      <source>Compared documents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="414" />
      <source>Add documents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="426" />
      <source>All regions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="427" />
      <source>All levels</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/compare_view.py" line="445" />
      <source>%n document(s) match</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="647" />
      <source>Showing the first %1 of the %2 chosen documents: choose fewer to see the others.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="651" />
      <source>Comparing %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="658" />
      <source>Topic: %1</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/compare_view.py" line="663" />
      <source>%n clause(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="715" />
      <source>Replace counterpart</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="715" />
      <source>Clause:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="774" />
      <location filename="../../desktop/compare_view.py" line="781" />
      <source>Save comparison set</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="774" />
      <source>Name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="782" />
      <source>A comparison set named “%1” already exists. Replace it with this comparison?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="789" />
      <source>Saved as the comparison set “%1”.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="805" />
      <source>(no saved sets)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="809" />
      <source>Import a set file…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="810" />
      <source>Export a set to a file…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="820" />
      <source>Import a set file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="836" />
      <location filename="../../desktop/compare_view.py" line="842" />
      <source>Export a set to a file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="836" />
      <source>Set:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="876" />
      <source>Not in your library, left out: %1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CoverageModel</name>
    <message numerus="yes">
      <location filename="../../desktop/coverage_view.py" line="118" />
      <source>%1 of %2 documents, %n clause(s)</source>
      <extracomment>Cell shades, lightest first, by clauses per document of the column: up to 1, 2, 3, more (a document's own count; a province's averaged over its documents, whose totals at 120 documents a province are all past 4: shading totals showed nothing there). A cell's tooltip names at most this many clauses (a province's cell at 3,500 documents holds ~1,500). Past this many columns, columns get a fixed width (no stretching or sizing to contents) and scroll.</extracomment>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/coverage_view.py" line="122" />
      <source>… and %n more</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/coverage_view.py" line="130" />
      <source>%n document(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
  </context>
  <context>
    <name>CoverageView</name>
    <message>
      <location filename="../../desktop/coverage_view.py" line="184" />
      <source>Clauses per topic and province, shaded by clauses per document. Click a cell to read them; click a topic to compare it across documents.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/coverage_view.py" line="188" />
      <source>One column per document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/coverage_view.py" line="189" />
      <source>Off: one column per province, its documents together</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/coverage_view.py" line="212" />
      <source>Reading the documents' topics: %1 of %2…</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/coverage_view.py" line="343" />
      <source>%1 (%n clause(s))</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
  </context>
  <context>
    <name>DocumentPicker</name>
    <message>
      <location filename="../../desktop/document_picker.py" line="61" />
      <source>Words in the title, issuer or number</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/document_picker.py" line="105" />
      <source>%n document(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <location filename="../../desktop/errors.py" line="10" />
      <source>The notes database cannot be used.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="11" />
      <source>The notes database was written by a newer ZoneRef; please update ZoneRef.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="13" />
      <source>The disk is full, so the notes cannot be saved. Free some space and try again; your notes are safe.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="15" />
      <source>The notes database cannot be written (a read-only file, folder or disk). Check its permissions; your notes are safe and can still be read.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="18" />
      <source>The disk reported an error with the notes database. Check the disk, close every ZoneRef window and start again; the file was left as it is.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="21" />
      <source>Another ZoneRef window or command is using the notes database. Close it and try again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="23" />
      <source>The notes database is damaged and could not be repaired now; it was left as it is.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="25" />
      <source>The chosen file is not a ZoneRef notes database; your notes were not changed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="27" />
      <source>The processes that read imported files could not start.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="28" />
      <source>The search index cannot be used; try File → Rebuild search index.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="29" />
      <source>The comparison set cannot be used.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="30" />
      <source>This file is not a valid comparison set.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="31" />
      <source>There is no such topic.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="32" />
      <source>Bundled documents cannot be removed; only imported ones.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="33" />
      <source>The note cannot be saved.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="34" />
      <source>The quoted text was not found in the clause.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="35" />
      <source>Unknown highlight colour.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="36" />
      <source>The notes file cannot be imported.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="37" />
      <source>The export failed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="38" />
      <source>The export failed: the file is open in another program (Word, WPS, Excel…) or read-only. Close it there, or choose another name, and export again; the file was left as it was.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="41" />
      <source>A document in the library cannot be read.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="46" />
      <source>The title cannot be empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="47" />
      <source>The region cannot be empty; write 不详 if it is not known.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="48" />
      <source>The region must be a province-level region (e.g. 湖北省 or 湖北), 全国 for a national document, or 不详.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="50" />
      <source>The year must be four digits from 1949 to 2100, e.g. 2017.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="51" />
      <source>The date must be written YYYY-MM-DD, e.g. 2017-12-12.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="61" />
      <source>This value cannot be used: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="76" />
      <source>Not found: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="80" />
      <source>Details: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="81" />
      <source>The operation could not be completed:
%1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="82" />
      <source>Unexpected error (a bug): %1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <location filename="../../desktop/import_dialog.py" line="44" />
      <source>The file does not exist or cannot be read.</source>
      <extracomment>Behind a cell whose value the rules refuse (translucent: readable on a light and a dark palette).</extracomment>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="45" />
      <source>This file type cannot be imported (txt, md, docx, doc, wps, html, mht, pdf, ofd, or a zip of them).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="47" />
      <source>The file is larger than the import size limit.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="48" />
      <source>The file is empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="49" />
      <source>This is not a text file (an image, archive or program?).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="50" />
      <source>The text is in no known encoding (UTF-8/16, GB18030/GBK, Big5).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="51" />
      <source>The file is damaged.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="52" />
      <source>The file is password-protected; remove the password and import again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="54" />
      <source>The file would expand far beyond any real document; refused.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="55" />
      <source>The page holds no document text (only navigation or links).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="58" />
      <source>The text is far longer than any policy document; split it and import the parts.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="60" />
      <source>Reading the file took too long and was stopped (a damaged or hostile file?). Save it again in its program and import that.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="62" />
      <source>Reading the file needed too much memory and was stopped (a damaged or hostile file?). Save it again in its program and import that.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="65" />
      <source>Reading the file failed unexpectedly; it was refused. Save it again in its program and import that.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="70" />
      <source>Too short to be a policy document, and without a policy's form.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="71" />
      <source>Mostly not Chinese text.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="72" />
      <source>No document kind in its title (意见, 办法, 条例 …), no document number, no numbered clauses, no issuer and date: a news item or a table?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="81" />
      <source>A hidden file or folder; skipped.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="82" />
      <source>A lock file Word keeps while a document is open; skipped.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="83" />
      <source>A link to outside the folder; not followed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="84" />
      <source>A link to a folder; not followed (import that folder itself if you want it).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="86" />
      <source>A link that leads back to itself; skipped.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="87" />
      <source>A link to a file that does not exist; skipped.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="88" />
      <source>A link to something that is not a file; not followed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="89" />
      <source>An archive inside an archive; not opened (extract it and import it on its own).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="96" />
      <source>Import files</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="97" />
      <source>Documents (%1);;All files (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="102" />
      <source>Import folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="118" />
      <source>Import documents</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="120" />
      <source>Reading %n file(s)…</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="124" />
      <source>Title</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="124" />
      <source>Region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="124" />
      <source>Issuer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="124" />
      <source>Level</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="124" />
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="125" />
      <source>Year</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="126" />
      <source>Clauses</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="126" />
      <source>File</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="152" />
      <location filename="../../desktop/import_dialog.py" line="301" />
      <source>Import</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="156" />
      <source>Copy the notes onto the new versions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="194" />
      <source>Reading %1 of %2: %3</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="206" />
      <source>%n of them may not be policy documents (their clause count is marked; hover it for why): untick a row's title to leave its file out.</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="246" />
      <source>May not be a policy document:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="283" />
      <source>Guessed from the text; please check</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="203" />
      <source>%n file(s) ready to import.</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="321" />
      <source>Already in the library as %1.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="80" />
      <source>Not a file type ZoneRef imports; skipped.</source>
      <extracomment>Behind the clause count of a file that may not be a policy document (translucent amber).</extracomment>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="56" />
      <source>The PDF or OFD file has no text (a scan?); ZoneRef cannot read scans.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="163" />
      <source>Check the metadata guessed from each file (guesses in olive: please check them); edit any cell.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="302" />
      <source>Import %n file(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="305" />
      <source>Row %1, %2: %3</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="308" />
      <source>(%n cell(s) to correct in all)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="366" />
      <source>Importing…</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="389" />
      <source>Import cancelled; %n document(s) were imported before it.</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="391" />
      <source>Imported %n document(s).</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="396" />
      <source>Close</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="404" />
      <source>You have notes on earlier versions of %n of them.</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="422" />
      <source>Cancelling…</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <location filename="../../desktop/labels.py" line="8" />
      <source>Key point</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="8" />
      <source>Question</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="9" />
      <source>Compare</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="9" />
      <source>To do</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="10" />
      <source>strong</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="10" />
      <source>medium</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="11" />
      <source>weak</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>LibraryView</name>
    <message>
      <location filename="../../desktop/library_view.py" line="161" />
      <source>Filter documents (title, issuer, number…)</source>
      <extracomment>Libraries up to this size open with every region and level expanded (the model builds their rows at once). A filter matching up to this many documents opens their regions and levels; more show their regions closed. The filter's haystacks are made on a worker this long after the notes load (``prepare_filter``): the window's own start-up work has the processors first.</extracomment>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="375" />
      <source>No document's title, issuer, number or date contains “%1”.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="377" />
      <source>Search the documents' text for it</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/library_view.py" line="379" />
      <source>%n document(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="381" />
      <source>%1 of %2 documents shown</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="393" />
      <source>Title</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="393" />
      <source>Region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="394" />
      <source>Issuer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="394" />
      <source>Number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="395" />
      <source>Date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="395" />
      <source>Adopted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="396" />
      <source>Amended</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="396" />
      <source>In force from</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="397" />
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="398" />
      <source>Version</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="399" />
      <source>Clauses</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="410" />
      <source>Open</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="412" />
      <source>Edit document information…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="414" />
      <source>Remove from library…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="418" />
      <source>Compare versions (修订对照)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="420" />
      <source>Link to another version…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="421" />
      <source>Unlink from its versions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="423" />
      <source>Copy notes from its other versions</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../desktop/mainwindow.py" line="131" />
      <source>ZoneRef — Development-zone policy reference</source>
      <extracomment>The notes load once the search index is open, or this long after the first paint if it is not yet.</extracomment>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="145" />
      <source>Library</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="188" />
      <location filename="../../desktop/mainwindow.py" line="395" />
      <location filename="../../desktop/mainwindow.py" line="972" />
      <source>Notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="252" />
      <source>&amp;File</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="253" />
      <source>Import files…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="254" />
      <source>Import folder…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="264" />
      <source>Export…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="265" />
      <source>Print preview…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="266" />
      <source>Rebuild search index…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="267" />
      <source>Recover notes…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="268" />
      <source>Close tab</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="270" />
      <source>Quit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="272" />
      <source>&amp;Edit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="273" />
      <source>Copy citation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="274" />
      <source>Find in document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="275" />
      <source>Preferences…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="277" />
      <source>&amp;View</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="278" />
      <source>Zoom in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="280" />
      <source>Zoom out</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="281" />
      <source>Actual size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="282" />
      <source>Show traditional documents in simplified</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="290" />
      <source>&amp;Go</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="291" />
      <location filename="../../desktop/mainwindow.py" line="408" />
      <location filename="../../desktop/mainwindow.py" line="413" />
      <source>Search</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="292" />
      <location filename="../../desktop/mainwindow.py" line="417" />
      <source>Compare</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="293" />
      <location filename="../../desktop/mainwindow.py" line="429" />
      <source>Topic coverage</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="294" />
      <source>Compare versions (修订对照)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="295" />
      <source>Next tab</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="297" />
      <source>Previous tab</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="300" />
      <source>&amp;Help</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="301" />
      <location filename="../../desktop/mainwindow.py" line="772" />
      <source>About ZoneRef</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="396" />
      <source>%n note edit(s) that could not be saved last time were written now.</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="434" />
      <source>Compare versions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="455" />
      <source>Link versions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="456" />
      <source>“%1” is a version of:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="489" />
      <source>The other versions of this document have no notes.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="492" />
      <source>%n note(s) copied to this version.</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="493" />
      <source>%n note(s) copied to the new versions of %1 documents.</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="496" />
      <source>%n note(s) were here already.</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="498" />
      <source>%n of them sit on text that reads a little differently here; the highlight is kept as it was: please check.</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="505" />
      <source>%n note(s) not copied: their passage changed in this version (they stay on their own version; 修订对照 shows the changes):</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="973" />
      <source>The note being edited could not be saved. Close anyway and lose what was typed?</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="503" />
      <location filename="../../desktop/mainwindow.py" line="509" />
      <source>… and %n more</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="511" />
      <source>Notes from other versions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="584" />
      <source>No tab is open. Double-click a document in the library to read it, or open &lt;a href="search"&gt;Search&lt;/a&gt; (Ctrl+K), &lt;a href="compare"&gt;Compare&lt;/a&gt; (Ctrl+Shift+K) or &lt;a href="coverage"&gt;Topic coverage&lt;/a&gt; (Ctrl+Shift+M).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="626" />
      <source>Copied: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="639" />
      <source>Nothing to export here: export works in compare, search, topic coverage and the notes panel.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="652" />
      <source>Nothing to print here.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="724" />
      <source>Remove document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="725" />
      <source>Remove “%1” from the library? Its notes are kept for review.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="773" />
      <source>ZoneRef %1: an offline reference for development-zone policy documents.
Your notes and imported documents stay on this computer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="785" />
      <source>It was restored from the backup of %1, which holds %2 note(s). Notes made after that backup may still be in the damaged file, which is kept: Recover notes from it brings them back.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="789" />
      <source>No good backup was found, so the %1 note(s) still readable in it were saved into a new notes database. The damaged file is kept.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="791" />
      <source>Notes database repaired</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="792" />
      <source>Your notes database was damaged and could not be used.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="795" />
      <source>Problem: %1
Damaged file kept at: %2
Restored from: %3</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="799" />
      <source>Recover notes from the damaged file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="809" />
      <location filename="../../desktop/mainwindow.py" line="817" />
      <source>Notes are read-only</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="818" />
      <source>Your notes can be read, searched and exported, but not changed until this is fixed:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="845" />
      <source>Some documents cannot be read</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="846" />
      <source>%n document file(s) cannot be read and were left out of the library. The rest of the library works as usual.</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="852" />
      <source>Move them out of the library</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="874" />
      <source>Moved to %1; the files are kept there.</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="886" />
      <source>%n note(s) could not be found in the changed text; they are listed for review (Notes → Orphans only).</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="889" />
      <source>%n note(s) were placed again in changed documents.</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="895" />
      <source>ZoneRef</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MetadataDialog</name>
    <message>
      <location filename="../../desktop/import_dialog.py" line="428" />
      <source>Title</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="429" />
      <source>Region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="430" />
      <source>City</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="431" />
      <source>Issuer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="432" />
      <source>Level</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="433" />
      <source>Document number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="434" />
      <source>Date issued (YYYY-MM-DD)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="435" />
      <source>Year</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="436" />
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="461" />
      <source>Document information</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="472" />
      <source>Guessed from the text; please check</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Models</name>
    <message>
      <location filename="../../desktop/models.py" line="277" />
      <location filename="../../desktop/models.py" line="602" />
      <source>Document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="277" />
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="346" />
      <source>Other</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="432" />
      <source>Draft</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="433" />
      <source>Earlier version</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="436" />
      <source>%n version(s)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="602" />
      <source>Region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="603" />
      <source>Heading path</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="603" />
      <source>Snippet</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>NotesView</name>
    <message>
      <location filename="../../desktop/notes_view.py" line="58" />
      <source>Search notes and quotes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="63" />
      <source>Orphans only</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="64" />
      <source>Notes whose passage could not be found again; review them</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="75" />
      <source>Document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="75" />
      <source>Quote</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="76" />
      <source>Note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="76" />
      <source>Colour</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="97" />
      <source>Write a note (Markdown)…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="109" />
      <source>Tags, separated by commas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="126" />
      <source>Save</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="128" />
      <source>Delete</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="130" />
      <source>Go to passage</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="137" />
      <source>Preview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="189" />
      <source>All documents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="191" />
      <source>All tags</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="207" />
      <source>All colours</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/notes_view.py" line="247" />
      <source>%n note(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/notes_view.py" line="249" />
      <source>%n orphan(s) to review</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="329" />
      <source>Orphan: this passage was not found in the current text. The note is kept; review or delete it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="348" />
      <source>Select a note to edit it. Select text in the reader to add one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="418" />
      <source>What you typed is kept, and will be written when ZoneRef next starts if it cannot be written before.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="423" />
      <source>Not saved yet, trying again:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="427" />
      <location filename="../../desktop/notes_view.py" line="440" />
      <location filename="../../desktop/notes_view.py" line="482" />
      <location filename="../../desktop/notes_view.py" line="504" />
      <source>Notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="441" />
      <source>This note was changed elsewhere (another window or zoneref notes) while you typed in it. What you typed is saved; the other version is kept as a second note on the same passage.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="444" />
      <source>This note was deleted elsewhere (another window or zoneref notes) while you typed in it. It is kept, with what you typed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="472" />
      <source>Delete note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="472" />
      <source>Delete this highlight and its note?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="524" />
      <source>Open link</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="525" />
      <source>Open this address in your browser?
%1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Ops</name>
    <message>
      <location filename="../../desktop/ops.py" line="244" />
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PreferencesDialog</name>
    <message>
      <location filename="../../desktop/settings.py" line="122" />
      <source>Preferences</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ReaderView</name>
    <message>
      <location filename="../../desktop/reader_view.py" line="124" />
      <source>Compare versions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="126" />
      <source>What changed between this document's versions (修订对照)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="132" />
      <location filename="../../desktop/reader_view.py" line="502" />
      <location filename="../../desktop/reader_view.py" line="518" />
      <source>Copy citation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="133" />
      <source>Simplified</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="134" />
      <source>Show traditional characters as simplified (display only)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="138" />
      <source>Find in document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="487" />
      <source>Highlight</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="490" />
      <source>Highlight in colour</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="499" />
      <source>Add note…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="505" />
      <location filename="../../desktop/reader_view.py" line="520" />
      <source>Compare across provinces</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="510" />
      <source>Copy</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>RecoveryDialog</name>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="34" />
      <source>Daily</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="35" />
      <source>After changes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="36" />
      <source>On closing</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="37" />
      <source>By hand</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="38" />
      <source>Before a restore</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="39" />
      <source>Before a recovery</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="40" />
      <source>Damaged file set aside</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="41" />
      <source>Replaced file set aside</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="56" />
      <source>Recover notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="58" />
      <source>Merge adds the notes a copy has and yours do not (nothing is deleted). Replace makes your notes exactly the copy's; your notes as they are now are kept as a backup first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="62" />
      <source>Kind</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="62" />
      <source>Notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="62" />
      <source>File</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="62" />
      <source>Time</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="65" />
      <source>Merge into my notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="66" />
      <source>Replace my notes with this copy…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="67" />
      <source>Choose a file…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="117" />
      <source>Choose a ZoneRef notes database</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="119" />
      <source>Notes databases (*.db *.db.*);;All files (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="128" />
      <source>Added %1 note(s), updated %2; %3 were already there. %4 bookmark(s), %5 pinned decision(s) and %6 comparison set(s) came back too.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="140" />
      <source>Replace all your notes with this copy? Your notes as they are now are kept as a backup first.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="144" />
      <source>Your notes are now the copy's: %1 note(s). The notes as they were (%2) are kept in %3.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="156" />
      <source>%1 is not a ZoneRef notes database (another program's file, an empty one, or one no longer recognisable as a database). Your notes were not changed.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>RedlineView</name>
    <message>
      <location filename="../../desktop/redline_view.py" line="49" />
      <source>Swap the two versions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="53" />
      <source>Changes only</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="54" />
      <source>Hide the articles that did not change</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="57" />
      <source>Previous change</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="59" />
      <source>Previous change (Shift+F8)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="61" />
      <source>Next change</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="63" />
      <source>Next change (F8)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="69" />
      <source>Choose a document with several versions: 修订对照 in the library's menu or the reader shows what changed between them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="73" />
      <source>Before:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="73" />
      <source>After:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="87" />
      <source>“%1” has no other version. Link it to another version from its menu in the library.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="103" />
      <source>undated</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="129" />
      <source>Choose two different versions.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="134" />
      <source>Comparing…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="172" />
      <source>%1 changed, %2 added, %3 removed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="175" />
      <source>, %1 moved</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="176" />
      <source>; %1 unchanged</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="178" />
      <source> (%1 of them renumbered)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="233" />
      <source>The versions shown were removed from the library.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SavedNotice</name>
    <message>
      <location filename="../../desktop/saved_notice.py" line="33" />
      <source>Open</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/saved_notice.py" line="34" />
      <source>Open folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/saved_notice.py" line="35" />
      <source>Close</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/saved_notice.py" line="44" />
      <source>Saved: %1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SearchView</name>
    <message>
      <location filename="../../desktop/search_view.py" line="132" />
      <source>Search all clauses — e.g. 招商引资, "土地 出让", 人才 -住房, 地区:浙江</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="162" />
      <source>Filter documents (title, issuer, number)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="178" />
      <source>Region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="180" />
      <source>Document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="223" />
      <source>All versions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="225" />
      <source>Also search earlier versions and drafts of a document (by default each clause shows once: the latest version's)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="264" />
      <source>Building the search index: %1 of %2 documents…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="322" />
      <source>%1 of %2 shown</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/search_view.py" line="324" />
      <source>%n document(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="326" />
      <source>%1 ticked</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="345" />
      <source>Tick only this</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="347" />
      <source>Tick all</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/search_view.py" line="350" />
      <source>Tick only the %n shown</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="389" />
      <source>Opening the search index…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="423" />
      <source>%1 matching clauses (first %2 shown; scroll down for more)</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/search_view.py" line="426" />
      <source>%n matching clause(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="429" />
      <source>Note: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="438" />
      <source>Nothing in the documents or regions ticked on the left: untick them to search the whole library.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="442" />
      <source>Every word must occur in one clause: try fewer words, or OR between them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="443" />
      <source>Try a shorter word, or another word for the same thing (e.g. 招商 for 招商引资).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="471" />
      <source>the query could not be read as written, so its words were searched literally</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="475" />
      <source>the query was cut to its first %1 characters</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="477" />
      <source>the query has no characters that can be searched</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="479" />
      <source>region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="479" />
      <source>level</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="479" />
      <source>year</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="481" />
      <source>no document in the library matches %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="483" />
      <source>no clause holds the whole passage: the clauses that hold one or more of its sentences</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="485" />
      <source>no document matches these filters together</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/search_view.py" line="487" />
      <source>%n match(es) in earlier versions and drafts, which are not searched: tick All versions</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
  </context>
  <context>
    <name>Services</name>
    <message>
      <location filename="../../desktop/services.py" line="136" />
      <source>Rebuilding the search index…</source>
      <extracomment>How often other processes' changes are looked for (the target is "noticed within 2 s").</extracomment>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Settings</name>
    <message>
      <location filename="../../desktop/settings.py" line="45" />
      <source>Interface language (applies on restart)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/settings.py" line="47" />
      <source>Reader font size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/settings.py" line="49" />
      <source>Show traditional-script documents in simplified characters</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/settings.py" line="50" />
      <source>Search-as-you-type delay (ms)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/settings.py" line="52" />
      <source>Author of exported Word files</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>_Column</name>
    <message>
      <location filename="../../desktop/compare_view.py" line="116" />
      <source>Source clause</source>
      <extracomment>Documents shown side by side at most, the first ticked ones. Each is a column widget: 400 took seconds to make, and past ~128 the splitter's summed maximum widths overflow Qt's int and the view showed nothing at all.</extracomment>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="118" />
      <location filename="../../desktop/compare_view.py" line="124" />
      <source>Pin</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="125" />
      <source>Pin the best match as this document's counterpart</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="126" />
      <source>Replace…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="127" />
      <source>None</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="128" />
      <source>Mark: this document has no counterpart</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="129" />
      <source>Auto</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="130" />
      <source>Forget the decision; use the automatic match</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="170" />
      <source>Pinned by you</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="170" />
      <source>Marked: no counterpart</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="171" />
      <source>Automatic match</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="198" />
      <source>No counterpart in this document: none of its clauses comes close to this one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="203" />
      <source>No counterpart in this document.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="236" />
      <source>Shown first: the coverage lists it under this clause's topic, %1; the clause that scores higher is not listed there</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="174" />
      <source>You marked: no counterpart in this document.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="192" />
      <source>No counterpart in this document: it does not treat this clause's subject.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="195" />
      <source>No counterpart in this document: it lists no clause under %1, and its closest clause matches only weakly.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="200" />
      <source>Not compared: with this many documents, only those the library's search finds closest to this clause are compared clause by clause, and this one is not among them. Compare it among fewer documents to see its closest clauses.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="208" />
      <source>not scored</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="211" />
      <source>%1 · %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="219" />
      <source>Both: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="221" />
      <source>Shared terms: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="223" />
      <source>Topics: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="225" />
      <source>Numbers: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="249" />
      <source>Topic comparison: this document lists no clause under this clause's topic, %1; this match shares wording, not necessarily the subject</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="255" />
      <source>Topic comparison: under this clause's topic, %1, this document lists %2, not this match</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="268" />
      <source>Compared back: its best match is this clause (mutual best)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="270" />
      <source>Compared back: no candidate in this document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="272" />
      <source>Compared back: its best match is %1, the section this clause sits in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="274" />
      <source>Compared back: its best match is %1, an item of this clause</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="276" />
      <source>Compared back: its best match is %1, on the same topic (%2)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="279" />
      <source>Compared back: it treats several topics (%1); its best match is %2, on %3</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="282" />
      <source>Compared back: its best match is %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="284" />
      <source>Compared back: its best match is %1, not this clause: this match may be wrong</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="288" />
      <source>this clause ranks %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="289" />
      <source>this clause is not among its 5 best candidates back</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>printing</name>
    <message>
      <source>Print preview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export failed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Export</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Preparing the table…</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QFileDialog</name>
    <message>
      <source>&amp;Look in:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Files of &amp;type:</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QPrintSettingsOutput</name>
    <message>
      <source>Page &amp;Set:</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>QPageSetupWidget</name>
    <message>
      <source>Page &amp;order:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>Pages &amp;per sheet:</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>