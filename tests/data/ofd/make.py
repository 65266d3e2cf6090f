"""Writes the OFD fixtures of the OFD reader's tests (README.md beside this file).

Each text is laid out as a 公文 (GB/T 9704: A4, title centred in 22 pt, body in 16 pt on a 28 pt pitch, each
paragraph's first line indented two characters, lines justified, page number — N — at the foot) into a PDF by
reportlab, which easyofd (a third-party PDF → OFD converter) turns into OFD. Neither is a dependency of ZoneRef:

    python3 -m venv /tmp/ofdvenv && /tmp/ofdvenv/bin/pip install easyofd reportlab
    /tmp/ofdvenv/bin/python tests/data/ofd/make.py
"""

import os
import shutil
import tempfile
from pathlib import Path

from easyofd.ofd import OFD
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
FONT = "STSong-Light"
LEFT, RIGHT, TOP, BOTTOM = 28 * mm, 26 * mm, 37 * mm, 35 * mm
BODY, TITLE, PITCH = 16, 22, 28


def wrap(text: str, size: float, width: float, indent: float) -> list[tuple[str, float]]:
    """Lines of ``text`` (character by character) and each line's left offset."""
    lines, line, offset = [], "", indent
    for ch in text:
        if pdfmetrics.stringWidth(line + ch, FONT, size) > width - offset:
            lines.append((line, offset))
            line, offset = "", 0.0
        line += ch
    lines.append((line, offset))
    return lines


def layout(title: str, paragraphs: list[str], out: Path) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    width, height = A4
    text_width = width - LEFT - RIGHT
    pdf = canvas.Canvas(str(out), pagesize=A4)
    page = 1
    y = height - TOP

    def new_page():
        nonlocal page, y
        pdf.setFont(FONT, 14)
        pdf.drawCentredString(width / 2, BOTTOM - 20, f"— {page} —")
        pdf.showPage()
        page += 1
        y = height - TOP

    for line, _ in wrap(title, TITLE, text_width - 4 * TITLE, 0):
        pdf.setFont(FONT, TITLE)
        pdf.drawCentredString(width / 2, y, line)
        y -= TITLE * 1.5
    y -= PITCH
    for paragraph in paragraphs:
        lines = wrap(paragraph, BODY, text_width, 2 * BODY)
        for i, (line, offset) in enumerate(lines):
            if y < BOTTOM:
                new_page()
            pdf.setFont(FONT, BODY)
            if i < len(lines) - 1 and len(line) > 1:  # justified: the characters spread over the whole line
                natural = pdfmetrics.stringWidth(line, FONT, BODY)
                spacing = (text_width - offset - natural) / (len(line) - 1)
                obj = pdf.beginText(LEFT + offset, y)
                obj.setFont(FONT, BODY)
                obj.setCharSpace(spacing)
                obj.textOut(line)
                pdf.drawText(obj)
            else:
                pdf.drawString(LEFT + offset, y, line)
            y -= PITCH
    new_page()
    pdf.save()


def paragraphs_of(path: Path) -> tuple[str, list[str]]:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("\n---\n", 1)[1]
    lines = [ln.strip().lstrip("#").strip() for ln in text.splitlines() if ln.strip()]
    return lines[0], lines[1:]


def main() -> None:
    sources = {
        "policy": ROOT / "content/docs/jiaxing-2015-kaifaqu.md",
        "regulation": ROOT / "tests/data/regulations/tune/t01_shanghai_shehuijiuzhu_2018.txt",
    }
    for name, source in sources.items():
        title, paragraphs = paragraphs_of(source)
        pdf = HERE / f"{name}.pdf"
        layout(title, paragraphs, pdf)
        with tempfile.TemporaryDirectory() as scratch:  # easyofd writes its parts under ./test
            here = os.getcwd()
            os.chdir(scratch)
            try:
                data = OFD().pdf2ofd(pdf.read_bytes(), optional_text=True)
            finally:
                os.chdir(here)
                shutil.rmtree(Path(scratch) / "test", ignore_errors=True)
        (HERE / f"{name}.ofd").write_bytes(data)
        pdf.unlink()
        print("wrote", HERE / f"{name}.ofd")


if __name__ == "__main__":
    main()
