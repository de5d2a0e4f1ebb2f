"""The full-disk area: outputs and databases written to a full filesystem must end in one
line and exit 2, leave no partial output and keep the database as it was.

The filesystem is a 4 MB tmpfs mounted for the run (root only) and filled to the last
byte; without it each child runs under ``RLIMIT_FSIZE`` (SIGXFSZ ignored), so
every write past 64 bytes fails with EFBIG instead of ENOSPC.
"""

from __future__ import annotations

import errno
import resource
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

from .hostile_common import A, C, Case, Spec, judge, query, run_cli
from .hostile_kills import compare_args, db_damage, differences_of_first, partial_outputs, stored_db

OLD = ("北京市测试条例\n\n（2020年1月1日北京市第十五届人民代表大会常务委员会第二十次会议通过）\n\n"
       "第一条　为了测试，制定本条例。\n\n第二条　本条例适用于本市。\n\n第三条　本条例自公布之日起施行。\n")
DECISION = "北京市人民代表大会常务委员会关于修改《北京市测试条例》的决定\n\n一、删去第二条。\n\n本决定自公布之日起施行。\n"
FSIZE_LIMIT = 64  # bytes: every output and database write goes past it


class FullDisk:
    """A full filesystem at ``folder/full`` (tmpfs), or a file-size limit for the children."""

    def __init__(self, folder: Path, mount: bool = True) -> None:
        """Mount the tmpfs (``mount=False``, or not root: the file-size limit instead)."""
        self.dir = folder / "full"
        self.dir.mkdir()
        self.mounted = mount and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(self.dir)],
                                                capture_output=True).returncode == 0
        self.mode = "tmpfs 4 MB, filled" if self.mounted else f"RLIMIT_FSIZE {FSIZE_LIMIT} bytes"

    def preexec(self) -> Callable[[], None] | None:
        """What a child runs before exec: the file-size limit when there is no tmpfs."""
        if self.mounted:
            return None

        def limit() -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (FSIZE_LIMIT, FSIZE_LIMIT))
        return limit

    def fill(self) -> None:
        """Take every free byte of the tmpfs (fillers ``.filler-N``)."""
        if not self.mounted:
            return
        n = len(list(self.dir.glob(".filler-*")))
        for size in (1 << 20, 1 << 12, 1):
            while True:
                try:
                    with open(self.dir / f".filler-{n}", "wb") as fh:
                        fh.write(b"\0" * size)
                    n += 1
                except OSError as exc:
                    if exc.errno not in (errno.ENOSPC, errno.EFBIG):
                        raise
                    (self.dir / f".filler-{n}").unlink(missing_ok=True)
                    break

    def free(self) -> None:
        """Give the tmpfs's space back."""
        for filler in self.dir.glob(".filler-*"):
            filler.unlink()

    def close(self) -> None:
        """Unmount the tmpfs."""
        if self.mounted and subprocess.run(["umount", str(self.dir)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(self.dir)], capture_output=True)  # busy: detach it now


def _leftovers(disk: FullDisk, before: set[str]) -> list[str]:
    """Files the case left in the full folder (fillers and files there before excluded)."""
    return sorted(p.name for p in disk.dir.iterdir() if p.name not in before and not p.name.startswith(".filler-"))


def _run_full(disk: FullDisk, name: str, command: str, args: list[str], db: Path | None, rows: int) -> Case:
    """One command against the full filesystem, judged: exit 2 in one line, no partial output
    or staged file left, the database intact."""
    disk.fill()
    before = {p.name for p in disk.dir.iterdir()}
    ran = run_cli(args, disk.dir.parent, preexec=disk.preexec())
    message = ran.first.replace(f"{disk.dir.parent}/", "")
    case = Case("full disk", name, command, ran.code, message, ran.seconds, ran.peak_mb, failed=judge(ran), cpu=ran.cpu)
    if ran.code != 2:
        case.failed.append(f"exit {ran.code}, expected 2")
    left = _leftovers(disk, before)
    case.lost = partial_outputs(disk.dir, ("out.html", "out.json", "out.docx", "out.csv", "out.txt")) + [
        f"left {n}" for n in left if n.endswith(".tmp") or n.startswith("out.")]
    if db is not None:
        disk.free()  # SQLite needs room for its -shm file to open the database at all
        case.lost += db_damage(db, rows)
    case.note = f"{disk.mode}; left: {', '.join(left) or 'nothing'}"
    return case


def _new_database(disk: FullDisk) -> Case:
    """A new database on the full filesystem; what it leaves must open once there is room."""
    db = disk.dir / "new.db"
    case = _run_full(disk, "a new database on a full disk", "compare A C --db full/new.db",
                     ["compare", str(A), str(C), "--db", f"sqlite:///{db}"], None, 0)
    if db.exists():
        disk.free()
        check = run_cli(["comparisons", "--db", f"sqlite:///{db}"], disk.dir.parent)
        if check.code != 0:
            case.lost.append(f"the new.db left does not open with room: {check.first[:60]}")
        for path in disk.dir.glob("new.db*"):
            path.unlink()
    return case


def specs(folder: Path, disk_of: Callable[[], FullDisk]) -> list[Spec]:
    """The full-disk cases; ``disk_of()`` mounts the filesystem when the first case runs."""
    state: dict = {}

    def prepared() -> tuple[FullDisk, Path, int, Path]:
        if not state:
            disk = disk_of()
            db = stored_db(folder, "disk.db")
            full_db = disk.dir / "full.db"
            if disk.mounted:
                shutil.copy(db, full_db)
            else:  # the file-size limit applies everywhere: the database may live anywhere
                full_db = shutil.copy(db, folder / "full.db")
            (folder / "old.txt").write_text(OLD, encoding="utf-8")
            (folder / "dec.txt").write_text(DECISION, encoding="utf-8")
            state.update(disk=disk, db=db, rows=differences_of_first(db), full_db=Path(full_db))
        return state["disk"], state["db"], state["rows"], state["full_db"]

    def output(name: str, outputs: tuple[str, ...]) -> Spec:
        def thunk() -> Case:
            disk, db, rows, _ = prepared()
            return _run_full(disk, name, f"compare A C {' '.join(outputs)} --db", compare_args(disk.dir, db, outputs),
                             db, rows)
        return name, thunk

    def on_full_db(name: str, command: str, args: Callable[[Path, Path], list[str]]) -> Spec:
        def thunk() -> Case:
            disk, db, rows, full_db = prepared()
            return _run_full(disk, name, command, args(full_db, db), full_db, rows)
        return name, thunk

    def plain(name: str, command: str, args: Callable[[FullDisk, Path], list[str]]) -> Spec:
        def thunk() -> Case:
            disk, db, rows, _ = prepared()
            return _run_full(disk, name, command, args(disk, db), db, rows)
        return name, thunk

    return [
        output("HTML report to a full disk", ("out.html",)),
        output("JSON to a full disk", ("out.json",)),
        output("Word table to a full disk", ("out.docx",)),
        output("CSV to a full disk", ("out.csv",)),
        output("every output to a full disk", ("out.html", "out.json", "out.docx", "out.csv")),
        on_full_db("a stored database on a full disk", "compare A C --db full/full.db",
                   lambda full, db: ["compare", str(A), str(C), "--db", f"sqlite:///{full}"]),
        on_full_db("review set on a database on a full disk", "review set FP accepted --db full/full.db",
                   lambda full, db: ["review", "set", _first_fingerprint(db), "accepted", "--reviewer", "张三",
                                     "--comparison", "1", "--db", f"sqlite:///{full}"]),
        ("a new database on a full disk", lambda: _new_database(prepared()[0])),
        plain("apply -o to a full disk", "apply old.txt dec.txt -o full/out.txt",
              lambda disk, db: ["apply", str(folder / "old.txt"), str(folder / "dec.txt"), "-o",
                                str(disk.dir / "out.txt")]),
        plain("review export -o to a full disk", "review export -o full/out.csv --db",
              lambda disk, db: ["review", "export", "--comparison", "1", "-o", str(disk.dir / "out.csv"), "--db",
                                f"sqlite:///{db}"]),
    ]


def _first_fingerprint(db: Path) -> str:
    """A fingerprint of comparison #1 of ``db`` (on a disk with room)."""
    return query(db, "SELECT fingerprint FROM differences WHERE comparison_id = 1 LIMIT 1")[0][0]
