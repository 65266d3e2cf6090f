"""A library of the real collection's shape: ~3,500 Markdown files, ~58 MB, ~350,000 clauses.

``gen_library.py`` makes policy documents only (long （一） sections: about
35 clauses per MB). A real collection of laws and regulations has short
第X条 articles, each paragraph after the first a 款 of its own, so 3.3× more
clauses per MB. This generator writes that mix, in the form such a
collection is kept (one Markdown file per document, no front matter):

* regulations (~72 %): ``# 浙江省……条例``, the history under the title
  (adopted / amended lines: one parenthesised line, or one line per event
  as many published collections keep them), ``## 第X章`` chapters, now and
  then 第X节 sections, ``第X条`` articles of one to four paragraphs;
* policy documents (~28 %): a title, an issuer line, 一、 chapters,
  （一） sections and 1. items, a signature and a date;
* both scripts (~12 % traditional, converted with OpenCC like the 吉林 and
  河南 seeds);
* realistic duplicates: ~2 % exact copies under another name (an import
  skips them) and ~6 % amended versions of an earlier document (same title
  and region, a 修正 line more, a few articles changed: kept as versions).

Sentences are composed from a vocabulary of regulation wording plus the
bundled corpus's sentences, with a share of mutated characters so that rare
strings exist. The same seed gives the same library.

Usage::

    python bench/gen_scale.py OUT_DIR [--docs 3500] [--mb 58] [--seed 1]
"""

from __future__ import annotations

import math
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gen_library import KINDS, PROVINCES, TOPICS, _mutate, generator_main, seed_material  # noqa: E402
from index.library.clauses import int_to_cn  # noqa: E402

SUBJECTS = [
    "优化营商环境", "开发区管理", "促进科技成果转化", "中小企业促进", "招商引资", "土地集约利用", "安全生产",
    "生态环境保护", "知识产权保护", "人才发展", "数据条例", "社会信用", "公共资源交易", "产业园区",
    "国有土地上房屋征收", "建设工程质量管理", "外商投资", "自由贸易试验区", "城乡规划", "水资源管理",
    "大气污染防治", "市场监督管理", "食品安全", "物业管理", "消费者权益保护", "民营经济促进", "节约能源",
    "经济技术开发区", "高新技术产业开发区", "综合保税区", "港口管理", "道路运输", "文物保护", "旅游",
]
REG_KINDS = ["条例", "条例", "条例", "办法", "规定", "实施办法", "若干规定"]
ACTORS = [
    "县级以上人民政府", "市、区人民政府", "开发区管理机构", "有关主管部门", "发展改革部门", "商务主管部门",
    "自然资源主管部门", "生态环境主管部门", "市场监督管理部门", "财政部门", "税务部门", "人力资源社会保障部门",
    "科技行政部门", "住房城乡建设部门", "应急管理部门", "各级人民政府", "乡镇人民政府和街道办事处",
    "行业协会", "企业", "经营主体", "开发区管理委员会", "投资促进机构",
]
MODALS = ["应当", "应当", "可以", "不得", "依法", "负责", "鼓励", "支持"]
ACTIONS = [
    "建立健全", "加强", "完善", "组织实施", "统筹协调", "依法查处", "定期公布", "制定并公布", "优化",
    "推进", "落实", "指导监督", "建立", "规范", "简化", "公开",
]
OBJECTS = [
    "优化营商环境工作机制", "行政审批事项清单", "土地供应和使用管理", "产业发展规划", "投资项目审批流程",
    "安全生产责任制", "生态环境监测网络", "知识产权保护体系", "人才引进和培养机制", "公共信用信息平台",
    "政务服务标准", "开发区考核评价体系", "财政扶持资金管理", "招商引资项目库", "亩均效益评价",
    "标准地出让制度", "企业投资项目承诺制", "社会信用体系", "数据共享和开放", "中小企业服务体系",
    "重大项目协调机制", "统计监测制度", "市场准入负面清单", "跨部门联合监管", "应急预案",
]
TAILS = [
    "并向社会公布。", "具体办法由市人民政府制定。", "法律、法规另有规定的除外。", "提高服务效率。",
    "保障经营主体合法权益。", "所需经费列入本级财政预算。", "并加强监督检查。", "按照国家有关规定执行。",
    "实行动态调整。", "定期向本级人民代表大会常务委员会报告。", "不得增加经营主体负担。",
]
PENALTY = ("违反本{kind}第{n}条规定的，由{actor}责令限期改正；逾期不改正的，处{lo}万元以上{hi}万元以下罚款。")
CONGRESS = "{region}第{term}届人民代表大会常务委员会第{session}次会议"
_NUMBERED = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]")
TRADITIONAL_SHARE = 0.12
COPY_SHARE = 0.02
VERSION_SHARE = 0.06


def _date(rng: random.Random, year: int) -> str:
    return f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def _sentence(rng: random.Random, seeds: list[str], chars: str) -> str:
    """One regulation-style sentence (or a bundled seed sentence, now and then mutated)."""
    if rng.random() < 0.35:
        s = rng.choice(seeds)
    else:
        s = (f"{rng.choice(ACTORS)}{rng.choice(MODALS)}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，"
             f"{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，{rng.choice(TAILS)}")
    return _mutate(s, rng, chars) if rng.random() < 0.3 else s


def _history(rng: random.Random, region: str, year: int, title: str, amendments: int) -> tuple[list[str], int]:
    """History lines under the title and the year of the latest event."""
    events = [(year, f"{CONGRESS.format(region=region, term=int_to_cn(rng.randint(8, 14)), session=int_to_cn(rng.randint(2, 40)))}通过")]
    at = year
    for k in range(amendments):
        at = min(2024, at + rng.randint(1, 6))
        events.append((at, f"根据{CONGRESS.format(region=region, term=int_to_cn(rng.randint(9, 14)), session=int_to_cn(rng.randint(2, 40)))}"
                           f"《关于修改〈{title}〉的决定》第{int_to_cn(k + 1)}次修正"))
    dated = [(f"{_date(rng, y)}{text}") for y, text in events]
    if rng.random() < 0.6:  # one parenthesised line, as gazettes print it
        return ["（" + "　".join(dated) + "）"], at
    return dated, at  # one line per event, as some collections keep them


def regulation(rng: random.Random, seeds: list[str], chars: str, target: int, region: str, city: str | None,
               year: int) -> tuple[str, str]:
    """(title, Markdown text) of a 第X章/第X条 regulation of about ``target`` characters."""
    place = city or region
    title = f"{place}{rng.choice(SUBJECTS)}{rng.choice(REG_KINDS)}"
    lines, _ = _history(rng, region, year, title, rng.choice([0, 0, 1, 1, 2, 3]))
    out = [f"# {title}", *lines]
    chapters = max(1, min(12, target // 900))
    article = 0
    size = sum(map(len, out))
    kind = title[-2:]
    for ch in range(1, chapters + 1):
        out.append(f"## 第{int_to_cn(ch)}章 {rng.choice(['总则', '管理体制', '规划与建设', '服务保障', '监督管理', '法律责任', '附则', '投资促进', '要素保障'])}")
        sections = rng.random() < 0.1
        per = max(2, (target - size) // max(1, (chapters - ch + 1) * 70))
        for k in range(per):
            if sections and k % 4 == 0:
                out.append(f"第{int_to_cn(k // 4 + 1)}节 {rng.choice(OBJECTS)}")
            article += 1
            paragraphs = rng.choices([1, 2, 3, 4], [62, 27, 9, 2])[0]
            if ch == chapters - 1 and rng.random() < 0.5:
                first = PENALTY.format(kind=kind, n=int_to_cn(rng.randint(3, max(3, article))), actor=rng.choice(ACTORS),
                                       lo=rng.randint(1, 5), hi=rng.randint(6, 50))
            else:
                first = "".join(_sentence(rng, seeds, chars) for _ in range(rng.choices([1, 2], [62, 38])[0]))
            out.append(f"第{int_to_cn(article)}条 {first}")
            out.extend(_sentence(rng, seeds, chars) for _ in range(paragraphs - 1))
            size += sum(len(x) for x in out[-paragraphs:])
            if size >= target * (ch / chapters):
                break
    out.append(f"第{int_to_cn(article + 1)}条 本{kind}自{_date(rng, min(2024, year + 1))}起施行。")
    return title, "\n\n".join(out) + "\n"


def policy(rng: random.Random, seeds: list[str], headings: list[str], chars: str, target: int, region: str,
           city: str | None, year: int) -> tuple[str, str]:
    """(title, Markdown text) of a 一、/（一）/1. policy document of about ``target`` characters."""
    place = city or region
    issuer = f"{place}人民政府" + ("办公厅" if rng.random() < 0.5 else "")
    title = f"{issuer}关于{rng.choice(TOPICS)}的{rng.choice(KINDS)}"
    out = [f"# {title}", f"{place[:1]}政办发〔{year}〕{rng.randint(1, 150)}号",
           "".join(rng.choice(seeds) for _ in range(2))]
    size = sum(map(len, out))
    chapter = 0
    while size < target:
        chapter += 1
        out.append(f"{int_to_cn(chapter)}、{rng.choice(headings)}")
        for sec in range(1, rng.randint(3, 7)):
            out.append(f"（{int_to_cn(sec)}）{rng.choice(headings)}。{_sentence(rng, seeds, chars)}")
            for item in range(1, rng.choice([1, 1, 3, 4, 5])):
                out.append(f"{item}. {_sentence(rng, seeds, chars)}")
            size += sum(len(x) for x in out[-5:])
            if size >= target:
                break
    out += [issuer, _date(rng, year)]
    return title, "\n\n".join(out) + "\n"


def _amend(rng: random.Random, text: str, region: str, title: str, seeds: list[str], chars: str) -> str:
    """A later version: one more 修正 line under the title, a few paragraphs rewritten."""
    paras = text.split("\n\n")
    year = rng.randint(2019, 2024)
    amendment = (f"{_date(rng, year)}根据{CONGRESS.format(region=region, term=int_to_cn(14), session=int_to_cn(rng.randint(2, 40)))}"
                 f"《关于修改〈{title}〉的决定》修正")
    paras.insert(1 + (paras[1].startswith("（") or paras[1][:4].isdigit()), amendment)
    for _ in range(max(1, len(paras) // 20)):
        i = rng.randrange(3, len(paras) - 1)
        if paras[i].startswith("第") and "条 " in paras[i][:8]:
            head = paras[i].split(" ", 1)[0]
            paras[i] = f"{head} {_sentence(rng, seeds, chars)}"
    return "\n\n".join(paras)


def _file_name(title: str, n: int, used: set[str]) -> str:
    name = f"{title}.md"
    if name in used:
        name = f"{title}({n}).md"
    used.add(name)
    return name


def generate(out_dir: Path, docs: int = 3500, mb: float = 58.0, seed: int = 1) -> list[Path]:
    """Write ``docs`` Markdown files totalling about ``mb`` MB (UTF-8) into ``out_dir``.

    Returns:
        The paths written (copies and versions included), in writing order.
    """
    import opencc

    s2t = opencc.OpenCC("s2t")
    rng = random.Random(seed)
    sentences, headings, chars = seed_material()
    # Seed sentences that open with a number would start clauses of their own.
    seeds = [s for s in sentences if len(s) <= 60 and not _NUMBERED.match(s)] or sentences
    out_dir.mkdir(parents=True, exist_ok=True)
    mean_chars = mb * 1_000_000 / 3 / docs  # CJK is 3 bytes in UTF-8
    provinces = list(PROVINCES)
    used: set[str] = set()
    written: list[Path] = []
    originals: list[tuple[str, str, str]] = []  # (region, title, text) that later versions amend
    for n in range(docs):
        kind = rng.random()
        if originals and kind < COPY_SHARE:  # the same file saved twice under another name
            region, title, text = rng.choice(originals)
            path = out_dir / "副本" / _file_name(f"{title}-副本", n, used)
            path.parent.mkdir(exist_ok=True)
        elif originals and kind < COPY_SHARE + VERSION_SHARE:
            region, title, text = rng.choice(originals)
            text = _amend(rng, text, region, title, seeds, chars)
            path = out_dir / _file_name(f"{title}({rng.randint(2019, 2024)}修正)", n, used)
        else:
            region = rng.choice(provinces)
            city = rng.choice(PROVINCES[region]) if rng.random() < 0.35 else None
            year = rng.randint(1995, 2024)
            # Real documents vary from one page to a code of hundreds of articles.
            target = int(min(60_000, max(600, rng.lognormvariate(math.log(mean_chars) - 0.22, 0.8))))
            if rng.random() < 0.72:
                title, text = regulation(rng, seeds, chars, target, region, city, year)
            else:
                title, text = policy(rng, seeds, headings, chars, target, region, city, year)
            if rng.random() < TRADITIONAL_SHARE:
                title, text = s2t.convert(title), s2t.convert(text)
            originals.append((region, title, text))
            path = out_dir / _file_name(title, n, used)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    return generator_main(generate, __doc__.splitlines()[0], docs=3500, mb=58.0, argv=argv)


if __name__ == "__main__":
    raise SystemExit(main())
