"""Hostile-file benchmark (issue 17): how long importing each hostile file takes to end, and how.

Each file is made in a temporary folder (nothing is committed) and imported
alone, by the real ``zoneref import FILE --json`` in a fresh process with a
fresh ``ZONEREF_HOME``, under a wall-clock cap (``--cap``, default 120 s) so
that code without limits cannot hang the benchmark. Printed per file: its
size, the outcome (imported, or the refusal's code), the time from process
start to exit and the process tree's peak memory; and a yardstick measured
in the same run: one ordinary policy .txt.

Usage::

    python bench/bench_hostile.py [--only NAME] [--cap 120] [--code-root DIR]

``--code-root`` runs another checkout's code (to measure the code before a
change).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_import import _tree_rss_kb  # noqa: E402

POLICY = ("关于推进开发区高质量发展的实施意见\n\n一、总体要求\n\n（一）坚持招商引资，加强用地保障，盘活存量土地。\n\n"
          "二、保障措施\n\n（二）完善考核评价，优化营商环境。\n")
SENTENCE = "关于推进开发区高质量发展的实施意见。（一）坚持招商引资，加强用地保障，盘活存量土地。"


def _nested(depth: int):
    def make(folder: Path) -> Path:
        path = folder / f"nest{depth}.html"
        path.write_text(f"<html><body>{'<div>' * depth}{SENTENCE}{'</div>' * depth}</body></html>", encoding="utf-8")
        return path
    return make


def _docx_xml(folder: Path, xml_mb: int = 190) -> Path:
    """A .docx whose word/document.xml is ``xml_mb`` MB (~12 MB on disk for 190: real text's ratio, no bomb)."""
    rng = random.Random(17)
    words = [w * rng.randint(1, 3) for w in "开发区招商引资用地保障营商环境考核评价改革创新"]
    # 60 distinct paragraphs in random order deflate about 15:1, as the file did (12 MB for 190 MB).
    pool = [f"<w:p><w:r><w:t>{''.join(rng.choice(words) for _ in range(60))}</w:t></w:r></w:p>" for _ in range(60)]
    parts, size = [], 0
    while size < xml_mb * 1024 * 1024:
        para = rng.choice(pool)
        parts.append(para)
        size += len(para.encode())
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{"".join(parts)}</w:body></w:document>'
    # Everything else from a real (python-docx) document, so that Word and python-docx open it.
    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    buffer = io.BytesIO()
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for entry in src.infolist():
            if entry.filename != "word/document.xml":
                zf.writestr(entry, src.read(entry))
        zf.writestr("word/document.xml", xml)
    path = folder / f"xml-{xml_mb}mb.docx"
    path.write_bytes(buffer.getvalue())
    return path


def _gbk_name(folder: Path) -> Path:
    raw = os.fsencode(folder) + b"/" + "开发区政策".encode("gbk") + b".txt"
    with open(raw, "wb") as fh:
        fh.write(POLICY.encode())
    return Path(os.fsdecode(raw))


def _write(name: str, data: bytes | str):
    def make(folder: Path) -> Path:
        path = folder / name
        (path.write_bytes if isinstance(data, bytes) else lambda d: path.write_text(d, encoding="utf-8"))(data)
        return path
    return make


def _symlink_loop(folder: Path) -> Path:
    top = folder / "loops"
    top.mkdir()
    (top / "good.txt").write_text(POLICY, encoding="utf-8")
    os.symlink("self.txt", top / "self.txt")
    os.symlink(".", top / "again")
    os.symlink("/etc/passwd", top / "passwd.txt")
    return top


def _zip(name: str, entries, lie_size: int | None = None):
    """A .zip of ``entries`` ((member name, bytes) pairs, names written as Windows does: GBK, no UTF-8 flag);
    ``lie_size``: the first member's headers claim this uncompressed size."""
    class WindowsName(zipfile.ZipInfo):
        def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's name
            return self.filename.encode("cp437"), self.flag_bits

    def make(folder: Path) -> Path:
        path = folder / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for member, data in entries():
                info = WindowsName(member.encode("gbk").decode("cp437"))
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, data)
        if lie_size is not None:
            raw = bytearray(path.read_bytes())
            for header, at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
                start = raw.index(header) + at
                raw[start:start + 4] = lie_size.to_bytes(4, "little")
            path.write_bytes(bytes(raw))
        return path
    return make


def _doc(name: str, damage: str | None = None):
    """tests/data/doc/policy.doc (a Word 97-2003 file LibreOffice wrote) under ``name``, ``damage`` done to it."""
    def make(folder: Path) -> Path:
        import shutil
        import struct

        import olefile

        path = folder / name
        shutil.copy(REPO / "tests" / "data" / "doc" / "policy.doc", path)
        if damage == "negative prc":
            with olefile.OleFileIO(str(path), write_mode=True) as ole:
                word = ole.openstream("WordDocument").read()
                table_name = "1Table" if struct.unpack_from("<H", word, 10)[0] & 0x0200 else "0Table"
                table = bytearray(ole.openstream(table_name).read())
                csw = struct.unpack_from("<H", word, 32)[0]
                cslw = struct.unpack_from("<H", word, 34 + csw * 2)[0]
                fc_clx = struct.unpack_from("<I", word, 34 + csw * 2 + 2 + cslw * 4 + 2 + 33 * 8)[0]
                table[fc_clx:fc_clx + 3] = b"\x01\xfd\xff"  # a formatting entry of size -3
                ole.write_stream(table_name, bytes(table))
        return path
    return make


def _ofd(name: str, runs: int = 0, ofd_xml: str | None = None):
    """tests/data/ofd/regulation.ofd under ``name``; ``runs``: its first page replaced by that many one-character
    text objects; ``ofd_xml``: its OFD.xml replaced."""
    def make(folder: Path) -> Path:
        path = folder / name
        source = REPO / "tests" / "data" / "ofd" / "regulation.ofd"
        with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info)
                if runs and info.filename == "Doc_0/Pages/Page_0/Content.xml":
                    data = ('<?xml version="1.0"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content>'
                            '<ofd:Layer ID="1">' + "".join(
                                f'<ofd:TextObject ID="{i + 2}" Size="3" Boundary="{i % 50 * 3} {i // 50 * 4} 3 4">'
                                f'<ofd:TextCode X="0" Y="3">开</ofd:TextCode></ofd:TextObject>' for i in range(runs))
                            + "</ofd:Layer></ofd:Content></ofd:Page>").encode()
                if ofd_xml is not None and info.filename == "OFD.xml":
                    data = ofd_xml.encode()
                dst.writestr(info, data)
        return path
    return make


def _ofd_pages(folder: Path, pages: int, objects: int) -> Path:
    """A small .ofd whose every page names one page part of ``objects`` text objects."""
    path = folder / "页.ofd"
    body = "".join(f'<TextObject Boundary="0 {i} 100 10" Size="3"><TextCode X="0" Y="3">第一条规定内容文字</TextCode>'
                   "</TextObject>" for i in range(objects))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("OFD.xml", "<OFD><DocBody><DocRoot>Doc/Document.xml</DocRoot></DocBody></OFD>")
        zf.writestr("Doc/Document.xml", "<Document><Pages>" + '<Page BaseLoc="c.xml"/>' * pages + "</Pages></Document>")
        zf.writestr("Doc/c.xml", f"<Page><Content><Layer>{body}</Layer></Content></Page>")
    return path


def _mht(folder: Path, kind: str) -> Path:
    """A web page saved as one file: as Internet Explorer writes it, or 3,000 multipart levels deep."""
    from bench.gen_import_folder import write_mhtml

    page = (f"<html><head><title>关于推进开发区高质量发展的实施意见</title></head><body><p>{POLICY}</p></body></html>")
    if kind == "ie":
        return write_mhtml(folder / "实施意见.mht", page.encode("gbk"), "ie", charset="gb2312")
    data = b"MIME-Version: 1.0\n"
    for i in range(3000):
        data += b'Content-Type: multipart/related; boundary="b%d"\n\n--b%d\n' % (i, i)
    data += b"Content-Type: text/html; charset=utf-8\n\n" + page.encode() + b"\n"
    data += b"".join(b"--b%d--\n" % i for i in reversed(range(3000)))
    path = folder / "深.mhtml"
    path.write_bytes(data)
    return path


XHTML = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
         '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd" [\n<!ENTITY a "开发区开发区开发区开发区">\n'
         + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "&a;" * 10}">\n' for i in range(9))
         + ']>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>关于推进开发区高质量发展的实施意见</title></head>'
         f"<body><p>{SENTENCE}&l8;</p><p>{SENTENCE}</p></body></html>")

FILES = {
    "yardstick: policy.txt": _write("policy.txt", POLICY),
    "GBK file name": _gbk_name,
    "docx, 190 MB of XML": _docx_xml,
    "docx, 60 MB of XML (under the cap)": lambda folder: _docx_xml(folder, 60),
    "4,000 nested divs": _nested(4_000),
    "8,000 nested divs": _nested(8_000),
    "100,000 nested divs": _nested(100_000),
    "front matter nested 50,000 deep": _write("nested.md", "---\ntitle: " + "[" * 50_000 + "]" * 50_000 + "\n---\n\n"
                                                                  + POLICY),
    "Markdown, 200,000 '['": _write("brackets.md", POLICY + "[" * 200_000 + "\n"),
    "XHTML, DOCTYPE + entity bomb": _write("bomb.xhtml", XHTML),
    "binary \\x00\\x01…": _write("bytes.txt", bytes(range(128)) * 40),
    "text of 4.5 M characters": _write("long.txt", POLICY + "开发区" * 1_500_000),
    "folder with symlink loops": _symlink_loop,
    "zip, GBK names, ../ in a name": _zip("汇编.zip", lambda: [("政策/实施意见.txt", POLICY.encode("gbk")),
                                                              ("../../逃逸.txt", POLICY.replace("实施意见", "若干措施").encode())]),
    "zip, 200 MB of zeros in a member": _zip("zeros.zip", lambda: [("零.txt", bytes(200 * 1024 * 1024))]),
    "zip, header says 1 KB, holds 200 MB": _zip("liar.zip", lambda: [("谎.txt", POLICY.encode() * 1_300_000)],
                                               lie_size=1024),
    "zip, 30,000 entries": _zip("many.zip", lambda: [(f"{n}.txt", b"") for n in range(30_000)]),
    "doc (Word 97-2003)": _doc("实施意见.doc"),
    "doc named .docx": _doc("实施意见.docx"),
    "doc, formatting entry of size -3": _doc("坏.doc", "negative prc"),
    "ofd (公文 layout, 2 pages)": _ofd("条例.ofd"),
    "ofd, 200,000 one-character text objects on a page": _ofd("碎.ofd", runs=200_000),
    "ofd, one dense page named by 2,000 pages": lambda folder: _ofd_pages(folder, 2000, 5000),
    "mht (Internet Explorer, GB2312, base64)": lambda folder: _mht(folder, "ie"),
    "mhtml, 3,000 nested parts": lambda folder: _mht(folder, "nested"),
    "ofd, entity bomb in OFD.xml": _ofd("炸.ofd", ofd_xml=XHTML.split("<html", 1)[0].replace("html PUBLIC", "d")
                                       + '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocInfo>'
                                         "<ofd:Title>&l8;</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml"
                                         "</ofd:DocRoot></ofd:DocBody></ofd:OFD>"),
}


def run_one(path: Path, code_root: Path, cap: float) -> dict:
    home = Path(tempfile.mkdtemp(prefix="zoneref-bench-hostile-home-"))
    env = dict(os.environ, ZONEREF_HOME=str(home), PYTHONPATH=str(code_root))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "desktop.cli", "import", str(path), "--json"], cwd=code_root,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None and time.perf_counter() - start < cap:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.05)
    if proc.poll() is None:
        _kill_tree(proc.pid)
        proc.wait()
        return {"outcome": f"still running after {cap:.0f} s (killed)", "seconds": cap, "peak_mb": peak / 1024}
    elapsed = time.perf_counter() - start
    out, err = proc.communicate()
    try:
        report = json.loads(out)
    except ValueError:
        tail = err.decode(errors="replace").strip().splitlines()[-1:] or ["?"]
        return {"outcome": f"exit {proc.returncode}: {tail[0][:80]}", "seconds": elapsed, "peak_mb": peak / 1024}
    outcome = []
    if report["imported"]:
        outcome.append(f"imported {len(report['imported'])}")
    outcome += [f"refused: {e.get('code')}" for e in report["errors"]]
    if report["skipped"]:
        outcome.append(f"{len(report['skipped'])} skipped")
    return {"outcome": ", ".join(outcome), "seconds": elapsed, "peak_mb": peak / 1024}


def _kill_tree(pid: int) -> None:
    import psutil

    try:
        parent = psutil.Process(pid)
        for child in parent.children(recursive=True):
            child.kill()
        parent.kill()
    except psutil.NoSuchProcess:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="only files whose name contains this (repeatable)")
    parser.add_argument("--cap", type=float, default=120.0, help="stop a run after this many seconds")
    parser.add_argument("--code-root", type=Path, default=REPO, help="the checkout whose code runs")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="zoneref-bench-hostile-"))
    print(f"code: {args.code_root}; cap {args.cap:.0f} s; load average {os.getloadavg()[0]:.1f}")
    print(f"{'file':<34} {'size':>9}  {'seconds':>7}  {'peak MB':>7}  outcome")
    for name, make in FILES.items():
        if args.only and not any(o in name for o in args.only) and not name.startswith("yardstick"):
            continue
        folder = work / str(abs(hash(name)))
        folder.mkdir()
        path = make(folder)
        size = sum(p.stat().st_size for p in ([path] if path.is_file() else path.rglob("*")) if p.is_file()
                   and not p.is_symlink())
        result = run_one(path, args.code_root.resolve(), args.cap)
        print(f"{name:<34} {size / 1e6:>7.1f}MB  {result['seconds']:>7.1f}  {result['peak_mb']:>7.0f}  "
              f"{result['outcome']}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
