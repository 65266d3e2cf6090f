<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name />
    <message>
      <location filename="../../desktop/printing.py" line="188" />
      <source>Print preview</source>
      <translation type="unfinished">打印预览</translation>
    </message>
    <message>
      <location filename="../../desktop/printing.py" line="222" />
      <source>Export failed</source>
      <translation type="unfinished">导出失败</translation>
    </message>
    <message>
      <location filename="../../desktop/printing.py" line="312" />
      <source>Export</source>
      <translation type="unfinished">导出</translation>
    </message>
    <message>
      <location filename="../../desktop/printing.py" line="409" />
      <source>Preparing the table…</source>
      <translation type="unfinished">正在整理表格…</translation>
    </message>
  </context>
  <context>
    <name>CompareView</name>
    <message>
      <location filename="../../desktop/compare_view.py" line="311" />
      <source>Choose a clause in the reader (Compare across provinces) or a topic.</source>
      <translation>在阅读器中选择条款（右键“在各省中对比”），或选择一个主题。</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="316" />
      <source>Documents…</source>
      <translation>选择文件…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="318" />
      <source>Save set…</source>
      <translation>保存对比组…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="320" />
      <source>Open set</source>
      <translation>打开对比组</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="323" />
      <source>Topic:</source>
      <translation>主题：</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="329" />
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="332" />
      <source>Print preview…</source>
      <translation>打印预览…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="341" />
      <source>The compared documents: untick to leave one out; drag to reorder</source>
      <translation>对比中的文件：取消勾选即移出，拖动调整顺序</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="364" />
      <location filename="../../desktop/compare_view.py" line="493" />
      <source>(choose a topic)</source>
      <translation>（选择主题）</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="580" />
      <source>Comparing…</source>
      <translation>正在对比…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="386" />
      <source>any</source>
      <translation>不限</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="391" />
      <source>Add selected</source>
      <translation>添加所选</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="393" />
      <source>Default</source>
      <translation>默认</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="394" />
      <source>The documents that matter for this comparison: your pins, what you read lately, the bundled policies, the same level in other regions</source>
      <translation>与本次对比相关的文件：您固定的、最近阅读的、内置政策，以及其他地区同级文件</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="403" />
      <source>Year</source>
      <translation>年份</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="412" />
      <source>Compared documents</source>
      <translation>对比中的文件</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="414" />
      <source>Add documents</source>
      <translation>添加文件</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="426" />
      <source>All regions</source>
      <translation>全部地区</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="427" />
      <source>All levels</source>
      <translation>全部级别</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/compare_view.py" line="445" />
      <source>%n document(s) match</source>
      <translation>
        <numerusform>符合条件的文件 %n 份</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="647" />
      <source>Showing the first %1 of the %2 chosen documents: choose fewer to see the others.</source>
      <translation>只显示所选 %2 个文件中的前 %1 个：减少所选文件可看到其余文件。</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="651" />
      <source>Comparing %1</source>
      <translation>对比：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="658" />
      <source>Topic: %1</source>
      <translation>主题：%1</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/compare_view.py" line="663" />
      <source>%n clause(s)</source>
      <translation>
        <numerusform>%n 条</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="715" />
      <source>Replace counterpart</source>
      <translation>替换对应条款</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="715" />
      <source>Clause:</source>
      <translation>条款：</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="774" />
      <location filename="../../desktop/compare_view.py" line="781" />
      <source>Save comparison set</source>
      <translation>保存对比组</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="774" />
      <source>Name:</source>
      <translation>名称：</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="782" />
      <source>A comparison set named “%1” already exists. Replace it with this comparison?</source>
      <translation>已有名为“%1”的对比组。要用当前对比替换它吗？</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="789" />
      <source>Saved as the comparison set “%1”.</source>
      <translation>已保存为对比组“%1”。</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="805" />
      <source>(no saved sets)</source>
      <translation>（尚无保存的对比组）</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="809" />
      <source>Import a set file…</source>
      <translation>导入对比组文件…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="810" />
      <source>Export a set to a file…</source>
      <translation>将对比组导出为文件…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="820" />
      <source>Import a set file</source>
      <translation>导入对比组文件</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="836" />
      <location filename="../../desktop/compare_view.py" line="842" />
      <source>Export a set to a file</source>
      <translation>导出对比组文件</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="836" />
      <source>Set:</source>
      <translation>对比组：</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="876" />
      <source>Not in your library, left out: %1</source>
      <translation>文库中没有，已略去：%1</translation>
    </message>
  </context>
  <context>
    <name>CoverageModel</name>
    <message numerus="yes">
      <location filename="../../desktop/coverage_view.py" line="118" />
      <source>%1 of %2 documents, %n clause(s)</source>
      <extracomment>Cell shades, lightest first, by clauses per document of the column: up to 1, 2, 3, more (a document's own count; a province's averaged over its documents, whose totals at 120 documents a province are all past 4: shading totals showed nothing there). A cell's tooltip names at most this many clauses (a province's cell at 3,500 documents holds ~1,500). Past this many columns, columns get a fixed width (no stretching or sizing to contents) and scroll.</extracomment>
      <translation>
        <numerusform>%2 份文件中 %1 份论及，共 %n 条</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/coverage_view.py" line="122" />
      <source>… and %n more</source>
      <translation>
        <numerusform>……另有 %n 条</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/coverage_view.py" line="130" />
      <source>%n document(s)</source>
      <translation>
        <numerusform>%n 份文件</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>CoverageView</name>
    <message>
      <location filename="../../desktop/coverage_view.py" line="184" />
      <source>Clauses per topic and province, shaded by clauses per document. Click a cell to read them; click a topic to compare it across documents.</source>
      <translation>各主题在各省（或各文件）中的条款数，颜色按每份文件平均条款数深浅。点击单元格阅读条款；点击主题名在各文件间对比。</translation>
    </message>
    <message>
      <location filename="../../desktop/coverage_view.py" line="188" />
      <source>One column per document</source>
      <translation>按文件分列</translation>
    </message>
    <message>
      <location filename="../../desktop/coverage_view.py" line="189" />
      <source>Off: one column per province, its documents together</source>
      <translation>不勾选时每个省一列，合并该省的各份文件</translation>
    </message>
    <message>
      <location filename="../../desktop/coverage_view.py" line="212" />
      <source>Reading the documents' topics: %1 of %2…</source>
      <translation>正在读取各文件的主题：%1 / %2 份…</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/coverage_view.py" line="343" />
      <source>%1 (%n clause(s))</source>
      <translation>
        <numerusform>%1（%n 条）</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DocumentPicker</name>
    <message>
      <location filename="../../desktop/document_picker.py" line="61" />
      <source>Words in the title, issuer or number</source>
      <translation>标题、发文机关或文号中的词语</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/document_picker.py" line="105" />
      <source>%n document(s)</source>
      <translation>
        <numerusform>%n 份文件</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <location filename="../../desktop/errors.py" line="10" />
      <source>The notes database cannot be used.</source>
      <translation>笔记数据库无法使用。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="11" />
      <source>The notes database was written by a newer ZoneRef; please update ZoneRef.</source>
      <translation>笔记数据库由更新版本的 ZoneRef 写入，请升级 ZoneRef。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="13" />
      <source>The disk is full, so the notes cannot be saved. Free some space and try again; your notes are safe.</source>
      <translation>磁盘已满，批注无法保存。请释放一些空间后重试；您的批注是安全的。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="15" />
      <source>The notes database cannot be written (a read-only file, folder or disk). Check its permissions; your notes are safe and can still be read.</source>
      <translation>笔记数据库无法写入（文件、文件夹或磁盘为只读）。请检查权限；您的批注是安全的，仍可查看。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="18" />
      <source>The disk reported an error with the notes database. Check the disk, close every ZoneRef window and start again; the file was left as it is.</source>
      <translation>磁盘在读写笔记数据库时报错。请检查磁盘，关闭所有 ZoneRef 窗口后重新启动；文件保持原样。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="21" />
      <source>Another ZoneRef window or command is using the notes database. Close it and try again.</source>
      <translation>另一个 ZoneRef 窗口或命令正在使用笔记数据库，请将其关闭后重试。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="23" />
      <source>The notes database is damaged and could not be repaired now; it was left as it is.</source>
      <translation>笔记数据库已损坏，目前无法修复；文件保持原样。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="25" />
      <source>The chosen file is not a ZoneRef notes database; your notes were not changed.</source>
      <translation>所选文件不是 ZoneRef 笔记数据库；您的批注未作任何改动。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="27" />
      <source>The processes that read imported files could not start.</source>
      <translation>用于读取导入文件的进程无法启动。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="28" />
      <source>The search index cannot be used; try File → Rebuild search index.</source>
      <translation>检索索引无法使用，请尝试“文件 → 重建检索索引”。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="29" />
      <source>The comparison set cannot be used.</source>
      <translation>该对比组无法使用。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="30" />
      <source>This file is not a valid comparison set.</source>
      <translation>此文件不是有效的对比组文件。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="31" />
      <source>There is no such topic.</source>
      <translation>没有这个主题。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="32" />
      <source>Bundled documents cannot be removed; only imported ones.</source>
      <translation>内置文件不能移除，只能移除导入的文件。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="33" />
      <source>The note cannot be saved.</source>
      <translation>批注无法保存。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="34" />
      <source>The quoted text was not found in the clause.</source>
      <translation>在条款中找不到所引的原文。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="35" />
      <source>Unknown highlight colour.</source>
      <translation>未知的高亮颜色。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="36" />
      <source>The notes file cannot be imported.</source>
      <translation>批注文件无法导入。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="37" />
      <source>The export failed.</source>
      <translation>导出失败。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="38" />
      <source>The export failed: the file is open in another program (Word, WPS, Excel…) or read-only. Close it there, or choose another name, and export again; the file was left as it was.</source>
      <translation>导出失败：该文件正被其他程序（Word、WPS、Excel 等）打开，或为只读。请在该程序中关闭它，或换一个文件名，再重新导出；原文件未作改动。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="41" />
      <source>A document in the library cannot be read.</source>
      <translation>文库中有文件无法读取。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="46" />
      <source>The title cannot be empty.</source>
      <translation>标题不能为空。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="47" />
      <source>The region cannot be empty; write 不详 if it is not known.</source>
      <translation>地区不能为空；不清楚时请填写“不详”。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="48" />
      <source>The region must be a province-level region (e.g. 湖北省 or 湖北), 全国 for a national document, or 不详.</source>
      <translation>地区须为省级行政区（如 湖北省 或 湖北），全国性文件填写“全国”，不清楚时填写“不详”。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="50" />
      <source>The year must be four digits from 1949 to 2100, e.g. 2017.</source>
      <translation>年份须为 1949 至 2100 之间的四位数字，例如 2017。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="51" />
      <source>The date must be written YYYY-MM-DD, e.g. 2017-12-12.</source>
      <translation>日期须写作 年-月-日，例如 2017-12-12。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="61" />
      <source>This value cannot be used: %1</source>
      <translation>此值无法使用：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="76" />
      <source>Not found: %1</source>
      <translation>未找到：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="80" />
      <source>Details: %1</source>
      <translation>详情：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="81" />
      <source>The operation could not be completed:
%1</source>
      <translation>操作未能完成：
%1</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="82" />
      <source>Unexpected error (a bug): %1</source>
      <translation>意外错误（程序缺陷）：%1</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <location filename="../../desktop/import_dialog.py" line="44" />
      <source>The file does not exist or cannot be read.</source>
      <extracomment>Behind a cell whose value the rules refuse (translucent: readable on a light and a dark palette).</extracomment>
      <translation>文件不存在或无法读取。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="45" />
      <source>This file type cannot be imported (txt, md, docx, doc, wps, html, mht, pdf, ofd, or a zip of them).</source>
      <translation>不支持导入此类文件（仅支持 txt、md、docx、doc、wps、html、mht、pdf、ofd 及其 zip 压缩包）。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="47" />
      <source>The file is larger than the import size limit.</source>
      <translation>文件超过导入大小上限。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="48" />
      <source>The file is empty.</source>
      <translation>文件是空的。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="49" />
      <source>This is not a text file (an image, archive or program?).</source>
      <translation>这不是文本文件（可能是图片、压缩包或程序）。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="50" />
      <source>The text is in no known encoding (UTF-8/16, GB18030/GBK, Big5).</source>
      <translation>无法识别文本编码（支持 UTF-8/16、GB18030/GBK、Big5）。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="51" />
      <source>The file is damaged.</source>
      <translation>文件已损坏。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="52" />
      <source>The file is password-protected; remove the password and import again.</source>
      <translation>文件设有密码保护，请取消密码后重新导入。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="54" />
      <source>The file would expand far beyond any real document; refused.</source>
      <translation>文件解压后的体积远超正常文档（疑似压缩炸弹），已拒绝。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="55" />
      <source>The page holds no document text (only navigation or links).</source>
      <translation>网页中没有正文（只有导航或链接）。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="58" />
      <source>The text is far longer than any policy document; split it and import the parts.</source>
      <translation>文本远长于任何政策文件，请拆分后分别导入。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="60" />
      <source>Reading the file took too long and was stopped (a damaged or hostile file?). Save it again in its program and import that.</source>
      <translation>读取文件耗时过长，已停止（文件可能损坏或被恶意构造）。请用原程序另存后再导入。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="62" />
      <source>Reading the file needed too much memory and was stopped (a damaged or hostile file?). Save it again in its program and import that.</source>
      <translation>读取文件所需内存过多，已停止（文件可能损坏或被恶意构造）。请用原程序另存后再导入。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="65" />
      <source>Reading the file failed unexpectedly; it was refused. Save it again in its program and import that.</source>
      <translation>读取文件时意外失败，已拒绝导入。请用原程序另存后再导入。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="70" />
      <source>Too short to be a policy document, and without a policy's form.</source>
      <translation>内容过短，也没有政策文件的形式。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="71" />
      <source>Mostly not Chinese text.</source>
      <translation>大部分内容不是中文。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="72" />
      <source>No document kind in its title (意见, 办法, 条例 …), no document number, no numbered clauses, no issuer and date: a news item or a table?</source>
      <translation>标题中没有文种（意见、办法、条例等），没有文号，没有编号的条款，也没有发文机关和日期：是新闻稿或表格吗？</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="81" />
      <source>A hidden file or folder; skipped.</source>
      <translation>隐藏的文件或文件夹，已跳过。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="82" />
      <source>A lock file Word keeps while a document is open; skipped.</source>
      <translation>Word 打开文档时生成的锁定文件，已跳过。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="83" />
      <source>A link to outside the folder; not followed.</source>
      <translation>指向文件夹以外的链接，未跟随。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="84" />
      <source>A link to a folder; not followed (import that folder itself if you want it).</source>
      <translation>指向文件夹的链接，未跟随（如需导入，请直接导入该文件夹）。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="86" />
      <source>A link that leads back to itself; skipped.</source>
      <translation>循环链接，已跳过。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="87" />
      <source>A link to a file that does not exist; skipped.</source>
      <translation>指向不存在文件的链接，已跳过。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="88" />
      <source>A link to something that is not a file; not followed.</source>
      <translation>指向非文件对象的链接，未跟随。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="89" />
      <source>An archive inside an archive; not opened (extract it and import it on its own).</source>
      <translation>压缩包内的压缩包，未打开（请解压后单独导入）。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="96" />
      <source>Import files</source>
      <translation>导入文件</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="97" />
      <source>Documents (%1);;All files (*)</source>
      <translation>文件 (%1);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="102" />
      <source>Import folder</source>
      <translation>导入文件夹</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="118" />
      <source>Import documents</source>
      <translation>导入文件</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="120" />
      <source>Reading %n file(s)…</source>
      <translation>
        <numerusform>正在读取 %n 个文件…</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="124" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="124" />
      <source>Region</source>
      <translation>地区</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="124" />
      <source>Issuer</source>
      <translation>发文机关</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="124" />
      <source>Level</source>
      <translation>层级</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="124" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="125" />
      <source>Year</source>
      <translation>年份</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="126" />
      <source>Clauses</source>
      <translation>条款数</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="126" />
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="152" />
      <location filename="../../desktop/import_dialog.py" line="301" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="156" />
      <source>Copy the notes onto the new versions</source>
      <translation>将批注复制到新版本</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="194" />
      <source>Reading %1 of %2: %3</source>
      <translation>正在读取第 %1 / %2 个：%3</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="206" />
      <source>%n of them may not be policy documents (their clause count is marked; hover it for why): untick a row's title to leave its file out.</source>
      <translation>
        <numerusform>其中 %n 个文件可能不是政策文件（已标出其条款数，鼠标悬停可看原因）：取消勾选该行标题即不导入该文件。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="246" />
      <source>May not be a policy document:</source>
      <translation>可能不是政策文件：</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="283" />
      <source>Guessed from the text; please check</source>
      <translation>由正文推断，请核对</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="203" />
      <source>%n file(s) ready to import.</source>
      <translation>
        <numerusform>%n 个文件可以导入。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="321" />
      <source>Already in the library as %1.</source>
      <translation>文库中已有此文件：%1。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="80" />
      <source>Not a file type ZoneRef imports; skipped.</source>
      <extracomment>Behind the clause count of a file that may not be a policy document (translucent amber).</extracomment>
      <translation>不是 ZoneRef 可导入的文件类型，已跳过。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="56" />
      <source>The PDF or OFD file has no text (a scan?); ZoneRef cannot read scans.</source>
      <translation>此 PDF 或 OFD 文件没有文字层（可能是扫描件），ZoneRef 无法读取扫描件。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="163" />
      <source>Check the metadata guessed from each file (guesses in olive: please check them); edit any cell.</source>
      <translation>请核对从各文件推断出的信息（橄榄色为推断值，请逐一核对），可直接修改任一单元格。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="302" />
      <source>Import %n file(s)</source>
      <translation>
        <numerusform>导入 %n 个文件</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="305" />
      <source>Row %1, %2: %3</source>
      <translation>第 %1 行“%2”：%3</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="308" />
      <source>(%n cell(s) to correct in all)</source>
      <translation>
        <numerusform>（共 %n 处待更正）</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="366" />
      <source>Importing…</source>
      <translation>正在导入…</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="389" />
      <source>Import cancelled; %n document(s) were imported before it.</source>
      <translation>
        <numerusform>导入已取消；取消前已导入 %n 份文件。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="391" />
      <source>Imported %n document(s).</source>
      <translation>
        <numerusform>已导入 %n 份文件。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="396" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="404" />
      <source>You have notes on earlier versions of %n of them.</source>
      <translation>
        <numerusform>其中 %n 份文件的旧版本上有您的批注。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="422" />
      <source>Cancelling…</source>
      <translation>正在取消…</translation>
    </message>
  </context>
  <context>
    <name>Labels</name>
    <message>
      <location filename="../../desktop/labels.py" line="8" />
      <source>Key point</source>
      <translation>重点</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="8" />
      <source>Question</source>
      <translation>疑问</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="9" />
      <source>Compare</source>
      <translation>对比</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="9" />
      <source>To do</source>
      <translation>待办</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="10" />
      <source>strong</source>
      <translation>强</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="10" />
      <source>medium</source>
      <translation>中</translation>
    </message>
    <message>
      <location filename="../../desktop/labels.py" line="11" />
      <source>weak</source>
      <translation>弱</translation>
    </message>
  </context>
  <context>
    <name>LibraryView</name>
    <message>
      <location filename="../../desktop/library_view.py" line="161" />
      <source>Filter documents (title, issuer, number…)</source>
      <extracomment>Libraries up to this size open with every region and level expanded (the model builds their rows at once). A filter matching up to this many documents opens their regions and levels; more show their regions closed. The filter's haystacks are made on a worker this long after the notes load (``prepare_filter``): the window's own start-up work has the processors first.</extracomment>
      <translation>筛选文件（标题、发文机关、文号…）</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="375" />
      <source>No document's title, issuer, number or date contains “%1”.</source>
      <translation>没有文件的标题、发文机关、文号或日期含“%1”。</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="377" />
      <source>Search the documents' text for it</source>
      <translation>在文件正文中检索</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/library_view.py" line="379" />
      <source>%n document(s)</source>
      <translation>
        <numerusform>共 %n 份文件</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="381" />
      <source>%1 of %2 documents shown</source>
      <translation>显示 %1 / %2 份文件</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="393" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="393" />
      <source>Region</source>
      <translation>地区</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="394" />
      <source>Issuer</source>
      <translation>发文机关</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="394" />
      <source>Number</source>
      <translation>文号</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="395" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="395" />
      <source>Adopted</source>
      <translation>通过日期</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="396" />
      <source>Amended</source>
      <translation>修正/修订</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="396" />
      <source>In force from</source>
      <translation>施行日期</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="397" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="398" />
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="399" />
      <source>Clauses</source>
      <translation>条款数</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="410" />
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="412" />
      <source>Edit document information…</source>
      <translation>编辑文件信息…</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="414" />
      <source>Remove from library…</source>
      <translation>从文库中移除…</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="418" />
      <source>Compare versions (修订对照)</source>
      <translation>修订对照</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="420" />
      <source>Link to another version…</source>
      <translation>关联其他版本…</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="421" />
      <source>Unlink from its versions</source>
      <translation>取消版本关联</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="423" />
      <source>Copy notes from its other versions</source>
      <translation>复制其他版本的批注到此版本</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../desktop/mainwindow.py" line="131" />
      <source>ZoneRef — Development-zone policy reference</source>
      <extracomment>The notes load once the search index is open, or this long after the first paint if it is not yet.</extracomment>
      <translation>开发区政策参考 ZoneRef</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="145" />
      <source>Library</source>
      <translation>文库</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="188" />
      <location filename="../../desktop/mainwindow.py" line="395" />
      <location filename="../../desktop/mainwindow.py" line="972" />
      <source>Notes</source>
      <translation>批注</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="252" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="253" />
      <source>Import files…</source>
      <translation>导入文件…</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="254" />
      <source>Import folder…</source>
      <translation>导入文件夹…</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="264" />
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="265" />
      <source>Print preview…</source>
      <translation>打印预览…</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="266" />
      <source>Rebuild search index…</source>
      <translation>重建检索索引…</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="267" />
      <source>Recover notes…</source>
      <translation>恢复批注…</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="268" />
      <source>Close tab</source>
      <translation>关闭标签页</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="270" />
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="272" />
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="273" />
      <source>Copy citation</source>
      <translation>复制引用</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="274" />
      <source>Find in document</source>
      <translation>在文中查找</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="275" />
      <source>Preferences…</source>
      <translation>首选项…</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="277" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="278" />
      <source>Zoom in</source>
      <translation>放大</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="280" />
      <source>Zoom out</source>
      <translation>缩小</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="281" />
      <source>Actual size</source>
      <translation>原始大小</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="282" />
      <source>Show traditional documents in simplified</source>
      <translation>繁体文件以简体显示</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="290" />
      <source>&amp;Go</source>
      <translation>前往(&amp;G)</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="291" />
      <location filename="../../desktop/mainwindow.py" line="408" />
      <location filename="../../desktop/mainwindow.py" line="413" />
      <source>Search</source>
      <translation>检索</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="292" />
      <location filename="../../desktop/mainwindow.py" line="417" />
      <source>Compare</source>
      <translation>对比</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="293" />
      <location filename="../../desktop/mainwindow.py" line="429" />
      <source>Topic coverage</source>
      <translation>主题覆盖</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="294" />
      <source>Compare versions (修订对照)</source>
      <translation>修订对照</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="295" />
      <source>Next tab</source>
      <translation>下一个标签页</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="297" />
      <source>Previous tab</source>
      <translation>上一个标签页</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="300" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="301" />
      <location filename="../../desktop/mainwindow.py" line="772" />
      <source>About ZoneRef</source>
      <translation>关于 ZoneRef</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="396" />
      <source>%n note edit(s) that could not be saved last time were written now.</source>
      <translation>
        <numerusform>上次未能保存的 %n 条批注修改现已写入。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="434" />
      <source>Compare versions</source>
      <translation>修订对照</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="455" />
      <source>Link versions</source>
      <translation>关联版本</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="456" />
      <source>“%1” is a version of:</source>
      <translation>“%1”是下列文件的另一版本：</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="489" />
      <source>The other versions of this document have no notes.</source>
      <translation>此文件的其他版本上没有批注。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="492" />
      <source>%n note(s) copied to this version.</source>
      <translation>
        <numerusform>已将 %n 条批注复制到此版本。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="493" />
      <source>%n note(s) copied to the new versions of %1 documents.</source>
      <translation>
        <numerusform>已将 %n 条批注复制到 %1 份文件的新版本。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="496" />
      <source>%n note(s) were here already.</source>
      <translation>
        <numerusform>%n 条批注此前已复制过。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="498" />
      <source>%n of them sit on text that reads a little differently here; the highlight is kept as it was: please check.</source>
      <translation>
        <numerusform>其中 %n 条所在文字在此版本中略有改动，划线保留原样，请核对。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="505" />
      <source>%n note(s) not copied: their passage changed in this version (they stay on their own version; 修订对照 shows the changes):</source>
      <translation>
        <numerusform>%n 条批注未复制：所在文字在此版本中已改动（批注仍在原版本上，可用“修订对照”查看改动）：</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="973" />
      <source>The note being edited could not be saved. Close anyway and lose what was typed?</source>
      <translation>正在编辑的批注未能保存。仍要关闭并放弃所输入的内容吗？</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="503" />
      <location filename="../../desktop/mainwindow.py" line="509" />
      <source>… and %n more</source>
      <translation>
        <numerusform>……另有 %n 条</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="511" />
      <source>Notes from other versions</source>
      <translation>其他版本的批注</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="584" />
      <source>No tab is open. Double-click a document in the library to read it, or open &lt;a href="search"&gt;Search&lt;/a&gt; (Ctrl+K), &lt;a href="compare"&gt;Compare&lt;/a&gt; (Ctrl+Shift+K) or &lt;a href="coverage"&gt;Topic coverage&lt;/a&gt; (Ctrl+Shift+M).</source>
      <translation>没有打开的标签页。在文库中双击文件即可阅读，或打开&lt;a href="search"&gt;检索&lt;/a&gt;（Ctrl+K）、&lt;a href="compare"&gt;对比&lt;/a&gt;（Ctrl+Shift+K）、&lt;a href="coverage"&gt;主题覆盖&lt;/a&gt;（Ctrl+Shift+M）。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="626" />
      <source>Copied: %1</source>
      <translation>已复制：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="639" />
      <source>Nothing to export here: export works in compare, search, topic coverage and the notes panel.</source>
      <translation>此处没有可导出的内容：对比、检索、主题覆盖和批注面板可以导出。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="652" />
      <source>Nothing to print here.</source>
      <translation>此处没有可打印的内容。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="724" />
      <source>Remove document</source>
      <translation>移除文件</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="725" />
      <source>Remove “%1” from the library? Its notes are kept for review.</source>
      <translation>从文库中移除《%1》？其批注将保留以供复核。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="773" />
      <source>ZoneRef %1: an offline reference for development-zone policy documents.
Your notes and imported documents stay on this computer.</source>
      <translation>ZoneRef %1：开发区政策文件离线参考工具。
您的批注和导入的文件只保存在本机。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="785" />
      <source>It was restored from the backup of %1, which holds %2 note(s). Notes made after that backup may still be in the damaged file, which is kept: Recover notes from it brings them back.</source>
      <translation>已从 %1 的备份恢复，其中有 %2 条批注。该备份之后新增的批注可能仍在已保留的损坏文件中，点击“从损坏的文件恢复批注”即可找回。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="789" />
      <source>No good backup was found, so the %1 note(s) still readable in it were saved into a new notes database. The damaged file is kept.</source>
      <translation>没有找到完好的备份，已把其中仍可读取的 %1 条批注保存到新的笔记数据库。损坏的文件已保留。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="791" />
      <source>Notes database repaired</source>
      <translation>笔记数据库已修复</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="792" />
      <source>Your notes database was damaged and could not be used.</source>
      <translation>您的笔记数据库已损坏，无法使用。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="795" />
      <source>Problem: %1
Damaged file kept at: %2
Restored from: %3</source>
      <translation>问题：%1
损坏的文件保存在：%2
恢复自：%3</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="799" />
      <source>Recover notes from the damaged file</source>
      <translation>从损坏的文件恢复批注</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="809" />
      <location filename="../../desktop/mainwindow.py" line="817" />
      <source>Notes are read-only</source>
      <translation>批注为只读</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="818" />
      <source>Your notes can be read, searched and exported, but not changed until this is fixed:</source>
      <translation>批注仍可查看、检索和导出，但在解决以下问题之前无法修改：</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="845" />
      <source>Some documents cannot be read</source>
      <translation>部分文件无法读取</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="846" />
      <source>%n document file(s) cannot be read and were left out of the library. The rest of the library works as usual.</source>
      <translation>
        <numerusform>有 %n 个文件无法读取，已从文库中略去。文库的其余部分照常可用。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="852" />
      <source>Move them out of the library</source>
      <translation>将其移出文库</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="874" />
      <source>Moved to %1; the files are kept there.</source>
      <translation>已移至 %1，文件保存在那里。</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="886" />
      <source>%n note(s) could not be found in the changed text; they are listed for review (Notes → Orphans only).</source>
      <translation>
        <numerusform>%n 条批注在修改后的文本中找不到原文，已列出待复核（批注 → 只看孤立批注）。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="889" />
      <source>%n note(s) were placed again in changed documents.</source>
      <translation>
        <numerusform>%n 条批注已在修改过的文件中重新定位。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="895" />
      <source>ZoneRef</source>
      <translation>ZoneRef</translation>
    </message>
  </context>
  <context>
    <name>MetadataDialog</name>
    <message>
      <location filename="../../desktop/import_dialog.py" line="428" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="429" />
      <source>Region</source>
      <translation>地区</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="430" />
      <source>City</source>
      <translation>城市</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="431" />
      <source>Issuer</source>
      <translation>发文机关</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="432" />
      <source>Level</source>
      <translation>层级</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="433" />
      <source>Document number</source>
      <translation>文号</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="434" />
      <source>Date issued (YYYY-MM-DD)</source>
      <translation>发文日期（年-月-日）</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="435" />
      <source>Year</source>
      <translation>年份</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="436" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="461" />
      <source>Document information</source>
      <translation>文件信息</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="472" />
      <source>Guessed from the text; please check</source>
      <translation>由正文推断，请核对</translation>
    </message>
  </context>
  <context>
    <name>Models</name>
    <message>
      <location filename="../../desktop/models.py" line="277" />
      <location filename="../../desktop/models.py" line="602" />
      <source>Document</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="277" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="346" />
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="432" />
      <source>Draft</source>
      <translation>征求意见稿</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="433" />
      <source>Earlier version</source>
      <translation>历史版本</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="436" />
      <source>%n version(s)</source>
      <translation>%n 个版本</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="602" />
      <source>Region</source>
      <translation>地区</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="603" />
      <source>Heading path</source>
      <translation>所在章节</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="603" />
      <source>Snippet</source>
      <translation>摘录</translation>
    </message>
  </context>
  <context>
    <name>NotesView</name>
    <message>
      <location filename="../../desktop/notes_view.py" line="58" />
      <source>Search notes and quotes</source>
      <translation>搜索批注和摘录</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="63" />
      <source>Orphans only</source>
      <translation>只看孤立批注</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="64" />
      <source>Notes whose passage could not be found again; review them</source>
      <translation>原文已找不到的批注，请复核</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="75" />
      <source>Document</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="75" />
      <source>Quote</source>
      <translation>摘录</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="76" />
      <source>Note</source>
      <translation>批注</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="76" />
      <source>Colour</source>
      <translation>颜色</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="97" />
      <source>Write a note (Markdown)…</source>
      <translation>撰写批注（支持 Markdown）…</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="109" />
      <source>Tags, separated by commas</source>
      <translation>标签，用逗号分隔</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="126" />
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="128" />
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="130" />
      <source>Go to passage</source>
      <translation>跳转到原文</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="137" />
      <source>Preview</source>
      <translation>预览</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="189" />
      <source>All documents</source>
      <translation>全部文件</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="191" />
      <source>All tags</source>
      <translation>全部标签</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="207" />
      <source>All colours</source>
      <translation>全部颜色</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/notes_view.py" line="247" />
      <source>%n note(s)</source>
      <translation>
        <numerusform>共 %n 条批注</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/notes_view.py" line="249" />
      <source>%n orphan(s) to review</source>
      <translation>
        <numerusform>%n 条孤立批注待复核</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="329" />
      <source>Orphan: this passage was not found in the current text. The note is kept; review or delete it.</source>
      <translation>孤立批注：当前文本中找不到这段原文。批注已保留，请复核或删除。</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="348" />
      <source>Select a note to edit it. Select text in the reader to add one.</source>
      <translation>选择一条批注进行编辑；在阅读器中选中文字即可添加批注。</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="418" />
      <source>What you typed is kept, and will be written when ZoneRef next starts if it cannot be written before.</source>
      <translation>您输入的内容已另行保存；如在此之前仍无法写入，将在下次启动 ZoneRef 时写入。</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="423" />
      <source>Not saved yet, trying again:</source>
      <translation>尚未保存，正在重试：</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="427" />
      <location filename="../../desktop/notes_view.py" line="440" />
      <location filename="../../desktop/notes_view.py" line="482" />
      <location filename="../../desktop/notes_view.py" line="504" />
      <source>Notes</source>
      <translation>批注</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="441" />
      <source>This note was changed elsewhere (another window or zoneref notes) while you typed in it. What you typed is saved; the other version is kept as a second note on the same passage.</source>
      <translation>输入期间，此批注已在别处（另一窗口或 zoneref notes）被修改。您输入的内容已保存；另一版本另存为同一原文上的第二条批注。</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="444" />
      <source>This note was deleted elsewhere (another window or zoneref notes) while you typed in it. It is kept, with what you typed.</source>
      <translation>输入期间，此批注已在别处（另一窗口或 zoneref notes）被删除。批注连同您输入的内容已保留。</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="472" />
      <source>Delete note</source>
      <translation>删除批注</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="472" />
      <source>Delete this highlight and its note?</source>
      <translation>删除此高亮及其批注？</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="524" />
      <source>Open link</source>
      <translation>打开链接</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="525" />
      <source>Open this address in your browser?
%1</source>
      <translation>在浏览器中打开此地址？
%1</translation>
    </message>
  </context>
  <context>
    <name>Ops</name>
    <message>
      <location filename="../../desktop/ops.py" line="244" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>PreferencesDialog</name>
    <message>
      <location filename="../../desktop/settings.py" line="122" />
      <source>Preferences</source>
      <translation>首选项</translation>
    </message>
  </context>
  <context>
    <name>ReaderView</name>
    <message>
      <location filename="../../desktop/reader_view.py" line="124" />
      <source>Compare versions</source>
      <translation>修订对照</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="126" />
      <source>What changed between this document's versions (修订对照)</source>
      <translation>查看本文件各版本之间的修改（修订对照）</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="132" />
      <location filename="../../desktop/reader_view.py" line="502" />
      <location filename="../../desktop/reader_view.py" line="518" />
      <source>Copy citation</source>
      <translation>复制引用</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="133" />
      <source>Simplified</source>
      <translation>简体显示</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="134" />
      <source>Show traditional characters as simplified (display only)</source>
      <translation>将繁体字显示为简体（仅显示，引用保持原文）</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="138" />
      <source>Find in document</source>
      <translation>在文中查找</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="487" />
      <source>Highlight</source>
      <translation>高亮</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="490" />
      <source>Highlight in colour</source>
      <translation>按颜色高亮</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="499" />
      <source>Add note…</source>
      <translation>添加批注…</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="505" />
      <location filename="../../desktop/reader_view.py" line="520" />
      <source>Compare across provinces</source>
      <translation>在各省中对比</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="510" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
  </context>
  <context>
    <name>RecoveryDialog</name>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="34" />
      <source>Daily</source>
      <translation>每日</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="35" />
      <source>After changes</source>
      <translation>修改后</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="36" />
      <source>On closing</source>
      <translation>关闭时</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="37" />
      <source>By hand</source>
      <translation>手动</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="38" />
      <source>Before a restore</source>
      <translation>还原前</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="39" />
      <source>Before a recovery</source>
      <translation>恢复前</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="40" />
      <source>Damaged file set aside</source>
      <translation>损坏时保留的文件</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="41" />
      <source>Replaced file set aside</source>
      <translation>被替换时保留的文件</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="56" />
      <source>Recover notes</source>
      <translation>恢复批注</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="58" />
      <source>Merge adds the notes a copy has and yours do not (nothing is deleted). Replace makes your notes exactly the copy's; your notes as they are now are kept as a backup first.</source>
      <translation>“合并”会加入副本中有而您现有批注中没有的批注（不会删除任何内容）。“替换”会使您的批注与副本完全相同；替换前会先把现有批注备份。</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="62" />
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="62" />
      <source>Notes</source>
      <translation>批注数</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="62" />
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="62" />
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="65" />
      <source>Merge into my notes</source>
      <translation>合并到我的批注</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="66" />
      <source>Replace my notes with this copy…</source>
      <translation>用此副本替换我的批注…</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="67" />
      <source>Choose a file…</source>
      <translation>选择文件…</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="117" />
      <source>Choose a ZoneRef notes database</source>
      <translation>选择 ZoneRef 笔记数据库</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="119" />
      <source>Notes databases (*.db *.db.*);;All files (*)</source>
      <translation>笔记数据库 (*.db *.db.*);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="128" />
      <source>Added %1 note(s), updated %2; %3 were already there. %4 bookmark(s), %5 pinned decision(s) and %6 comparison set(s) came back too.</source>
      <translation>已添加 %1 条批注，更新 %2 条；%3 条原已存在。另外找回书签 %4 个、固定的对应关系 %5 项、对比组 %6 个。</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="140" />
      <source>Replace all your notes with this copy? Your notes as they are now are kept as a backup first.</source>
      <translation>用此副本替换您的全部批注？替换前会先把现有批注备份。</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="144" />
      <source>Your notes are now the copy's: %1 note(s). The notes as they were (%2) are kept in %3.</source>
      <translation>您的批注已替换为副本的内容：%1 条。原有批注（%2 条）保存在 %3。</translation>
    </message>
    <message>
      <location filename="../../desktop/recovery_dialog.py" line="156" />
      <source>%1 is not a ZoneRef notes database (another program's file, an empty one, or one no longer recognisable as a database). Your notes were not changed.</source>
      <translation>%1 不是 ZoneRef 笔记数据库（可能是其他程序的文件、空文件，或已无法辨认的数据库）。您的批注未作任何改动。</translation>
    </message>
  </context>
  <context>
    <name>RedlineView</name>
    <message>
      <location filename="../../desktop/redline_view.py" line="49" />
      <source>Swap the two versions</source>
      <translation>交换两个版本</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="53" />
      <source>Changes only</source>
      <translation>只看修改</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="54" />
      <source>Hide the articles that did not change</source>
      <translation>隐藏未修改的条文</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="57" />
      <source>Previous change</source>
      <translation>上一处修改</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="59" />
      <source>Previous change (Shift+F8)</source>
      <translation>上一处修改（Shift+F8）</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="61" />
      <source>Next change</source>
      <translation>下一处修改</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="63" />
      <source>Next change (F8)</source>
      <translation>下一处修改（F8）</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="69" />
      <source>Choose a document with several versions: 修订对照 in the library's menu or the reader shows what changed between them.</source>
      <translation>请选择有多个版本的文件：在文库的右键菜单或阅读器中选择“修订对照”，查看版本之间的修改。</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="73" />
      <source>Before:</source>
      <translation>修改前：</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="73" />
      <source>After:</source>
      <translation>修改后：</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="87" />
      <source>“%1” has no other version. Link it to another version from its menu in the library.</source>
      <translation>“%1”没有其他版本。可在文库中该文件的右键菜单里“关联其他版本…”。</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="103" />
      <source>undated</source>
      <translation>日期不详</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="129" />
      <source>Choose two different versions.</source>
      <translation>请选择两个不同的版本。</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="134" />
      <source>Comparing…</source>
      <translation>正在对照…</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="172" />
      <source>%1 changed, %2 added, %3 removed</source>
      <translation>%1 条修改，%2 条新增，%3 条删除</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="175" />
      <source>, %1 moved</source>
      <translation>，%1 条移动并修改</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="176" />
      <source>; %1 unchanged</source>
      <translation>；%1 条未修改</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="178" />
      <source> (%1 of them renumbered)</source>
      <translation>（其中 %1 条仅序号调整）</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="233" />
      <source>The versions shown were removed from the library.</source>
      <translation>所显示的版本已从文库中移除。</translation>
    </message>
  </context>
  <context>
    <name>SavedNotice</name>
    <message>
      <location filename="../../desktop/saved_notice.py" line="33" />
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <location filename="../../desktop/saved_notice.py" line="34" />
      <source>Open folder</source>
      <translation>打开所在文件夹</translation>
    </message>
    <message>
      <location filename="../../desktop/saved_notice.py" line="35" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../desktop/saved_notice.py" line="44" />
      <source>Saved: %1</source>
      <translation>已保存：%1</translation>
    </message>
  </context>
  <context>
    <name>SearchView</name>
    <message>
      <location filename="../../desktop/search_view.py" line="132" />
      <source>Search all clauses — e.g. 招商引资, "土地 出让", 人才 -住房, 地区:浙江</source>
      <translation>检索全部条款，例如：招商引资、"土地 出让"、人才 -住房、地区:浙江</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="162" />
      <source>Filter documents (title, issuer, number)</source>
      <translation>筛选文件（标题、发文机关、文号）</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="178" />
      <source>Region</source>
      <translation>地区</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="180" />
      <source>Document</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="223" />
      <source>All versions</source>
      <translation>所有版本</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="225" />
      <source>Also search earlier versions and drafts of a document (by default each clause shows once: the latest version's)</source>
      <translation>同时检索文件的历史版本和征求意见稿（默认每个条款只显示一次：最新版本的）</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="264" />
      <source>Building the search index: %1 of %2 documents…</source>
      <translation>正在建立检索索引：%1 / %2 份文件…</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="322" />
      <source>%1 of %2 shown</source>
      <translation>显示 %1 / %2</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/search_view.py" line="324" />
      <source>%n document(s)</source>
      <translation>
        <numerusform>共 %n 份</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="326" />
      <source>%1 ticked</source>
      <translation>已勾选 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="345" />
      <source>Tick only this</source>
      <translation>只勾选此项</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="347" />
      <source>Tick all</source>
      <translation>全部勾选</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/search_view.py" line="350" />
      <source>Tick only the %n shown</source>
      <translation>
        <numerusform>只勾选显示的 %n 项</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="389" />
      <source>Opening the search index…</source>
      <translation>正在打开检索索引…</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="423" />
      <source>%1 matching clauses (first %2 shown; scroll down for more)</source>
      <translation>共 %1 条相关条款（显示前 %2 条，向下滚动可看更多）</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/search_view.py" line="426" />
      <source>%n matching clause(s)</source>
      <translation>
        <numerusform>共 %n 条相关条款</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="429" />
      <source>Note: %1</source>
      <translation>提示：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="438" />
      <source>Nothing in the documents or regions ticked on the left: untick them to search the whole library.</source>
      <translation>所勾选的文件或地区中没有找到：取消勾选即可检索整个文库。</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="442" />
      <source>Every word must occur in one clause: try fewer words, or OR between them.</source>
      <translation>每个词都须出现在同一条款中：可减少词语，或在词之间加 OR（或）。</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="443" />
      <source>Try a shorter word, or another word for the same thing (e.g. 招商 for 招商引资).</source>
      <translation>可试用更短的词，或同义的其他说法（如以“招商”代替“招商引资”）。</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="471" />
      <source>the query could not be read as written, so its words were searched literally</source>
      <translation>检索式无法按语法解读，已按字面检索其中的词语</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="475" />
      <source>the query was cut to its first %1 characters</source>
      <translation>检索式过长，只使用了前 %1 个字符</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="477" />
      <source>the query has no characters that can be searched</source>
      <translation>检索式中没有可检索的字符</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="479" />
      <source>region</source>
      <translation>地区</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="479" />
      <source>level</source>
      <translation>级别</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="479" />
      <source>year</source>
      <translation>年份</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="481" />
      <source>no document in the library matches %1</source>
      <translation>文库中没有符合 %1 的文件</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="483" />
      <source>no clause holds the whole passage: the clauses that hold one or more of its sentences</source>
      <translation>没有条款包含整段文字，以下为包含其中一句或几句的条款</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="485" />
      <source>no document matches these filters together</source>
      <translation>没有同时符合这些限定条件的文件</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/search_view.py" line="487" />
      <source>%n match(es) in earlier versions and drafts, which are not searched: tick All versions</source>
      <translation>
        <numerusform>历史版本和征求意见稿中有 %n 条相关条款（默认不检索）：勾选“所有版本”可检索</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Services</name>
    <message>
      <location filename="../../desktop/services.py" line="136" />
      <source>Rebuilding the search index…</source>
      <extracomment>How often other processes' changes are looked for (the target is "noticed within 2 s").</extracomment>
      <translation>正在重建检索索引…</translation>
    </message>
  </context>
  <context>
    <name>Settings</name>
    <message>
      <location filename="../../desktop/settings.py" line="45" />
      <source>Interface language (applies on restart)</source>
      <translation>界面语言（重启后生效）</translation>
    </message>
    <message>
      <location filename="../../desktop/settings.py" line="47" />
      <source>Reader font size</source>
      <translation>阅读字号</translation>
    </message>
    <message>
      <location filename="../../desktop/settings.py" line="49" />
      <source>Show traditional-script documents in simplified characters</source>
      <translation>繁体文件以简体字显示</translation>
    </message>
    <message>
      <location filename="../../desktop/settings.py" line="50" />
      <source>Search-as-you-type delay (ms)</source>
      <translation>输入即检索的延迟（毫秒）</translation>
    </message>
    <message>
      <location filename="../../desktop/settings.py" line="52" />
      <source>Author of exported Word files</source>
      <translation>导出 Word 文件的作者</translation>
    </message>
  </context>
  <context>
    <name>_Column</name>
    <message>
      <location filename="../../desktop/compare_view.py" line="116" />
      <source>Source clause</source>
      <extracomment>Documents shown side by side at most, the first ticked ones. Each is a column widget: 400 took seconds to make, and past ~128 the splitter's summed maximum widths overflow Qt's int and the view showed nothing at all.</extracomment>
      <translation>源条款</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="118" />
      <location filename="../../desktop/compare_view.py" line="124" />
      <source>Pin</source>
      <translation>固定</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="125" />
      <source>Pin the best match as this document's counterpart</source>
      <translation>将最佳匹配固定为本文件的对应条款</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="126" />
      <source>Replace…</source>
      <translation>替换…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="127" />
      <source>None</source>
      <translation>无对应</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="128" />
      <source>Mark: this document has no counterpart</source>
      <translation>标记：本文件无对应条款</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="129" />
      <source>Auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="130" />
      <source>Forget the decision; use the automatic match</source>
      <translation>取消人工决定，使用自动匹配</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="170" />
      <source>Pinned by you</source>
      <translation>已由您固定</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="170" />
      <source>Marked: no counterpart</source>
      <translation>已标记：无对应条款</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="171" />
      <source>Automatic match</source>
      <translation>自动匹配</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="198" />
      <source>No counterpart in this document: none of its clauses comes close to this one.</source>
      <translation>本文件中没有对应条款：本文件没有与本条相近的条款。</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="203" />
      <source>No counterpart in this document.</source>
      <translation>本文件中没有对应条款。</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="236" />
      <source>Shown first: the coverage lists it under this clause's topic, %1; the clause that scores higher is not listed there</source>
      <translation>排在首位：覆盖矩阵将其列于本条主题「%1」之下，得分更高的条款未列入该主题</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="174" />
      <source>You marked: no counterpart in this document.</source>
      <translation>您已标记：本文件中没有对应条款。</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="192" />
      <source>No counterpart in this document: it does not treat this clause's subject.</source>
      <translation>本文件中没有对应条款：本文件未涉及本条的主题。</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="195" />
      <source>No counterpart in this document: it lists no clause under %1, and its closest clause matches only weakly.</source>
      <translation>本文件中没有对应条款：本文件“%1”主题下没有条款，最接近的条款也只是弱相关。</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="200" />
      <source>Not compared: with this many documents, only those the library's search finds closest to this clause are compared clause by clause, and this one is not among them. Compare it among fewer documents to see its closest clauses.</source>
      <translation>未逐条比较：文件较多时，只逐条比较检索所得与本条最相近的文件，本文件不在其中。在较少的文件中比较它，可看到其最接近的条款。</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="208" />
      <source>not scored</source>
      <translation>未评分</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="211" />
      <source>%1 · %2</source>
      <translation>匹配度 %1 · %2</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="219" />
      <source>Both: %1</source>
      <translation>同为：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="221" />
      <source>Shared terms: %1</source>
      <translation>共同用词：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="223" />
      <source>Topics: %1</source>
      <translation>共同主题：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="225" />
      <source>Numbers: %1</source>
      <translation>共同数字：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="249" />
      <source>Topic comparison: this document lists no clause under this clause's topic, %1; this match shares wording, not necessarily the subject</source>
      <translation>专题对照：本文件在本条主题「%1」下未列条款，此条用词相近，未必同一主题</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="255" />
      <source>Topic comparison: under this clause's topic, %1, this document lists %2, not this match</source>
      <translation>专题对照：本文件在本条主题「%1」下列的是 %2，未列此条</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="268" />
      <source>Compared back: its best match is this clause (mutual best)</source>
      <translation>对照回去：最接近的正是本条（互为最佳）</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="270" />
      <source>Compared back: no candidate in this document</source>
      <translation>对照回去：对方文件中没有候选</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="272" />
      <source>Compared back: its best match is %1, the section this clause sits in</source>
      <translation>对照回去：最接近的是本条所在的上一级 %1（同一内容的另一层级）</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="274" />
      <source>Compared back: its best match is %1, an item of this clause</source>
      <translation>对照回去：最接近的是本条下的一项 %1（同一内容的另一层级）</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="276" />
      <source>Compared back: its best match is %1, on the same topic (%2)</source>
      <translation>对照回去：最接近的是同主题（%2）的 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="279" />
      <source>Compared back: it treats several topics (%1); its best match is %2, on %3</source>
      <translation>对照回去：对方条款涉及多个主题（%1），最接近的是其中「%3」的 %2</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="282" />
      <source>Compared back: its best match is %1</source>
      <translation>对照回去：最接近的是 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="284" />
      <source>Compared back: its best match is %1, not this clause: this match may be wrong</source>
      <translation>对照回去：最接近的是 %1，不是本条：这一对应可能不可靠</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="288" />
      <source>this clause ranks %1</source>
      <translation>本条排第 %1</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="289" />
      <source>this clause is not among its 5 best candidates back</source>
      <translation>本条不在其前 5 个候选中</translation>
    </message>
  </context>
  <context>
    <name>printing</name>
    <message>
      <source>Print preview</source>
      <translation>打印预览</translation>
    </message>
    <message>
      <source>Export failed</source>
      <translation>导出失败</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <source>Preparing the table…</source>
      <translation>正在整理表格…</translation>
    </message>
  </context>
  <context>
    <name>QFileDialog</name>
    <message>
      <source>&amp;Look in:</source>
      <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
      <source>Files of &amp;type:</source>
      <translation>文件类型(&amp;T)：</translation>
    </message>
  </context>
  <context>
    <name>QPrintSettingsOutput</name>
    <message>
      <source>Page &amp;Set:</source>
      <translation>打印页面(&amp;S)：</translation>
    </message>
  </context>
  <context>
    <name>QPageSetupWidget</name>
    <message>
      <source>Page &amp;order:</source>
      <translation>页面顺序(&amp;O)：</translation>
    </message>
    <message>
      <source>Pages &amp;per sheet:</source>
      <translation>每张纸页数(&amp;P)：</translation>
    </message>
  </context>
</TS>