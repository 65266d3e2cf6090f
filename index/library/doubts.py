"""Whether a file read for import looks like a policy document at all.

A folder an official imports holds more than policies: a news item about a zone's meeting, a table saved
as text, a two-line memo, an English readme. Imported, each becomes a library document that search lists
and comparisons read. ``doubt`` names what is missing, for the import dialog and ``zoneref import`` to say
so before anything is added; it never refuses a file (the user decides).

A policy document, in either script, shows its form in at least one of: a kind in its title (意见, 办法,
条例 …), a document number, a clause structure (two or more numbered or headed clauses), a date of issue with
an issuer. A file is doubted when it is hardly Chinese, or when it shows none of them (then said to be too short where it
is, a forwarding notice of two lines with its kind in the title being a policy all the same).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from index.base.text import LazyPattern, is_cjk

if TYPE_CHECKING:
    from index.library.clauses import Clause

#: The kinds of document a title names, simplified and traditional, anywhere in it (…的意见（试行）).
KINDS = LazyPattern(
    "意见|意見|办法|辦法|条例|條例|规定|規定|规则|規則|细则|細則|通知|决定|決定|规划|規劃|方案|措施|政策|指引|指南|"
    "纲要|綱要|计划|計劃|計畫|公告|通告|批复|批覆|命令|决议|決議|解释|解釋|答复|答覆|章程|标准|標準|清单|清單|"
    "目录|目錄|要点|要點|公报|公報|报告|報告|说明|說明|草案|导则|導則|守则|守則|制度|机制|機制"
)
#: One-character kinds count only where the title ends with them (…外商投资法, 国务院令, …的函), before a
#: bracketed note (（试行）, （2021年修订）): inside a title they are any word (方法, 法人, 函数).
SHORT_KIND = LazyPattern(r"[法令函](?:[（(][^（）()]*[）)])*\s*$")

#: Fewer CJK characters than this, without a policy's form, and the file is called too short.
MIN_CJK = 80
#: A file whose CJK characters are less than this share of its characters and English words is not a Chinese
#: policy (an English readme); a policy with its English translation beside it is well above.
MIN_CJK_SHARE = 0.3


def doubt(meta: dict[str, Any], body: str, clauses: Sequence[Clause]) -> str | None:
    """Why the file read as ``meta`` / ``body`` / ``clauses`` may not be a policy document, or None.

    Only numbered or headed clauses (一、, 第三条, a Word heading) count as structure: every paragraph of a
    news item or a line of a table is a clause too.

    Returns:
        ``"too_short"``, ``"not_chinese"`` or ``"no_policy_form"`` (see the module docstring), or None.
    """
    cjk = sum(1 for ch in body if is_cjk(ch))
    words = len(re.findall(r"[A-Za-z]+", body))  # a Chinese character is about an English word
    if cjk < MIN_CJK_SHARE * (cjk + words):
        return "not_chinese"
    title = str(meta.get("title") or "")
    if (KINDS.search(title) or SHORT_KIND.search(title) or meta.get("doc_number")
            or sum(1 for c in clauses if c.label or c.heading) >= 2 or (meta.get("issued") and meta.get("issuer"))):
        return None
    return "too_short" if cjk < MIN_CJK else "no_policy_form"


#: What each doubt means, for ``zoneref import`` (the dialog translates its own).
REASONS = {
    "too_short": "too short to be a policy document, and without a policy's form",
    "not_chinese": "mostly not Chinese text",
    "no_policy_form": "no document kind in its title (意见, 办法, 条例 …), no document number, no numbered clauses, "
                      "no issuer and date: a news item or a table?",
}
