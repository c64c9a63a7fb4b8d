"""Small PDF building blocks shared by reports and leaflets: a font that covers Latin and Arabic
(DejaVu Sans, shipped in lib/fonts so an offline site needs nothing else) and right-to-left shaping.

ReportLab draws glyphs in the order it is given, so Arabic is reshaped (joined letter forms) and
reordered for display before it is drawn."""

from __future__ import annotations

import functools
from pathlib import Path
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
RTL_LANGUAGES = {"ar", "fa", "ur", "ps", "he"}


@functools.cache
def register_fonts() -> tuple[str, str]:
    pdfmetrics.registerFont(TTFont("TenpointSans", str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("TenpointSans-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    return "TenpointSans", "TenpointSans-Bold"


def is_rtl(language: str) -> bool:
    return language.split("-")[0] in RTL_LANGUAGES


def shaped(text: str, language: str) -> str:
    """Text ready for a ReportLab Paragraph: escaped, and for right-to-left languages shaped."""
    if is_rtl(language):
        # Shape line by line: the bidi reordering must not move words across lines.
        return "<br/>".join(escape(get_display(arabic_reshaper.reshape(line))) for line in text.split("\n"))
    return escape(text).replace("\n", "<br/>")


def styles(language: str) -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    align = TA_RIGHT if is_rtl(language) else TA_LEFT
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontName=bold, fontSize=17, leading=21,
                                alignment=align),
        "heading": ParagraphStyle("heading", parent=base["Heading2"], fontName=bold, fontSize=12.5, leading=16,
                                  alignment=align, spaceBefore=8, spaceAfter=3),
        "body": ParagraphStyle("body", parent=base["BodyText"], fontName=regular, fontSize=9.5, leading=12.5,
                               alignment=align),
        "small": ParagraphStyle("small", parent=base["BodyText"], fontName=regular, fontSize=8, leading=10,
                                alignment=align, textColor="#555555"),
    }
