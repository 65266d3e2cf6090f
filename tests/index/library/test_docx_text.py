"""Word text below the runs python-docx reads: tracked changes, content controls, fields (``readers.docx_text``)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bench.gen_import_folder import write_docx
from index.library.readers import read_path

MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def rewritten(path: Path, marks: dict[str, str], body_end: str = "") -> Path:
    """The Word file at ``path`` with each ⟦mark⟧ in its text replaced by raw XML between runs."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    doc = parts["word/document.xml"].decode("utf-8")
    for mark, xml in marks.items():
        doc = doc.replace(f"⟦{mark}⟧", f"</w:t></w:r>{xml}<w:r><w:t xml:space=\"preserve\">")
    doc = doc.replace("<w:sectPr", body_end + "<w:sectPr", 1)
    if "xmlns:mc=" not in doc:
        doc = doc.replace("<w:document ", f"<w:document {MC} ", 1)
    parts["word/document.xml"] = doc.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def run(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def test_a_draft_with_tracked_changes_reads_as_word_shows_it_with_the_changes_accepted(tmp_path):
    # Inserted text (修订 on), content controls, field results and smart tags were dropped; a content control
    # around whole paragraphs (a template's cover) lost them all.
    path = write_docx(tmp_path / "征求意见稿.docx", "关于推进开发区改革创新的实施意见", [
        ("p", "一、总体要求"),
        ("p", "（一）支持开发区⟦INS⟧扩区调区⟦DEL⟧。"),
        ("p", "（二）优化⟦SDT⟧服务，详见⟦FLD⟧⟦TAG⟧。"),
        ("p", "（三）加强⟦MOVE⟧人才引进⟦ALT⟧。"),
    ], table=[["事项", "责任单位"], ["招商⟦CELL⟧", "商务厅"]])
    ins = 'w:id="{}" w:author="省商务厅" w:date="2024-03-01T00:00:00Z"'
    rewritten(path, {
        "INS": f"<w:ins {ins.format(1)}>{run('和园区')}</w:ins>",
        "DEL": f"<w:del {ins.format(2)}><w:r><w:delText>（已删除的句子）</w:delText></w:r></w:del>",
        "SDT": f"<w:sdt><w:sdtPr><w:alias w:val=\"事项\"/></w:sdtPr><w:sdtContent>{run('营商')}</w:sdtContent></w:sdt>",
        "FLD": f"<w:fldSimple w:instr=\" REF _Ref1 \\h \">{run('第五条')}</w:fldSimple>",
        "TAG": f"<w:smartTag w:uri=\"urn:x\" w:element=\"place\">{run('和附件')}</w:smartTag>",
        "MOVE": f"<w:moveFrom {ins.format(3)}>{run('（移走的）')}</w:moveFrom><w:moveTo {ins.format(4)}>{run('高层次')}</w:moveTo>",
        "ALT": f"<mc:AlternateContent><mc:Choice Requires=\"w14\">{run('（新）')}</mc:Choice>"
               f"<mc:Fallback>{run('（新）')}</mc:Fallback></mc:AlternateContent>",
        "CELL": f"<w:sdt><w:sdtContent>{run('专班')}</w:sdtContent></w:sdt>",
    }, body_end=f"<w:sdt><w:sdtPr><w:docPartObj/></w:sdtPr><w:sdtContent><w:p>{run('二、保障措施')}</w:p>"
                f"<w:p>{run('（四）各地要抓好落实。')}</w:p></w:sdtContent></w:sdt>")
    text = read_path(path).text
    assert "（一）支持开发区和园区扩区调区。" in text and "已删除" not in text
    assert "（二）优化营商服务，详见第五条和附件。" in text and "REF" not in text
    assert "（三）加强高层次人才引进（新）。" in text and "移走" not in text
    assert "招商专班 | 商务厅" in text
    assert text.rstrip().endswith("二、保障措施\n\n（四）各地要抓好落实。")


def test_a_text_box_is_read_once_before_the_paragraph_that_anchors_it(tmp_path):
    # A 公文 template's number in a text box was dropped: the document had no 文号.
    path = write_docx(tmp_path / "通知.docx", "关于印发开发区招商引资办法的通知", [
        ("p", "⟦BOX⟧各市人民政府，省直有关单位："),
        ("p", "现将《开发区招商引资办法》印发给你们，请认真贯彻执行。"),
    ])
    box = ("<w:txbxContent><w:p>{}</w:p><w:p>{}</w:p></w:txbxContent>".format(run("浙政办发〔2021〕12号"),
                                                                              run("签发人：张三")))
    rewritten(path, {"BOX": "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:inline "
                            "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
                            f"<wps:wsp xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">"
                            f"<wps:txbx>{box}</wps:txbx></wps:wsp></wp:inline></w:drawing></mc:Choice><mc:Fallback>"
                            f"<w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:textbox>{box}</v:textbox>"
                            "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"})
    text = read_path(path).text
    assert "浙政办发〔2021〕12号\n\n签发人：张三\n\n各市人民政府，省直有关单位：" in text
    assert text.count("浙政办发") == 1
    from index.library.metadata import guess_metadata

    assert guess_metadata(text)["doc_number"] == "浙政办发〔2021〕12号"


def test_a_text_box_in_a_table_cell_is_read_with_its_row(tmp_path):
    # A 公文 form laid out as a table (发文稿纸, 会签单) keeps its 文号 and 签发人 in text boxes inside cells:
    # they were dropped, as body text boxes had been.
    path = write_docx(tmp_path / "发文稿纸.docx", "关于开发区扩区的请示", [("p", "正文如下。")],
                      table=[["文号", "⟦BOX⟧"], ["签发", "同意"]])
    box = "<w:txbxContent><w:p>{}</w:p></w:txbxContent>".format(run("苏政发〔2023〕7号"))
    rewritten(path, {"BOX": f"<w:r><w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:textbox>{box}"
                            "</v:textbox></v:shape></w:pict></w:r>"})
    text = read_path(path).text
    assert "文号 | 苏政发〔2023〕7号" in text
    assert text.count("苏政发") == 1


def test_a_body_imported_as_a_web_page_is_read(tmp_path):
    # OA systems write a document's body as an HTML page the .docx imports (w:altChunk), which Word shows as
    # the document. python-docx reads none of it: the file was refused as holding no text.
    path = rewritten(write_docx(tmp_path / "正文.docx", "", []), {}, body_end='<w:altChunk r:id="rIdChunk1"/>')
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    page = ("<html><head><meta charset='gb2312'></head><body><p>关于推进开发区高质量发展的实施意见</p><p>一、总体要求</p>"
            "<p>（一）坚持招商引资，加强用地保障。</p><p>【打印本页】</p></body></html>")
    parts["word/afchunk.htm"] = page.encode("gbk")
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdChunk1" Target="afchunk.htm" Type="http://schemas.openxmlformats.'
                             b'org/officeDocument/2006/relationships/aFChunk"/></Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Default Extension="htm" ContentType="text/html"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert read_path(path).text.split("\n\n") == [
        "关于推进开发区高质量发展的实施意见", "一、总体要求", "（一）坚持招商引资，加强用地保障。"]


def test_table_rows_and_cells_in_content_controls_are_read(tmp_path):
    # A form template's repeating section wraps rows in a content control, and a field of it a cell: python-docx
    # reads only rows and cells directly under their table and row, and the table read "名称" alone.
    import re

    path = write_docx(tmp_path / "名录.docx", "开发区名录", [("p", "说明。")],
                      table=[["名称", "面积"], ["甲开发区", "10平方公里"], ["乙开发区", "20平方公里"]])
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    doc = parts["word/document.xml"].decode("utf-8")
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", doc, flags=re.S)
    doc = doc.replace(rows[1] + rows[2], f"<w:sdt><w:sdtPr><w:alias w:val=\"开发区\"/></w:sdtPr><w:sdtContent>{rows[1]}"
                                         f"{rows[2]}</w:sdtContent></w:sdt>")
    deleted = rows[2].replace("乙开发区", "丙开发区").replace("<w:tr>", '<w:tr><w:trPr><w:del w:id="9" w:author="x"/></w:trPr>', 1)
    assert "<w:trPr><w:del" in deleted  # a row deleted with 修订 on: not read
    doc = doc.replace(rows[2], rows[2] + deleted)
    cell = re.findall(r"<w:tc>.*?</w:tc>", rows[0], flags=re.S)[1]
    doc = doc.replace(cell, f"<w:sdt><w:sdtContent>{cell}</w:sdtContent></w:sdt>", 1)
    parts["word/document.xml"] = doc.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert read_path(path).text.split("\n\n")[-1] == "名称 | 面积\n甲开发区 | 10平方公里\n乙开发区 | 20平方公里"


def test_a_table_in_a_table_cell_is_read_in_its_cell(tmp_path):
    # A 申报表's cell holding a table of its own (主要指标: 亩均税收, 研发投入) read as an empty cell.
    import docx

    document = docx.Document()
    document.add_paragraph("开发区申报表")
    table = document.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "申报单位", (0, 1): "苏州工业园区管委会", (1, 0): "主要指标"}.items():
        table.cell(r, c).text = text
    inner = table.cell(1, 1).add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "亩均税收", (0, 1): "30万元", (1, 0): "研发投入", (1, 1): "3%"}.items():
        inner.cell(r, c).text = text
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    for depth in range(40):  # nested past any form: read to a depth, never a RecursionError
        cell.text = f"第{depth}层"
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    document.save(str(tmp_path / "申报表.docx"))
    paragraphs = read_path(tmp_path / "申报表.docx").text.split("\n\n")
    assert paragraphs[1] == "申报单位 | 苏州工业园区管委会\n主要指标 | 亩均税收 30万元；研发投入 3%"
    assert paragraphs[2].startswith("第0层 第1层") and "第8层" in paragraphs[2] and "第39层" not in paragraphs[2]
