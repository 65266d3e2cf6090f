"""Build ``content/docs/*.md`` from the web-copied seed files.

Run: ``python tools/make_content.py [SEED_DIR]`` (default ``tests/data/seeds``,
a verbatim copy of ``shared/seeds``).

Cleaning only ever removes: whole boilerplate lines (menus, breadcrumbs, hit
counters, print links, report-shop ads), or a boilerplate prefix/suffix of a
line (``(圖)`` and the posting time after a title, the news-wire prefix, a
reporter byline). Every rule is declared below with its reason and is recorded
in the document's front matter under ``removed``; the words of the policy are
never changed. ``tests/index/test_content.py`` checks that against the seeds.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.library.documents import render_markdown  # noqa: E402

# Lines dropped whole, by regex on the stripped line, with the reason.
COMMON_DROP = [
    (r"^首页$", "site menu"),
    (r"^>\s*政务公开.*", "breadcrumb"),
    (r"^来源:.*点击:次$", "site source line with hit counter"),
    (r"^发布日期:.*浏览次数:$", "site posting line with hit counter"),
    (r"^作者:$", "empty site author field"),
    (r"^信息来源:$", "empty site source field"),
    (r"^【打印本页】\s*【关闭本页】$", "print / close links"),
    (r"^報告庫會員.*", "report-shop advert"),
    (r"^海量行業報告.*", "report-shop advert"),
    (r"^開通報告庫會員$", "report-shop advert"),
    (r"^樂享更多下載.*", "report-shop advert"),
    (r"^查看更多報告$", "report-shop advert"),
    (r"^掃一掃.*", "QR-code prompt (扫一扫)"),
    (r"^最新情報資訊$", "QR-code prompt (扫一扫)"),
    (r"^閱讀最新報告$", "QR-code prompt (扫一扫)"),
    (r"^特色服務推薦$", "site recommendation box"),
    (r"^\?$", "stray site glyph"),
]

SEEDS = {
    "000_c425d24755c782e9.txt": {
        "drop_first_line": "page title (repeats the document's own title block below)",
        "edits": [],
        "meta": {
            "id": "zhejiang-2022-kaifaqu",
            "title": "浙江省商务厅关于新时期推进开发区高质量发展的指导意见(征求意见稿)",
            "short_title": "浙江·新时期推进开发区高质量发展指导意见(征求意见稿)",
            "region": "浙江省",
            "city": None,
            "issuer": "浙江省商务厅",
            "level": "省级",
            "doc_number": None,
            "issued": None,
            "published": "2022-12-29",
            "year": 2022,
            "status": "征求意见稿",
            "script": "简体",
            "source_site": "高新院 (achie.org)",
            "dates_note": "published = the source site's posting date (日期:2022-12-29); the issuing date is not given.",
        },
    },
    "001_5554ce6a53f54eca.txt": {
        "edits": [],
        "meta": {
            "id": "jiaxing-2015-kaifaqu",
            "title": "嘉兴市人民政府办公室关于印发嘉兴市省级以上经济开发区开展“改革创新推进年”和“国际化水平提升年”活动方案的通知",
            "short_title": "嘉兴·开发区“改革创新推进年”和“国际化水平提升年”活动方案",
            "region": "浙江省",
            "city": "嘉兴市",
            "issuer": "嘉兴市人民政府办公室",
            "level": "市级",
            "doc_number": None,
            "issued": "2015-06-30",
            "published": "2022-12-05",
            "year": 2015,
            "status": "正式",
            "script": "简体",
            "source_site": "嘉兴市人民政府网站",
            "gazette": "嘉兴市人民政府公报 2015年第7期",
            "dates_note": "issued = the date under the issuer's signature; published = the site's posting date (发布日期:2022-12-05 16:35), not the gazette's.",
        },
    },
    "002_8f5f8e17d05154b6.txt": {
        "edits": [
            (r"\(圖\) 發布時間:2021-09-02 09:52$", "'(圖)' marker and the site's posting time after the title"),
            (r"^中商情報網訊:", "news-wire prefix (中商情报网讯)"),
        ],
        "meta": {
            "id": "jilin-2021-kaifaqu",
            "title": "吉林省關于加快推動全省國家級開發區高質量發展的實施意見",
            "short_title": "吉林·加快推动国家级开发区高质量发展实施意见",
            "region": "吉林省",
            "city": None,
            "issuer": None,
            "level": "省级",
            "doc_number": None,
            "issued": None,
            "published": "2021-09-02",
            "year": 2021,
            "status": "正式",
            "script": "繁体",
            "source_site": "中商情报网",
            "dates_note": "published = the site's posting time (發布時間:2021-09-02 09:52); the copy names no issuing organ and no issuing date.",
        },
    },
    "003_e6e0269e996ab033.txt": {
        "edits": [],
        "meta": {
            "id": "henan-2017-kaifaqu",
            "title": "河南省人民政府辦公廳關于促進產業集聚區和開發區改革創新發展的實施意見",
            "short_title": "河南·促进产业集聚区和开发区改革创新发展实施意见",
            "region": "河南省",
            "city": None,
            "issuer": "河南省人民政府辦公廳",
            "level": "省级",
            "doc_number": "豫政辦〔2017〕159號",
            "issued": "2017-12-12",
            "published": None,
            "year": 2017,
            "status": "正式",
            "script": "繁体",
            "source_site": None,
            "dates_note": "issued = the date under the issuer's signature; the copy gives no source site or posting date.",
        },
    },
    "004_d37c708a19c14d95.txt": {
        "edits": [
            (r"\(王成果\)$", "reporter byline of the news copy"),
        ],
        "meta": {
            "id": "hebei-2017-kaifaqu",
            "title": "做大做强重点园区实施方案",
            "short_title": "河北·做大做强重点园区实施方案",
            "region": "河北省",
            "city": None,
            "issuer": "河北省商务厅",
            "level": "省级",
            "doc_number": None,
            "issued": None,
            "published": None,
            "year": 2017,
            "status": "正式",
            "script": "简体",
            "source_site": None,
            "reporter": "王成果",
            "dates_note": "The copy is a news report of the plan (《做大做强重点园区实施方案》, 省商务厅近日出台) and gives no date; the year is inferred, see 'inferred'.",
            "inferred": {
                "region": {
                    "value": "河北省",
                    "from": [
                        "“河北开发区” in 协同联动 (组织相关河北开发区与京津…对接合作)",
                        "“提高承接京津产业转移能力”, 京津冀协同发展 throughout",
                        "every zone named is in Hebei: 石家庄高新区, 秦皇岛经开区, 廊坊经开区, 唐山海港经开区, 沧州临港经开区 …",
                        "“各设区市(含定州、辛集)”: Dingzhou and Xinji are Hebei's two directly administered cities",
                    ],
                },
                "issuer": {
                    "value": "河北省商务厅",
                    "from": ["“省商务厅近日出台《做大做强重点园区实施方案》” with the province inferred above"],
                },
                "year": {
                    "value": 2017,
                    "confidence": "probable (2016–2018 certain)",
                    "from": [
                        "“打好改革‘百日施工战’。4月底，机构编制管理改革、行政审批制度改革、人事薪酬制度改革和投融资平台建设方案落地生根”: Hebei's development-zone reform 百日施工战 of spring 2017",
                        "“加快推进供给侧结构性改革，率先去产能、去库存、去杠杆、降成本、补短板”: wording in use from 2016",
                        "“滦县经开区”: 滦县 became 滦州市 in 2018, so the text predates that",
                        "“大智移云”, 七大新兴产业 incl. 特种机器人产业: Hebei's 2016–2017 industrial programme",
                    ],
                },
            },
        },
    },
}


def clean(name: str, text: str) -> tuple[str, list[dict]]:
    """Return (body, removed) for one seed file."""
    rule = SEEDS[name]
    drops = [(re.compile(rx), why) for rx, why in COMMON_DROP]
    edits = [(re.compile(rx), why) for rx, why in rule["edits"]]
    kept: list[str] = []
    removed: list[dict] = []
    lines = text.replace("\r\n", "\n").split("\n")
    for n, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if n == 0 and rule.get("drop_first_line"):
            removed.append({"text": line, "why": rule["drop_first_line"]})
            continue
        why = next((why for rx, why in drops if rx.search(line)), None)
        if why:
            removed.append({"text": line, "why": why})
            continue
        for rx, why in edits:
            m = rx.search(line)
            if m:
                removed.append({"text": m.group(0), "why": why})
                line = (line[:m.start()] + line[m.end():]).strip()
        if line:
            kept.append(line)
    return "\n\n".join(kept) + "\n", removed


def main(argv: list[str]) -> int:
    seed_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "tests" / "data" / "seeds"
    out_dir = ROOT / "content" / "docs"
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, rule in SEEDS.items():
        text = (seed_dir / name).read_text(encoding="utf-8")
        body, removed = clean(name, text)
        meta = dict(rule["meta"])
        meta["seed"] = name
        meta["removed"] = removed
        path = out_dir / f"{meta['id']}.md"
        path.write_text(render_markdown(meta, body), encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(body)} chars, {len(removed)} removals")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
