"""Workspaces: a directory holding ``guancha.yaml`` (settings), ``watchers/*.yaml``, the database and reports.

Commands find the workspace from ``--workspace``, then ``GUANCHA_HOME``, then the current directory upwards.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from guancha.envfile import load_env_file
from guancha.errors import ConfigError, UsageError, WorkspaceNotFound
from guancha.spec import Settings, WatcherSpec, load_settings, load_watcher
from guancha.store import Database
from guancha.store.db import ENV_DATABASE_URL, is_postgres_url

SETTINGS_FILE = "guancha.yaml"
# what `guancha demo` records in the workspace it made: the sample it serves and the port (URLs stay the same)
DEMO_STATE = ".guancha-demo.json"


def demo_again(sample: Path | None, date: dt.date | None, root: Path) -> str:
    """The command that runs a demo again in the same workspace: what resumes a stopped demo run ('guancha run
    --resume' cannot: the sample's server is gone with the demo's process)."""
    words = ["guancha", "demo"]
    if sample is not None:
        words += ["--sample", str(sample)]
    if date is not None:
        words += ["--date", date.isoformat()]
    return shlex.join([*words, "--workspace", str(root)])
ENV_HOME = "GUANCHA_HOME"


@dataclass
class Workspace:
    root: Path
    settings: Settings
    _db: Database | None = field(default=None, repr=False)

    @property
    def settings_path(self) -> Path:
        return self.root / SETTINGS_FILE

    @property
    def database_url(self) -> str | None:
        """The PostgreSQL database this workspace uses (``GUANCHA_DATABASE_URL``, else ``database:`` in
        guancha.yaml when it is a ``postgresql://`` URL); None for the default SQLite file."""
        env = os.environ.get(ENV_DATABASE_URL, "").strip()
        if env:
            if not is_postgres_url(env):
                raise ConfigError(f"{ENV_DATABASE_URL} is not a postgresql:// URL",
                                  fix="set it like postgresql://user:password@host:5432/guancha, or unset it")
            return env
        return self.settings.database if is_postgres_url(self.settings.database) else None

    @property
    def db_path(self) -> Path:
        """The SQLite file. A PostgreSQL workspace has none: this is then a name in the workspace root that
        holds no data (file locks kept beside the database still land in the root)."""
        if is_postgres_url(self.settings.database):
            return self.root / "guancha.db"
        return self.root / self.settings.database

    def has_database(self) -> bool:
        """Whether the workspace's database exists already (a SQLite file is made on first use)."""
        return self.database_url is not None or self.db_path.exists()

    @property
    def reports_dir(self) -> Path | None:
        """The folder report files are written to (``~`` expanded, relative to the workspace root), or None when
        the workspace keeps reports in the database only (``reports_dir: null``)."""
        if self.settings.reports_dir is None:
            return None
        return self.root / Path(self.settings.reports_dir).expanduser()

    def report_folder(self, watcher: str, *parts: str) -> Path | None:
        """``<reports_dir>/<watcher>[/<parts>]``, where a watcher's report files go; None in a database-only
        workspace."""
        base = self.reports_dir
        return None if base is None else base.joinpath(watcher, *parts)

    @property
    def watchers_dir(self) -> Path:
        return self.root / self.settings.watchers_dir

    def db(self) -> Database:
        """The workspace database, opened (and migrated) on first use."""
        if self._db is None:
            url = self.database_url
            self._db = Database(url if url is not None else self.db_path)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def watcher_files(self) -> dict[str, Path]:
        """Watcher id (file stem) to spec path."""
        if not self.watchers_dir.is_dir():
            return {}
        files = sorted(self.watchers_dir.glob("*.yaml")) + sorted(self.watchers_dir.glob("*.yml"))
        return {p.stem: p for p in files}

    def watcher(self, watcher_id: str) -> tuple[WatcherSpec, Path]:
        """Load a watcher spec by id, or by a path to a spec file."""
        candidate = Path(watcher_id)
        if candidate.suffix in {".yaml", ".yml"} and candidate.exists():
            return load_watcher(candidate), candidate
        if candidate.suffix in {".yaml", ".yml"} or len(candidate.parts) > 1:
            raise ConfigError("watcher spec not found", path=candidate,
                              fix=f"check the path, or pass a watcher id from {self.watchers_dir} "
                                  f"(known: {', '.join(sorted(self.watcher_files())) or 'none'})")
        files = self.watcher_files()
        path = files.get(watcher_id)
        if path is None:
            for p in files.values():
                spec = load_watcher(p)
                if spec.id == watcher_id:
                    return spec, p
            known = ", ".join(sorted(files)) or "none"
            raise UsageError(
                f"no watcher '{watcher_id}' in {self.watchers_dir} (known: {known})",
                fix=f"create {self.watchers_dir / (watcher_id + '.yaml')} or pass a spec file path",
            )
        spec = load_watcher(path)
        if spec.id != path.stem:
            raise ConfigError(
                f"the file name '{path.stem}' and the id '{spec.id}' differ",
                path=path,
                field="id",
                fix=f"rename the file to {spec.id}.yaml or set 'id: {path.stem}'",
            )
        return spec, path


def open_workspace(root: Path) -> Workspace:
    """The workspace at ``root``; its ``.env`` (API keys) fills what the environment does not set already."""
    load_env_file(root)
    return Workspace(root=root.resolve(), settings=load_settings(root / SETTINGS_FILE))


def find_workspace(explicit: Path | None = None, cwd: Path | None = None) -> Workspace:
    """Locate the workspace: ``explicit``, then $GUANCHA_HOME, then cwd and its parents."""
    if explicit is not None:
        if not (explicit / SETTINGS_FILE).exists():
            raise WorkspaceNotFound(
                f"{explicit} is not a guancha workspace (no {SETTINGS_FILE})",
                fix=f"run 'guancha init {explicit}' first",
            )
        return open_workspace(explicit)
    env = os.environ.get(ENV_HOME)
    if env:
        home = Path(env)
        if not (home / SETTINGS_FILE).exists():
            raise WorkspaceNotFound(
                f"{ENV_HOME}={env} is not a guancha workspace (no {SETTINGS_FILE})",
                fix=f"run 'guancha init {env}' or unset {ENV_HOME}",
            )
        return open_workspace(home)
    here = (cwd or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / SETTINGS_FILE).exists():
            return open_workspace(directory)
    raise WorkspaceNotFound(
        f"no guancha workspace in {here} or its parents",
        fix="run 'guancha init DIR', then pass --workspace DIR, set GUANCHA_HOME, or cd into it",
    )


def init_workspace(root: Path, *, force: bool = False) -> list[Path]:
    """Write a new workspace from the bundled template. Refuses to overwrite files unless ``force``."""
    template = resources.files("guancha") / "templates" / "workspace"
    written: list[Path] = []
    root.mkdir(parents=True, exist_ok=True)
    pending: list[tuple[Path, str]] = []

    def walk(node: resources.abc.Traversable, rel: Path) -> None:
        for child in node.iterdir():
            if child.is_dir():
                walk(child, rel / child.name)
            elif not child.name.startswith("__"):
                name = child.name.removesuffix(".tmpl")
                pending.append((rel / name, child.read_text(encoding="utf-8")))

    walk(template, Path())
    clashes = [root / rel for rel, _ in pending if (root / rel).exists()]
    if clashes and not force:
        raise UsageError(
            f"{root} already has {', '.join(str(c.relative_to(root)) for c in clashes)}",
            fix="choose an empty directory, or pass --force to overwrite the template files",
        )
    for rel, text in pending:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def write_whole(path: Path, text: str, *, mode: int | None = None) -> None:
    """Write ``text`` to a temporary name of this process's and thread's own, then rename it into place: a
    reader (another worker on a shared reports folder, the site build) sees the old file or the new one, never
    half of one, and two writers never share a temporary file. ``mode`` sets the permissions first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        if mode is not None:
            tmp.chmod(mode)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
