"""Input files, opened as untrusted: what a folder holds, each file's bytes decompressed in
bounded chunks, and every way that can fail as the input's own rejection.

- Names: a path is stored and shown as ``source_name`` gives it, its bytes that are not UTF-8
  as ``\\xNN`` escapes (``os.fsdecode`` keeps them as lone surrogates, which no store, JSON
  document or terminal takes).
- Only regular files are opened, and only after ``stat`` says so: a named pipe, a socket or a
  device is rejected as ``not_a_file`` unopened (a FIFO would block the read for ever).
- A folder is walked without leaving it: a symlink is followed when it resolves inside the
  folder given (each real folder and file is read once, which also ends link loops), and is
  rejected as ``outside_tree`` when it resolves elsewhere; a dangling one is ``missing``, a
  looping one ``link_loop``, a folder that cannot be listed ``unreadable``.
- Compressed files (gzip, bzip2, Zstandard, each possibly of several members or frames) are
  decompressed a chunk at a time, so a reader stops at its limit however far a bomb inflates;
  a stream that ends inside a member or frame is ``truncated``, one that is not of its kind
  ``malformed``.
"""

from __future__ import annotations

import bz2
import errno
import gzip
import io
import os
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..records import Rejection

COMPRESSED_SUFFIXES = (".gz", ".bz2", ".zst")
# what a read of a compressed file asks for at a time: a stream cut short loses what the read
# it ends in had inflated (gzip and bzip2 raise on it), so little is asked at once
CHUNK_BYTES = 1 << 16
# Zstandard input is fed this much at a time: one call inflates it whole, and a run of RLE
# blocks (4 bytes each for 128 KiB) makes 1 KiB into at most 32 MiB
ZSTD_FEED_BYTES = 1 << 10

_NOT_A_FILE = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def source_name(path: str | os.PathLike[str]) -> str:
    """``path`` as text that can be stored, printed and put in JSON: a name that is not UTF-8
    keeps its bytes as ``\\xNN`` escapes (``caf\\xe9.txt``); any other name is unchanged."""
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a str path holding surrogates that are no escaped bytes
        return os.fspath(path).encode("utf-8", "backslashreplace").decode("utf-8")


def _kind_of(mode: int) -> str:
    for test, what in _NOT_A_FILE:
        if test(mode):
            return what
    return "not a regular file"


def _stat_error(source: str, error: OSError) -> InputError:
    if error.errno == errno.ELOOP:
        return InputError(source, "link_loop", "a symlink that loops back on itself")
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return InputError(source, "missing", "no such file (a symlink to nothing?)")
    return InputError(source, "unreadable", f"cannot read ({error.strerror or error})")


def regular_stat(path: Path, source: str) -> os.stat_result:
    """The file's status (links followed), if it is a regular file; else an ``InputError``:
    ``not_a_file``, ``missing``, ``link_loop`` or ``unreadable``. Opens nothing."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise _stat_error(source, e) from e
    if not stat.S_ISREG(st.st_mode):
        raise InputError(source, "not_a_file", f"{_kind_of(st.st_mode)}, not a file to read")
    return st


def open_regular(path: Path, source: str) -> BinaryIO:
    """The file opened for reading, if it is a regular file. Opened without blocking and
    checked again once open, so a pipe put in its place after the ``stat`` cannot hang it."""
    regular_stat(path, source)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise _stat_error(source, e) from e
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(source, "not_a_file", f"{_kind_of(st.st_mode)}, not a file to read")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def strip_compression(name: str) -> str:
    for ext in COMPRESSED_SUFFIXES:
        if name.endswith(ext):
            return name.removesuffix(ext)
    return name


def chunks(path: Path, source: str, size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """The file's bytes, decompressed by its suffix, about ``size`` at a time (never much
    more: a bomb is read no further than its reader asks). ``InputError`` ``truncated`` when a
    compressed stream ends early, ``malformed`` when it is not of its kind."""
    with open_regular(path, source) as raw:
        name = path.name
        try:
            if name.endswith(".zst"):
                yield from _zstd_chunks(raw, source, size)
                return
            f: BinaryIO = (
                gzip.GzipFile(fileobj=raw)
                if name.endswith(".gz")
                else bz2.BZ2File(raw)  # type: ignore[assignment]
                if name.endswith(".bz2")
                else raw
            )
            while chunk := f.read(size):
                yield chunk
        except EOFError as e:  # gzip and bzip2 say so when a stream stops inside a member
            kind = "gzip" if name.endswith(".gz") else "bzip2"
            raise InputError(source, "truncated", f"the {kind} stream is cut short ({e})") from e
        except (gzip.BadGzipFile, zlib.error) as e:
            raise InputError(source, "malformed", f"not a valid gzip stream ({e})") from e
        except OSError as e:
            if e.errno is None and name.endswith(".bz2"):  # the bz2 module's "Invalid data stream"
                raise InputError(source, "malformed", f"not a valid bzip2 stream ({e})") from e
            raise


def _zstd_chunks(raw: BinaryIO, source: str, size: int) -> Iterator[bytes]:
    """Every frame of a Zstandard file, decompressed. python-zstandard's stream reader ends
    quietly where a cut file ends; its decompression object says whether the frame ended."""
    import zstandard

    dctx = zstandard.ZstdDecompressor()
    dobj = None
    out: list[bytes] = []
    held = 0
    try:
        while data := raw.read(size):
            for i in range(0, len(data), ZSTD_FEED_BYTES):
                piece = data[i : i + ZSTD_FEED_BYTES]
                while piece:
                    dobj = dobj or dctx.decompressobj()
                    got = dobj.decompress(piece)
                    piece = b""
                    if dobj.eof:  # a frame ended: what follows is the next one
                        piece, dobj = dobj.unused_data, None
                    if got:
                        out.append(got)
                        held += len(got)
                if held >= size:
                    yield b"".join(out)
                    out, held = [], 0
    except zstandard.ZstdError as e:
        raise InputError(source, "malformed", f"not a valid Zstandard stream ({e})") from e
    if out:
        yield b"".join(out)
    if dobj is not None:
        raise InputError(
            source,
            "truncated",
            "the Zstandard stream is cut short inside a frame",
        )


def rejection_for(source: str, error: BaseException) -> Rejection:
    """The rejection of an input whose reading raised ``error``: whatever one file or record
    does, it is that input's rejection, never the end of the batch."""
    if isinstance(error, InputError):
        return Rejection(error.source, error.reason, str(error))
    what = f"{type(error).__name__}: {error}"[:500]
    if isinstance(error, RecursionError):
        return Rejection(source, "too_deep", f"{source}: nested too deeply to be parsed ({what})")
    if isinstance(error, MemoryError):
        return Rejection(source, "too_large", f"{source}: too large for the memory at hand")
    if isinstance(error, EOFError):
        return Rejection(source, "truncated", f"{source}: ends early ({what})")
    if isinstance(error, UnicodeError):
        return Rejection(source, "undecodable", f"{source}: cannot be decoded ({what})")
    if isinstance(error, OSError):
        return Rejection(source, "unreadable", f"{source}: cannot read ({error.strerror or what})")
    return Rejection(source, "malformed", f"{source}: cannot be read ({what})")


def within(path: str, root: str) -> bool:
    """Whether the real path ``path`` is ``root`` or lies under it (both resolved)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def walk(
    root: Path, wanted: set[str] | frozenset[str], seen: set[tuple[int, int]] | None = None
) -> Iterator[Path | Rejection]:
    """The files under the folder ``root`` whose names (less a compression suffix) end in one
    of ``wanted``, in a stable order (names sorted, depth first, dot-files passed over), and
    a rejection for each thing in it that cannot be read: a folder that cannot be listed, a
    symlink that leaves ``root`` or leads nowhere, a pipe, socket or device. Symlinks inside
    ``root`` are followed, to the file or folder they point to, named where it lies; each
    real file (``seen``: device and inode) and folder is given once."""
    seen = seen if seen is not None else set()
    tree = _Tree(root, os.path.realpath(root), frozenset(wanted), seen, set())
    yield from _walk_folder(tree, root, tree.real_root)


@dataclass(slots=True)
class _Tree:
    """One walk: the folder given, as named and resolved, and what it has met."""

    root: Path
    real_root: str
    wanted: frozenset[str]
    seen: set[tuple[int, int]]  # files given (device, inode)
    folders: set[str]  # real paths of the folders walked

    def named(self, real: str) -> Path:
        """A real path inside the tree, named under the root as given."""
        return self.root / os.path.relpath(real, self.real_root)


def _walk_folder(tree: _Tree, folder: Path, real: str) -> Iterator[Path | Rejection]:
    if real in tree.folders:
        return  # walked already, under another name (or a link back up the tree)
    tree.folders.add(real)
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        src = source_name(folder)
        yield Rejection(src, "unreadable", f"{src}: cannot list this folder ({e.strerror or e})")
        return
    # as os.walk gives them: the folder's files first, then its folders, each in name order
    entries = [e for e in entries if not e.name.startswith(".")]
    for entry in sorted(entries, key=_is_folder):
        yield from _entry(tree, folder / entry.name, entry, real)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # links followed, as os.walk does
    except OSError:
        return False


def _entry(
    tree: _Tree, path: Path, entry: os.DirEntry[str], real: str
) -> Iterator[Path | Rejection]:
    if not entry.is_symlink():
        if entry.is_dir(follow_symlinks=False):
            yield from _walk_folder(tree, path, os.path.join(real, entry.name))
        elif _wanted(entry.name, tree.wanted):
            yield from _file(path, tree.seen)
        return
    src = source_name(path)
    target = os.path.realpath(path)
    try:
        st = os.stat(path)
    except OSError as e:
        err = _stat_error(src, e)
        if err.reason == "missing":
            err = InputError(
                src, "missing", f"a symlink to {source_name(target)}, which does not exist"
            )
        yield rejection_for(src, err)
        return
    if not within(target, tree.real_root):
        yield Rejection(
            src,
            "outside_tree",
            f"{src}: a symlink to {source_name(target)}, outside the folder given "
            f"({source_name(tree.real_root)}); not followed",
        )
    # a link inside the tree stands for what it points to, read under the name it has where
    # it lies (whichever name the walk meets first, the source is the same)
    elif stat.S_ISDIR(st.st_mode):
        yield from _walk_folder(tree, tree.named(target), target)
    elif _wanted(entry.name, tree.wanted):
        yield from _file(tree.named(target), tree.seen)


def _wanted(name: str, wanted: set[str] | frozenset[str]) -> bool:
    return not name.startswith(".") and Path(strip_compression(name)).suffix.lower() in wanted


def _file(path: Path, seen: set[tuple[int, int]]) -> Iterator[Path | Rejection]:
    """``path`` if it is a regular file not given yet, its rejection if it is no file."""
    src = source_name(path)
    try:
        st = regular_stat(path, src)
    except InputError as e:
        yield rejection_for(src, e)
        return
    key = (st.st_dev, st.st_ino)
    if key not in seen:
        seen.add(key)
        yield path


def given(
    path: Path, wanted: set[str] | frozenset[str], seen: set[tuple[int, int]]
) -> Iterator[Path | Rejection]:
    """What one path given to read stands for: the files of a folder (``walk``), or the
    file itself. A given file that is a symlink is followed only inside the folder it lies
    in, as a link in a walked folder is: a shell glob over a crawl may name a planted link."""
    src = source_name(path)
    if os.path.isdir(path):
        yield from walk(path, wanted, seen)
        return
    if not os.path.lexists(path):
        yield Rejection(src, "missing", f"{src}: no such file or folder")
        return
    if os.path.islink(path):
        target = os.path.realpath(path)
        home = os.path.realpath(path.parent)
        if os.path.lexists(target) and not within(target, home):
            yield Rejection(
                src,
                "outside_tree",
                f"{src}: a symlink to {source_name(target)}, outside the folder it lies in "
                f"({source_name(home)}); not followed",
            )
            return
    yield from _file(path, seen)


class ChunkStream(io.RawIOBase):
    """A read-only file over an iterator of chunks (``chunks``), for a reader that wants a
    file (fastwarc, which also asks where it is). A failure of the iterator is kept in
    ``error``, and the reader sees the stream end there: what it read before stands, and its
    caller reports the failure."""

    def __init__(self, parts: Iterator[bytes]) -> None:
        super().__init__()
        self._parts = parts
        self._chunk = memoryview(b"")
        self._pos = 0
        self.error: Exception | None = None

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Forward only (by reading on): the stream is decompressed as it goes."""
        target = offset if whence == io.SEEK_SET else self._pos + offset
        if whence not in (io.SEEK_SET, io.SEEK_CUR) or target < self._pos:
            raise io.UnsupportedOperation("a decompressed stream seeks forward only")
        while self._pos < target and self.read(min(CHUNK_BYTES, target - self._pos)):
            pass
        return self._pos

    def readinto(self, buffer: Any) -> int:
        while not self._chunk:
            if self.error is not None:
                return 0
            try:
                self._chunk = memoryview(next(self._parts))
            except StopIteration:
                return 0
            except Exception as e:  # kept for the caller, which rejects the input
                self.error = e
                return 0
        n = min(len(buffer), len(self._chunk))
        buffer[:n] = self._chunk[:n]
        self._chunk = self._chunk[n:]
        self._pos += n
        return n
