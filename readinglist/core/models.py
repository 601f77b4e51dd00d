"""The records the library hands out: papers, sightings, import reports, errors."""

from __future__ import annotations

from dataclasses import dataclass, field

from readinglist.core.digest import ParseWarning
from readinglist.core.wording import plural


class LibraryError(Exception):
    """A problem with the library file or a request on it, worded for the user."""


class ImportCancelled(Exception):
    """The user cancelled an import; nothing of it was written."""


@dataclass(frozen=True)
class Sighting:
    file: str
    date: str | None
    imported: str


@dataclass
class Paper:
    id: int
    title: str
    abstract: str
    added: str
    rating: int
    status: str
    note: str
    tags: list[str]
    seen: int
    first_seen: str | None
    digests: list[Sighting] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "abstract": self.abstract,
            "tags": self.tags,
            "rating": self.rating,
            "status": self.status,
            "note": self.note,
            "seen": self.seen,
            "first_seen": self.first_seen,
            "added": self.added,
            "digests": [{"file": s.file, "date": s.date} for s in self.digests],
        }


@dataclass
class FileReport:
    file: str
    added: int = 0
    known: int = 0
    date: str | None = None
    warnings: list[ParseWarning] = field(default_factory=list)
    error: str | None = None  # why the file could not be imported at all
    error_line: int | None = None
    restored: int = 0  # papers whose annotations an export put back
    already_imported: str | None = None  # when this very digest was imported before

    def summary(self) -> str:
        if self.error:
            where = f"{self.file}:{self.error_line}" if self.error_line else self.file
            return f"{where}: error: {self.error}"
        parts = [f"{self.added} added", f"{self.known} already known"]
        if self.restored:
            parts.append(f"annotations restored on {self.restored}")
        if self.warnings:
            parts.append(plural(len(self.warnings), "warning"))
        line = f"{self.file}: " + ", ".join(parts)
        if self.already_imported:
            line += f" (this digest was already imported on {self.already_imported[:10]})"
        return line


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    import_id: int | None = None
    notes: list[str] = field(default_factory=list)  # about the run as a whole

    @property
    def added(self) -> int:
        return sum(f.added for f in self.files)

    @property
    def known(self) -> int:
        return sum(f.known for f in self.files)

    @property
    def warnings(self) -> list[ParseWarning]:
        return [w for f in self.files for w in f.warnings]

    @property
    def errors(self) -> list[FileReport]:
        return [f for f in self.files if f.error]


@dataclass(frozen=True)
class Annotation:
    """What a user gave a paper: enough to put it back exactly (undo, restore)."""

    tags: tuple[str, ...]
    rating: int
    status: str
    note: str


@dataclass
class DeletedPapers:
    """Everything delete_papers removed, so restore_papers can put it back."""

    rows: list[tuple]
    sightings: list[tuple]
    annotations: dict[int, Annotation]

    @property
    def ids(self) -> list[int]:
        return [row[0] for row in self.rows]
