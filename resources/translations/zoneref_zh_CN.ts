<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name />
    <message>
      <location filename="../../desktop/printing.py" line="183" />
      <source>Print preview</source>
      <translation type="unfinished">打印预览</translation>
    </message>
    <message>
      <location filename="../../desktop/printing.py" line="215" />
      <source>Export failed</source>
      <translation type="unfinished">导出失败</translation>
    </message>
    <message>
      <location filename="../../desktop/printing.py" line="298" />
      <source>Export</source>
      <translation type="unfinished">导出</translation>
    </message>
  </context>
  <context>
    <name>CompareView</name>
    <message>
      <location filename="../../desktop/compare_view.py" line="224" />
      <source>Choose a clause in the reader (Compare across provinces) or a topic.</source>
      <translation>在阅读器中选择条款（右键“在各省中对比”），或选择一个主题。</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="229" />
      <source>Documents…</source>
      <translation>选择文件…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="231" />
      <source>Save set…</source>
      <translation>保存对比组…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="233" />
      <source>Open set</source>
      <translation>打开对比组</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="236" />
      <source>Topic:</source>
      <translation>主题：</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="242" />
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="245" />
      <source>Print preview…</source>
      <translation>打印预览…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="253" />
      <source>The compared documents: untick to leave one out; drag to reorder</source>
      <translation>对比中的文件：取消勾选即移出，拖动调整顺序</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="276" />
      <location filename="../../desktop/compare_view.py" line="415" />
      <source>(choose a topic)</source>
      <translation>（选择主题）</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="298" />
      <source>any</source>
      <translation>不限</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="300" />
      <source>Words in the title, issuer or number</source>
      <translation>标题、发文机关或文号中的词语</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="310" />
      <source>Add selected</source>
      <translation>添加所选</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="312" />
      <source>Default</source>
      <translation>默认</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="313" />
      <source>The documents that matter for this comparison: your pins, what you read lately, the bundled policies, the same level in other regions</source>
      <translation>与本次对比相关的文件：您固定的、最近阅读的、内置政策，以及其他地区同级文件</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="322" />
      <source>Year</source>
      <translation>年份</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="331" />
      <source>Compared documents</source>
      <translation>对比中的文件</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="333" />
      <source>Add documents</source>
      <translation>添加文件</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="345" />
      <source>All regions</source>
      <translation>全部地区</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="346" />
      <source>All levels</source>
      <translation>全部级别</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/compare_view.py" line="364" />
      <source>%n document(s) match</source>
      <translation>
        <numerusform>符合条件的文件 %n 份</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="517" />
      <source>Comparing %1</source>
      <translation>对比：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="524" />
      <source>Topic: %1</source>
      <translation>主题：%1</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/compare_view.py" line="528" />
      <source>%n clause(s)</source>
      <translation>
        <numerusform>%n 条</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="581" />
      <source>Replace counterpart</source>
      <translation>替换对应条款</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="581" />
      <source>Clause:</source>
      <translation>条款：</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="638" />
      <source>Save comparison set</source>
      <translation>保存对比组</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="638" />
      <source>Name:</source>
      <translation>名称：</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="651" />
      <source>(no saved sets)</source>
      <translation>（尚无保存的对比组）</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="655" />
      <source>Import a set file…</source>
      <translation>导入对比组文件…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="656" />
      <source>Export a set to a file…</source>
      <translation>将对比组导出为文件…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="666" />
      <source>Import a set file</source>
      <translation>导入对比组文件</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="682" />
      <location filename="../../desktop/compare_view.py" line="685" />
      <source>Export a set to a file</source>
      <translation>导出对比组文件</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="682" />
      <source>Set:</source>
      <translation>对比组：</translation>
    </message>
  </context>
  <context>
    <name>CoverageModel</name>
    <message numerus="yes">
      <location filename="../../desktop/coverage_view.py" line="96" />
      <source>%n document(s)</source>
      <extracomment>Past this many columns, columns get a fixed width (no stretching or sizing to contents) and scroll.</extracomment>
      <translation>
        <numerusform>%n 份文件</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>CoverageView</name>
    <message>
      <location filename="../../desktop/coverage_view.py" line="128" />
      <source>Clauses per topic and province. Click a cell to read them; click a topic to compare it across documents.</source>
      <translation>各主题在各省（或各文件）中的条款数。点击单元格阅读条款；点击主题名在各文件间对比。</translation>
    </message>
    <message>
      <location filename="../../desktop/coverage_view.py" line="131" />
      <source>One column per document</source>
      <translation>按文件分列</translation>
    </message>
    <message>
      <location filename="../../desktop/coverage_view.py" line="132" />
      <source>Off: one column per province, its documents together</source>
      <translation>不勾选时每个省一列，合并该省的各份文件</translation>
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
      <source>The search index cannot be used; try File → Rebuild search index.</source>
      <translation>检索索引无法使用，请尝试“文件 → 重建检索索引”。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="14" />
      <source>The comparison set cannot be used.</source>
      <translation>该对比组无法使用。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="15" />
      <source>This file is not a valid comparison set.</source>
      <translation>此文件不是有效的对比组文件。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="16" />
      <source>There is no such topic.</source>
      <translation>没有这个主题。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="17" />
      <source>Bundled documents cannot be removed; only imported ones.</source>
      <translation>内置文件不能移除，只能移除导入的文件。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="18" />
      <source>The note cannot be saved.</source>
      <translation>批注无法保存。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="19" />
      <source>The quoted text was not found in the clause.</source>
      <translation>在条款中找不到所引的原文。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="20" />
      <source>Unknown highlight colour.</source>
      <translation>未知的高亮颜色。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="21" />
      <source>The notes file cannot be imported.</source>
      <translation>批注文件无法导入。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="22" />
      <source>The export failed.</source>
      <translation>导出失败。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="23" />
      <source>A document in the library cannot be read.</source>
      <translation>文库中有文件无法读取。</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="34" />
      <source>Not found: %1</source>
      <translation>未找到：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="39" />
      <source>Details: %1</source>
      <translation>详情：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="40" />
      <source>The operation could not be completed:
%1</source>
      <translation>操作未能完成：
%1</translation>
    </message>
    <message>
      <location filename="../../desktop/errors.py" line="41" />
      <source>Unexpected error (a bug): %1</source>
      <translation>意外错误（程序缺陷）：%1</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <location filename="../../desktop/import_dialog.py" line="42" />
      <source>The file does not exist or cannot be read.</source>
      <translation>文件不存在或无法读取。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="43" />
      <source>This file type cannot be imported (txt, md, docx, html, pdf).</source>
      <translation>不支持导入此类文件（仅支持 txt、md、docx、html、pdf）。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="44" />
      <source>The file is larger than the import size limit.</source>
      <translation>文件超过导入大小上限。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="45" />
      <source>The file is empty.</source>
      <translation>文件是空的。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="46" />
      <source>This is not a text file (an image, archive or program?).</source>
      <translation>这不是文本文件（可能是图片、压缩包或程序）。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="47" />
      <source>The text is in no known encoding (UTF-8/16, GB18030/GBK, Big5).</source>
      <translation>无法识别文本编码（支持 UTF-8/16、GB18030/GBK、Big5）。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="48" />
      <source>The file is damaged.</source>
      <translation>文件已损坏。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="49" />
      <source>The file is password-protected; remove the password and import again.</source>
      <translation>文件设有密码保护，请取消密码后重新导入。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="51" />
      <source>The file would expand far beyond any real document; refused.</source>
      <translation>文件解压后的体积远超正常文档（疑似压缩炸弹），已拒绝。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="52" />
      <source>The page holds no document text (only navigation or links).</source>
      <translation>网页中没有正文（只有导航或链接）。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="53" />
      <source>The PDF has no text layer (a scan?); ZoneRef cannot read scans.</source>
      <translation>此 PDF 没有文字层（可能是扫描件），ZoneRef 无法读取扫描件。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="60" />
      <source>Import files</source>
      <translation>导入文件</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="61" />
      <source>Documents (%1);;All files (*)</source>
      <translation>文件 (%1);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="66" />
      <source>Import folder</source>
      <translation>导入文件夹</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="81" />
      <source>Import documents</source>
      <translation>导入文件</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="83" />
      <source>Reading %n file(s)…</source>
      <translation>
        <numerusform>正在读取 %n 个文件…</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="88" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="88" />
      <source>Region</source>
      <translation>地区</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="88" />
      <source>Issuer</source>
      <translation>发文机关</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="88" />
      <source>Level</source>
      <translation>层级</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="88" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="89" />
      <source>Year</source>
      <translation>年份</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="90" />
      <source>Clauses</source>
      <translation>条款数</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="97" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="105" />
      <source>Check the metadata guessed from each file; edit any cell.</source>
      <translation>请核对从各文件推断出的信息，可直接修改任一单元格。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="134" />
      <source>Reading %1 of %2: %3</source>
      <translation>正在读取第 %1 / %2 个：%3</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="148" />
      <source>Guessed from the text; please check</source>
      <translation>由正文推断，请核对</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="155" />
      <source>%n file(s) ready to import.</source>
      <translation>
        <numerusform>%n 个文件可以导入。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="168" />
      <source>Already in the library as %1.</source>
      <translation>文库中已有此文件：%1。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="170" />
      <source>Not a file type ZoneRef imports; skipped.</source>
      <translation>不是 ZoneRef 可导入的文件类型，已跳过。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="199" />
      <source>Importing…</source>
      <translation>正在导入…</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="218" />
      <source>Import cancelled; %n document(s) were imported before it.</source>
      <translation>
        <numerusform>导入已取消；取消前已导入 %n 份文件。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/import_dialog.py" line="220" />
      <source>Imported %n document(s).</source>
      <translation>
        <numerusform>已导入 %n 份文件。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="225" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="238" />
      <source>Cancelling…</source>
      <translation>正在取消…</translation>
    </message>
  </context>
  <context>
    <name>LibraryView</name>
    <message>
      <location filename="../../desktop/library_view.py" line="121" />
      <source>Filter documents (title, issuer, number…)</source>
      <extracomment>Libraries up to this size open with every region and level expanded.</extracomment>
      <translation>筛选文件（标题、发文机关、文号…）</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/library_view.py" line="189" />
      <source>%n document(s)</source>
      <translation>
        <numerusform>共 %n 份文件</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="191" />
      <source>%1 of %2 documents shown</source>
      <translation>显示 %1 / %2 份文件</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="210" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="210" />
      <source>Region</source>
      <translation>地区</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="211" />
      <source>Issuer</source>
      <translation>发文机关</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="211" />
      <source>Number</source>
      <translation>文号</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="212" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="212" />
      <source>Adopted</source>
      <translation>通过日期</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="213" />
      <source>Amended</source>
      <translation>修正/修订</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="213" />
      <source>In force from</source>
      <translation>施行日期</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="214" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="215" />
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="216" />
      <source>Clauses</source>
      <translation>条款数</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="225" />
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="227" />
      <source>Edit document information…</source>
      <translation>编辑文件信息…</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="229" />
      <source>Remove from library…</source>
      <translation>从文库中移除…</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="233" />
      <source>Compare versions (修订对照)</source>
      <translation>修订对照</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="235" />
      <source>Link to another version…</source>
      <translation>关联其他版本…</translation>
    </message>
    <message>
      <location filename="../../desktop/library_view.py" line="236" />
      <source>Unlink from its versions</source>
      <translation>取消版本关联</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../desktop/mainwindow.py" line="42" />
      <source>ZoneRef — Development-zone policy reference</source>
      <translation>开发区政策参考 ZoneRef</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="55" />
      <source>Library</source>
      <translation>文库</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="94" />
      <source>Notes</source>
      <translation>批注</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="102" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="103" />
      <source>Import files…</source>
      <translation>导入文件…</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="104" />
      <source>Import folder…</source>
      <translation>导入文件夹…</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="112" />
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="113" />
      <source>Print preview…</source>
      <translation>打印预览…</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="114" />
      <source>Rebuild search index…</source>
      <translation>重建检索索引…</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="115" />
      <source>Close tab</source>
      <translation>关闭标签页</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="117" />
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="119" />
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="120" />
      <source>Copy citation</source>
      <translation>复制引用</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="121" />
      <source>Find in document</source>
      <translation>在文中查找</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="122" />
      <source>Preferences…</source>
      <translation>首选项…</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="124" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="125" />
      <source>Zoom in</source>
      <translation>放大</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="127" />
      <source>Zoom out</source>
      <translation>缩小</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="128" />
      <source>Actual size</source>
      <translation>原始大小</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="129" />
      <source>Show traditional documents in simplified</source>
      <translation>繁体文件以简体显示</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="137" />
      <source>&amp;Go</source>
      <translation>前往(&amp;G)</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="138" />
      <location filename="../../desktop/mainwindow.py" line="183" />
      <source>Search</source>
      <translation>检索</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="139" />
      <location filename="../../desktop/mainwindow.py" line="187" />
      <source>Compare</source>
      <translation>对比</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="140" />
      <location filename="../../desktop/mainwindow.py" line="190" />
      <source>Topic coverage</source>
      <translation>主题覆盖</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="141" />
      <source>Compare versions (修订对照)</source>
      <translation>修订对照</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="142" />
      <source>Next tab</source>
      <translation>下一个标签页</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="143" />
      <source>Previous tab</source>
      <translation>上一个标签页</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="145" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="146" />
      <location filename="../../desktop/mainwindow.py" line="451" />
      <source>About ZoneRef</source>
      <translation>关于 ZoneRef</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="195" />
      <source>Compare versions</source>
      <translation>修订对照</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="218" />
      <source>Link versions</source>
      <translation>关联版本</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="219" />
      <source>“%1” is a version of:</source>
      <translation>“%1”是下列文件的另一版本：</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="320" />
      <source>Copied: %1</source>
      <translation>已复制：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="333" />
      <source>Nothing to export here: export works in compare, search, topic coverage and the notes panel.</source>
      <translation>此处没有可导出的内容：对比、检索、主题覆盖和批注面板可以导出。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="342" />
      <source>Nothing to print here.</source>
      <translation>此处没有可打印的内容。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="408" />
      <source>Remove document</source>
      <translation>移除文件</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="409" />
      <source>Remove “%1” from the library? Its notes are kept for review.</source>
      <translation>从文库中移除《%1》？其批注将保留以供复核。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="452" />
      <source>ZoneRef %1: an offline reference for development-zone policy documents.
Your notes and imported documents stay on this computer.</source>
      <translation>ZoneRef %1：开发区政策文件离线参考工具。
您的批注和导入的文件只保存在本机。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="461" />
      <source>It was replaced by the backup of %1. Changes made after that backup are not in it; the damaged file is kept for recovery by hand.</source>
      <translation>已用 %1 的备份替换。该备份之后所做的修改不在其中；损坏的文件已保留，可手工恢复。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="464" />
      <source>No good backup was found, so an empty notes database was started. The damaged file is kept for recovery by hand.</source>
      <translation>没有找到完好的备份，已新建一个空的笔记数据库。损坏的文件已保留，可手工恢复。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="466" />
      <source>Notes database repaired</source>
      <translation>笔记数据库已修复</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="467" />
      <source>Your notes database was damaged and could not be used.</source>
      <translation>您的笔记数据库已损坏，无法使用。</translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="470" />
      <source>Problem: %1
Damaged file kept at: %2
Restored from: %3</source>
      <translation>问题：%1
损坏的文件保存在：%2
恢复自：%3</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="486" />
      <source>%n note(s) could not be found in the changed text; they are listed for review (Notes → Orphans only).</source>
      <translation>
        <numerusform>%n 条批注在修改后的文本中找不到原文，已列出待复核（批注 → 只看孤立批注）。</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/mainwindow.py" line="489" />
      <source>%n note(s) were placed again in changed documents.</source>
      <translation>
        <numerusform>%n 条批注已在修改过的文件中重新定位。</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/mainwindow.py" line="493" />
      <source>ZoneRef</source>
      <translation>ZoneRef</translation>
    </message>
  </context>
  <context>
    <name>MetadataDialog</name>
    <message>
      <location filename="../../desktop/import_dialog.py" line="244" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="245" />
      <source>Region</source>
      <translation>地区</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="246" />
      <source>City</source>
      <translation>城市</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="247" />
      <source>Issuer</source>
      <translation>发文机关</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="248" />
      <source>Level</source>
      <translation>层级</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="249" />
      <source>Document number</source>
      <translation>文号</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="250" />
      <source>Date issued (YYYY-MM-DD)</source>
      <translation>发文日期（年-月-日）</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="251" />
      <source>Year</source>
      <translation>年份</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="252" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="277" />
      <source>Document information</source>
      <translation>文件信息</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="288" />
      <source>Guessed from the text; please check</source>
      <translation>由正文推断，请核对</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="318" />
      <source>The year must be a number, e.g. 2017.</source>
      <translation>年份须为数字，例如 2017。</translation>
    </message>
    <message>
      <location filename="../../desktop/import_dialog.py" line="324" />
      <source>The date must be written YYYY-MM-DD, e.g. 2017-12-12.</source>
      <translation>日期须写作 年-月-日，例如 2017-12-12。</translation>
    </message>
  </context>
  <context>
    <name>Models</name>
    <message>
      <location filename="../../desktop/models.py" line="70" />
      <location filename="../../desktop/models.py" line="258" />
      <source>Document</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="70" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="100" />
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="181" />
      <source>Draft</source>
      <translation>征求意见稿</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="182" />
      <source>Earlier version</source>
      <translation>历史版本</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="185" />
      <source>%n version(s)</source>
      <translation>%n 个版本</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="258" />
      <source>Region</source>
      <translation>地区</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="259" />
      <source>Heading path</source>
      <translation>所在章节</translation>
    </message>
    <message>
      <location filename="../../desktop/models.py" line="259" />
      <source>Snippet</source>
      <translation>摘录</translation>
    </message>
  </context>
  <context>
    <name>NotesView</name>
    <message>
      <location filename="../../desktop/notes_view.py" line="55" />
      <source>Search notes and quotes</source>
      <translation>搜索批注和摘录</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="60" />
      <source>Orphans only</source>
      <translation>只看孤立批注</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="61" />
      <source>Notes whose passage could not be found again; review them</source>
      <translation>原文已找不到的批注，请复核</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="72" />
      <source>Document</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="72" />
      <source>Quote</source>
      <translation>摘录</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="73" />
      <source>Note</source>
      <translation>批注</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="73" />
      <source>Colour</source>
      <translation>颜色</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="94" />
      <source>Write a note (Markdown)…</source>
      <translation>撰写批注（支持 Markdown）…</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="105" />
      <source>Tags, separated by commas</source>
      <translation>标签，用逗号分隔</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="107" />
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="109" />
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="111" />
      <source>Go to passage</source>
      <translation>跳转到原文</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="134" />
      <source>Preview</source>
      <translation>预览</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="181" />
      <source>All documents</source>
      <translation>全部文件</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="185" />
      <source>All tags</source>
      <translation>全部标签</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="192" />
      <source>All colours</source>
      <translation>全部颜色</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/notes_view.py" line="223" />
      <source>%n note(s)</source>
      <translation>
        <numerusform>共 %n 条批注</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/notes_view.py" line="225" />
      <source>%n orphan(s) to review</source>
      <translation>
        <numerusform>%n 条孤立批注待复核</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="292" />
      <source>Orphan: this passage was not found in the current text. The note is kept; review or delete it.</source>
      <translation>孤立批注：当前文本中找不到这段原文。批注已保留，请复核或删除。</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="307" />
      <source>Select a note to edit it. Select text in the reader to add one.</source>
      <translation>选择一条批注进行编辑；在阅读器中选中文字即可添加批注。</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="329" />
      <location filename="../../desktop/notes_view.py" line="357" />
      <source>Notes</source>
      <translation>批注</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="339" />
      <source>Delete note</source>
      <translation>删除批注</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="339" />
      <source>Delete this highlight and its note?</source>
      <translation>删除此高亮及其批注？</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="377" />
      <source>Open link</source>
      <translation>打开链接</translation>
    </message>
    <message>
      <location filename="../../desktop/notes_view.py" line="378" />
      <source>Open this address in your browser?
%1</source>
      <translation>在浏览器中打开此地址？
%1</translation>
    </message>
  </context>
  <context>
    <name>Ops</name>
    <message>
      <location filename="../../desktop/ops.py" line="224" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>PreferencesDialog</name>
    <message>
      <location filename="../../desktop/settings.py" line="117" />
      <source>Preferences</source>
      <translation>首选项</translation>
    </message>
  </context>
  <context>
    <name>ReaderView</name>
    <message>
      <location filename="../../desktop/reader_view.py" line="123" />
      <source>Compare versions</source>
      <translation>修订对照</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="124" />
      <source>What changed between this document's versions (修订对照)</source>
      <translation>查看本文件各版本之间的修改（修订对照）</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="132" />
      <location filename="../../desktop/reader_view.py" line="498" />
      <location filename="../../desktop/reader_view.py" line="514" />
      <source>Copy citation</source>
      <translation>复制引用</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="134" />
      <source>Simplified</source>
      <translation>简体显示</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="135" />
      <source>Show traditional characters as simplified (display only)</source>
      <translation>将繁体字显示为简体（仅显示，引用保持原文）</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="140" />
      <source>Find in document</source>
      <translation>在文中查找</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="483" />
      <source>Highlight</source>
      <translation>高亮</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="486" />
      <source>Highlight in colour</source>
      <translation>按颜色高亮</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="495" />
      <source>Add note…</source>
      <translation>添加批注…</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="501" />
      <location filename="../../desktop/reader_view.py" line="516" />
      <source>Compare across provinces</source>
      <translation>在各省中对比</translation>
    </message>
    <message>
      <location filename="../../desktop/reader_view.py" line="506" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
  </context>
  <context>
    <name>RedlineView</name>
    <message>
      <location filename="../../desktop/redline_view.py" line="53" />
      <source>Swap the two versions</source>
      <translation>交换两个版本</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="57" />
      <source>Changes only</source>
      <translation>只看修改</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="58" />
      <source>Hide the articles that did not change</source>
      <translation>隐藏未修改的条文</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="61" />
      <source>Previous change</source>
      <translation>上一处修改</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="63" />
      <source>Previous change (Shift+F8)</source>
      <translation>上一处修改（Shift+F8）</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="65" />
      <source>Next change</source>
      <translation>下一处修改</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="67" />
      <source>Next change (F8)</source>
      <translation>下一处修改（F8）</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="73" />
      <source>Choose a document with several versions: 修订对照 in the library's menu or the reader shows what changed between them.</source>
      <translation>请选择有多个版本的文件：在文库的右键菜单或阅读器中选择“修订对照”，查看版本之间的修改。</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="78" />
      <source>Before:</source>
      <translation>修改前：</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="81" />
      <source>After:</source>
      <translation>修改后：</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="105" />
      <source>“%1” has no other version. Link it to another version from its menu in the library.</source>
      <translation>“%1”没有其他版本。可在文库中该文件的右键菜单里“关联其他版本…”。</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="146" />
      <source>Choose two different versions.</source>
      <translation>请选择两个不同的版本。</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="151" />
      <source>Comparing…</source>
      <translation>正在对照…</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="189" />
      <source>%1 changed, %2 added, %3 removed</source>
      <translation>%1 条修改，%2 条新增，%3 条删除</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="192" />
      <source>, %1 moved</source>
      <translation>，%1 条移动并修改</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="193" />
      <source>; %1 unchanged</source>
      <translation>；%1 条未修改</translation>
    </message>
    <message>
      <location filename="../../desktop/redline_view.py" line="248" />
      <source>The versions shown were removed from the library.</source>
      <translation>所显示的版本已从文库中移除。</translation>
    </message>
  </context>
  <context>
    <name>SearchView</name>
    <message>
      <location filename="../../desktop/search_view.py" line="93" />
      <source>Search all clauses — e.g. 招商引资, "土地 出让", 人才 -住房, 地区:浙江</source>
      <translation>检索全部条款，例如：招商引资、"土地 出让"、人才 -住房、地区:浙江</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="115" />
      <source>Region</source>
      <translation>地区</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="117" />
      <source>Document</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="147" />
      <source>All versions</source>
      <translation>所有版本</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="149" />
      <source>Also search earlier versions and drafts of a document (by default each clause shows once: the latest version's)</source>
      <translation>同时检索文件的历史版本和征求意见稿（默认每个条款只显示一次：最新版本的）</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="166" />
      <source>Building the search index: %1 of %2 documents…</source>
      <translation>正在建立检索索引：%1 / %2 份文件…</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="234" />
      <source>Opening the search index…</source>
      <translation>正在打开检索索引…</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="261" />
      <source>%1 matching clauses (first %2 shown)</source>
      <translation>共 %1 条相关条款（显示前 %2 条）</translation>
    </message>
    <message numerus="yes">
      <location filename="../../desktop/search_view.py" line="264" />
      <source>%n matching clause(s)</source>
      <translation>
        <numerusform>共 %n 条相关条款</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="267" />
      <source>Note: %1</source>
      <translation>提示：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="278" />
      <source>the query could not be read as written, so its words were searched literally</source>
      <translation>检索式无法按语法解读，已按字面检索其中的词语</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="282" />
      <source>the query was cut to its first %1 characters</source>
      <translation>检索式过长，只使用了前 %1 个字符</translation>
    </message>
    <message>
      <location filename="../../desktop/search_view.py" line="284" />
      <source>the query has no characters that can be searched</source>
      <translation>检索式中没有可检索的字符</translation>
    </message>
  </context>
  <context>
    <name>Services</name>
    <message>
      <location filename="../../desktop/services.py" line="118" />
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
  </context>
  <context>
    <name>_Column</name>
    <message>
      <location filename="../../desktop/compare_view.py" line="102" />
      <source>Source clause</source>
      <translation>源条款</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="104" />
      <location filename="../../desktop/compare_view.py" line="111" />
      <source>Pin</source>
      <translation>固定</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="112" />
      <source>Pin the best match as this document's counterpart</source>
      <translation>将最佳匹配固定为本文件的对应条款</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="115" />
      <source>Replace…</source>
      <translation>替换…</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="118" />
      <source>None</source>
      <translation>无对应</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="119" />
      <source>Mark: this document has no counterpart</source>
      <translation>标记：本文件无对应条款</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="122" />
      <source>Auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="123" />
      <source>Forget the decision; use the automatic match</source>
      <translation>取消人工决定，使用自动匹配</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="139" />
      <source>Pinned by you</source>
      <translation>已由您固定</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="139" />
      <source>Marked: no counterpart</source>
      <translation>已标记：无对应条款</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="140" />
      <source>Automatic match</source>
      <translation>自动匹配</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="142" />
      <source>No counterpart in this document.</source>
      <translation>本文件中没有对应条款。</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="143" />
      <source>You marked: no counterpart in this document.</source>
      <translation>您已标记：本文件中没有对应条款。</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="161" />
      <source>%1 · %2</source>
      <translation>匹配度 %1 · %2</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="169" />
      <source>Shared terms: %1</source>
      <translation>共同用词：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="171" />
      <source>Topics: %1</source>
      <translation>共同主题：%1</translation>
    </message>
    <message>
      <location filename="../../desktop/compare_view.py" line="173" />
      <source>Numbers: %1</source>
      <translation>共同数字：%1</translation>
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
  </context>
</TS>