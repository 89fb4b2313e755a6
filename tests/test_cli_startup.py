"""The CLI answers at once: listing commands and the version import none of the machinery behind them."""

from __future__ import annotations

import subprocess
import sys

import click

from guancha.cli import COMMANDS
from guancha.cli._group import load_command
from tests.conftest import cli_env, run_cli

HEAVY = ["trafilatura", "numpy", "pydantic", "httpx", "rich", "yaml", "wordllama", "guancha.run"]


def test_every_registered_command_loads_under_its_name() -> None:
    for name, (target, short_help) in COMMANDS.items():
        command = load_command(target)
        assert isinstance(command, click.Command)
        assert command.name == name, f"{target} is registered as {name!r} but calls itself {command.name!r}"
        assert short_help and len(short_help) <= 64


def test_help_lists_every_command_with_its_short_help() -> None:
    result = run_cli("--help")
    assert result.returncode == 0, result.stderr
    for name, (_, short_help) in COMMANDS.items():
        assert name in result.stdout
        assert short_help.split()[0] in result.stdout


def test_help_and_version_import_no_machinery() -> None:
    probe = (
        "import sys\n"
        "from guancha.cli import main\n"
        "try:\n"
        f"    main([sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print('IMPORTED:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    for flag in ("--help", "--version"):
        out = subprocess.run([sys.executable, "-c", probe, flag], env=cli_env(), capture_output=True, text=True,
                             check=True).stdout
        imported = out.rsplit("IMPORTED:", 1)[1].strip()
        assert imported == "", f"guancha {flag} imported {imported}"


# what `guancha status` must not pay for: the collection engine, clustering, page extraction, model clients
STATUS_HEAVY = ["scipy", "trafilatura", "openai", "guancha.select", "guancha.collect.engine", "guancha.write.render",
                "guancha.run", "dbos"]


def test_status_imports_no_collection_selection_or_model_machinery(tmp_path) -> None:
    init = run_cli("init", str(tmp_path / "ws"))
    assert init.returncode == 0, init.stderr
    probe = (
        "import sys\n"
        "from guancha.cli import main\n"
        "try:\n"
        "    main(['status', '-w', sys.argv[1]])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        f"print('IMPORTED:' + ','.join(m for m in {STATUS_HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "ws")], env=cli_env(), capture_output=True,
                         text=True, check=True).stdout
    imported = out.rsplit("IMPORTED:", 1)[1].strip()
    assert imported == "", f"guancha status imported {imported}"


def test_a_command_still_turns_library_errors_into_exit_codes(tmp_path) -> None:
    result = run_cli("run", "no-such-watcher", "--workspace", str(tmp_path / "missing"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "error:" in result.stderr
