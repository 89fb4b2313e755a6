"""``guancha publish`` and ``guancha subscribers add|remove|list``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from guancha.cli._common import get_workspace, json_option, parse_day, print_json, stdout, workspace_option
from guancha.errors import UsageError
from guancha.inputfiles import read_regular_file, read_stream


@click.command("publish")
@click.argument("watcher", required=False)
@click.option("--date", "date_", default=None, help="Publish the newest finalised version of this date (YYYY-MM-DD) "
              "to every current subscriber. Default: each watcher's newest finalised report.")
@click.option("--channel", type=click.Choice(["email", "chat", "webhook"]), default=None,
              help="Only this channel (default: all configured).")
@click.option("--now", "retry_now", is_flag=True, help="Retry failed deliveries now instead of at their backoff time.")
@workspace_option
@json_option
def publish_cmd(watcher: str | None, date_: str | None, channel: str | None, retry_now: bool,
                workspace_dir: Path | None, as_json: bool) -> None:
    """Deliver finalised reports to the channels configured in publish: (email subscribers, chat, webhooks),
    and retry failed deliveries that are due. Every delivery is recorded per report version, channel and
    recipient, so publishing again re-sends nothing already sent. Held reports are never published.
    Exit code 1 when a delivery failed (it is kept and retried later; 'guancha status' lists it)."""
    from guancha.publish.stage import publish

    ws = get_workspace(workspace_dir)
    if watcher is not None:
        ws.watcher(watcher)  # an unknown watcher is a usage error, not an empty success

    def progress(stage: str, message: str) -> None:
        if not as_json:
            stdout.print(f"[dim]{message}[/]", markup=True, highlight=False)

    day = parse_day(date_)
    result = publish(ws, watcher=watcher, date=day, channel=channel, retry_now=retry_now, progress=progress)
    if as_json:
        print_json(result.model_dump(mode="json") | {"ok": result.ok})
    else:
        stdout.print(f"Reports: {len(result.reports)}; new deliveries planned: {result.planned}; "
                     f"{result.line()}", markup=False)
        for ch, counts in sorted(result.by_channel.items()):
            stdout.print(f"  {ch:<8} " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())), markup=False)
        for err in result.errors:
            stdout.print(f"  problem: {err}", markup=False)
        if result.counts.get("waiting"):
            stdout.print(f"Waiting deliveries failed before and are retried after their backoff (the next at "
                         f"{result.next_retry_at}); 'guancha publish --now' retries them now.", markup=False)
        if not result.ok:
            stdout.print("Failed deliveries are retried by the next 'guancha publish' or run; "
                         "'guancha status' lists them.", markup=False)
    if not result.ok:
        raise SystemExit(1)


@click.group("subscribers")
def subscribers_group() -> None:
    """Per-watcher email subscribers of the newsletter (addresses are shown masked unless --reveal)."""


# a list of addresses, one per line: tens of megabytes is a million subscribers
MAX_ADDRESS_FILE_BYTES = 64_000_000


def _addresses(addresses: tuple[str, ...], from_file: Path | None) -> list[str]:
    items = list(addresses)
    if from_file is not None:
        split = "split the list into smaller files"
        if str(from_file) == "-":
            data = read_stream(sys.stdin.buffer, MAX_ADDRESS_FILE_BYTES, name="standard input", fix_size=split)
        else:
            data = read_regular_file(from_file, MAX_ADDRESS_FILE_BYTES, fix_size=split,
                                     fix_kind="name a text file of addresses, one per line")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            where = "standard input" if str(from_file) == "-" else from_file
            raise UsageError(f"{where} is not valid UTF-8 (byte {exc.start})",
                             fix="save the list of addresses as UTF-8, one address per line") from exc
        items += [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    if not items:
        raise UsageError("no address given", fix="pass addresses, or --file FILE with one address per line")
    return items


@subscribers_group.command("add")
@click.argument("watcher")
@click.argument("addresses", nargs=-1)
@click.option("--file", "from_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Read addresses from FILE, one per line ('-' for stdin).")
@workspace_option
@json_option
def subscribers_add(watcher: str, addresses: tuple[str, ...], from_file: Path | None, workspace_dir: Path | None,
                    as_json: bool) -> None:
    """Subscribe ADDRESSES to WATCHER's newsletter. They receive reports finalised from now on
    ('guancha publish WATCHER --date D' sends a given day to everyone)."""
    from guancha.publish.mail import mask, normalise_address
    from guancha.store import deliveries as ledger

    ws = get_workspace(workspace_dir)
    ws.watcher(watcher)
    normalised = [normalise_address(a) for a in _addresses(addresses, from_file)]  # all checked before any is added
    outcomes: dict[str, int] = {}
    for address in normalised:
        _, what = ledger.add_subscriber(ws.db(), watcher, address)
        outcomes[what] = outcomes.get(what, 0) + 1
    if as_json:
        print_json({"watcher": watcher, **outcomes})
        return
    stdout.print(f"{watcher}: " + ", ".join(f"{n} {k}" for k, n in outcomes.items()), markup=False)
    if ws.settings.publish.email is None:
        stdout.print(f"note: no SMTP server is configured yet (publish.email in {ws.settings_path})", markup=False)
    if len(normalised) == 1:
        stdout.print(f"  {mask(normalised[0])}", markup=False)


@subscribers_group.command("remove")
@click.argument("watcher", required=False)
@click.argument("address", required=False)
@click.option("--token", default=None, help="Unsubscribe by the opaque token of a List-Unsubscribe link instead.")
@workspace_option
@json_option
def subscribers_remove(watcher: str | None, address: str | None, token: str | None, workspace_dir: Path | None,
                       as_json: bool) -> None:
    """Unsubscribe ADDRESS from WATCHER (or the subscriber whose unsubscribe token is --token, as a mail or
    web handler for List-Unsubscribe would). Deliveries not yet sent to it are cancelled."""
    from guancha.publish.mail import normalise_address
    from guancha.store import deliveries as ledger

    ws = get_workspace(workspace_dir)
    if token is None and (watcher is None or address is None):
        raise UsageError("say who to remove", fix="pass WATCHER ADDRESS, or --token TOKEN")
    if token is not None:
        sub = ledger.unsubscribe(ws.db(), token=token.strip(), reason="unsubscribed by link")
    else:
        assert watcher is not None and address is not None
        ws.watcher(watcher)
        sub = ledger.unsubscribe(ws.db(), watcher_id=watcher, address=normalise_address(address), reason="removed")
    if sub is None:
        raise UsageError("no such subscriber", fix="'guancha subscribers list WATCHER' shows who is subscribed")
    if as_json:
        print_json({"watcher": sub.watcher_id, "subscriber": sub.id, "status": sub.status})
    else:
        stdout.print(f"{sub.watcher_id}: subscriber {sub.id} unsubscribed", markup=False)


@subscribers_group.command("list")
@click.argument("watcher", required=False)
@click.option("--reveal", is_flag=True, help="Show full addresses (they are personal data; masked by default).")
@workspace_option
@json_option
def subscribers_list(watcher: str | None, reveal: bool, workspace_dir: Path | None, as_json: bool) -> None:
    """List subscribers (of WATCHER, or all) with their status: active, unsubscribed or suspended (after a
    permanent delivery failure)."""
    from guancha.publish.mail import mask
    from guancha.store import deliveries as ledger

    ws = get_workspace(workspace_dir)
    if watcher is not None:
        ws.watcher(watcher)
    rows = [{"id": s.id, "watcher": s.watcher_id, "address": s.address if reveal else mask(s.address),
             "status": s.status, "reason": s.reason, "since": s.created_at}
            for s in ledger.subscribers(ws.db(), watcher)]
    if as_json:
        print_json(rows)
        return
    stdout.print(f"Subscribers: {len(rows)}", markup=False)
    for r in rows:
        reason = f"  ({r['reason']})" if r["reason"] else ""
        stdout.print(f"  {r['watcher']:<16} {r['id']}  {r['address']:<32} {r['status']}{reason}", markup=False)
