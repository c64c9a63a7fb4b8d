"""The progress report as a PDF a secretariat can circulate before a meeting."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from tenpoint.followup.models import ActivityStatus
from tenpoint.followup.selectors import ProgressReport, ReportRow
from tenpoint.lib.pdfdoc import is_rtl, shaped, styles


def progress_report_pdf(report: ProgressReport, language: str) -> bytes:
    style = styles(language)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm,
                                 topMargin=14 * mm, bottomMargin=14 * mm,
                                 title=f"{_('Progress report')} — {report.title}", author="Tenpoint")

    def p(text: str, kind: str = "body") -> Paragraph:
        return Paragraph(shaped(text, language), style[kind])

    story: list = [p(f"{_('Progress report')} — {report.title}", "title"),
                   p(_("Generated on %(date)s") % {"date": report.generated_on.isoformat()}, "small"), Spacer(1, 4 * mm)]
    counts = [[p(str(label), "small") for _v, label in ActivityStatus.choices],
              [p(str(report.status_counts.get(value, 0))) for value, _l in ActivityStatus.choices]]
    story.append(_table(counts, language))

    def rows(title: str, entries: list[ReportRow]) -> None:
        story.append(p(title, "heading"))
        if not entries:
            story.append(p(_("Nothing recorded."), "small"))
            return
        header = [p(_("What"), "small"), p(_("Status"), "small"), p(_("Due"), "small"), p(_("Latest progress"), "small")]
        body = [[p(f"{row.label}\n{row.context}"), p(row.status + (f" — {_('late')}" if row.late else "")),
                 p(row.due_on.isoformat() if row.due_on else "—"), p(row.latest_note or "—")] for row in entries]
        story.append(_table([header, *body], language, widths=(78, 26, 22, 52)))

    rows(_("Adopted actions of action plans"), report.adoptions)
    rows(_("Follow-up activities"), report.activities)
    if report.recommendations:
        story.append(p(_("Recommendations"), "heading"))
        header = [p(_("Recommendation"), "small"), p(_("Activities"), "small"), p(_("Adoptions"), "small")]
        body = [[p(f"{r.meeting.place} {r.meeting.starts_on.year} · {r.key}: {r.text}"), p(str(a)), p(str(d))]
                for r, a, d in report.recommendations]
        story.append(_table([header, *body], language, widths=(138, 20, 20)))
    story.append(p(_("Indicators"), "heading"))
    if report.indicators:
        header = [p(_("Indicator"), "small"), p(_("Country"), "small"), p(_("Period"), "small"),
                  p(_("Value"), "small"), p(_("Source"), "small")]
        body = [[p(c) for c in row] for row in report.indicators]
        story.append(_table([header, *body], language, widths=(62, 16, 20, 22, 58)))
    else:
        story.append(p(_("No indicator value reported yet."), "small"))
    document.build(story)
    return buffer.getvalue()


def _table(cells: list[list[Paragraph]], language: str, widths: tuple[int, ...] | None = None) -> Table:
    if is_rtl(language):
        cells = [list(reversed(row)) for row in cells]
        widths = tuple(reversed(widths)) if widths else None
    table = Table(cells, colWidths=[w * mm for w in widths] if widths else None, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#bbbbbb")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6"))]))
    return table
