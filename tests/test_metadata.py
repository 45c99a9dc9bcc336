"""Publication date and outlet from HTML meta tags, date lines, sign-offs, bylines and URLs."""

from __future__ import annotations

import datetime as dt

import pytest

from rasid.ingest.metadata import fill_metadata
from rasid.models import Document


def doc(text: str, **kw: str) -> Document:
    return Document(doc_id="t", text=text, **kw)


def filled(d: Document, html: str | None = None) -> Document:
    fill_metadata(d, html=html)
    return d


def test_html_meta_published_time() -> None:
    html = ('<html><head><meta content="2019-02-16T08:30:00+03:00" property="article:published_time">'
            '<meta property="og:site_name" content="عنب بلدي"></head></html>')
    d = filled(doc("قتل 3 أشخاص في القصف."), html)
    assert (d.published, d.outlet) == ("2019-02-16", "عنب بلدي")


def test_html_json_ld_and_time_tag() -> None:
    html = '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2018-11-03T10:00:00Z"}</script>'
    assert filled(doc("نص"), html).published == "2018-11-03"
    html = '<time datetime="2017-05-09" pubdate>9 مايو</time>'
    assert filled(doc("نص"), html).published == "2017-05-09"


def test_given_values_are_kept() -> None:
    d = filled(doc("تاريخ النشر: 16.02.2019", published="2020-01-01", outlet="X"))
    assert (d.published, d.outlet) == ("2020-01-01", "X")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("عنوان الخبر\nتاريخ النشر: 16.02.2019\nقصفت الطائرات القرية.", "2019-02-16"),
        ("عنوان الخبر\nنشر بتاريخ 3 آذار 2018\nنص الخبر.", "2018-03-03"),
        ("سيارة مفخخة في المدينة\nالثلاثاء ٦ أغسطس ٢٠١٣ الساعة ٩:٣٦ مساءً\nقتل عشرة أشخاص.", "2013-08-06"),
        ("عنوان\nالأحد 2016/12/11\nنص", "2016-12-11"),
    ],
)
def test_date_lines(text: str, iso: str) -> None:
    assert filled(doc(text)).published == iso


def test_date_inside_the_body_is_not_a_publication_date() -> None:
    d = filled(doc("عنوان\nسيطرت القوات على البلدة في 24 آذار 2019 بعد معارك عنيفة استمرت أياما طويلة.\nنص"))
    assert d.published is None


def test_footer_copyright_is_never_a_publication_date() -> None:
    d = filled(doc("عنوان\nنص الخبر.\n© 2023 جميع الحقوق محفوظة\nحقوق النشر 12.05.2023"))
    assert d.published is None


def test_never_today() -> None:
    today = dt.date.today()
    html = f'<meta property="article:published_time" content="{today.isoformat()}">'
    assert filled(doc("نص"), html).published is None


def test_date_from_url_path() -> None:
    d = filled(doc("نص", url="https://example.org/2017/01/29/some-slug"))
    assert d.published == "2017-01-29"
    assert d.outlet == "example.org"


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("عنوان\nنص الخبر.\nالمصدر: صحيفة الوطن", "صحيفة الوطن"),
        ("عنوان\nنص.\nالمصدر: نداء سوريا\nالمصدر : https://example.net/?p=1", "نداء سوريا"),
        ("تلفزيون سوريا - متابعات\nقصفت الطائرات القرية.", "تلفزيون سوريا"),
        ("عنوان الخبر هنا\n\nالرقة – نورث برس\n\nقالت القوات إنها سيطرت.", "نورث برس"),
    ],
)
def test_outlet_from_text(text: str, outlet: str) -> None:
    assert filled(doc(text)).outlet == outlet


def test_title_with_a_dash_is_not_a_byline() -> None:
    assert filled(doc("حلب – اشتباكات عنيفة\nنص الخبر.")).outlet is None


def test_outlet_from_url_host() -> None:
    assert filled(doc("نص", url="https://www.syriahr.com/archives/1")).outlet == "syriahr.com"


def test_given_datetime_is_cut_to_a_date() -> None:
    assert filled(doc("نص", published="2019-02-16T10:00:00Z")).published == "2019-02-16"


def test_date_line_month_first_under_title() -> None:
    assert filled(doc("القبض على 9 عناصر\n\n  • 3/14/2019\n  • 00:00\nنص الخبر.")).published == "2019-03-14"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("بعقوبة، العراق 15 فبراير 2017 /حررت قوات الأمن عشرة مختطفين في عملية نفذتها فجر اليوم.", "2017-02-15"),
        (" date 2016-02-25 أعلنت مصادر أمنية أن الجيش تقدم في أحياء المدينة الجنوبية بعد معارك عنيفة "
         "استمرت طوال الليل مع عناصر التنظيم في المنطقة الصناعية وحي الشهداء.", "2016-02-25"),
    ],
)
def test_datelines_and_cue_at_the_start_of_a_long_line(text: str, iso: str) -> None:
    assert filled(doc(text)).published == iso


def test_a_date_in_a_long_body_line_is_not_a_dateline() -> None:
    text = "قالت مصادر محلية إن الاشتباكات اندلعت في 15 فبراير 2017 / واستمرت أياما في أحياء المدينة."
    assert filled(doc(text)).published is None


def test_compact_date_in_url() -> None:
    assert filled(doc("نص", url="https://sarabic.ae/amp/20200502/10-slug.html")).published == "2020-05-02"
    assert filled(doc("نص", url="https://example.org/news/20209999/slug")).published is None


def test_a_dateline_city_with_a_followup_word_is_not_an_outlet():
    from rasid.ingest.metadata import fill_metadata
    from rasid.models import Document

    for byline in ("دير الزور – خاص", "إدلب – مراسلنا", "الموصل – وكالات"):
        doc = Document(doc_id="d", text=f"عنوان الخبر\n\n{byline}\nسيطرت القوات على بلدة أمس.")
        fill_metadata(doc)
        assert doc.outlet is None, byline
    doc = Document(doc_id="d", text="عنوان الخبر\n\nتلفزيون سوريا - متابعات\nسيطرت القوات على بلدة أمس.")
    fill_metadata(doc)
    assert doc.outlet == "تلفزيون سوريا"
