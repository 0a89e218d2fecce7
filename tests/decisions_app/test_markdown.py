"""A decision's text is shown with its lists as lists, and never as markup it carries."""

from citydiplomacy.decisions.markdown import to_html


def test_paragraphs_and_lists():
    text = "Tavoitteet:\n\n- Investoinnit\n- Osaajat\n\n1. Eka\n2. Toka\n\nLoppu\nrivi"
    assert to_html(text) == (
        "<p>Tavoitteet:</p>\n"
        "<ul><li>Investoinnit</li><li>Osaajat</li></ul>\n"
        "<ol><li>Eka</li><li>Toka</li></ol>\n"
        "<p>Loppu<br>rivi</p>"
    )


def test_numbered_list_keeps_its_start():
    assert to_html("3. Kolmas\n4. Neljäs") == '<ol start="3"><li>Kolmas</li><li>Neljäs</li></ol>'


def test_everything_is_escaped():
    html = to_html('<script>alert(1)</script>\n\n- <b onclick="x">lihava</b>\n- a & b')
    assert "<script" not in html and "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<li>&lt;b onclick=&quot;x&quot;&gt;lihava&lt;/b&gt;</li><li>a &amp; b</li>" in html


def test_nothing_gives_nothing():
    assert to_html(None) == "" == to_html("")
