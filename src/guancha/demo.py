"""``guancha demo``: serve a sample web on loopback and run its watcher's full briefing there, as if it were
that day: collect → select → write → render → finalise (extractive by default, so no model is needed).

The demo needs no network and no keys. It makes a workspace (a fresh temporary directory unless one is
given), writes the sample's settings and its watcher with ``{base}`` replaced by the loopback server's URL,
and runs with ``as_of`` at the end of the sample's day (23:59:59 UTC): a report for a day is written
once the day is over, so everything published that day counts as fresh. ``--date`` overrides the day.
Run again in the same workspace, it collects again and writes a new version of that day's report.

A workspace used again keeps the server's port (recorded in ``.guancha-demo.json``) so URLs stay the same
between runs and a second collection finds what the first stored.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shlex
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from guancha import yamlload
from guancha.collect import normalise_as_of
from guancha.collect.models import CollectionResult, ProgressUpdate
from guancha.context import Progress
from guancha.errors import ConfigError, GuanchaError, UsageError
from guancha.run import RunFailed, RunInterrupted, RunResult, run_watcher
from guancha.sampleweb import SampleWeb, bundled_sample, refused_sample_settings, serve
from guancha.spec import Settings
from guancha.store import runs as runs_store
from guancha.workspace import DEMO_STATE, SETTINGS_FILE, demo_again, open_workspace

DEMO_MARKER = "# guancha demo workspace"
LOOPBACK = "127.0.0.1"


class DemoResult(BaseModel):
    """What a demo run did: where, on which sample and day, and the collection it ran."""

    model_config = ConfigDict(frozen=True)

    workspace: Path
    sample: Path
    base: str
    date: dt.date
    as_of: dt.datetime
    watcher_id: str
    collection: CollectionResult
    run: RunResult


def demo_as_of(day: dt.date) -> dt.datetime:
    """The moment the demo pretends it is: the last second of ``day`` in UTC (as ``guancha collect --as-of DAY``)."""
    return normalise_as_of(day)


def demo_date(web: SampleWeb, override: dt.date | None = None) -> dt.date:
    """``override``, else the sample's ``date:``; a sample without one needs ``--date``."""
    if override is not None:
        return override
    day = web.sample_date()
    if day is None:
        raise UsageError(
            f"the sample {web.root} has no top-level 'date:' in watcher.yaml",
            fix="pass --date YYYY-MM-DD, or add 'date: YYYY-MM-DD' to the sample's watcher.yaml",
        )
    return day


def demo_settings_text(web: SampleWeb, base: str) -> str:
    """The sample's settings (``{base}`` replaced), made to allow the loopback server and validated."""
    text = web.settings_text(base)
    data: dict[str, Any] = {}
    if text is not None:
        try:
            loaded = yamlload.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
                              path=web.root / "settings.yaml", fix="correct the sample's settings.yaml") from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError("must be a mapping of settings", path=web.root / "settings.yaml", line=1,
                              fix="write settings as 'key: value' lines, as in a workspace's guancha.yaml")
        data = loaded or {}
    refused = refused_sample_settings(data)
    if refused:
        raise ConfigError(refused, path=web.root / "settings.yaml",
                          fix="delete those settings from the sample's settings.yaml: the demo and eval choose where "
                              "files go, and a sample never publishes, schedules or picks a model provider")
    http = data.setdefault("http", {}) or {}
    data["http"] = http
    allowed = list(http.get("allow_private_hosts") or [])
    changed = LOOPBACK not in allowed
    if changed:  # the sample is served on loopback: the demo cannot work without this
        http["allow_private_hosts"] = [*allowed, LOOPBACK]
    try:
        Settings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigError(first["msg"], path=web.root / "settings.yaml",
                          field=".".join(str(p) for p in first["loc"]) or None,
                          fix="correct the sample's settings.yaml; it uses the workspace settings format") from exc
    header = f"{DEMO_MARKER} for the sample {web.root.name}; rewritten by each `guancha demo` run.\n"
    if text is not None and not changed:
        return header + text  # keep the sample author's comments
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def prepare_workspace(web: SampleWeb, root: Path, base: str) -> Path:
    """Write the demo workspace: settings and the watcher spec with ``{base}`` replaced. Returns the spec path."""
    root.mkdir(parents=True, exist_ok=True)
    settings_path = root / SETTINGS_FILE
    if settings_path.exists() and not settings_path.read_text(encoding="utf-8").startswith(DEMO_MARKER):
        raise UsageError(
            f"{root} is already a guancha workspace that the demo did not make",
            fix="pass an empty or new directory to --workspace (or omit it for a temporary one)",
        )
    settings_path.write_text(demo_settings_text(web, base), encoding="utf-8")
    watcher = web.watcher_data(base)
    watcher_id = watcher.get("id")
    if not isinstance(watcher_id, str) or not watcher_id:
        raise ConfigError("the sample's watcher has no id", path=web.root / "watcher.yaml", field="id",
                          fix="add 'id: some-slug' to the sample's watcher.yaml")
    settings = open_workspace(root).settings
    watchers = root / settings.watchers_dir
    watchers.mkdir(parents=True, exist_ok=True)
    spec_path = watchers / f"{watcher_id}.yaml"
    spec_path.write_text(web.watcher_text(base), encoding="utf-8")
    return spec_path


def _previous_port(root: Path, web: SampleWeb) -> int:
    """The port an earlier demo run in this workspace served the same sample on (0: none)."""
    try:
        state = json.loads((root / DEMO_STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    if state.get("sample") != str(web.root.resolve()):
        return 0
    port = state.get("port")
    return port if isinstance(port, int) and 0 < port < 65536 else 0


def run_demo(
    sample: Path | None = None,
    *,
    date: dt.date | None = None,
    workspace: Path | None = None,
    progress: Callable[[ProgressUpdate], None] | None = None,
    writer: str | None = None,
    model: str | None = None,
    stage_progress: Progress | None = None,
    settings_overrides: dict[str, Any] | None = None,
) -> DemoResult:
    """Serve ``sample`` (default: the bundled one) on loopback and run its watcher's briefing for its day."""
    web = SampleWeb.load(sample if sample is not None else bundled_sample())
    day = demo_date(web, date)
    as_of = demo_as_of(day)
    root = (workspace if workspace is not None else Path(tempfile.mkdtemp(prefix="guancha-demo-"))).resolve()
    port = _previous_port(root, web)
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(serve(web, port=port))
        except OSError:  # the earlier port is taken: new URLs, which the collection treats as new articles
            server = stack.enter_context(serve(web))
        spec_path = prepare_workspace(web, root, server.base)
        if settings_overrides:
            _override_settings(root / SETTINGS_FILE, settings_overrides)
        (root / DEMO_STATE).write_text(
            json.dumps({"sample": str(web.root.resolve()), "port": server.server_address[1]}), encoding="utf-8"
        )
        ws = open_workspace(root)
        stack.callback(ws.close)
        spec, _ = ws.watcher(str(spec_path))
        existing = runs_store.latest_run(ws.db(), spec.id, day.isoformat())
        try:
            run = run_watcher(
                ws, spec, spec_path=spec_path, report_date=day, as_of=as_of, writer=writer,  # type: ignore[arg-type]
                model=model, new_version=existing is not None, progress=stage_progress,
                collect_progress=progress,
            )
        except (RunInterrupted, RunFailed) as exc:
            raise _demo_stopped(exc, demo_again(sample, date, root), root if workspace is None else None) \
                from exc.__cause__
        collected = runs_store.load_stage(ws.db(), run.run_id, "collect") or {}
        result = CollectionResult.model_validate(collected["summary"])
    return DemoResult(
        workspace=root,
        sample=web.root,
        base=server.base,
        date=day,
        as_of=as_of,
        watcher_id=spec.id,
        collection=result,
        run=run,
    )


def _demo_stopped(exc: RunInterrupted | RunFailed, again: str, temporary: Path | None) -> GuanchaError:
    """The run's error with a fix that works for a demo: run the demo again. 'guancha run --resume' cannot: the
    sample's server is gone with this process, and the demo workspace is not the one 'guancha run' would find.
    ``temporary``: the folder the demo made for itself, which the person may rather remove."""
    how = (f"run the demo again: {again} (it serves the sample again and writes a new version of the report)"
           + (f"; or remove the demo's folder: rm -rf {shlex.quote(str(temporary))}" if temporary else ""))
    cause = exc.__cause__
    if isinstance(exc, RunFailed) and isinstance(cause, GuanchaError) and cause.fix:
        how = f"{cause.fix}; then {how}"
    stopped = type(exc)(exc.message.replace("run ", "demo run ", 1), fix=how)
    stopped.exit_code = exc.exit_code
    return stopped


def _override_settings(path: Path, overrides: dict[str, Any]) -> None:
    """Merge ``overrides`` (nested mappings) into the demo workspace's settings file (benchmarks, tests)."""

    def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
        out = dict(base)
        for key, value in extra.items():
            out[key] = merge(out.get(key) or {}, value) if isinstance(value, dict) else value
        return out

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    merged = merge(data, overrides)
    Settings.model_validate(merged)
    header = path.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(header + "\n" + yaml.safe_dump(merged, sort_keys=False, allow_unicode=True), encoding="utf-8")
