"""One window per library: a second launch hands its files to the window already open.

The first `readinglist` started on a library listens on a local server whose name is a
hash of the user and the library path: a Unix socket in $XDG_RUNTIME_DIR on Linux
(per user, emptied at logout, and shared by the instances of a Flatpak), in the temp
folder elsewhere; a named pipe on Windows. A later launch on the same library connects,
sends the absolute paths of its files as one JSON line, waits for the reply ``ok`` and
exits, so only one process ever writes to the library. A server name left behind by a
crashed first instance answers no connection; the next launch removes it and becomes the
first instance itself. A lock file around that decision keeps two launches started at the
same moment from both becoming first.

    instance = SingleInstance(library_path)
    if not instance.start(files):          # another window took the files
        return 0
    ...create the window...
    instance.forward_to(window)            # later launches' files go to window.imports
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Qt, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_TIMEOUT_MS = 1000
# The first instance reads hand-offs only once its event loop runs, after it has opened
# the library and built the window, so a launch right after it may wait a few seconds.
REPLY_TIMEOUT_MS = 15000
LOCK_TIMEOUT_MS = 5000
BUSY_RETRY_MS = 250
MAX_MESSAGE_BYTES = 1 << 20
MAX_SOCKET_PATH = 100  # sockaddr_un.sun_path holds 104 bytes on macOS, 108 on Linux
ACK = b"ok\n"


class HandOffError(Exception):
    """A running instance was found but did not confirm that it took the files."""


def library_key(library_path: str | os.PathLike[str]) -> str:
    """The library path as every launch spells it, whatever its working directory."""
    return os.path.normcase(str(Path(library_path).expanduser().resolve()))


def server_name(library_path: str | os.PathLike[str]) -> str:
    """The local server name for a library: the same for one user and one library file.

    An absolute socket path in the user's runtime folder where there is one (Linux),
    otherwise a bare name that Qt places in the temp folder (or makes a named pipe).
    """
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    digest = hashlib.sha256(f"{user}\0{library_key(library_path)}".encode()).hexdigest()
    name = f"readinglist-{digest[:24]}"
    folder = _runtime_folder()
    if folder is not None and len(os.fsencode(os.path.join(folder, name))) < MAX_SOCKET_PATH:
        return os.path.join(folder, name)
    return name


def _runtime_folder() -> str | None:
    """$XDG_RUNTIME_DIR (in a Flatpak, its app/$FLATPAK_ID folder) if it exists."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.name != "posix" or not os.path.isabs(runtime):
        return None
    if os.environ.get("FLATPAK_ID"):
        runtime = os.path.join(runtime, "app", os.environ["FLATPAK_ID"])
    return runtime if os.path.isdir(runtime) else None


def socket_path(name: str) -> str:
    """Where a Unix socket of this server name lives (Qt's rule for bare names)."""
    return name if os.path.isabs(name) else os.path.join(QDir.tempPath(), name)


class SingleInstance(QObject):
    """The local server of the first instance, or the client of a later one."""

    files_received = Signal(list)  # absolute paths; empty when a launch only asks to be shown

    def __init__(self, library_path: str | os.PathLike[str], parent: QObject | None = None):
        super().__init__(parent)
        self.name = server_name(library_path)
        self.server: QLocalServer | None = None
        self._lock = QLockFile(socket_path(self.name) + ".lock")
        self._buffers: dict[QLocalSocket, bytes] = {}
        self._pending: list[str] = []
        self._retry_scheduled = False

    # -- start-up ---------------------------------------------------------------------

    def start(self, files: Sequence[str | os.PathLike[str]] = ()) -> bool:
        """Become the first instance (True), or hand `files` to the running one (False).

        Raises HandOffError when a running instance was found but did not take the files.
        When no server can be set up at all the program runs on without one (True).
        """
        paths = [os.path.abspath(os.fspath(path)) for path in files]
        locked = self._lock.tryLock(LOCK_TIMEOUT_MS)
        try:
            if self._send(paths):
                return False
            self._listen()
            return True
        finally:
            if locked:
                self._lock.unlock()

    @property
    def is_listening(self) -> bool:
        return self.server is not None and self.server.isListening()

    def close(self) -> None:
        """Stop listening (on Unix this removes the socket file)."""
        if self.server is not None:
            self.server.close()
            self.server = None

    def _send(self, paths: list[str]) -> bool:
        """True when a running instance took `paths`; False when none is running."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False  # no server, or a stale name left by a crashed instance
        try:
            socket.write(json.dumps({"files": paths}).encode() + b"\n")
            while socket.bytesToWrite():
                if not socket.waitForBytesWritten(REPLY_TIMEOUT_MS):
                    raise HandOffError(f"could not send the files: {socket.errorString()}")
            reply = b""
            while b"\n" not in reply:
                if not socket.waitForReadyRead(REPLY_TIMEOUT_MS):
                    raise HandOffError(
                        "the readinglist window already open on this library did not answer"
                        f" ({socket.errorString()})"
                    )
                reply += socket.readAll().data()
            if reply != ACK:
                raise HandOffError(f"the running readinglist answered {reply!r}")
            return True
        finally:
            socket.abort()

    def _listen(self) -> None:
        # Only reached when nobody answered on the name (and, under the lock, nobody else
        # is deciding right now): a socket file still there was left by a crashed instance.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                server.deleteLater()
                return  # run without hand-off rather than not at all
        server.newConnection.connect(self._accept)
        self.server = server

    # -- the first instance: receiving hand-offs ------------------------------------------

    def _accept(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            return
        data = self._buffers[socket] + socket.readAll().data()
        self._buffers[socket] = data
        if len(data) > MAX_MESSAGE_BYTES:
            socket.abort()
            return
        if b"\n" not in data:
            return
        line = data.split(b"\n", 1)[0]
        try:
            message = json.loads(line)
            files = [str(path) for path in message.get("files", [])]
        except (ValueError, AttributeError, TypeError):
            socket.abort()
            return
        del self._buffers[socket]
        self.files_received.emit(files)
        socket.write(ACK)
        socket.flush()
        socket.disconnectFromServer()

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    # -- the first instance: passing files on to the window ---------------------------------

    def forward_to(self, window) -> None:
        """Raise `window` on every hand-off and import the files it brings.

        `window` is the MainWindow: its ImportController (`window.imports`) starts an
        import and says whether one runs. Files that arrive during an import wait for it to end
        instead of being refused.
        """
        self.files_received.connect(lambda files: self._deliver(window, files))

    def _deliver(self, window, files: list[str]) -> None:
        _present(window)
        self._pending.extend(files)
        self._import_pending(window)

    def _import_pending(self, window) -> None:
        if not self._pending:
            return
        if window.imports.running:
            if not self._retry_scheduled:
                self._retry_scheduled = True
                QTimer.singleShot(BUSY_RETRY_MS, window, lambda: self._retry(window))
            return
        files, self._pending = self._pending, []
        window.imports.import_paths(files)

    def _retry(self, window) -> None:
        self._retry_scheduled = False
        self._import_pending(window)


def _present(window) -> None:
    """Bring the window to the front (the window manager may only mark it as urgent)."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
