"""Note Markdown is rendered and sanitised: nothing active, nothing remote, links visible."""

from __future__ import annotations

import pytest

from index.userdata.markup import render_note


def test_markdown_is_rendered():
    html = render_note("**重点**\n\n- 一\n- 二")
    assert "<strong>重点</strong>" in html
    assert html.count("<li>") == 2


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    '<div onclick="alert(1)">x</div>',
    "<iframe src='https://evil.example'></iframe>",
    "<style>body{display:none}</style>",
    '<svg onload="alert(1)"></svg>',
    '<form action="https://evil"><input></form>',
])
def test_no_active_content(hostile):
    html = render_note(hostile).lower()
    for bad in ("<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "<style", "<svg", "<form",
                "<input"):
        assert bad not in html


def test_no_images_remote_or_otherwise():
    html = render_note("![地图](https://tracker.example/pixel.png) 与 <img src='data:image/png;base64,AAAA'>")
    assert "<img" not in html
    assert "tracker.example" not in html
    assert "[地图]" in html


def test_file_links_lose_their_target():
    html = render_note("[密码](file:///etc/passwd)")
    assert "file:" not in html
    assert "密码" in html


def test_web_links_are_shown_with_their_url_and_not_followed_silently():
    html = render_note("见[国务院文件](https://www.gov.cn/zhengce/x.htm)")
    assert 'href="https://www.gov.cn/zhengce/x.htm"' in html
    assert 'title="https://www.gov.cn/zhengce/x.htm"' in html
    assert "&lt;https://www.gov.cn/zhengce/x.htm&gt;" in html  # the URL is visible text
    assert "nofollow" in html


def test_user_cannot_forge_the_url_span():
    html = render_note('<span class="url">&lt;https://fake&gt;</span>')
    assert 'class="url"' not in html


def test_empty_note():
    assert render_note("") == ""
