"""``guancha site build|serve``: the static site of finalised reports, heuristics, search and feeds."""

from __future__ import annotations

import resource
from pathlib import Path

import click

from guancha.cli._common import get_workspace, json_option, print_json, stdout, workspace_option


@click.group("site")
def site_group() -> None:
    """Build the static site (dashboard, archives, reports, heuristics, search, Atom feeds) or preview it."""


@site_group.command("build")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to build into (default: site/ in the workspace).")
@click.option("--base-url", default=None,
              help="Absolute URL the folder will be hosted at, for feeds and sitemap.xml (default: base_url in "
                   "site.yaml, else publish.site_url in guancha.yaml, else the preview server's).")
@click.option("--no-search", is_flag=True, help="Skip the Pagefind search index.")
@workspace_option
@json_option
def site_build_cmd(out: Path | None, base_url: str | None, no_search: bool, workspace_dir: Path | None,
                   as_json: bool) -> None:
    """Render the site from the database; only pages whose content changed are rewritten."""
    from guancha.publish.site import build_site

    ws = get_workspace(workspace_dir)
    try:
        result = build_site(ws, out, base_url=base_url, search=not no_search)
    finally:
        ws.close()
    if as_json:
        # this process's own peak memory (the Pagefind indexers run as separate processes)
        print_json({**result.summary(), "process_peak_rss_mib": _peak_rss_mib()})
        return
    stdout.print(f"site: {result.out}")
    stdout.print(f"{result.reports} report version(s) of {result.watchers} watcher(s), {result.heuristics} "
                 f"heuristic(s); {len(result.written)} page(s) written, {result.unchanged} unchanged, "
                 f"{len(result.removed)} removed in {result.seconds:.2f} s"
                 + (f" (search index {result.search_seconds:.2f} s)" if result.searched else ""))
    if not result.base_url_configured:
        stdout.print(f"feeds and sitemap.xml use {result.base_url}: set publish.site_url in guancha.yaml (or base_url "
                     "in site.yaml), or pass --base-url, before hosting the folder elsewhere")
    stdout.print(f"preview: guancha site serve --workspace {ws.root}")


def _peak_rss_mib() -> float:
    """Peak resident memory of this process: VmHWM where Linux has it (ru_maxrss keeps a parent's peak
    across exec), else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


@site_group.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="A built site folder (default: site/ in the workspace).")
@workspace_option
def site_serve_cmd(port: int, directory: Path | None, workspace_dir: Path | None) -> None:
    """Preview the built site on 127.0.0.1 until Ctrl-C."""
    from guancha.publish.site import make_server

    if directory is None:
        ws = get_workspace(workspace_dir)
        directory = ws.root / "site"
    server = make_server(directory.resolve(), port)
    host, bound = server.server_address[:2]
    stdout.print(f"serving {directory} at http://{host!s}:{bound}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        stdout.print("stopped")
    finally:
        server.server_close()
