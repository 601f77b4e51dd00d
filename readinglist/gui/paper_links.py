"""Open a paper on arXiv, Hugging Face Papers, Semantic Scholar or Google Scholar; copy
its BibTeX; show its authors and links in the preview. Nothing here touches the network
itself: links open in the user's browser."""

from __future__ import annotations

import html
import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu

from readinglist.core.library import Paper
from readinglist.core.metadata import store
from readinglist.core.metadata.citation import Item, to_bibtex
from readinglist.core.metadata.links import DEFAULT_SITE, SITES, links
from readinglist.core.wording import plural

if TYPE_CHECKING:
    from readinglist.gui.main_window import MainWindow

SITE_SETTING = "links/default_site"


def open_url(url: str) -> bool:
    """The browser opens it (tests replace this)."""
    return QDesktopServices.openUrl(QUrl(url))


class PaperLinks(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.settings = window.settings
        self.fill_menu(window.paper_menu)
        # O opens the paper on the default site while the table has the focus (like T, N, S).
        self.open_default = QAction("Open on Default Site\tO", window, objectName="openDefaultSite")
        self.open_default.triggered.connect(self.open_selected_default)
        window.paper_menu.addAction(self.open_default)
        window.table.installEventFilter(self)
        previous = window.preview.extra_html
        window.preview.extra_html = lambda paper, muted: (
            self.preview_html(paper, muted) + (previous(paper, muted) if previous else "")
        )
        window.preview.anchorClicked.connect(self._link_clicked)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_O
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.open_selected_default()
            return True
        return False

    @property
    def default_site(self) -> str:
        site = str(self.settings.value(SITE_SETTING, DEFAULT_SITE))
        return site if site in SITES else DEFAULT_SITE

    def fill_menu(self, menu: QMenu) -> None:
        """The Open On submenu and Copy BibTeX, in the Paper menu and the context menu."""
        menu.addSeparator()
        open_on = menu.addMenu("&Open On")
        open_on.setObjectName("openOnMenu")
        for site in SITES:
            action = open_on.addAction(site)
            action.triggered.connect(lambda _=False, s=site: self.open_selected(s))
        open_on.addSeparator()
        default = open_on.addMenu("Default Site for O")
        group = QActionGroup(default)
        for site in SITES:
            action = default.addAction(site)
            action.setCheckable(True)
            action.setChecked(site == self.default_site)
            action.triggered.connect(
                lambda _=False, s=site: self.settings.setValue(SITE_SETTING, s)
            )
            group.addAction(action)
        copy = menu.addAction("Copy &BibTeX")
        copy.setObjectName("copyBibtex")
        copy.setShortcut(QKeySequence("Ctrl+Shift+B"))
        copy.triggered.connect(self.copy_bibtex)

    def _links_of(self, paper_id: int) -> dict[str, str]:
        paper = self.window.library.paper(paper_id)
        return links(paper.title, store.record_of(self.window.library, paper_id))

    def open_selected(self, site: str) -> None:
        ids = self.window.selected_ids()
        if ids:
            open_url(self._links_of(ids[0])[site])

    def open_selected_default(self) -> None:
        self.open_selected(self.default_site)

    def copy_bibtex(self) -> None:
        ids = self.window.selected_ids()
        if not ids:
            return
        library = self.window.library
        papers = library.papers(ids, with_digests=False)
        records = store.metadata_for(library, ids)
        text = to_bibtex([Item(p, records.get(p.id)) for p in papers])
        QGuiApplication.clipboard().setText(text)
        found = sum(p.id in records for p in papers)
        self.window.statusBar().showMessage(
            f"BibTeX of {plural(len(papers), 'paper')} copied ({found} with arXiv metadata)",
            8000,
        )

    def preview_html(self, paper: Paper, muted: str) -> str:
        try:
            record = store.record_of(self.window.library, paper.id)
        except sqlite3.Error:  # closed (the window is going) or busy: the links still help
            record = None
        parts = []
        if record is not None:
            facts = [", ".join(record.authors) or "authors unknown"]
            if record.published:
                facts.append(record.published)
            facts.append(f"arXiv:{record.arxiv_id}")
            if record.primary_category:
                facts.append(record.primary_category)
            parts.append(f"<p>{html.escape(' · '.join(facts))}</p>")
        found = links(paper.title, record)
        anchors = " · ".join(
            f"<a href='{html.escape(url, quote=True)}'>{html.escape(site)}</a>"
            for site, url in found.items()
        )
        if record is not None:
            anchors += f" · <a href='{html.escape(record.pdf_url, quote=True)}'>PDF</a>"
        parts.append(f"<p style='color: {muted}'>Open on: {anchors}</p>")
        return "".join(parts)

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            open_url(url.toString())
