"""Zip archives imported as they come from Windows: GBK names, folders, odd entries, damage."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from desktop.cli import main
from index.library.readers import read_path
from index.library.readers.archives import Member, members
from index.library.readers.candidates import collect_files
from index.library.readers.errors import CorruptFileError, TooLargeError

POLICY = ("关于推进开发区高质量发展的实施意见\n\n一、总体要求\n\n（一）坚持招商引资，加强用地保障。\n\n"
          "二、保障措施\n\n（二）完善考核评价，优化营商环境。\n")
OTHER = POLICY.replace("实施意见", "若干措施").replace("优化营商环境", "提升开放水平")


class _WindowsName(zipfile.ZipInfo):
    """A member named as Windows' own zip tool writes it: GBK bytes, no UTF-8 flag."""

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's name
        return self.filename.encode("cp437"), self.flag_bits


def windows_zip(path: Path, entries: dict[str, bytes], gbk: bool = True) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            info = _WindowsName(name.encode("gbk").decode("cp437")) if gbk else zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return path


def _txt_only(name: str):
    return None if name.endswith(".txt") else ("unsupported file type", "unsupported")


def cli(capsys, *argv):
    code = main([*argv, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def test_a_windows_zip_imports_with_its_chinese_names_and_says_what_it_left(tmp_path, capsys):
    pack = windows_zip(tmp_path / "政策汇编.zip", {
        "开发区政策/关于推进开发区高质量发展的实施意见.txt": POLICY.encode("gbk"),
        "开发区政策/若干措施.md": OTHER.encode("utf-8"),
        "开发区政策/~$若干措施.docx": b"lock",
        "__MACOSX/开发区政策/._若干措施.md": b"\x00\x05",
        "开发区政策/附件图片.png": b"\x89PNG\r\n",
        "旧版/更早的汇编.zip": b"PK\x05\x06" + b"\x00" * 18,
    })
    assert "开发区政策" not in zipfile.ZipFile(pack).namelist()[0]  # zipfile alone reads cp437 mojibake
    code, report, err = cli(capsys, "import", str(pack))
    assert code == 0, err
    shown = {r["path"] for r in report["imported"]}
    assert shown == {f"{pack}/开发区政策/关于推进开发区高质量发展的实施意见.txt", f"{pack}/开发区政策/若干措施.md"}
    assert {r["code"] for r in report["skipped"]} == {"lock_file", "hidden", "unsupported", "archive_in_archive"}
    assert report["errors"] == []
    code, docs, _ = cli(capsys, "docs")
    imported = {d["title"]: d for d in docs if d["source"] == "imported"}
    assert set(imported) == {"关于推进开发区高质量发展的实施意见", "关于推进开发区高质量发展的若干措施"}
    code, hits, _ = cli(capsys, "search", "提升开放水平")
    assert hits["total"] == 1
    code, again, _ = cli(capsys, "import", str(pack))  # a second time: duplicates, nothing new
    assert again["imported"] == [] and {r["code"] for r in again["skipped"]} >= {"duplicate"}


def test_utf8_names_and_a_zip_inside_an_imported_folder(tmp_path, capsys):
    folder = tmp_path / "下载"
    folder.mkdir()
    windows_zip(folder / "pack.zip", {"文件/实施意见.txt": POLICY.encode("utf-8"),
                                      "../../逃逸.txt": OTHER.encode("utf-8")}, gbk=False)  # read, never written
    (folder / "若干措施.txt").write_text(OTHER, encoding="utf-8")
    code, report, err = cli(capsys, "import", str(folder))
    assert code == 0, err
    assert sorted(r["path"] for r in report["imported"]) == sorted(
        [str(folder / "pack.zip") + "/文件/实施意见.txt", str(folder / "pack.zip") + "/../../逃逸.txt"])
    assert report["skipped"][0]["code"] == "duplicate"  # 若干措施.txt: the same text as 逃逸.txt
    assert not (tmp_path / "逃逸.txt").exists() and not (folder.parent.parent / "逃逸.txt").exists()


def test_a_damaged_or_encrypted_archive_is_refused_and_the_rest_imports(tmp_path, capsys):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "坏的.zip").write_bytes(b"PK\x03\x04 this is not a zip archive at all")
    with zipfile.ZipFile(folder / "加密.zip", "w") as zf:
        zf.writestr("文件.txt", OTHER.encode("utf-8"))
    data = bytearray((folder / "加密.zip").read_bytes())  # marked encrypted, as a zip made with a password
    for header, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # zipfile writes no encryption
        at = data.index(header) + flags_at
        data[at] |= 0x1
    (folder / "加密.zip").write_bytes(bytes(data))
    (folder / "好的.txt").write_text(POLICY, encoding="utf-8")
    code, report, err = cli(capsys, "import", str(folder))
    assert [r["path"] for r in report["imported"]] == [str(folder / "好的.txt")]
    codes = {Path(e["path"]).name if "加密" not in e["path"] else "加密": e["code"] for e in report["errors"]}
    assert codes == {"坏的.zip": "corrupt", "加密": "password"}


def test_a_member_is_read_under_the_size_limit_whatever_its_header_says(tmp_path):
    pack = windows_zip(tmp_path / "p.zip", {"大.txt": (POLICY * 200).encode("utf-8")})
    (member,), _, _ = members(pack, _txt_only)
    assert isinstance(member, Member) and member.shown == f"{pack}/大.txt"
    with pytest.raises(TooLargeError):
        read_path(member, max_bytes=1000)
    assert "坚持招商引资" in read_path(member).text


def test_a_missing_zip_and_one_given_twice(tmp_path):
    pack = windows_zip(tmp_path / "p.zip", {"a.txt": POLICY.encode("utf-8")})
    files, skipped, errors = collect_files([pack, pack, tmp_path / "没有.zip"])
    assert [str(f) for f in files] == [f"{pack}/a.txt"]
    assert [e["code"] for e in errors] == ["unreadable"]


def test_an_archive_kept_open_between_members_is_read_again_once_it_changes(tmp_path):
    from index.library.readers.archives import forget_archive

    pack = windows_zip(tmp_path / "p.zip", {"a.txt": POLICY.encode("utf-8"), "b.txt": OTHER.encode("utf-8")})
    first, second = members(pack, _txt_only)[0]
    assert "优化营商环境" in read_path(first).text and "提升开放水平" in read_path(second).text
    windows_zip(pack, {"a.txt": (OTHER + "（三）新增一条。\n").encode("utf-8")})  # replaced meanwhile
    assert "新增一条" in read_path(first).text
    forget_archive()
    pack.unlink()  # nothing holds it open (Windows would refuse the delete)


def test_an_archive_of_more_entries_than_any_pack_is_refused_whole(tmp_path, monkeypatch):
    from index.library.readers import archives

    monkeypatch.setattr(archives, "MAX_MEMBERS", 50)
    pack = windows_zip(tmp_path / "p.zip", {f"{n}.txt": POLICY.encode("utf-8") for n in range(51)})
    files, skipped, errors = collect_files([pack])
    assert files == [] and [e["code"] for e in errors] == ["zip_bomb"] and "51" in errors[0]["error"]


def test_two_members_of_one_name_are_each_read(tmp_path, capsys):
    pack = tmp_path / "两份.zip"
    with zipfile.ZipFile(pack, "w") as zf, pytest.warns(UserWarning, match="Duplicate name"):
        zf.writestr("意见.txt", POLICY.encode("utf-8"))
        zf.writestr("意见.txt", OTHER.encode("utf-8"))  # zipfile warns; archivers allow it
    code, report, err = cli(capsys, "import", str(pack))
    assert len(report["imported"]) == 2 and report["skipped"] == [], report


def test_a_damaged_lzma_or_bzip2_member_is_refused_as_damaged(tmp_path):
    for method in (zipfile.ZIP_LZMA, zipfile.ZIP_BZIP2):
        pack = tmp_path / f"{method}.zip"
        with zipfile.ZipFile(pack, "w", compression=method) as zf:
            zf.writestr("a.txt", (POLICY * 50).encode("utf-8"))
        info = zipfile.ZipFile(pack).infolist()[0]
        start = info.header_offset + 30 + len(info.filename.encode()) + 8  # inside the member's compressed bytes
        data = bytearray(pack.read_bytes())
        for k in range(start, start + min(40, info.compress_size - 10)):
            data[k] ^= 0x5A
        pack.write_bytes(bytes(data))
        (member,), _, _ = members(pack, _txt_only)
        with pytest.raises(CorruptFileError):
            read_path(member)


def test_a_gbk_name_is_decoded_from_its_bytes_even_where_zipfile_turned_backslashes_into_slashes():
    from index.library.readers.archives import decoded_name

    raw = "政策/淺析.txt".encode("gbk")
    assert b"\\" in raw  # 淺's second byte is 0x5C
    info = zipfile.ZipInfo("x")
    info.orig_filename = raw.decode("cp437")
    info.filename = info.orig_filename.replace("\\", "/")  # what zipfile does on Windows (os.sep)
    info.flag_bits = 0
    assert decoded_name(info) == "政策/淺析.txt"


def _code_page_zip(path: Path, entries: dict[str, bytes], encoding: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(_WindowsName(name.encode(encoding).decode("cp437")), data)
    return path


def test_a_taiwan_or_hong_kong_zip_of_big5_names_imports_under_its_own_names(tmp_path, capsys):
    # Big5 names were read as GB18030, which decodes almost any bytes: 開發區政策/臺北市產業園區管理辦法.txt was
    # listed and imported as 秨祇跋現郸/籓カ玻穨堕跋恨瞶快猭.txt.
    text = "臺北市產業園區管理辦法\n\n第一條　為促進產業園區發展，特訂定本辦法。\n\n第二條　園區應當依法設立。\n"
    pack = _code_page_zip(tmp_path / "園區.zip", {
        "開發區政策/臺北市產業園區管理辦法.txt": text.encode("cp950"),
        "開發區政策/許可說明.txt": text.replace("管理辦法", "許可說明").encode("cp950"),  # 許: B3 5C, a backslash
        "readme.txt": b"Zone policies, see the folder.",
    }, "cp950")
    code, report, err = cli(capsys, "import", str(pack))
    assert code == 0, err
    assert {r["path"] for r in report["imported"]} == {
        f"{pack}/開發區政策/臺北市產業園區管理辦法.txt", f"{pack}/開發區政策/許可說明.txt", f"{pack}/readme.txt"}


@pytest.mark.parametrize("names, encoding", [
    (["开发区政策汇编/关于推进开发区高质量发展的实施意见.txt", "开发区政策汇编/附件1：申报表.txt", "说明.txt"], "gbk"),
    (["開發區政策彙編/關於推動產業園區高質量發展的實施辦法.txt", "附件一：申請表.txt", "說明.txt"], "cp950"),
    (["香港科學園/創新及科技基金申請指引.txt"], "big5hkscs"),
    (["Richtlinien/Übersicht für Gewerbegebiete.txt", "Résumé.txt"], "cp437"),
])
def test_an_archives_code_page_is_decided_from_all_its_names(names, encoding):
    from index.library.readers.archives import decoded_name, name_decoder

    infos = []
    for name in names:
        info = zipfile.ZipInfo(name.encode(encoding).decode("cp437"))
        info.flag_bits = 0
        infos.append(info)
    decode = name_decoder(infos)
    assert [decoded_name(info, decode) for info in infos] == names


def test_names_in_no_code_page_are_listed_not_a_crash(tmp_path):
    import random

    rng = random.Random(7)
    entries = {bytes(rng.randrange(0x80, 0x100) for _ in range(12)).decode("cp437") + ".txt": POLICY.encode()
               for _ in range(5)}
    pack = tmp_path / "乱码.zip"
    with zipfile.ZipFile(pack, "w") as zf:
        for name, data in entries.items():
            zf.writestr(_WindowsName(name), data)
    found, skipped, errors = members(pack, _txt_only)
    assert len(found) == 5 and errors == []
    assert all(read_path(m).text.startswith("关于推进") for m in found)


def test_a_member_whose_text_has_no_title_is_titled_by_its_readable_name(tmp_path, capsys):
    # A Big5 pack's 臺北市產業園區管理辦法.txt begins with its first article: the import was titled 第一條　為促進產業
    # 園區發展，特訂定本辦法。 (its first line), its name being garbled; the name is the title now.
    pack = _code_page_zip(tmp_path / "園區.zip", {
        "開發區政策/臺北市產業園區管理辦法.txt": "第一條　為促進產業園區發展，特訂定本辦法。\n第二條　園區應當依法設立。\n".encode("cp950"),
    }, "cp950")
    code, report, err = cli(capsys, "import", str(pack))
    assert code == 0, err
    assert [r["title"] for r in report["imported"]] == ["臺北市產業園區管理辦法"]
