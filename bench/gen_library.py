"""Generate a large, realistic library of development-zone policy documents.

The documents recombine and vary the sentences of the bundled corpus: every
document gets its own region, year, level, numbering and a share of mutated
sentences (so rare words exist), and about a third are converted to
traditional script with OpenCC, like the 吉林 and 河南 seeds. The output is
the same Markdown-with-front-matter format as ``content/docs``, so it can be
opened as a ``Corpus`` content folder or fed to the importer.

Usage::

    python bench/gen_library.py OUT_DIR [--docs 3000] [--mb 50] [--seed 1] [--format md|txt]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.base import paths  # noqa: E402
from index.library.clauses import int_to_cn  # noqa: E402
from index.library.documents import load_file, render_markdown  # noqa: E402

PROVINCES = {
    "北京市": ["北京市"], "天津市": ["天津市"], "河北省": ["石家庄市", "唐山市", "保定市", "廊坊市"],
    "山西省": ["太原市", "大同市"], "内蒙古自治区": ["呼和浩特市", "包头市"], "辽宁省": ["沈阳市", "大连市"],
    "吉林省": ["长春市", "吉林市"], "黑龙江省": ["哈尔滨市", "大庆市"], "上海市": ["上海市"],
    "江苏省": ["南京市", "苏州市", "无锡市", "南通市"], "浙江省": ["杭州市", "宁波市", "嘉兴市", "温州市", "绍兴市"],
    "安徽省": ["合肥市", "芜湖市"], "福建省": ["福州市", "厦门市", "泉州市"], "江西省": ["南昌市", "赣州市"],
    "山东省": ["济南市", "青岛市", "烟台市"], "河南省": ["郑州市", "洛阳市"], "湖北省": ["武汉市", "宜昌市"],
    "湖南省": ["长沙市", "株洲市"], "广东省": ["广州市", "深圳市", "东莞市", "佛山市"],
    "广西壮族自治区": ["南宁市", "柳州市"], "海南省": ["海口市"], "重庆市": ["重庆市"],
    "四川省": ["成都市", "绵阳市"], "贵州省": ["贵阳市"], "云南省": ["昆明市"], "陕西省": ["西安市", "宝鸡市"],
    "甘肃省": ["兰州市"], "青海省": ["西宁市"], "宁夏回族自治区": ["银川市"], "新疆维吾尔自治区": ["乌鲁木齐市"],
}
TOPICS = [
    "促进开发区改革和创新发展", "加快推动开发区高质量发展", "做大做强重点园区", "推进开发区整合优化",
    "深化开发区管理制度改革", "支持经济技术开发区转型升级", "加强开发区土地集约利用", "优化开发区营商环境",
    "推动开发区绿色低碳发展", "加快高新技术产业开发区建设", "推进开发区开放型经济发展", "完善开发区考核评价",
]
KINDS = ["实施意见", "若干意见", "指导意见", "实施方案", "工作方案", "管理办法", "若干措施"]
CN = "一二三四五六七八九十"
_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]")


def seed_material(content_dir: Path | None = None) -> tuple[list[str], list[str], str]:
    """(sentences, short headings, all CJK characters) from the bundled corpus, in simplified script."""
    from index.base.text import is_cjk, to_simplified

    folder = content_dir or paths.content_dir() / "docs"
    sentences: list[str] = []
    headings: list[str] = []
    chars: list[str] = []
    for path in sorted(folder.glob("*.md")):
        body = to_simplified(load_file(path).body)
        for line in body.splitlines():
            line = line.strip()
            if 2 <= len(line) <= 16 and not line.endswith("。"):
                headings.append(re.sub(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]?", "", line) or line)
        sentences.extend(s.strip() for s in _SENTENCE.findall(body) if len(s.strip()) >= 8)
        chars.extend(ch for ch in body if is_cjk(ch))
    return sentences, [h for h in headings if h], "".join(chars)


def _mutate(sentence: str, rng: random.Random, chars: str) -> str:
    """Swap a few characters so the library holds words no seed has (rare queries)."""
    s = list(sentence)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(s))
        if "\u4e00" <= s[i] <= "\u9fff":
            s[i] = rng.choice(chars)
    return "".join(s)


def make_body(rng: random.Random, sentences: list[str], headings: list[str], chars: str,
              target_chars: int, per_section: tuple[int, int] = (2, 6), sections: tuple[int, int] = (3, 7)) -> str:
    """A policy-style body: 一、 chapters, (一) sections, sentences recombined and varied."""
    out: list[str] = []
    size = 0
    chapter = 0
    while size < target_chars:
        chapter += 1
        line = f"{int_to_cn(chapter)}、{rng.choice(headings)}"
        out.append(line)
        size += len(line)
        for sec in range(1, rng.randint(*sections)):
            parts = [rng.choice(sentences) for _ in range(rng.randint(*per_section))]
            parts = [_mutate(p, rng, chars) if rng.random() < 0.3 else p for p in parts]
            line = f"（{int_to_cn(sec)}）{rng.choice(headings)}。" + "".join(parts)
            out.append(line)
            size += len(line)
            if size >= target_chars:
                break
    return "\n\n".join(out) + "\n"


def generate(out_dir: Path, docs: int = 3000, mb: float = 50.0, seed: int = 1, fmt: str = "md",
             traditional_share: float = 0.35, short: bool = False) -> list[Path]:
    """Write ``docs`` documents totalling about ``mb`` MB (UTF-8) into ``out_dir``.

    Args:
        out_dir: created if missing; existing ``gen-*`` files are overwritten.
        docs: number of documents.
        mb: total size of the bodies in MB (CJK is 3 bytes a character).
        seed: the same seed gives the same library.
        fmt: ``md`` (front matter + body, the content format) or ``txt`` (body only,
            with the title as first line, like a pasted web page).
        traditional_share: the share of documents written in traditional script.
        short: clauses of one or two sentences, many per chapter (≈100 clauses a
            document at the default size: the shape of a library of 3,500
            documents and ≈350,000 clauses).

    Returns:
        The paths written, in id order.
    """
    import opencc

    s2t = opencc.OpenCC("s2t")
    rng = random.Random(seed)
    sentences, headings, chars = seed_material()
    out_dir.mkdir(parents=True, exist_ok=True)
    per_doc = int(mb * 1_000_000 / 3 / docs)
    written: list[Path] = []
    provinces = list(PROVINCES)
    for n in range(docs):
        region = rng.choice(provinces)
        city = rng.choice(PROVINCES[region]) if rng.random() < 0.4 else None
        year = rng.randint(2005, 2024)
        level = "市级" if city else "省级"
        title = f"{city or region}关于{rng.choice(TOPICS)}的{rng.choice(KINDS)}"
        shape = {"per_section": (1, 2), "sections": (8, 20)} if short else {}
        body = make_body(rng, sentences, headings, chars, int(per_doc * rng.uniform(0.6, 1.4)), **shape)
        traditional = rng.random() < traditional_share
        if traditional:
            title, body = s2t.convert(title), s2t.convert(body)
        doc_id = f"gen-{year}-{n:05d}"
        meta = {
            "id": doc_id, "title": title, "region": region, "city": city, "level": level,
            "year": year, "status": "正式", "script": "繁体" if traditional else "简体",
        }
        path = out_dir / f"{doc_id}.{fmt}"
        text = render_markdown(meta, body) if fmt == "md" else f"{title}\n\n{body}"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def generator_main(generate, description: str, docs: int, mb: float, argv: list[str] | None = None) -> int:
    """The command line of a generator called ``generate(out_dir, docs, mb, seed)``: write, then say what."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--docs", type=int, default=docs)
    parser.add_argument("--mb", type=float, default=mb)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    files = generate(args.out_dir, args.docs, args.mb, args.seed)
    total = sum(p.stat().st_size for p in files)
    print(f"wrote {len(files)} files, {total / 1e6:.1f} MB, to {args.out_dir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--mb", type=float, default=51.0, help="megabytes to write; 51 so the bodies alone pass 50 MB")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=["md", "txt"], default="md")
    parser.add_argument("--short", action="store_true",
                        help="short clauses (one or two sentences): ≈100 clauses a document")
    args = parser.parse_args(argv)
    paths_written = generate(args.out_dir, args.docs, args.mb, args.seed, args.format, short=args.short)
    total = sum(p.stat().st_size for p in paths_written)
    print(f"wrote {len(paths_written)} documents, {total / 1e6:.1f} MB, to {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
