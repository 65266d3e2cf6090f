"""Repair the text layer of PDFs rendered with CJK fonts.

Noto Sans CJK (like Source Han Sans, Meiryo …) draws 高 and the Kangxi
radical ⾼ (U+2FBC) with one glyph. A PDF stores glyphs plus a ToUnicode map
from glyph back to text, and Qt (like wkhtmltopdf and PDFBox) fills that map
with the lowest code point sharing the glyph, i.e. the radical. The page
looks right, but copying or searching it yields ⾼质量 instead of 高质量
(wkhtmltopdf/wkhtmltopdf#4414, apache/pdfbox#470). Officials copy from these
PDFs, so the map is rewritten here to the unified ideographs.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

# Radical → the unified ideograph drawn with the same glyph in Noto Sans CJK
# SC/TC (found with QRawFont by comparing glyph indexes), completed by NFKC for
# Kangxi radicals the fonts lack. Pairs of characters, radical first.
_PAIRS = (
    "⺂乛⺃乚⺅亻⺉刂⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺭礻⺯糹⺰纟⺱罓⺹耂⺺肀⺾艹⺿艹"
    "⻂衤⻅见⻆角⻈讠⻉贝⻋车⻌辶⻎辶⻐钅⻑長⻒镸⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄"
    "⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟⼀一⼁丨⼂丶⼃丿⼄乙⼅亅⼆二⼇亠⼈人⼉儿⼊入⼋八⼌冂⼍冖⼎冫⼏几⼐凵⼑刀⼒力⼓勹⼔匕"
    "⼕匚⼖匸⼗十⼘卜⼙卩⼚厂⼛厶⼜又⼝口⼞囗⼟土⼠士⼡夂⼢夊⼣夕⼤大⼥女⼦子⼧宀⼨寸⼩小⼪尢⼫尸⼬屮⼭山⼮巛⼯工⼰己⼱巾⼲干"
    "⼳幺⼴广⼵廴⼶廾⼷弋⼸弓⼹彐⼺彡⼻彳⼼心⼽戈⼾户⼿手⽀支⽁攴⽂文⽃斗⽄斤⽅方⽆无⽇日⽈曰⽉月⽊木⽋欠⽌止⽍歹⽎殳⽏毋⽐比"
    "⽑毛⽒氏⽓气⽔水⽕火⽖爪⽗父⽘爻⽙爿⽚片⽛牙⽜牛⽝犬⽞玄⽟玉⽠瓜⽡瓦⽢甘⽣生⽤用⽥田⽦疋⽧疒⽨癶⽩白⽪皮⽫皿⽬目⽭矛⽮矢"
    "⽯石⽰示⽱禸⽲禾⽳穴⽴立⽵竹⽶米⽷糸⽸缶⽹网⽺羊⽻羽⽼老⽽而⽾耒⽿耳⾀聿⾁肉⾂臣⾃自⾄至⾅臼⾆舌⾇舛⾈舟⾉艮⾊色⾋艸⾌虍"
    "⾍虫⾎血⾏行⾐衣⾑襾⾒見⾓角⾔言⾕谷⾖豆⾗豕⾘豸⾙貝⾚赤⾛走⾜足⾝身⾞車⾟辛⾠辰⾡辵⾢邑⾣酉⾤釆⾥里⾦金⾧長⾨門⾩阜⾪隶"
    "⾫隹⾬雨⾭靑⾮非⾯面⾰革⾱韋⾲韭⾳音⾴頁⾵風⾶飛⾷食⾸首⾹香⾺馬⾻骨⾼高⾽髟⾾鬥⾿鬯⿀鬲⿁鬼⿂魚⿃鳥⿄鹵⿅鹿⿆麥⿇麻⿈黃"
    "⿉黍⿊黑⿋黹⿌黽⿍鼎⿎鼓⿏鼠⿐鼻⿑齊⿒齒⿓龍⿔龜⿕龠")
RADICALS: dict[int, int] = {ord(_PAIRS[i]): ord(_PAIRS[i + 1]) for i in range(0, len(_PAIRS), 2)}

_BLOCK = re.compile(r"(\d+\s+begin(bfchar|bfrange)\s*\n)(.*?)(end\2)", re.S)
_HEX = re.compile(r"<([0-9A-Fa-f]{4})>")


def _fix_destinations(text: str, keep: int) -> tuple[str, int]:
    """Rewrite the <XXXX> tokens after the first ``keep`` (the source codes) on one line."""
    count = 0
    seen = 0

    def swap(m: re.Match) -> str:
        nonlocal count, seen
        seen += 1
        cp = int(m.group(1), 16)
        if seen <= keep or cp not in RADICALS:
            return m.group(0)
        count += 1
        return f"<{RADICALS[cp]:04X}>"

    return _HEX.sub(swap, text), count


def fix_to_unicode(cmap: str) -> tuple[str, int]:
    """A ToUnicode CMap with radical destinations replaced; (new text, replacements)."""
    total = 0

    def block(m: re.Match) -> str:
        nonlocal total
        keep = 1 if m.group(2) == "bfchar" else 2
        lines = []
        for line in m.group(3).splitlines(keepends=True):
            codes = _HEX.findall(line)
            if keep == 2 and "[" not in line and len(codes) >= 2 and codes[0] != codes[1]:
                lines.append(line)  # <lo> <hi> <first>: a run, rewriting it would shift the whole run
                continue
            fixed, n = _fix_destinations(line, keep)
            total += n
            lines.append(fixed)
        return m.group(1) + "".join(lines) + m.group(4)

    return _BLOCK.sub(block, cmap), total


def repair_text_layer(path: Path | str) -> int:
    """Rewrite the ToUnicode maps of a PDF in place; returns how many entries changed.

    The file is rewritten only if something changed, through a temporary file
    renamed into place.
    """
    from pypdf import PdfWriter

    path = Path(path)
    writer = PdfWriter(clone_from=str(path))
    changed = 0
    done: set[int] = set()
    for page in writer.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            tu = font.get("/ToUnicode")
            if tu is None or getattr(tu, "idnum", None) in done:
                continue
            done.add(getattr(tu, "idnum", id(tu)))
            stream = tu.get_object()
            text, n = fix_to_unicode(stream.get_data().decode("latin-1"))
            if n:
                stream.set_data(text.encode("latin-1"))
                changed += n
    if changed:
        fd, tmp = tempfile.mkstemp(prefix=".zoneref-pdf-", suffix=".pdf", dir=path.parent)
        os.close(fd)
        try:
            with open(tmp, "wb") as fh:
                writer.write(fh)
            os.chmod(tmp, 0o644)  # mkstemp makes it private; the PDF is an ordinary file
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return changed
