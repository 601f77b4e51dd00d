"""The import summary: what was added, what was known, every warning with file:line."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from readinglist.core.library import ImportReport
from readinglist.core.wording import plural


def report_text(report: ImportReport) -> str:
    lines = [file_report.summary() for file_report in report.files] + report.notes
    warnings = report.warnings
    if warnings:
        lines += ["", f"Warnings ({len(warnings)}):"] + [f"  {w}" for w in warnings]
    return "\n".join(lines)


class ImportReportDialog(QDialog):
    def __init__(self, report: ImportReport, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("importReport")
        self.setWindowTitle("Import report")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        headline = f"{plural(report.added, 'paper')} added, {report.known} already known"
        if report.errors:
            headline += (
                f"; {plural(len(report.errors), 'file')} could not be imported and were skipped"
            )
        layout.addWidget(QLabel(f"<b>{headline}</b>"))
        details = QPlainTextEdit(report_text(report), objectName="importReportText")
        details.setReadOnly(True)
        details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
