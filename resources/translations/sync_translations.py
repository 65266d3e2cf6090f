"""Refresh the .ts sources from desktop/*.py, fill the Chinese, compile the .qm.

Run from the repository root after changing UI strings::

    .venv/bin/python resources/translations/sync_translations.py

``pyside6-lupdate`` collects every ``self.tr()`` / ``QCoreApplication.translate``
/ ``QT_TRANSLATE_NOOP`` string; the Chinese comes from ``ZH`` below (keyed by
context and English source; the ``.ts`` can also be edited in Qt Linguist, a
translation there wins over an empty one here). Strings missing from ``ZH``
are listed and left "unfinished", and the untranslated-string test fails for
the visible ones. English needs no translations: the sources are English.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent

# Strings lupdate cannot see (desktop/printing.py translates through a helper
# function): (context, source).
EXTRA = [("printing", "Print preview"), ("printing", "Export failed"), ("printing", "Export"), ("printing", "Preparing the table…")]
# Qt's own strings that Qt's Chinese catalogue (qtbase_zh_CN.qm, PySide6 6.11) does not translate: its
# sources gained a shortcut (&) the catalogue lacks. ZoneRef's catalogue is installed after Qt's and so
# asked first; tests/desktop/test_qt_translations.py walks Qt's dialogs and finds any new gap.
QT_GAPS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QPrintSettingsOutput", "Page &Set:"): "打印页面(&S)：",
    ("QPageSetupWidget", "Page &order:"): "页面顺序(&O)：",
    ("QPageSetupWidget", "Pages &per sheet:"): "每张纸页数(&P)：",
}
EXTRA += list(QT_GAPS)

ZH: dict[tuple[str, str], str] = {}


def _add(context: str, pairs: dict[str, str]) -> None:
    for src, dst in pairs.items():
        ZH[(context, src)] = dst


_add("MainWindow", {
    "The note being edited could not be saved. Close anyway and lose what was typed?":
        "正在编辑的批注未能保存。仍要关闭并放弃所输入的内容吗？",
    "ZoneRef — Development-zone policy reference": "开发区政策参考 ZoneRef",
    "Library": "文库", "Notes": "批注", "&File": "文件(&F)", "Import files…": "导入文件…",
    "Import folder…": "导入文件夹…", "Close tab": "关闭标签页", "Quit": "退出", "&Edit": "编辑(&E)",
    "Copy citation": "复制引用", "Find in document": "在文中查找", "Preferences…": "首选项…",
    "&View": "视图(&V)", "Zoom in": "放大", "Zoom out": "缩小", "Actual size": "原始大小",
    "Show traditional documents in simplified": "繁体文件以简体显示", "&Go": "前往(&G)", "Search": "检索",
    "Compare": "对比", "Topic coverage": "主题覆盖", "Next tab": "下一个标签页", "Previous tab": "上一个标签页",
    "&Help": "帮助(&H)", "About ZoneRef": "关于 ZoneRef", "Copied: %1": "已复制：%1",
    "ZoneRef %1: an offline reference for development-zone policy documents.\n"
    "Your notes and imported documents stay on this computer.":
        "ZoneRef %1：开发区政策文件离线参考工具。\n您的批注和导入的文件只保存在本机。",
    "ZoneRef": "ZoneRef", "Export…": "导出…", "Print preview…": "打印预览…",
})
_add("LibraryView", {
    "Filter documents (title, issuer, number…)": "筛选文件（标题、发文机关、文号…）",
    "%n document(s)": "共 %n 份文件", "%1 of %2 documents shown": "显示 %1 / %2 份文件",
    "Title": "标题", "Region": "地区", "Issuer": "发文机关", "Number": "文号", "Date": "日期",
    "Status": "状态", "Clauses": "条款数",
})
_add("Models", {"Document": "文件", "Status": "状态", "Other": "其他", "Region": "地区",
                "Heading path": "所在章节", "Snippet": "摘录"})
_add("ReaderView", {
    "Copy citation": "复制引用", "Simplified": "简体显示",
    "Show traditional characters as simplified (display only)": "将繁体字显示为简体（仅显示，引用保持原文）",
    "Find in document": "在文中查找", "Highlight": "高亮", "Add note…": "添加批注…",
    "Compare across provinces": "在各省中对比", "Copy": "复制",
})
_add("Labels", {"Key point": "重点", "Question": "疑问", "Compare": "对比", "To do": "待办",
                "strong": "强", "medium": "中", "weak": "弱"})
_add("SearchView", {
    'Search all clauses — e.g. 招商引资, "土地 出让", 人才 -住房, 地区:浙江':
        '检索全部条款，例如：招商引资、"土地 出让"、人才 -住房、地区:浙江',
    "Region": "地区", "Document": "文件", "Opening the search index…": "正在打开检索索引…",
    "%1 matching clauses (first %2 shown; scroll down for more)": "共 %1 条相关条款（显示前 %2 条，向下滚动可看更多）",
    "%n matching clause(s)": "共 %n 条相关条款", "Note: %1": "提示：%1",
    "Nothing in the documents or regions ticked on the left: untick them to search the whole library.":
        "所勾选的文件或地区中没有找到：取消勾选即可检索整个文库。",
    "Every word must occur in one clause: try fewer words, or OR between them.":
        "每个词都须出现在同一条款中：可减少词语，或在词之间加 OR（或）。",
    "Try a shorter word, or another word for the same thing (e.g. 招商 for 招商引资).":
        "可试用更短的词，或同义的其他说法（如以“招商”代替“招商引资”）。",
})
_add("CompareView", {
    "Not in your library, left out: %1": "文库中没有，已略去：%1",
    "Choose a clause in the reader (Compare across provinces) or a topic.":
        "在阅读器中选择条款（右键“在各省中对比”），或选择一个主题。",
    "Documents…": "选择文件…", "Save set…": "保存对比组…", "Open set": "打开对比组", "Topic:": "主题：",
    "Tick the documents to compare; drag to reorder": "勾选要对比的文件，拖动调整顺序",
    "(choose a topic)": "（选择主题）", "Comparing %1": "对比：%1", "Topic: %1": "主题：%1",
    "%n clause(s)": "%n 条", "Replace counterpart": "替换对应条款", "Clause:": "条款：",
    "Save comparison set": "保存对比组", "Name:": "名称：", "(no saved sets)": "（尚无保存的对比组）",
    "Export…": "导出…", "Print preview…": "打印预览…",
})
_add("_Column", {
    "Source clause": "源条款", "Pin": "固定", "Pin the best match as this document's counterpart":
        "将最佳匹配固定为本文件的对应条款", "Replace…": "替换…", "None": "无对应",
    "Mark: this document has no counterpart": "标记：本文件无对应条款", "Auto": "自动",
    "Forget the decision; use the automatic match": "取消人工决定，使用自动匹配",
    "Pinned by you": "已由您固定", "Marked: no counterpart": "已标记：无对应条款", "Automatic match": "自动匹配",
    "No counterpart in this document.": "本文件中没有对应条款。",
    "No counterpart in this document: it does not treat this clause's subject.": "本文件中没有对应条款：本文件未涉及本条的主题。",
    "No counterpart in this document: it lists no clause under %1, and its closest clause matches only weakly.":
        "本文件中没有对应条款：本文件“%1”主题下没有条款，最接近的条款也只是弱相关。",
    "No counterpart in this document: none of its clauses comes close to this one.": "本文件中没有对应条款：本文件没有与本条相近的条款。",
    "Not compared: with this many documents, only those the library's search finds closest to this clause are "
    "compared clause by clause, and this one is not among them. Compare it among fewer documents to see its closest "
    "clauses.": "未逐条比较：文件较多时，只逐条比较检索所得与本条最相近的文件，本文件不在其中。在较少的文件中比较它，可看到其最接近的条款。",
    "You marked: no counterpart in this document.": "您已标记：本文件中没有对应条款。",
    "not scored": "未评分", "%1 · %2": "匹配度 %1 · %2", "Both: %1": "同为：%1", "Shared terms: %1": "共同用词：%1",
    "Topics: %1": "共同主题：%1", "Numbers: %1": "共同数字：%1",
    "Compared back: its best match is this clause (mutual best)": "对照回去：最接近的正是本条（互为最佳）",
    "Compared back: no candidate in this document": "对照回去：对方文件中没有候选",
    "Compared back: its best match is %1, the section this clause sits in":
        "对照回去：最接近的是本条所在的上一级 %1（同一内容的另一层级）",
    "Compared back: its best match is %1, an item of this clause": "对照回去：最接近的是本条下的一项 %1（同一内容的另一层级）",
    "Compared back: its best match is %1, on the same topic (%2)": "对照回去：最接近的是同主题（%2）的 %1",
    "Compared back: it treats several topics (%1); its best match is %2, on %3":
        "对照回去：对方条款涉及多个主题（%1），最接近的是其中「%3」的 %2",
    "Compared back: its best match is %1": "对照回去：最接近的是 %1",
    "Compared back: its best match is %1, not this clause: this match may be wrong":
        "对照回去：最接近的是 %1，不是本条：这一对应可能不可靠",
    "Shown first: the coverage lists it under this clause's topic, %1; the clause that scores higher is not listed "
    "there": "排在首位：覆盖矩阵将其列于本条主题「%1」之下，得分更高的条款未列入该主题",
    "Topic comparison: this document lists no clause under this clause's topic, %1; this match shares wording, not "
    "necessarily the subject": "专题对照：本文件在本条主题「%1」下未列条款，此条用词相近，未必同一主题",
    "Topic comparison: under this clause's topic, %1, this document lists %2, not this match":
        "专题对照：本文件在本条主题「%1」下列的是 %2，未列此条",
    "this clause ranks %1": "本条排第 %1", "this clause is not among its 5 best candidates back": "本条不在其前 5 个候选中",
})
_add("CoverageView", {
    "Reading the documents' topics: %1 of %2…": "正在读取各文件的主题：%1 / %2 份…",
    "Clauses per topic and document. Click a cell to read them; click a topic to compare it across documents.":
        "各主题在各文件中的条款数。点击单元格阅读条款；点击主题名在各文件间对比。",
})
_add("NotesView", {
    "Search notes and quotes": "搜索批注和摘录", "Orphans only": "只看孤立批注",
    "Notes whose passage could not be found again; review them": "原文已找不到的批注，请复核",
    "Document": "文件", "Quote": "摘录", "Note": "批注", "Colour": "颜色",
    "Write a note (Markdown)…": "撰写批注（支持 Markdown）…", "Tags, separated by commas": "标签，用逗号分隔",
    "Save": "保存", "Delete": "删除", "Go to passage": "跳转到原文", "Preview": "预览",
    "All documents": "全部文件", "All tags": "全部标签", "All colours": "全部颜色", "%n note(s)": "共 %n 条批注",
    "%n orphan(s) to review": "%n 条孤立批注待复核",
    "Orphan: this passage was not found in the current text. The note is kept; review or delete it.":
        "孤立批注：当前文本中找不到这段原文。批注已保留，请复核或删除。",
    "Select a note to edit it. Select text in the reader to add one.": "选择一条批注进行编辑；在阅读器中选中文字即可添加批注。",
    "Notes": "批注", "Delete note": "删除批注", "Delete this highlight and its note?": "删除此高亮及其批注？",
    "Open link": "打开链接", "Open this address in your browser?\n%1": "在浏览器中打开此地址？\n%1",
    "This note was changed elsewhere (another window or zoneref notes) while you typed in it. What you typed is "
    "saved; the other version is kept as a second note on the same passage.":
        "输入期间，此批注已在别处（另一窗口或 zoneref notes）被修改。您输入的内容已保存；另一版本另存为同一原文上的第二条批注。",
    "This note was deleted elsewhere (another window or zoneref notes) while you typed in it. It is kept, with "
    "what you typed.": "输入期间，此批注已在别处（另一窗口或 zoneref notes）被删除。批注连同您输入的内容已保留。",
})
_add("ImportDialog", {
    "Import files": "导入文件", "Documents (%1);;All files (*)": "文件 (%1);;所有文件 (*)",
    "Import folder": "导入文件夹", "Import documents": "导入文件", "Reading %n file(s)…": "正在读取 %n 个文件…",
    "Title": "标题", "Region": "地区", "Issuer": "发文机关", "Level": "层级", "Status": "状态", "Year": "年份",
    "Clauses": "条款数", "Import": "导入",
    "Check the metadata guessed from each file (guesses in olive: please check them); edit any cell.":
        "请核对从各文件推断出的信息（橄榄色为推断值，请逐一核对），可直接修改任一单元格。",
    "Reading %1 of %2: %3": "正在读取第 %1 / %2 个：%3", "Guessed from the text; please check": "由正文推断，请核对",
    "%n file(s) ready to import.": "%n 个文件可以导入。", "Importing…": "正在导入…",
    "Imported %n document(s).": "已导入 %n 份文件。", "Close": "关闭", "Cancelling…": "正在取消…",
})
# Why an import refused or skipped a file (desktop/import_dialog.py PROBLEMS); added by the Import helper.
_add("ImportDialog", {
    "The file does not exist or cannot be read.": "文件不存在或无法读取。",
    "This file type cannot be imported (txt, md, docx, doc, wps, html, mht, pdf, ofd, or a zip of them).":
        "不支持导入此类文件（仅支持 txt、md、docx、doc、wps、html、mht、pdf、ofd 及其 zip 压缩包）。",
    "The file is larger than the import size limit.": "文件超过导入大小上限。",
    "The file is empty.": "文件是空的。",
    "This is not a text file (an image, archive or program?).": "这不是文本文件（可能是图片、压缩包或程序）。",
    "The text is in no known encoding (UTF-8/16, GB18030/GBK, Big5).":
        "无法识别文本编码（支持 UTF-8/16、GB18030/GBK、Big5）。",
    "The file is damaged.": "文件已损坏。",
    "The file is password-protected; remove the password and import again.": "文件设有密码保护，请取消密码后重新导入。",
    "The file would expand far beyond any real document; refused.": "文件解压后的体积远超正常文档（疑似压缩炸弹），已拒绝。",
    "The page holds no document text (only navigation or links).": "网页中没有正文（只有导航或链接）。",
    "The PDF or OFD file has no text (a scan?); ZoneRef cannot read scans.":
        "此 PDF 或 OFD 文件没有文字层（可能是扫描件），ZoneRef 无法读取扫描件。",
    "Already in the library as %1.": "文库中已有此文件：%1。",
    "Not a file type ZoneRef imports; skipped.": "不是 ZoneRef 可导入的文件类型，已跳过。",
    "Import cancelled; %n document(s) were imported before it.": "导入已取消；取消前已导入 %n 份文件。",
})
_add("MetadataDialog", {
    "Document information": "文件信息", "Title": "标题", "Region": "地区", "City": "城市", "Issuer": "发文机关",
    "Level": "层级", "Document number": "文号", "Date issued (YYYY-MM-DD)": "发文日期（年-月-日）", "Year": "年份",
    "Status": "状态", "Guessed from the text; please check": "由正文推断，请核对",
})
_add("Errors", {  # a metadata value index.library.fields refuses
    "The title cannot be empty.": "标题不能为空。",
    "The region cannot be empty; write 不详 if it is not known.": "地区不能为空；不清楚时请填写“不详”。",
    "The region must be a province-level region (e.g. 湖北省 or 湖北), 全国 for a national document, or 不详.":
        "地区须为省级行政区（如 湖北省 或 湖北），全国性文件填写“全国”，不清楚时填写“不详”。",
    "The year must be four digits from 1949 to 2100, e.g. 2017.": "年份须为 1949 至 2100 之间的四位数字，例如 2017。",
    "The date must be written YYYY-MM-DD, e.g. 2017-12-12.": "日期须写作 年-月-日，例如 2017-12-12。",
    "This value cannot be used: %1": "此值无法使用：%1",
})
_add("Errors", {"The chosen file is not a ZoneRef notes database; your notes were not changed.":
                    "所选文件不是 ZoneRef 笔记数据库；您的批注未作任何改动。"})
_add("RecoveryDialog", {
    "%1 is not a ZoneRef notes database (another program's file, an empty one, or one no longer recognisable as a "
    "database). Your notes were not changed.":
        "%1 不是 ZoneRef 笔记数据库（可能是其他程序的文件、空文件，或已无法辨认的数据库）。您的批注未作任何改动。",
})
_add("CompareView", {
    "A comparison set named “%1” already exists. Replace it with this comparison?": "已有名为“%1”的对比组。要用当前对比替换它吗？",
    "Saved as the comparison set “%1”.": "已保存为对比组“%1”。",
})
_add("ImportDialog", {"Row %1, %2: %3": "第 %1 行“%2”：%3", "(%n cell(s) to correct in all)": "（共 %n 处待更正）"})
_add("LibraryView", {"Edit document information…": "编辑文件信息…"})
_add("PreferencesDialog", {"Preferences": "首选项"})
_add("Settings", {
    "Interface language (applies on restart)": "界面语言（重启后生效）", "Reader font size": "阅读字号",
    "Show traditional-script documents in simplified characters": "繁体文件以简体字显示",
    "Search-as-you-type delay (ms)": "输入即检索的延迟（毫秒）",
})
_add("Errors", {
    "Not found: %1": "未找到：%1", "The operation could not be completed:\n%1": "操作未能完成：\n%1",
    "Unexpected error (a bug): %1": "意外错误（程序缺陷）：%1",
})
_add("Ops", {"Cancel": "取消"})
_add("Errors", {
    "The notes database cannot be used.": "笔记数据库无法使用。",
    "The notes database was written by a newer ZoneRef; please update ZoneRef.":
        "笔记数据库由更新版本的 ZoneRef 写入，请升级 ZoneRef。",
    "The search index cannot be used; try File → Rebuild search index.": "检索索引无法使用，请尝试“文件 → 重建检索索引”。",
    "The comparison set cannot be used.": "该对比组无法使用。",
    "This file is not a valid comparison set.": "此文件不是有效的对比组文件。",
    "There is no such topic.": "没有这个主题。",
    "Bundled documents cannot be removed; only imported ones.": "内置文件不能移除，只能移除导入的文件。",
    "The note cannot be saved.": "批注无法保存。",
    "The quoted text was not found in the clause.": "在条款中找不到所引的原文。",
    "Unknown highlight colour.": "未知的高亮颜色。",
    "The notes file cannot be imported.": "批注文件无法导入。",
    "The export failed.": "导出失败。",
    "The export failed: the file is open in another program (Word, WPS, Excel…) or read-only. Close it there, or "
    "choose another name, and export again; the file was left as it was.":
        "导出失败：该文件正被其他程序（Word、WPS、Excel 等）打开，或为只读。请在该程序中关闭它，或换一个文件名，再重新导出；"
        "原文件未作改动。",
    "A document in the library cannot be read.": "文库中有文件无法读取。",
    "Details: %1": "详情：%1",
})
_add("CompareView", {"Import a set file…": "导入对比组文件…", "Export a set to a file…": "将对比组导出为文件…",
                     "Import a set file": "导入对比组文件", "Export a set to a file": "导出对比组文件", "Set:": "对比组："})
_add("LibraryView", {"Open": "打开", "Remove from library…": "从文库中移除…"})
_add("LibraryView", {
    "No document's title, issuer, number or date contains “%1”.": "没有文件的标题、发文机关、文号或日期含“%1”。",
    "Search the documents' text for it": "在文件正文中检索",
})
_add("DocumentPicker", {"Words in the title, issuer or number": "标题、发文机关或文号中的词语",
                        "%n document(s)": "%n 份文件"})
_add("CompareView", {  # the document chooser (issue 14)
    "The compared documents: untick to leave one out; drag to reorder": "对比中的文件：取消勾选即移出，拖动调整顺序",
    "any": "不限",
    "Add selected": "添加所选", "Default": "默认",
    "The documents that matter for this comparison: your pins, what you read lately, the bundled policies, "
    "the same level in other regions": "与本次对比相关的文件：您固定的、最近阅读的、内置政策，以及其他地区同级文件",
    "Year": "年份", "Compared documents": "对比中的文件", "Add documents": "添加文件",
    "All regions": "全部地区", "All levels": "全部级别", "%n document(s) match": "符合条件的文件 %n 份",
})
_add("MainWindow", {"Rebuild search index…": "重建检索索引…", "Remove document": "移除文件",
                    "Remove “%1” from the library? Its notes are kept for review.":
                        "从文库中移除《%1》？其批注将保留以供复核。"})
_add("ReaderView", {"Highlight in colour": "按颜色高亮"})
_add("SearchView", {"Building the search index: %1 of %2 documents…": "正在建立检索索引：%1 / %2 份文件…"})
_add("SearchView", {
    "the query could not be read as written, so its words were searched literally":
        "检索式无法按语法解读，已按字面检索其中的词语",
    "the query was cut to its first %1 characters": "检索式过长，只使用了前 %1 个字符",
    "the query has no characters that can be searched": "检索式中没有可检索的字符",
    "no document in the library matches %1": "文库中没有符合 %1 的文件",
    "region": "地区", "level": "级别", "year": "年份",
    "no document matches these filters together": "没有同时符合这些限定条件的文件",
    "no clause holds the whole passage: the clauses that hold one or more of its sentences":
        "没有条款包含整段文字，以下为包含其中一句或几句的条款",
    "%n match(es) in earlier versions and drafts, which are not searched: tick All versions":
        "历史版本和征求意见稿中有 %n 条相关条款（默认不检索）：勾选“所有版本”可检索",
})
_add("SearchView", {"Tick only this": "只勾选此项", "Tick all": "全部勾选"})
_add("SearchView", {
    "Filter documents (title, issuer, number)": "筛选文件（标题、发文机关、文号）",
    "%1 of %2 shown": "显示 %1 / %2", "%n document(s)": "共 %n 份", "%1 ticked": "已勾选 %1",
    "Tick only the %n shown": "只勾选显示的 %n 项",
})
_add("Services", {"Rebuilding the search index…": "正在重建检索索引…"})
_add("printing", {"Print preview": "打印预览", "Export failed": "导出失败", "Export": "导出", "Preparing the table…": "正在整理表格…"})
_add("CoverageView", {
    "One column per document": "按文件分列", "Off: one column per province, its documents together":
        "不勾选时每个省一列，合并该省的各份文件",
    "Clauses per topic and province, shaded by clauses per document. Click a cell to read them; "
    "click a topic to compare it across documents.":
        "各主题在各省（或各文件）中的条款数，颜色按每份文件平均条款数深浅。点击单元格阅读条款；点击主题名在各文件间对比。",
    "%1 (%n clause(s))": "%1（%n 条）",
})
_add("CoverageModel", {"%n document(s)": "%n 份文件", "%1 of %2 documents, %n clause(s)": "%2 份文件中 %1 份论及，共 %n 条",
                       "… and %n more": "……另有 %n 条"})
_add("MainWindow", {
    "Nothing to export here: export works in compare, search, topic coverage and the notes panel.":
        "此处没有可导出的内容：对比、检索、主题覆盖和批注面板可以导出。",
    "Nothing to print here.": "此处没有可打印的内容。",
})
_add("MainWindow", {
    "Notes database repaired": "笔记数据库已修复",
    "Your notes database was damaged and could not be used.": "您的笔记数据库已损坏，无法使用。",
    "Problem: %1\nDamaged file kept at: %2\nRestored from: %3": "问题：%1\n损坏的文件保存在：%2\n恢复自：%3",
    "%n note(s) could not be found in the changed text; they are listed for review (Notes → Orphans only).":
        "%n 条批注在修改后的文本中找不到原文，已列出待复核（批注 → 只看孤立批注）。",
    "%n note(s) were placed again in changed documents.": "%n 条批注已在修改过的文件中重新定位。",
})

# Issue 17: a damaged or read-only notes database, recovering notes, hostile files.
_add("MainWindow", {
    "It was restored from the backup of %1, which holds %2 note(s). Notes made after that backup may still be in "
    "the damaged file, which is kept: Recover notes from it brings them back.":
        "已从 %1 的备份恢复，其中有 %2 条批注。该备份之后新增的批注可能仍在已保留的损坏文件中，"
        "点击“从损坏的文件恢复批注”即可找回。",
    "No good backup was found, so the %1 note(s) still readable in it were saved into a new notes database. "
    "The damaged file is kept.":
        "没有找到完好的备份，已把其中仍可读取的 %1 条批注保存到新的笔记数据库。损坏的文件已保留。",
    "Recover notes from the damaged file": "从损坏的文件恢复批注",
    "Recover notes…": "恢复批注…",
    "Notes are read-only": "批注为只读",
    "Your notes can be read, searched and exported, but not changed until this is fixed:":
        "批注仍可查看、检索和导出，但在解决以下问题之前无法修改：",
    "Some documents cannot be read": "部分文件无法读取",
    "%n document file(s) cannot be read and were left out of the library. The rest of the library works as usual.":
        "有 %n 个文件无法读取，已从文库中略去。文库的其余部分照常可用。",
    "Move them out of the library": "将其移出文库",
    "Moved to %1; the files are kept there.": "已移至 %1，文件保存在那里。",
})
_add("RecoveryDialog", {
    "Recover notes": "恢复批注",
    "Merge adds the notes a copy has and yours do not (nothing is deleted). Replace makes your notes exactly the "
    "copy's; your notes as they are now are kept as a backup first.":
        "“合并”会加入副本中有而您现有批注中没有的批注（不会删除任何内容）。“替换”会使您的批注与副本完全相同；"
        "替换前会先把现有批注备份。",
    "Time": "时间", "Kind": "类型", "Notes": "批注数", "File": "文件",
    "Merge into my notes": "合并到我的批注", "Replace my notes with this copy…": "用此副本替换我的批注…",
    "Choose a file…": "选择文件…", "Choose a ZoneRef notes database": "选择 ZoneRef 笔记数据库",
    "Notes databases (*.db *.db.*);;All files (*)": "笔记数据库 (*.db *.db.*);;所有文件 (*)",
    "Added %1 note(s), updated %2; %3 were already there. %4 bookmark(s), %5 pinned decision(s) and %6 "
    "comparison set(s) came back too.":
        "已添加 %1 条批注，更新 %2 条；%3 条原已存在。另外找回书签 %4 个、固定的对应关系 %5 项、对比组 %6 个。",
    "Replace all your notes with this copy? Your notes as they are now are kept as a backup first.":
        "用此副本替换您的全部批注？替换前会先把现有批注备份。",
    "Your notes are now the copy's: %1 note(s). The notes as they were (%2) are kept in %3.":
        "您的批注已替换为副本的内容：%1 条。原有批注（%2 条）保存在 %3。",
    "Daily": "每日", "After changes": "修改后", "On closing": "关闭时", "By hand": "手动",
    "Before a restore": "还原前", "Before a recovery": "恢复前", "Damaged file set aside": "损坏时保留的文件",
    "Replaced file set aside": "被替换时保留的文件",
})
_add("Errors", {
    "The disk is full, so the notes cannot be saved. Free some space and try again; your notes are safe.":
        "磁盘已满，批注无法保存。请释放一些空间后重试；您的批注是安全的。",
    "The notes database cannot be written (a read-only file, folder or disk). Check its permissions; your notes "
    "are safe and can still be read.":
        "笔记数据库无法写入（文件、文件夹或磁盘为只读）。请检查权限；您的批注是安全的，仍可查看。",
    "The disk reported an error with the notes database. Check the disk, close every ZoneRef window and start "
    "again; the file was left as it is.":
        "磁盘在读写笔记数据库时报错。请检查磁盘，关闭所有 ZoneRef 窗口后重新启动；文件保持原样。",
    "Another ZoneRef window or command is using the notes database. Close it and try again.":
        "另一个 ZoneRef 窗口或命令正在使用笔记数据库，请将其关闭后重试。",
    "The notes database is damaged and could not be repaired now; it was left as it is.":
        "笔记数据库已损坏，目前无法修复；文件保持原样。",
    "The processes that read imported files could not start.": "用于读取导入文件的进程无法启动。",
})
_add("ImportDialog", {
    "The text is far longer than any policy document; split it and import the parts.":
        "文本远长于任何政策文件，请拆分后分别导入。",
    "Reading the file took too long and was stopped (a damaged or hostile file?). Save it again in its program "
    "and import that.": "读取文件耗时过长，已停止（文件可能损坏或被恶意构造）。请用原程序另存后再导入。",
    "Reading the file needed too much memory and was stopped (a damaged or hostile file?). Save it again in its "
    "program and import that.": "读取文件所需内存过多，已停止（文件可能损坏或被恶意构造）。请用原程序另存后再导入。",
    "Reading the file failed unexpectedly; it was refused. Save it again in its program and import that.":
        "读取文件时意外失败，已拒绝导入。请用原程序另存后再导入。",
    "A hidden file or folder; skipped.": "隐藏的文件或文件夹，已跳过。",
    "An archive inside an archive; not opened (extract it and import it on its own).":
        "压缩包内的压缩包，未打开（请解压后单独导入）。",
    "A lock file Word keeps while a document is open; skipped.": "Word 打开文档时生成的锁定文件，已跳过。",
    "A link to outside the folder; not followed.": "指向文件夹以外的链接，未跟随。",
    "A link to a folder; not followed (import that folder itself if you want it).":
        "指向文件夹的链接，未跟随（如需导入，请直接导入该文件夹）。",
    "A link that leads back to itself; skipped.": "循环链接，已跳过。",
    "A link to a file that does not exist; skipped.": "指向不存在文件的链接，已跳过。",
    "A link to something that is not a file; not followed.": "指向非文件对象的链接，未跟随。",
})

# Versions and 修订对照 (issue 18).
_add("MainWindow", {"Compare versions (修订对照)": "修订对照", "Compare versions": "修订对照",
                    "Link versions": "关联版本", "“%1” is a version of:": "“%1”是下列文件的另一版本："})
_add("MainWindow", {
    "No tab is open. Double-click a document in the library to read it, or open <a href=\"search\">Search</a> "
    "(Ctrl+K), <a href=\"compare\">Compare</a> (Ctrl+Shift+K) or <a href=\"coverage\">Topic coverage</a> "
    "(Ctrl+Shift+M).":
        "没有打开的标签页。在文库中双击文件即可阅读，或打开<a href=\"search\">检索</a>（Ctrl+K）、"
        "<a href=\"compare\">对比</a>（Ctrl+Shift+K）、<a href=\"coverage\">主题覆盖</a>（Ctrl+Shift+M）。",
})
_add("LibraryView", {"Adopted": "通过日期", "Amended": "修正/修订", "In force from": "施行日期", "Version": "版本",
                     "Compare versions (修订对照)": "修订对照", "Link to another version…": "关联其他版本…",
                     "Unlink from its versions": "取消版本关联"})
_add("Models", {"Draft": "征求意见稿", "Earlier version": "历史版本", "%n version(s)": "%n 个版本"})
_add("ReaderView", {"Compare versions": "修订对照",
                    "What changed between this document's versions (修订对照)": "查看本文件各版本之间的修改（修订对照）"})
_add("SearchView", {
    "All versions": "所有版本",
    "Also search earlier versions and drafts of a document (by default each clause shows once: the latest version's)":
        "同时检索文件的历史版本和征求意见稿（默认每个条款只显示一次：最新版本的）",
})
_add("RedlineView", {
    "Swap the two versions": "交换两个版本", "Changes only": "只看修改", "Hide the articles that did not change":
        "隐藏未修改的条文", "Previous change": "上一处修改", "Previous change (Shift+F8)": "上一处修改（Shift+F8）",
    "Next change": "下一处修改", "Next change (F8)": "下一处修改（F8）",
    "Choose a document with several versions: 修订对照 in the library's menu or the reader shows what changed "
    "between them.": "请选择有多个版本的文件：在文库的右键菜单或阅读器中选择“修订对照”，查看版本之间的修改。",
    "Before:": "修改前：", "After:": "修改后：",
    "“%1” has no other version. Link it to another version from its menu in the library.":
        "“%1”没有其他版本。可在文库中该文件的右键菜单里“关联其他版本…”。",
    "undated": "日期不详", "Choose two different versions.": "请选择两个不同的版本。", "Comparing…": "正在对照…",
    "%1 changed, %2 added, %3 removed": "%1 条修改，%2 条新增，%3 条删除", ", %1 moved": "，%1 条移动并修改",
    "; %1 unchanged": "；%1 条未修改",
    " (%1 of them renumbered)": "（其中 %1 条仅序号调整）", "The versions shown were removed from the library.": "所显示的版本已从文库中移除。",
})


ZH.update(QT_GAPS)
_add("Settings", {"Author of exported Word files": "导出 Word 文件的作者"})
_add("LibraryView", {"Copy notes from its other versions": "复制其他版本的批注到此版本"})
_add("ImportDialog", {"Copy the notes onto the new versions": "将批注复制到新版本", "File": "文件",
                      "You have notes on earlier versions of %n of them.": "其中 %n 份文件的旧版本上有您的批注。"})
_add("MainWindow", {
    "The other versions of this document have no notes.": "此文件的其他版本上没有批注。",
    "%n note(s) copied to this version.": "已将 %n 条批注复制到此版本。",
    "%n note(s) copied to the new versions of %1 documents.": "已将 %n 条批注复制到 %1 份文件的新版本。",
    "%n note(s) were here already.": "%n 条批注此前已复制过。",
    "%n of them sit on text that reads a little differently here; the highlight is kept as it was: please check.":
        "其中 %n 条所在文字在此版本中略有改动，划线保留原样，请核对。",
    "%n note(s) not copied: their passage changed in this version (they stay on their own version; 修订对照 shows "
    "the changes):": "%n 条批注未复制：所在文字在此版本中已改动（批注仍在原版本上，可用“修订对照”查看改动）：",
    "… and %n more": "……另有 %n 条", "Notes from other versions": "其他版本的批注",
})
_add("CompareView", {"Comparing…": "正在对比…",
                     "Showing the first %1 of the %2 chosen documents: choose fewer to see the others.":
                         "只显示所选 %2 个文件中的前 %1 个：减少所选文件可看到其余文件。"})
_add("SavedNotice", {"Open": "打开", "Open folder": "打开所在文件夹", "Close": "关闭", "Saved: %1": "已保存：%1"})

# Files that may not be policy documents, and rows left out (desktop/import_dialog.py DOUBTS).
_add("ImportDialog", {
    "Too short to be a policy document, and without a policy's form.": "内容过短，也没有政策文件的形式。",
    "Mostly not Chinese text.": "大部分内容不是中文。",
    "No document kind in its title (意见, 办法, 条例 …), no document number, no numbered clauses, no issuer and date: "
    "a news item or a table?": "标题中没有文种（意见、办法、条例等），没有文号，没有编号的条款，也没有发文机关和日期：是新闻稿或表格吗？",
    "May not be a policy document:": "可能不是政策文件：",
    "%n of them may not be policy documents (their clause count is marked; hover it for why): untick a row's title to "
    "leave its file out.": "其中 %n 个文件可能不是政策文件（已标出其条款数，鼠标悬停可看原因）：取消勾选该行标题即不导入该文件。",
    "Import %n file(s)": "导入 %n 个文件",
})

# Note edits the database refused, kept in unsaved-notes.json (index/userdata/drafts.py).
_add("NotesView", {
    "What you typed is kept, and will be written when ZoneRef next starts if it cannot be written before.":
        "您输入的内容已另行保存；如在此之前仍无法写入，将在下次启动 ZoneRef 时写入。",
    "Not saved yet, trying again:": "尚未保存，正在重试：",
})
_add("MainWindow", {
    "%n note edit(s) that could not be saved last time were written now.": "上次未能保存的 %n 条批注修改现已写入。",
})


def _sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop").glob("*.py"))


def _fill(ts: Path, chinese: bool) -> list[tuple[str, str]]:
    tree = ET.parse(ts)
    root = tree.getroot()
    contexts = {c.find("name").text: c for c in root.iter("context")}
    for context, source in EXTRA:
        ctx = contexts.get(context)
        if ctx is None:
            ctx = ET.SubElement(root, "context")
            ET.SubElement(ctx, "name").text = context
            contexts[context] = ctx
        if not any(m.find("source").text == source for m in ctx.iter("message")):
            msg = ET.SubElement(ctx, "message")
            ET.SubElement(msg, "source").text = source
            ET.SubElement(msg, "translation", type="unfinished")
    missing = []
    for name, ctx in contexts.items():
        for msg in ctx.iter("message"):
            src = msg.find("source").text
            tr = msg.find("translation")
            if not chinese or tr.get("type") == "obsolete":
                continue
            text = ZH.get((name, src))
            has_own = (tr.text or list(tr)) and tr.get("type") != "unfinished"
            if text is None:
                if not has_own and name:  # a nameless context is never looked up at run time
                    missing.append((name, src))
                continue
            for child in list(tr):
                tr.remove(child)
            if msg.get("numerus") == "yes":
                tr.text = None
                ET.SubElement(tr, "numerusform").text = text
            else:
                tr.text = text
            tr.attrib.pop("type", None)
    ET.indent(tree)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    for lang in ("zh_CN", "en"):
        ts = HERE / f"zoneref_{lang}.ts"
        subprocess.run([str(BIN / "pyside6-lupdate"), *_sources(), "-no-obsolete", "-ts", str(ts)],
                       cwd=ROOT, check=True, capture_output=True)
        missing = _fill(ts, lang == "zh_CN")
        for context, source in missing:
            print(f"untranslated [{context}] {source!r}")
        subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       check=True, capture_output=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
