"""Lines that are page furniture, not news: share buttons, related-article lists, back-to-top links,
photo credits, clock stamps. They stay in the text (offsets never move) but extraction skips them.
"""

from __future__ import annotations

import re

from rasid.text.normalize import NormText

_FURNITURE = re.compile(
    r"^\s*(?:شارك(?:\s+(?:هذا|المقال|الخبر|على))?.{0,40}|تابعونا.{0,60}|زر الذهاب الي الاعلي|العوده الي الاعلي"
    r"|اقرا ايضا.{0,80}|اقرا المزيد|طباعه|ارسال|فيسبوك|تويتر|واتساب|تليجرام|تلغرام|انستغرام|لينكد ان|نسخ الرابط"
    r"|getty images|صوره ارشيفيه|صوره:.{0,80}|مصدر الصوره.{0,80}|اعلان|اخبار ذات صله|الوسوم.{0,200}|كلمات مفتاحيه.{0,200}"
    r"|\d{1,2}:\d{2}(?:\s*(?:ص|م|am|pm))?\s*\S{0,20}|[\s|•·\-]*)\s*$",
    re.IGNORECASE,
)
_RELATED_HEADER = re.compile(r"^\s*(?:مقالات|اخبار|مواضيع|قصص)\s+(?:ذات صله|مقترحه|متعلقه|مشابهه)|^\s*اقرا ايضا\s*:?\s*$")


def boilerplate_spans(nt: NormText) -> list[tuple[int, int]]:
    """Normalised (start, end) ranges of furniture lines, including related-article lists after their header."""
    spans: list[tuple[int, int]] = []
    pos = 0
    in_related = False
    for line in nt.norm.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        if _RELATED_HEADER.match(stripped):
            in_related = True
            spans.append((start, end))
            continue
        if in_related and len(stripped.split()) <= 20:
            spans.append((start, end))  # a headline in the related list
            continue
        in_related = False
        if _FURNITURE.match(stripped):
            spans.append((start, end))
    return spans
