"""Files that may not be policy documents are named at import (``index.library.doubts``), real ones never."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.library.readers.candidates import prepare_file

DATA = Path(__file__).resolve().parents[2] / "data"
BUNDLED = Path(__file__).resolve().parents[3] / "content" / "docs"
# Every real document the tests hold: policies, regulations, national documents, both scripts.
REAL = sorted([*DATA.glob("alignment/docs/*.md"), *DATA.glob("regulations/*/*.txt"), *DATA.glob("regulations/*/*.md"),
               *BUNDLED.glob("*.md")])

NEWS = """经开区召开2023年第一季度招商引资工作推进会

3月28日上午，经开区召开2023年第一季度招商引资工作推进会，总结一季度招商引资工作情况，分析当前形势，部署下一阶段重点任务。管委会主任出席会议并讲话。

会上，招商局负责同志通报了一季度项目签约、落地和投产情况。一季度，全区共签约项目18个，总投资额56.3亿元，其中亿元以上项目12个。

会议强调，各部门要进一步增强紧迫感和责任感，瞄准主导产业精准招商，强化要素保障，确保全年目标任务圆满完成。

（来源：经开区管委会办公室）
"""
TABLE = "序号,企业名称,行业,投资额（万元）,签约时间\n" + "".join(
    f"{n},某某{kind}有限公司,{kind},{n * 9000},2023-0{n}-12\n" for n, kind in enumerate(
        ["新材料", "电子信息", "生物医药", "智能装备", "现代物流", "食品加工"], start=1))
MEMO = "请各位同事于周五下午三点前把本周工作小结发到办公室邮箱，谢谢。\n"
README = ("ZoneRef test readme\n\nThis folder holds the documents we downloaded from the provincial portal in March. "
          "Use the import button to add them to the library. Files marked draft are 征求意见稿.\n")
SHORT_NOTICE = "关于印发《开发区招商引资办法》的通知\n\n各开发区管委会：\n\n现将《开发区招商引资办法》印发给你们，请认真贯彻执行。\n"
BILINGUAL = "".join(f"第{n}条　开发区应当优化营商环境，提供高效便捷的政务服务。\nArticle {n} Development zones shall "
                    "improve the business environment and provide efficient and convenient government services.\n"
                    for n in "一二三四五六")


def test_the_real_documents_raise_no_doubt():
    assert len(REAL) >= 60
    doubted = {p.name: c.doubt for p in REAL if (c := prepare_file(p)).doubt}
    assert doubted == {}


@pytest.mark.parametrize(("text", "doubt"), [(NEWS, "no_policy_form"), (TABLE, "no_policy_form"),
                                             (MEMO, "too_short"), (README, "not_chinese"),
                                             (SHORT_NOTICE, None), (BILINGUAL, None)])
def test_a_file_that_is_not_a_policy_is_named_and_why(tmp_path, text, doubt):
    path = tmp_path / "文件.txt"
    path.write_text(text, encoding="utf-8")
    assert prepare_file(path).doubt == doubt
