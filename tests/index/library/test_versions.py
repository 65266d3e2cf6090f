"""Versions of one document: keys, automatic linking at import, linking and unlinking by hand, search."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.base.errors import UnknownIdError
from index.library.imported import VersionLinkError
from index.library.versions import same_document, version_key
from index.workspace import Workspace

DATA = Path(__file__).resolve().parents[2] / "data" / "regulations" / "tune"
SHANGHAI_2018, SHANGHAI_2021 = "t01_shanghai_shehuijiuzhu_2018.txt", "t02_shanghai_shehuijiuzhu_2021.txt"
JIANGSU_FINAL, JIANGSU_DRAFT = "t11_jiangsu_kaifaqu_tiaoli.txt", "t12_jiangsu_kaifaqu_tiaoli_draft.txt"
FUYI_2017, FUYI_2023 = "t29_xingzheng_fuyifa_2017.txt", "t30_xingzheng_fuyifa_2023.txt"


def imported(ws: Workspace, *names: str) -> list[str]:
    report, _ = ws.import_paths([DATA / n for n in names])
    assert not report.errors
    return [r["doc_id"] for r in report.imported]


@pytest.mark.parametrize(("a", "b"), [
    ("江苏省开发区条例（草案征求意见稿）", "江苏省开发区条例"),
    ("浙江省商务厅关于开发区的指导意见（徵求意見稿）", "浙江省商务厅关于开发区的指导意见"),
    ("中华人民共和国公司法（2018年修正）", "中华人民共和国公司法（2023年修订）"),
    ("关于做好2023年降成本重点工作的通知", "关于做好2024年降成本重点工作的通知"),
    ("某某办法（试行）", "《某某办法》"),
])
def test_version_marks_and_years_are_set_aside(a, b):
    assert version_key(a) == version_key(b)


def test_same_document_needs_the_issuer_or_the_region():
    a = {"title": "开发区条例", "region": "江苏省", "issuer": "江苏省人民代表大会常务委员会"}
    assert same_document(a, {"title": "开发区条例（草案）", "region": "江苏省", "issuer": None})
    assert not same_document(a, {"title": "开发区条例", "region": "湖北省", "issuer": "湖北省人民代表大会常务委员会"})
    assert not same_document(a, {"title": "开发区管理条例", "region": "江苏省", "issuer": None})
    assert not same_document({"title": "某办法", "region": "不详"}, {"title": "某办法", "region": "不详"})


def test_versions_are_linked_at_import_in_either_order_latest_by_date():
    ws = Workspace()
    new, old = imported(ws, SHANGHAI_2021, SHANGHAI_2018)  # the amended version first
    versions = ws.versions(new)
    assert [v["doc_id"] for v in versions] == [old, new] == [v["doc_id"] for v in ws.versions(old)]
    assert [(v["status"], v["latest"], v["date"]) for v in versions] == [
        ("历史版本", False, "2018-11-22"), ("现行", True, "2021-10-28")]
    docs = {d.id: d for d in ws.corpus.documents()}
    assert docs[old].get("superseded_by") == new and docs[new].get("supersedes") == old
    assert (docs[old].get("version"), docs[new].get("version")) == (1, 2)


def test_a_draft_and_its_final_the_final_is_latest():
    ws = Workspace()
    final, draft = imported(ws, JIANGSU_FINAL, JIANGSU_DRAFT)
    assert [(v["doc_id"], v["status"], v["latest"]) for v in ws.versions(draft)] == [
        (draft, "征求意见稿", False), (final, "现行", True)]


def test_unrelated_documents_stay_apart():
    ws = Workspace()
    ids = imported(ws, SHANGHAI_2018, JIANGSU_FINAL, FUYI_2017)
    for doc_id in ids:
        assert [v["doc_id"] for v in ws.versions(doc_id)] == [doc_id]
        assert ws.versions(doc_id)[0]["status"] == "现行"


def test_link_and_unlink_by_hand_and_unlinking_is_remembered(tmp_path):
    ws = Workspace()
    old, new = imported(ws, FUYI_2017, FUYI_2023)
    changes = ws.unlink_version(new)
    assert changes.edited == {old, new}
    assert [v["doc_id"] for v in ws.versions(new)] == [new]
    assert [v["doc_id"] for v in ws.versions(old)] == [old]
    with pytest.raises(VersionLinkError):
        ws.unlink_version(new)
    # a third copy of the law arrives: it links to both, the user's unlinking of the two still stands
    third = tmp_path / "fuyi.txt"
    third.write_text((DATA / FUYI_2023).read_text(encoding="utf-8") + "\n附：某某说明。\n", encoding="utf-8")
    report, _ = ws.import_paths([third])
    linked = {v["doc_id"] for v in ws.versions(report.imported[0]["doc_id"])}
    assert not {old, new} <= linked
    ws.link_versions(old, new)  # the user changes their mind
    assert {old, new} <= {v["doc_id"] for v in ws.versions(old)}


def test_a_bundled_draft_and_an_imported_final(tmp_path):
    ws = Workspace()
    body = ws.corpus.document("zhejiang-2022-kaifaqu").body
    final = tmp_path / "final.txt"
    final.write_text(body.replace("（徵求意見稿）", "").replace("（征求意见稿）", "") + "\n浙江省商务厅\n2023年3月1日\n",
                     encoding="utf-8")
    report, _ = ws.import_paths([final])
    doc_id = report.imported[0]["doc_id"]
    versions = ws.versions("zhejiang-2022-kaifaqu")
    assert [(v["doc_id"], v["latest"]) for v in versions] == [("zhejiang-2022-kaifaqu", False), (doc_id, True)]
    assert versions[0]["status"] == "征求意见稿"
    with pytest.raises(VersionLinkError):  # two bundled documents never share a group
        ws.link_versions("zhejiang-2022-kaifaqu", "jilin-2021-kaifaqu")
    with pytest.raises(VersionLinkError):
        ws.link_versions(doc_id, doc_id)
    with pytest.raises(UnknownIdError):
        ws.link_versions(doc_id, "no-such-doc")


def test_removing_the_latest_makes_the_previous_current_again():
    ws = Workspace()
    old, new = imported(ws, SHANGHAI_2018, SHANGHAI_2021)
    _, changes = ws.remove_document(new)
    assert old in changes.edited
    assert ws.versions(old) == [{"doc_id": old, "title": "上海市社会救助条例", "date": "2018-11-22",
                                 "status": "现行", "latest": True}]
    assert ws.corpus.document(old).get("superseded_by") is None


def test_editing_a_date_reorders_the_versions():
    ws = Workspace()
    old, new = imported(ws, SHANGHAI_2018, SHANGHAI_2021)
    ws.edit_document(old, {"issued": "2022-01-01"})
    assert [v["doc_id"] for v in ws.versions(new)] == [new, old]
    assert ws.corpus.document(new).get("superseded_by") == old


def test_search_shows_the_latest_version_unless_asked_for_all():
    ws = Workspace()
    old, new = imported(ws, SHANGHAI_2018, SHANGHAI_2021)
    index = ws.search_index()
    index.ensure()
    default = index.search("特困人员供养的内容", limit=50)
    assert {h.doc_id for h in default.hits} == {new}
    every = index.search("特困人员供养的内容", limit=50, all_versions=True)
    assert {h.doc_id for h in every.hits} == {old, new}
    named = index.search(f"特困人员供养的内容 doc:{old}", limit=50)
    assert {h.doc_id for h in named.hits} == {old}


def test_links_survive_a_copied_documents_folder(tmp_path):
    ws = Workspace()
    old, new = imported(ws, SHANGHAI_2018, SHANGHAI_2021)
    other = tmp_path / "other-home"
    shutil.copytree(ws.imported_dir, other / "documents")
    moved = Workspace(other)
    assert [v["doc_id"] for v in moved.versions(new)] == [old, new]


def test_the_corpus_keeps_each_group_once_until_the_library_changes():
    ws = Workspace()
    old, new = imported(ws, SHANGHAI_2018, SHANGHAI_2021)
    final, draft = imported(ws, JIANGSU_FINAL, JIANGSU_DRAFT)
    groups = ws.corpus.version_groups()
    assert sorted([m.doc_id for m in g] for g in groups) == sorted([[old, new], [draft, final]])
    assert ws.corpus.version_groups() is groups  # kept: the library tree and the search filters both ask
    assert {d: (m.status, m.latest) for d, m in ws.corpus.versions().items()} == {
        old: ("历史版本", False), new: ("现行", True), draft: ("征求意见稿", False), final: ("现行", True)}
    ws.edit_document(old, {"issued": "2022-01-01"})  # now the newer text: the order changes
    assert [[m.doc_id for m in g] for g in ws.corpus.version_groups() if old in {m.doc_id for m in g}] == [[new, old]]
    assert ws.corpus.versions()[old].latest and not ws.corpus.versions()[new].latest


def test_version_groups_are_kept_in_the_manifest_until_a_file_changes(monkeypatch):
    from index.library import versions

    ws = Workspace()
    old, new = imported(ws, SHANGHAI_2018, SHANGHAI_2021)
    first = ws.corpus.version_groups()
    ws.corpus.reload()

    def fail(_docs):
        raise AssertionError("ordered again although no file changed")

    monkeypatch.setattr(versions, "ordered_groups", fail)
    assert ws.corpus.version_groups() == first  # read back from the manifest
    monkeypatch.undo()
    ws.edit_document(old, {"issued": "2022-01-01"})  # a file changed: its key moved
    assert [[m.doc_id for m in g] for g in ws.corpus.version_groups()] == [[new, old]]


def test_one_import_joins_three_versions_and_keeps_its_groups_as_found_afresh(tmp_path, monkeypatch):
    """Linking within one import uses the batch's version groups, kept in step by each link (finding them
    anew over the whole library for every link made a large import quadratic): after every link they are
    the groups ``versions.groups`` finds."""
    from index.library import versions
    from index.library.imported import Library

    real = Library._link  # noqa: SLF001

    def checked(self, ids, strict):
        out = real(self, ids, strict)
        fresh = {i: sorted(d.id for d in group) for i, group in versions.groups(self._docs.values()).items()}  # noqa: SLF001
        assert {i: sorted(group) for i, group in self._groups().items()} == fresh  # noqa: SLF001
        return out

    monkeypatch.setattr(Library, "_link", checked)
    third = tmp_path / "fuyi.txt"
    third.write_text((DATA / FUYI_2023).read_text(encoding="utf-8") + "\n附：某某说明。\n", encoding="utf-8")
    ws = Workspace()
    ids = imported(ws, FUYI_2017, SHANGHAI_2018, FUYI_2023, str(third), SHANGHAI_2021)  # one batch
    assert {v["doc_id"] for v in ws.versions(ids[0])} == {ids[0], ids[2], ids[3]}
    assert {v["doc_id"] for v in ws.versions(ids[1])} == {ids[1], ids[4]}


def test_one_import_writes_a_new_version_once_and_its_group_once_more(tmp_path, monkeypatch):
    """Versions found in one batch: a new document gets its place in the chain before its first write (it was
    written, then written again with its links), and the other members' changes are written once at the batch's
    end, however many versions joined them; the links are those importing the files one at a time makes."""
    import collections

    from index.library import imported as imported_module

    third = tmp_path / "fuyi.txt"
    third.write_text((DATA / FUYI_2023).read_text(encoding="utf-8") + "\n附：某某说明。\n", encoding="utf-8")
    names = [FUYI_2017, SHANGHAI_2018, FUYI_2023, str(third), SHANGHAI_2021]
    home = tmp_path / "one-by-one"
    monkeypatch.setenv("ZONEREF_HOME", str(home))
    one_by_one = Workspace()
    for name in names:
        imported(one_by_one, name)
    want = {d.title + str(d.get("issued")): (d.get("version"), d.get("supersedes") is None,
                                             d.get("superseded_by") is None)
            for d in one_by_one.corpus.documents() if d.source == "imported"}

    writes: list[str] = []
    real = imported_module._commit  # noqa: SLF001
    monkeypatch.setattr(imported_module, "_commit", lambda temp, target: (writes.append(target.name),
                                                                          real(temp, target))[1])
    monkeypatch.setenv("ZONEREF_HOME", str(tmp_path / "batch"))
    ws = Workspace()
    ids = imported(ws, *names)
    counts = collections.Counter(writes)
    assert set(counts) == {f"{i}.md" for i in ids}
    assert counts[f"{ids[3]}.md"] == counts[f"{ids[4]}.md"] == 1  # the newest of each group: linked as written
    assert max(counts.values()) == 2  # 2017 once more, though two versions joined it
    got = {d.title + str(d.get("issued")): (d.get("version"), d.get("supersedes") is None,
                                            d.get("superseded_by") is None)
           for d in ws.corpus.documents() if d.source == "imported"}
    assert got == want
    group = ws.versions(ids[0])
    assert [v["doc_id"] for v in group] != [] and {v["doc_id"] for v in group} == {ids[0], ids[2], ids[3]}
    by_id = {d.id: d for d in ws.corpus.documents()}
    chain = sorted(group, key=lambda v: by_id[v["doc_id"]].get("version"))
    for older, newer in zip(chain, chain[1:], strict=False):
        assert by_id[older["doc_id"]].get("superseded_by") == newer["doc_id"]
        assert by_id[newer["doc_id"]].get("supersedes") == older["doc_id"]


def test_links_an_import_stopped_before_its_batch_end_left_half_written_are_completed_by_the_next_import(
        monkeypatch):
    """A new version is written with its ``supersedes``; its predecessor's ``superseded_by`` waits for the batch's
    end. An import killed in between leaves the link at one end only: the next import writes the chain whole."""
    from index.library import imported as imported_module

    ws = Workspace()
    (old,) = imported(ws, FUYI_2017)
    with monkeypatch.context() as m:  # the batch-end writes never happen (the process was killed there)
        m.setattr(imported_module.Library, "_write_deferred", lambda self, pool: None)
        (new,) = imported(ws, FUYI_2023)
    ws = Workspace()  # a new process
    docs = {d.id: d for d in ws.corpus.documents()}
    assert docs[new].get("supersedes") == old and docs[old].get("superseded_by") is None
    imported(ws, SHANGHAI_2018)  # any later import, of an unrelated file
    docs = {d.id: d for d in Workspace().corpus.documents()}
    assert docs[old].get("superseded_by") == new and docs[new].get("supersedes") == old
    assert (docs[old].get("version"), docs[new].get("version")) == (1, 2)


def test_a_draft_and_the_notice_that_issues_its_final_are_versions_in_one_city_only():
    # A department's draft (征求意见稿) is issued final by the government's office as 关于印发…的通知: they
    # were never linked. The same subject in another city is another document.
    from index.library.versions import same_document

    draft = {"title": "广州市促进开发区高质量发展若干措施（征求意见稿）", "issuer": "广州市商务局", "region": "广东省",
             "city": "广州市", "status": "征求意见稿"}
    final = {"title": "广州市人民政府办公厅关于印发广州市促进开发区高质量发展若干措施的通知",
             "issuer": "广州市人民政府办公厅", "region": "广东省", "city": "广州市", "status": "正式"}
    elsewhere = {**final, "title": "深圳市人民政府办公厅关于印发深圳市促进开发区高质量发展若干措施的通知",
                 "issuer": "深圳市人民政府办公厅", "city": "深圳市"}
    assert same_document(draft, final) and same_document(final, draft)
    assert not same_document(draft, elsewhere)
    assert not same_document(final, {**final, "title": final["title"].replace("若干措施", "实施方案")})
    # Two districts of one city: two documents (the subject link joined them).
    nansha = {"title": "南沙区关于促进开发区高质量发展的实施意见（征求意见稿）", "issuer": "南沙区人民政府",
              "region": "广东省", "city": "广州市", "status": "征求意见稿"}
    panyu = {"title": "番禺区关于促进开发区高质量发展的实施意见", "issuer": "番禺区人民政府", "region": "广东省",
             "city": "广州市", "status": "正式"}
    assert not same_document(nansha, panyu)
    assert same_document(nansha, {**panyu, "title": panyu["title"].replace("番禺", "南沙"), "issuer": "南沙区人民政府"})
