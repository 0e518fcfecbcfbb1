"""Comments never come back as active HTML, whatever is typed."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from reviews.markup import ALLOWED_TAGS, render_comment

VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil.example.com></iframe>",
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "![x](https://evil.example.com/x.png)",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "`<script>alert(1)</script>`",
    "<<script>script>alert(1)<</script>/script>",
    "[x](java\nscript:alert(1))",
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "[x](&#106;avascript:alert(1))",
    "<object data=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "@[<script>alert(1)</script>]",
    '@[x" onmouseover="alert(1)]',
    "<span class=mention onclick=alert(1)>x</span>",
    '[x](https://example.org "title" onclick=alert(1))',
    "<base href=javascript:alert(1)//>",
]


class ActiveHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag {tag}")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "src"}:
                self.problems.append(f"attribute {name}")
            if name == "href" and not (value or "").startswith(("http://", "https://", "mailto:")):
                self.problems.append(f"href {value}")
            if name == "class" and value != "mention":
                self.problems.append(f"class {value}")
            if name not in {"href", "rel", "class"}:
                self.problems.append(f"attribute {name}")


def active_parts(html: str) -> list[str]:
    parser = ActiveHtml()
    parser.feed(html)
    return parser.problems


def test_known_xss_vectors_come_back_inert():
    results = {vector: active_parts(render_comment(vector)) for vector in VECTORS}

    assert results == {vector: [] for vector in VECTORS}


def test_links_get_nofollow_noopener():
    assert render_comment("[UNODC](https://www.unodc.org)") == (
        '<p><a href="https://www.unodc.org" rel="nofollow noopener">UNODC</a></p>\n'
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>\"'=/:;&#()[]@!`* \nabcjsvortipnmlxe1")), max_size=80))
def test_no_generated_input_produces_active_html(text):
    assert active_parts(render_comment(text)) == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*VECTORS, "**bold**", "text", "[ok](https://a.org)", "@[Name]"]), max_size=5).map("".join)
)
def test_combined_vectors_stay_inert(text):
    assert active_parts(render_comment(text)) == []
