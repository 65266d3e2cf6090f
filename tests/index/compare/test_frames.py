"""Frame roles (``content/frames.yaml``): a regulation's 第一条 and a policy's opening, its scope, guidance and goals,
both scripts."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from index.base.errors import ContentError
from index.compare import frames


@pytest.mark.parametrize("text", [
    "第一条　为了促进开发区高质量发展，根据有关法律、行政法规，结合本省实际，制定本条例。",
    "第一條　為了規範開發區管理，根據有關法律、行政法規，制定本條例。",  # traditional
    "为贯彻落实党中央、国务院决策部署，推动国家级经开区打造改革开放新高地，现提出以下实施意见。",
    "為加快推動全省國家級開發區高質量發展，結合吉林省實際，提出如下實施意見。",
    "为确保“两年”活动顺利开展，取得实效，特制定如下活动方案。",
    "为做好开发区整合工作，制定本实施方案。",
])
def test_openings_that_state_their_purpose(text):
    assert frames.states_purpose(text)


@pytest.mark.parametrize("text", [
    "第二条　本条例适用于本省行政区域内开发区的规划、建设、管理和服务活动。",
    "具体办法由省人民政府另行制定。",  # a later clause naming rules still to be made
    "各地要结合实际，制定具体实施细则，提出落实意见。",
    "2018年7月27日江苏省第十三届人民代表大会常务委员会第四次会议通过",  # a regulation's history header
])
def test_other_clauses_do_not(text):
    assert not frames.states_purpose(text)


@pytest.mark.parametrize("text", [
    "第二条　本条例适用于本省行政区域内经国务院和省人民政府批准设立的开发区的规划、建设、管理、服务等活动。",
    "第二條　本自治區行政區域內開發區的設立、規劃、建設、管理、服務和監督，適用本條例。",  # traditional
    "前款所称开发区，是指经国务院或者自治区人民政府批准设立的经济技术开发区、综合保税区等。",
])
def test_scope_statements_are_read_from_the_text(text):
    assert frames.states_scope(text)
    assert frames.role(text, None, "总则") == frames.SCOPE


@pytest.mark.parametrize("text", [
    "第一条　为了促进开发区高质量发展，根据有关法律、行政法规，制定本条例。",  # purpose, not scope
    "开发区应当发展加工贸易、跨境电子商务和保税物流。",
    "开发区内企业依法享受国家和本省规定的优惠政策，适用国家有关规定。",  # applying other rules is no scope
])
def test_other_clauses_state_no_scope(text):
    assert not frames.states_scope(text)


def test_a_broken_patterns_file_says_so(tmp_path):
    for body in ("purpose: [", "purpose: []", "version: 1", "purpose:\n- '制定本('"):
        path = tmp_path / "frames.yaml"
        path.write_text(body, encoding="utf-8")
        with pytest.raises(ContentError, match="frame patterns"):
            frames._patterns(path)


@pytest.mark.parametrize(("heading", "context", "role"), [
    ("指导思想", "总体要求", frames.GUIDANCE),
    ("基本原則", "總體要求", frames.GUIDANCE),  # traditional
    ("重要意义。", "重要意义和目标要求", frames.GUIDANCE),
    ("發展目標。", "總體要求", frames.GOALS),
    ("总体目标", "", frames.GOALS),
    # an item takes the role of the list it stands in when its own heading names none
    ("加快构建对外开放新体制", "重要意义和目标要求 目标要求", frames.GOALS),
    ("創新引領,提升結構", "總體要求 基本原則", frames.GUIDANCE),
    # its own heading wins over the list's
    ("发展目标", "总体要求", frames.GOALS),
    # headings that only mention a goal, and items of other lists, play no role
    ("强化开发区招商激励机制", "开放拉动", None),
    ("实行招商目标责任制", "", None),
    ("考核目标与评价", "工作保障", None),
    (None, "", None),
])
def test_guidance_and_goals_are_read_from_the_headings(heading, context, role):
    assert frames.role("开发区应当坚持创新驱动。", heading, context) == role


def test_a_purpose_statement_is_its_role_whatever_its_heading():
    assert frames.role("为了促进开发区发展，制定本条例。", "发展目标", "总则") == frames.PURPOSE


def test_a_patterns_file_without_the_heading_roles_says_so(tmp_path):
    path = tmp_path / "frames.yaml"
    path.write_text("purpose:\n- 制定本条例\nscope:\n- 适用本条例\ngoals:\n- 目标\n", encoding="utf-8")
    with pytest.raises(ContentError, match="guidance"):
        frames._patterns(path)


def _unit(text, heading, context):
    return SimpleNamespace(text=text, clause=SimpleNamespace(heading=heading), context=context)


_PLAYERS = [
    _unit("为了促进开发区发展，制定本条例。", "发展目标", "总则"),  # the purpose, whatever its heading
    _unit("到2025年，开发区经济总量翻一番。", "发展目标", "总体要求"),
    _unit("坚持创新驱动，坚持开放引领。", None, "总体要求 基本原则"),
    _unit("加快构建对外开放新体制。", "加快构建对外开放新体制", "重要意义和目标要求 目标要求"),
    _unit("强化开发区招商激励机制。", "强化开发区招商激励机制", "开放拉动"),
    _unit("开发区应当坚持创新驱动。", None, ""),
]


@pytest.mark.parametrize("unit", _PLAYERS)
@pytest.mark.parametrize("wanted", [frames.PURPOSE, frames.GOALS, frames.GUIDANCE])
def test_plays_is_the_units_role_compared(unit, wanted):
    assert frames.plays(unit, wanted) == (frames.unit_role(unit) == wanted)


def test_goals_are_ruled_out_by_the_headings_without_reading_the_text(monkeypatch):
    """A comparison looks for the units playing the source's goals or guidance: a unit whose headings give it
    no such role is not read (its text normalised) to find out whether it states the purpose instead."""
    read = []
    monkeypatch.setattr(frames, "states_purpose", lambda text: read.append(text) or False)
    assert not frames.plays(_unit("完善开发区管理体制机制（一）", "完善管理体制", "深化改革"), frames.GOALS)
    assert not read
    assert frames.plays(_unit("到2030年，建成一批特色园区（二）", "发展目标", "总体要求"), frames.GOALS)
    assert read == ["到2030年，建成一批特色园区（二）"]
