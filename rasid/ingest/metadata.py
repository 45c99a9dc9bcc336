"""Publication date and outlet from the article itself, when the input did not give them.

Order of evidence for the publication date (first found wins):
1. HTML meta tags and structured data (article:published_time, og:published_time, datePublished, pubdate,
   DC.date.issued, <time datetime pubdate>...);
2. a date line in the text ("تاريخ النشر: 16.02.2019", "نشر بتاريخ ...", a short line under the title that is
   only a date, possibly with a weekday and a clock time);
3. a date in the URL path (/2019/02/16/).
Never today's date, and never a footer copyright year ("© 2023 جميع الحقوق محفوظة").

Outlet: og:site_name / application-name, a sign-off ("المصدر: صحيفة ..."), a byline ("تلفزيون سوريا -
متابعات", "الرقة – نورث برس"), else the URL host.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

from rasid.models import Document
from rasid.text.dates import parse_iso_date
from rasid.text.normalize import NormText, normalize

_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_PUB_KEYS = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
             "publish-date", "publish_date", "dc.date.issued", "dc.date", "dcterms.created", "date",
             "sailthru.date", "parsely-pub-date", "article.published", "cxenseparse:recs:publishtime",
             "og:article:published_time", "created", "article:modified_time", "og:updated_time",
             "datemodified", "lastmod")
_JSONLD = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_TIME_TAG = re.compile(r"<time\b[^>]*datetime\s*=\s*[\"']([^\"']+)[\"'][^>]*>", re.I)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")
_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[-_])")
_URL_COMPACT = re.compile(r"/(20\d{2})(0[1-9]|1[0-2])([0-2]\d|3[01])/")  # "/amp/20200502/10-..."
_DATE_LINE_CUES = ("تاريخ النشر", "نشر بتاريخ", "نشر في", "تاريخ الخبر", "نشر يوم", "تاريخ", "نشر", "date",
                   "published")
#: "CITY، COUNTRY 15 فبراير 2017 /": at most four words, a full date, then a slash or dash
_DATELINE = re.compile(r"^\s*(?:[^\W\d_]+[\s،,]+){1,4}(\d{1,2}\s+[^\W\d_]+\s+\d{4})\s*[/\-–(]")
_UPDATE_CUES = ("اخر تحديث", "تم التحديث", "تحديث")
_COPYRIGHT = ("©", "حقوق", "copyright", "(c)", "جميع الحقوق")
_OUTLET_WORDS = ("صحيفه", "جريده", "قناه", "تلفزيون", "موقع", "وكاله", "شبكه", "اذاعه", "مجله", "راديو",
                 "نيوز", "برس", "بوست", "تايمز", "اخبار", "الاخباريه", "tv", "news", "press", "post")
_SOURCE_LINE = re.compile(r"^\s*(?:المصدر|مصدر الخبر|المصدر الاصلي|نقلا عن|عن)\s*[:：\-–]\s*(.{2,60}?)\s*$")
_BYLINE_SPLIT = re.compile(r"\s[-–—|]\s|\s?[-–—]\s")
_FOLLOWUP = frozenset({"متابعات", "خاص", "وكالات", "متابعه", "مراسلنا", "مراسلتنا", "المراسل", "مراسل"})


def fill_metadata(doc: Document, html: str | None = None) -> None:
    """Set `doc.published` (YYYY-MM-DD) and `doc.outlet` from the page and text when the input did not."""
    if doc.published:
        given = parse_iso_date(doc.published)  # "2019-02-16T10:00:00Z" -> "2019-02-16"
        if given is not None:
            doc.published = given.isoformat()
    text = _head_and_tail(doc.text)
    if not doc.published:
        date = (_date_from_html(html) if html else None) or _date_from_text(text) or _date_from_url(doc.url)
        if date is not None:
            doc.published = date.isoformat()
    if not doc.outlet:
        doc.outlet = (_outlet_from_html(html) if html else None) or _outlet_from_text(text) or _host(doc.url)


#: Metadata sits at an article's top and bottom; a longer text is read there only (bounded memory).
HEAD_CHARS, TAIL_CHARS = 60_000, 5_000


def _head_and_tail(text: str) -> str:
    if len(text) <= HEAD_CHARS + TAIL_CHARS:
        return text
    return text[:HEAD_CHARS] + "\n" + text[-TAIL_CHARS:]


def _valid(date: dt.date | None) -> dt.date | None:
    """A plausible publication date: after 1990 and never today or later (today = a crawl artefact)."""
    if date is None or date.year < 1990 or date >= dt.date.today():
        return None
    return date


def _parse_date_value(value: str) -> dt.date | None:
    value = value.strip()
    m = _ISO.search(value)
    try:
        if m:
            return _valid(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        m = _DMY.search(value)
        if m:
            return _valid(dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
    except ValueError:
        return None
    if re.fullmatch(r"\d{10}(?:\d{3})?", value):  # a Unix timestamp
        ts = int(value[:10])
        return _valid(dt.datetime.fromtimestamp(ts, tz=dt.UTC).date())
    return None


def _meta_tags(html: str) -> list[dict[str, str]]:
    out = []
    for tag in _META.finditer(html[:200_000]):
        attrs = {m.group(1).lower(): (m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTR.finditer(tag.group())}
        out.append(attrs)
    return out


def _date_from_html(html: str) -> dt.date | None:
    tags = _meta_tags(html)
    by_key: dict[str, str] = {}
    for attrs in tags:
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and "content" in attrs and key not in by_key:
            by_key[key] = attrs["content"]
    for key in _PUB_KEYS:
        if key in by_key:
            date = _parse_date_value(by_key[key])
            if date is not None:
                return date
    m = _JSONLD.search(html)
    if m:
        date = _parse_date_value(m.group(1))
        if date is not None:
            return date
    for m in _TIME_TAG.finditer(html[:200_000]):
        date = _parse_date_value(m.group(1))
        if date is not None:
            return date
    return None


def _outlet_from_html(html: str) -> str | None:
    for attrs in _meta_tags(html):
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if key in ("og:site_name", "application-name", "publisher", "twitter:site") and attrs.get("content"):
            value = attrs["content"].strip().lstrip("@")
            if value:
                return value
    return None


def _date_line(line: str) -> dt.date | None:
    """The date written on a line, when the line carries an explicit full date (day, month, year)."""
    from rasid.resources import default_resources

    nt = NormText.of(line)
    for m in default_resources().dates.find(nt, None):
        if m.date is not None and m.precision == 1:
            return _valid(m.date)
    return None


def _date_from_text(text: str) -> dt.date | None:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return None
    # 1. an explicit publication cue anywhere ("تاريخ النشر: 16.02.2019"), update cues only as a fallback
    fallback = None
    for line in lines:
        norm = normalize(line)
        if any(c in norm.lower() for c in _COPYRIGHT):
            continue
        if len(norm) > 120:
            # a long line counts only when it opens with the cue ("date 2016-02-25 أعلنت ...")
            if not any(norm.lower().startswith(c) for c in _DATE_LINE_CUES):
                continue
            line = line[:40]
        if any(norm.lower().startswith(c) or f" {c}" in norm[:40] for c in _DATE_LINE_CUES):
            date = _date_line(line)
            if date is not None:
                if any(c in norm for c in _UPDATE_CUES):
                    fallback = fallback or date
                    continue
                return date
    if fallback is not None:
        return fallback
    # 2. a dateline opening the first paragraphs: "بعقوبة، العراق 15 فبراير 2017 / ..." (agency copy)
    for line in lines[:3]:
        m = _DATELINE.match(normalize(line[:80]))
        if m:
            date = _date_line(m.group(1))
            if date is not None:
                return date
    # 3. a short line near the top that is only a date (under the title): "الأحد 17 شباط 2019 - 10:30"
    for line in lines[:5]:
        norm = normalize(line)
        if len(norm.split()) > 9 or any(c in norm.lower() for c in _COPYRIGHT):
            continue
        date = _date_line(line)
        if date is not None and _mostly_date(norm):
            return date
    return None


_LETTER_WORD = re.compile(r"[^\W\d_]+")


def _mostly_date(norm: str) -> bool:
    """A line whose words are date words only (digits, month, weekday, clock, a few fillers)."""
    from rasid.resources import default_resources
    from rasid.text.dates import WEEKDAYS

    months = {w for key in default_resources().dates.months for w in key}
    fillers = {"م", "ص", "ه", "الموافق", "بتوقيت", "دمشق", "مكه", "غرينتش", "gmt", "am", "pm", "صباحا", "مساء",
               "السبت", "في", "يوم", "نشر", "تاريخ", "النشر", "اخر", "تحديث", "الساعه"}
    words = _LETTER_WORD.findall(norm)  # digits, bullets and punctuation are fine on a date line
    return all(w in months or w in WEEKDAYS or w in fillers for w in words)


def _date_from_url(url: str | None) -> dt.date | None:
    if not url:
        return None
    path = urlparse(url).path
    m = _URL_DATE.search(path) or _URL_COMPACT.search(path)
    if not m:
        return None
    try:
        return _valid(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    except ValueError:
        return None


def _clean_outlet(value: str) -> str | None:
    value = value.strip(" \t\"'«»“”.:،,()[]")
    if "://" in value or value.startswith("www."):
        return None  # a link in a sign-off: the URL host is the fallback anyway
    if not value or len(value) > 60 or len(value.split()) > 6:
        return None
    return value


def _outlet_from_text(text: str) -> str | None:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return None
    # sign-off at the end: "المصدر: صحيفة الوطن"
    for line in reversed(lines[-4:]):
        if _SOURCE_LINE.match(normalize(line)):
            value = _clean_outlet(re.split(r"[:：\-–]", line, maxsplit=1)[1])
            if value:
                return value
    # byline near the top: "تلفزيون سوريا - متابعات", "الرقة – نورث برس"
    for index, line in enumerate(lines[:4]):
        if len(line.split()) > 7:
            continue
        parts = [p.strip() for p in _BYLINE_SPLIT.split(line) if p.strip()]
        if len(parts) != 2:
            continue
        norm_parts = [normalize(p) for p in parts]
        if norm_parts[1] in _FOLLOWUP:
            return None if _is_place(parts[0]) else _clean_outlet(parts[0])  # "دير الزور – خاص" is a dateline
        if norm_parts[0] in _FOLLOWUP:
            return None if _is_place(parts[1]) else _clean_outlet(parts[1])
        for p, n in zip(parts, norm_parts, strict=True):
            if any(w in n.lower().split() or n.lower().startswith(w) for w in _OUTLET_WORDS):
                return _clean_outlet(p)
        # dateline convention "CITY – OUTLET": a one- or two-word place, then the outlet
        if (index > 0 and len(parts[0].split()) <= 2 and len(parts[1].split()) <= 3
                and not any(ch.isdigit() for ch in line)):
            return _clean_outlet(parts[1])
    return None


def _is_place(text: str) -> bool:
    """The whole phrase names a place (a dateline city, not an outlet)."""
    from rasid.resources import default_resources

    nt = NormText.of(text.strip())
    return any(m.end - m.start >= len(nt.norm.strip()) - 2 for m in default_resources().geoparser.parse(nt))


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    return host.removeprefix("www.")
