<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
  <context>
    <name />
    <message>
      <location filename="../../desktop/printing.py" line="183" />
      <source>Print preview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/printing.py" line="215" />
      <source>Export failed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/printing.py" line="298" />
      <source>Export</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CompareView</name>
    <message>
      <location filename="../../desktop/compare_view.py" line="224" />
      <source>Choose a clause in the reader (Compare across provinces) or a topic.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="229" />
      <source>Documents…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="231" />
      <source>Save set…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="233" />
      <source>Open set</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="236" />
      <source>Topic:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="242" />
      <source>Export…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="245" />
      <source>Print preview…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="253" />
      <source>The compared documents: untick to leave one out; drag to reorder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="276" />
      <location filename="../../desktop/compare_view.py" line="415" />
      <source>(choose a topic)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="298" />
      <source>any</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="300" />
      <source>Words in the title, issuer or number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="310" />
      <source>Add selected</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="312" />
      <source>Default</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="313" />
      <source>The documents that matter for this comparison: your pins, what you read lately, the bundled policies, the same level in other regions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="322" />
      <source>Year</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="331" />
      <source>Compared documents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="333" />
      <source>Add documents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="345" />
      <source>All regions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="346" />
      <source>All levels</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/compare_view.py" line="364" />
      <source>%n document(s) match</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="517" />
      <source>Comparing %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="524" />
      <source>Topic: %1</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/compare_view.py" line="528" />
      <source>%n clause(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="581" />
      <source>Replace counterpart</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="581" />
      <source>Clause:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="638" />
      <source>Save comparison set</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="638" />
      <source>Name:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="651" />
      <source>(no saved sets)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="655" />
      <source>Import a set file…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="656" />
      <source>Export a set to a file…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="666" />
      <source>Import a set file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="682" />
      <location filename="../../desktop/compare_view.py" line="685" />
      <source>Export a set to a file</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="682" />
      <source>Set:</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>CoverageModel</name>
    <message numerus="yes">
      <location filename="../../desktop/coverage_view.py" line="96" />
      <source>%n document(s)</source>
      <extracomment>Past this many columns, columns get a fixed width (no stretching or sizing to contents) and scroll.</extracomment>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
  </context>
  <context>
    <name>CoverageView</name>
    <message>
      <location filename="../../desktop/coverage_view.py" line="128" />
      <source>Clauses per topic and province. Click a cell to read them; click a topic to compare it across documents.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/coverage_view.py" line="131" />
      <source>One column per document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/coverage_view.py" line="132" />
      <source>Off: one column per province, its documents together</source>
      <translation type="unfinished" />
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
      <source>The search index cannot be used; try File → Rebuild search index.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="14" />
      <source>The comparison set cannot be used.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="15" />
      <source>This file is not a valid comparison set.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="16" />
      <source>There is no such topic.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="17" />
      <source>Bundled documents cannot be removed; only imported ones.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="18" />
      <source>The note cannot be saved.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="19" />
      <source>The quoted text was not found in the clause.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="20" />
      <source>Unknown highlight colour.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="21" />
      <source>The notes file cannot be imported.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="22" />
      <source>The export failed.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="23" />
      <source>A document in the library cannot be read.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="34" />
      <source>Not found: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="39" />
      <source>Details: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="40" />
      <source>The operation could not be completed:
%1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="41" />
      <source>Unexpected error (a bug): %1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <location filename="../../desktop/import_dialog.py" line="42" />
      <source>The file does not exist or cannot be read.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="43" />
      <source>This file type cannot be imported (txt, md, docx, html, pdf).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="44" />
      <source>The file is larger than the import size limit.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="45" />
      <source>The file is empty.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="46" />
      <source>This is not a text file (an image, archive or program?).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="47" />
      <source>The text is in no known encoding (UTF-8/16, GB18030/GBK, Big5).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="48" />
      <source>The file is damaged.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="49" />
      <source>The file is password-protected; remove the password and import again.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="51" />
      <source>The file would expand far beyond any real document; refused.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="52" />
      <source>The page holds no document text (only navigation or links).</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="53" />
      <source>The PDF has no text layer (a scan?); ZoneRef cannot read scans.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="60" />
      <source>Import files</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="61" />
      <source>Documents (%1);;All files (*)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="66" />
      <source>Import folder</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="81" />
      <source>Import documents</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="83" />
      <source>Reading %n file(s)…</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="88" />
      <source>Title</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="88" />
      <source>Region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="88" />
      <source>Issuer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="88" />
      <source>Level</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="88" />
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="89" />
      <source>Year</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="90" />
      <source>Clauses</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="97" />
      <source>Import</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="105" />
      <source>Check the metadata guessed from each file; edit any cell.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="134" />
      <source>Reading %1 of %2: %3</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="148" />
      <source>Guessed from the text; please check</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="155" />
      <source>%n file(s) ready to import.</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="168" />
      <source>Already in the library as %1.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="170" />
      <source>Not a file type ZoneRef imports; skipped.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="199" />
      <source>Importing…</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="218" />
      <source>Import cancelled; %n document(s) were imported before it.</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="220" />
      <source>Imported %n document(s).</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="225" />
      <source>Close</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="238" />
      <source>Cancelling…</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>LibraryView</name>
    <message>
      <location filename="../../desktop/library_view.py" line="121" />
      <source>Filter documents (title, issuer, number…)</source>
      <extracomment>Libraries up to this size open with every region and level expanded.</extracomment>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/library_view.py" line="189" />
      <source>%n document(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="191" />
      <source>%1 of %2 documents shown</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="210" />
      <source>Title</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="210" />
      <source>Region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="211" />
      <source>Issuer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="211" />
      <source>Number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="212" />
      <source>Date</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="212" />
      <source>Adopted</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="213" />
      <source>Amended</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="213" />
      <source>In force from</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="214" />
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="215" />
      <source>Version</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="216" />
      <source>Clauses</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="225" />
      <source>Open</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="227" />
      <source>Edit document information…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="229" />
      <source>Remove from library…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="233" />
      <source>Compare versions (修订对照)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="235" />
      <source>Link to another version…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="236" />
      <source>Unlink from its versions</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../desktop/mainwindow.py" line="42" />
      <source>ZoneRef — Development-zone policy reference</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="55" />
      <source>Library</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="94" />
      <source>Notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="102" />
      <source>&amp;File</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="103" />
      <source>Import files…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="104" />
      <source>Import folder…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="112" />
      <source>Export…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="113" />
      <source>Print preview…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="114" />
      <source>Rebuild search index…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="115" />
      <source>Close tab</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="117" />
      <source>Quit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="119" />
      <source>&amp;Edit</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="120" />
      <source>Copy citation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="121" />
      <source>Find in document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="122" />
      <source>Preferences…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="124" />
      <source>&amp;View</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="125" />
      <source>Zoom in</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="127" />
      <source>Zoom out</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="128" />
      <source>Actual size</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="129" />
      <source>Show traditional documents in simplified</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="137" />
      <source>&amp;Go</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="138" />
      <location filename="../../desktop/mainwindow.py" line="183" />
      <source>Search</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="139" />
      <location filename="../../desktop/mainwindow.py" line="187" />
      <source>Compare</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="140" />
      <location filename="../../desktop/mainwindow.py" line="190" />
      <source>Topic coverage</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="141" />
      <source>Compare versions (修订对照)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="142" />
      <source>Next tab</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="143" />
      <source>Previous tab</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="145" />
      <source>&amp;Help</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="146" />
      <location filename="../../desktop/mainwindow.py" line="451" />
      <source>About ZoneRef</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="195" />
      <source>Compare versions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="218" />
      <source>Link versions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="219" />
      <source>“%1” is a version of:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="320" />
      <source>Copied: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="333" />
      <source>Nothing to export here: export works in compare, search, topic coverage and the notes panel.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="342" />
      <source>Nothing to print here.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="408" />
      <source>Remove document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="409" />
      <source>Remove “%1” from the library? Its notes are kept for review.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="452" />
      <source>ZoneRef %1: an offline reference for development-zone policy documents.
Your notes and imported documents stay on this computer.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="461" />
      <source>It was replaced by the backup of %1. Changes made after that backup are not in it; the damaged file is kept for recovery by hand.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="464" />
      <source>No good backup was found, so an empty notes database was started. The damaged file is kept for recovery by hand.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="466" />
      <source>Notes database repaired</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="467" />
      <source>Your notes database was damaged and could not be used.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="470" />
      <source>Problem: %1
Damaged file kept at: %2
Restored from: %3</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="486" />
      <source>%n note(s) could not be found in the changed text; they are listed for review (Notes → Orphans only).</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="489" />
      <source>%n note(s) were placed again in changed documents.</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="493" />
      <source>ZoneRef</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>MetadataDialog</name>
    <message>
      <location filename="../../desktop/import_dialog.py" line="244" />
      <source>Title</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="245" />
      <source>Region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="246" />
      <source>City</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="247" />
      <source>Issuer</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="248" />
      <source>Level</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="249" />
      <source>Document number</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="250" />
      <source>Date issued (YYYY-MM-DD)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="251" />
      <source>Year</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="252" />
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="277" />
      <source>Document information</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="288" />
      <source>Guessed from the text; please check</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="318" />
      <source>The year must be a number, e.g. 2017.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="324" />
      <source>The date must be written YYYY-MM-DD, e.g. 2017-12-12.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Models</name>
    <message>
      <location filename="../../desktop/models.py" line="70" />
      <location filename="../../desktop/models.py" line="258" />
      <source>Document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="70" />
      <source>Status</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="100" />
      <source>Other</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="181" />
      <source>Draft</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="182" />
      <source>Earlier version</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="185" />
      <source>%n version(s)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="258" />
      <source>Region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="259" />
      <source>Heading path</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/models.py" line="259" />
      <source>Snippet</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>NotesView</name>
    <message>
      <location filename="../../desktop/notes_view.py" line="55" />
      <source>Search notes and quotes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="60" />
      <source>Orphans only</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="61" />
      <source>Notes whose passage could not be found again; review them</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="72" />
      <source>Document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="72" />
      <source>Quote</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="73" />
      <source>Note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="73" />
      <source>Colour</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="94" />
      <source>Write a note (Markdown)…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="105" />
      <source>Tags, separated by commas</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="107" />
      <source>Save</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="109" />
      <source>Delete</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="111" />
      <source>Go to passage</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="134" />
      <source>Preview</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="181" />
      <source>All documents</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="185" />
      <source>All tags</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="192" />
      <source>All colours</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/notes_view.py" line="223" />
      <source>%n note(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/notes_view.py" line="225" />
      <source>%n orphan(s) to review</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="292" />
      <source>Orphan: this passage was not found in the current text. The note is kept; review or delete it.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="307" />
      <source>Select a note to edit it. Select text in the reader to add one.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="329" />
      <location filename="../../desktop/notes_view.py" line="357" />
      <source>Notes</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="339" />
      <source>Delete note</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="339" />
      <source>Delete this highlight and its note?</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="377" />
      <source>Open link</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="378" />
      <source>Open this address in your browser?
%1</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Ops</name>
    <message>
      <location filename="../../desktop/ops.py" line="224" />
      <source>Cancel</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>PreferencesDialog</name>
    <message>
      <location filename="../../desktop/settings.py" line="117" />
      <source>Preferences</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ReaderView</name>
    <message>
      <location filename="../../desktop/reader_view.py" line="123" />
      <source>Compare versions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="124" />
      <source>What changed between this document's versions (修订对照)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="132" />
      <location filename="../../desktop/reader_view.py" line="498" />
      <location filename="../../desktop/reader_view.py" line="514" />
      <source>Copy citation</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="134" />
      <source>Simplified</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="135" />
      <source>Show traditional characters as simplified (display only)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="140" />
      <source>Find in document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="483" />
      <source>Highlight</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="486" />
      <source>Highlight in colour</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="495" />
      <source>Add note…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="501" />
      <location filename="../../desktop/reader_view.py" line="516" />
      <source>Compare across provinces</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="506" />
      <source>Copy</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>RedlineView</name>
    <message>
      <location filename="../../desktop/redline_view.py" line="53" />
      <source>Swap the two versions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="57" />
      <source>Changes only</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="58" />
      <source>Hide the articles that did not change</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="61" />
      <source>Previous change</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="63" />
      <source>Previous change (Shift+F8)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="65" />
      <source>Next change</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="67" />
      <source>Next change (F8)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="73" />
      <source>Choose a document with several versions: 修订对照 in the library's menu or the reader shows what changed between them.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="78" />
      <source>Before:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="81" />
      <source>After:</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="105" />
      <source>“%1” has no other version. Link it to another version from its menu in the library.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="146" />
      <source>Choose two different versions.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="151" />
      <source>Comparing…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="189" />
      <source>%1 changed, %2 added, %3 removed</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="192" />
      <source>, %1 moved</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="193" />
      <source>; %1 unchanged</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="248" />
      <source>The versions shown were removed from the library.</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>SearchView</name>
    <message>
      <location filename="../../desktop/search_view.py" line="93" />
      <source>Search all clauses — e.g. 招商引资, "土地 出让", 人才 -住房, 地区:浙江</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="115" />
      <source>Region</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="117" />
      <source>Document</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="147" />
      <source>All versions</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="149" />
      <source>Also search earlier versions and drafts of a document (by default each clause shows once: the latest version's)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="166" />
      <source>Building the search index: %1 of %2 documents…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="234" />
      <source>Opening the search index…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="261" />
      <source>%1 matching clauses (first %2 shown)</source>
      <translation type="unfinished" />
    </message>
    <message numerus="yes">
      <location filename="../../desktop/search_view.py" line="264" />
      <source>%n matching clause(s)</source>
      <translation type="unfinished">
        <numerusform />
        <numerusform />
      </translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="267" />
      <source>Note: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="278" />
      <source>the query could not be read as written, so its words were searched literally</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="282" />
      <source>the query was cut to its first %1 characters</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="284" />
      <source>the query has no characters that can be searched</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Services</name>
    <message>
      <location filename="../../desktop/services.py" line="118" />
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
  </context>
  <context>
    <name>_Column</name>
    <message>
      <location filename="../../desktop/compare_view.py" line="102" />
      <source>Source clause</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="104" />
      <location filename="../../desktop/compare_view.py" line="111" />
      <source>Pin</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="112" />
      <source>Pin the best match as this document's counterpart</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="115" />
      <source>Replace…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="118" />
      <source>None</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="119" />
      <source>Mark: this document has no counterpart</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="122" />
      <source>Auto</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="123" />
      <source>Forget the decision; use the automatic match</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="139" />
      <source>Pinned by you</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="139" />
      <source>Marked: no counterpart</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="140" />
      <source>Automatic match</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="142" />
      <source>No counterpart in this document.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="143" />
      <source>You marked: no counterpart in this document.</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="161" />
      <source>%1 · %2</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="169" />
      <source>Shared terms: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="171" />
      <source>Topics: %1</source>
      <translation type="unfinished" />
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="173" />
      <source>Numbers: %1</source>
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
  </context>
</TS>