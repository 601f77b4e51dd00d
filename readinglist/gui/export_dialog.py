"""File > Export: choose what and how, see the Markdown and its rendering live, save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from readinglist.core import atomic
from readinglist.core.export import (
    ExportOptions,
    export_html,
    export_markdown,
    vault_files,
    write_vault,
)
from readinglist.core.library import Library, LibraryError
from readinglist.core.query import Query, everything, parse, restrict_to_ids, tag_query
from readinglist.core.wording import plural
from readinglist.gui import plain_text
from readinglist.gui.error_policy import problem_text

PREVIEW_LIMIT = 60  # the preview shows this many papers; the file gets them all
GROUPS = [
    ("No grouping", "none"),
    ("Tag", "tag"),
    ("Rating", "rating"),
    ("Status", "status"),
    ("Digest date", "digest_date"),
]
SORTS = [
    ("Title", "title"),
    ("Rating", "rating"),
    ("Added", "added"),
    ("First seen", "first_seen"),
    ("Times seen", "seen"),
    ("Status", "status"),
]
ABSTRACTS = [
    ("Full abstract", "full"),
    ("First sentence", "first_sentence"),
    ("No abstract", "none"),
]
FORMATS = [("Markdown file", "md"), ("HTML page", "html"), ("One file per paper (vault)", "vault")]
# Citations for Zotero, JabRef and word processors (core/metadata/citation.py).
FORMATS += [("BibTeX (.bib)", "bibtex"), ("CSL-JSON (.json)", "csl-json"), ("RIS (.ris)", "ris")]
CITATION_SUFFIX = {"bibtex": "bib", "csl-json": "json", "ris": "ris"}


class ExportDialog(QDialog):
    def __init__(
        self, library: Library, selected: list[int], search: Query, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self.resize(1100, 720)
        self.library = library
        self.scopes = self._scopes(selected, search)
        self.preview_timer = QTimer(self, singleShot=True, interval=120)
        self.preview_timer.timeout.connect(self.update_preview)

        self.scope = self._combo([label for label, *_ in self.scopes], "exportScope")
        self.group = self._combo([label for label, _ in GROUPS], "exportGroup")
        self.sort = self._combo([label for label, _ in SORTS], "exportSort")
        self.descending = self._check("Descending", "exportDescending")
        self.abstracts = self._combo([label for label, _ in ABSTRACTS], "exportAbstracts")
        self.notes = self._check("Include notes", "exportNotes", checked=True)
        self.digests = self._check("List the digests each paper was seen in", "exportDigests")
        self.front_matter = self._check("YAML front matter (Obsidian)", "exportFrontMatter")
        self.format = self._combo([label for label, _ in FORMATS], "exportFormat")
        if selected:
            self.scope.setCurrentIndex(0)
        else:
            self.scope.setCurrentIndex(1)

        form = QFormLayout()
        form.addRow("Papers:", self.scope)
        form.addRow("Group by:", self.group)
        sort_row = QHBoxLayout()
        sort_row.addWidget(self.sort, 1)
        sort_row.addWidget(self.descending)
        form.addRow("Sort by:", sort_row)
        form.addRow("Abstracts:", self.abstracts)
        form.addRow("", self.notes)
        form.addRow("", self.digests)
        form.addRow("", self.front_matter)
        form.addRow("Save as:", self.format)
        self.summary = QLabel(objectName="exportSummary")
        self.summary.setWordWrap(True)
        form.addRow(self.summary)
        options = QWidget()
        options.setLayout(form)

        self.rendered = QTextBrowser(objectName="exportRendered")
        self.rendered.setOpenLinks(False)
        self.raw = QPlainTextEdit(objectName="exportMarkdown")
        self.raw.setReadOnly(True)
        previews = QSplitter(Qt.Orientation.Horizontal)
        previews.addWidget(self.rendered)
        previews.addWidget(self.raw)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(options)
        splitter.addWidget(previews)
        splitter.setSizes([330, 770])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Copy Markdown", objectName="exportCopy")
        self.save_button = QPushButton("Save…", objectName="exportSave")
        self.save_button.setDefault(True)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_markdown)
        self.save_button.clicked.connect(self.ask_save)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.update_preview()

    # -- choices --------------------------------------------------------------------

    def _scopes(self, selected: list[int], search: Query) -> list[tuple[str, Query, str]]:
        scopes = [
            (
                f"Selected papers ({len(selected)})",
                restrict_to_ids(everything(), selected),
                f"{len(selected)} selected",
            ),
            (
                f"Current search ({self.library.count(search)})",
                search,
                f"search: {search.text}" if search.text else "the current list",
            ),
            (f"Whole library ({self.library.total()})", everything(), "the whole library"),
        ]
        for name, count in self.library.tags():
            scopes.append((f"Tag: {name} ({count})", tag_query(name), f"tag: {name}"))
        for name, text in self.library.saved_searches():
            scopes.append((f"Smart list: {name}", parse(text), f"smart list: {name}"))
        return scopes

    def _combo(self, labels: list[str], name: str) -> QComboBox:
        combo = QComboBox(objectName=name)
        combo.addItems(labels)
        combo.currentIndexChanged.connect(self.preview_timer.start)
        return combo

    def _check(self, label: str, name: str, checked: bool = False) -> QCheckBox:
        box = QCheckBox(label, objectName=name)
        box.setChecked(checked)
        box.toggled.connect(self.preview_timer.start)
        return box

    def options(self) -> ExportOptions:
        return ExportOptions(
            group_by=GROUPS[self.group.currentIndex()][1],
            abstracts=ABSTRACTS[self.abstracts.currentIndex()][1],
            notes=self.notes.isChecked(),
            digests=self.digests.isChecked(),
            front_matter=self.front_matter.isChecked(),
        )

    def papers(self, limit: int | None = None):
        _, query, _ = self.scopes[self.scope.currentIndex()]
        return self.library.search(
            query,
            sort=SORTS[self.sort.currentIndex()][1],
            descending=self.descending.isChecked(),
            limit=limit,
        )

    def markdown(self, limit: int | None = None) -> str:
        what = self.scopes[self.scope.currentIndex()][2]
        return export_markdown(self.papers(limit), self.options(), what)

    # -- preview and output ---------------------------------------------------------------

    def update_preview(self) -> None:
        _, query, _ = self.scopes[self.scope.currentIndex()]
        count = self.library.count(query)
        text = self.markdown(limit=PREVIEW_LIMIT)
        self.raw.setPlainText(text)
        self.rendered.setHtml(export_html(text))
        shown = "" if count <= PREVIEW_LIMIT else f" The preview shows the first {PREVIEW_LIMIT}."
        self.summary.setText(f"{plural(count, 'paper')} will be exported.{shown}")
        self.save_button.setEnabled(count > 0)

    def copy_markdown(self) -> None:
        QGuiApplication.clipboard().setText(self.markdown())

    def ask_save(self) -> None:
        kind = FORMATS[self.format.currentIndex()][1]
        if kind == "vault":
            folder = QFileDialog.getExistingDirectory(self, "Export a file per paper into")
            if folder:
                self.save_to(Path(folder))
            return
        suffix = "HTML page (*.html)" if kind == "html" else "Markdown (*.md)"
        ending = CITATION_SUFFIX.get(kind, kind)
        if kind in CITATION_SUFFIX:
            suffix = f"{FORMATS[self.format.currentIndex()][0]} (*.{ending})"
        path, _ = QFileDialog.getSaveFileName(self, "Export", f"reading-list.{ending}", suffix)
        if path:  # the file dialog has asked before replacing a file
            self.save_to(Path(path), replace=True)

    def save_to(self, path: Path, replace: bool = False) -> list[Path]:
        """Write the export whole (atomic); an existing file is replaced only if the user says so.

        Returns the files written ([] when the user kept the old file or it failed).
        """
        kind = FORMATS[self.format.currentIndex()][1]
        try:
            if kind == "vault":
                written = write_vault(path, vault_files(self.papers(), self.options()))
            else:
                if path.exists() and not path.is_dir() and not replace:
                    question = f"{path} exists. Replace it with this export?"
                    if not plain_text.ask(self, "Replace File", question):
                        return []
                if kind in CITATION_SUFFIX:
                    atomic.write_text(path, citations(self.library, self.papers(), kind))
                else:
                    text = self.markdown()
                    atomic.write_text(path, export_html(text) if kind == "html" else text)
                written = [path]
        except LibraryError as exc:
            self._failed(str(exc))
            return []
        except Exception as exc:  # noqa: BLE001 - disk full, no permission...: one sentence
            self._failed(problem_text(exc, "the export", self.library.path))
            return []
        self.accept()
        return written

    def _failed(self, message: str) -> None:
        box = plain_text.message_box(
            QMessageBox.Icon.Warning, "Export failed", message, parent=self
        )
        box.setObjectName("exportFailed")
        box.open()


def citations(library, papers, kind: str) -> str:
    from readinglist.core.metadata import store
    from readinglist.core.metadata.citation import Item, render

    records = store.metadata_for(library, [p.id for p in papers])
    return render(kind, [Item(p, records.get(p.id)) for p in papers])
