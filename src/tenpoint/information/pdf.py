"""The printable leaflet of an information package: one or two A4 pages, readable when photocopied
in black and white, in the package's language (Arabic shaped right to left)."""

from __future__ import annotations

import io

import segno
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer

from tenpoint.common.text import listed
from tenpoint.information.selectors import PublicPackage
from tenpoint.lib.pdfdoc import shaped, styles


def leaflet_pdf(found: PublicPackage, page_url: str) -> bytes:
    language = found.package.language
    style = styles(language)
    buffer = io.BytesIO()
    content = found.content
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=12 * mm,
                                 bottomMargin=12 * mm, title=content["title"], author="Tenpoint", lang=language)

    def p(text: str, kind: str = "body") -> Paragraph:
        return Paragraph(shaped(text, language), style[kind])

    story: list = [p(content["title"], "title")]
    if found.channel is not None and found.channel.hotline:
        story.append(p(f"{_('Hotline')}: {found.channel.hotline}"
                       + (f" ({found.channel.hotline_hours})" if found.channel.hotline_hours else ""), "heading"))
    for section in content["sections"]:
        story.append(p(section["heading"], "heading"))
        story.append(p(section["body"]))
    if found.services:
        story.append(p(_("Where to get help"), "heading"))
        for service in found.services:
            line = f"{service.name} — {service.kind}"
            details = listed(filter(None, [service.location, service.contact]))
            story.append(p(line + (f": {details}" if details else "")))
    story.append(Spacer(1, 4 * mm))
    # A QR code to the page online, so the leaflet leads to the up-to-date version.
    qr = io.BytesIO()
    segno.make(page_url, error="m").save(qr, kind="png", scale=4, border=2)
    qr.seek(0)
    story.append(Image(qr, width=28 * mm, height=28 * mm))
    story.append(p(page_url, "small"))
    story.append(p(_("Free of charge. Nobody may ask you for money for this information or for asylum."), "small"))
    document.build(story)
    return buffer.getvalue()
