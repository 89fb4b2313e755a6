"""Stopping a command: Ctrl-C and SIGTERM end it the same way, through one path.

Python turns Ctrl-C into ``KeyboardInterrupt``, on which a run keeps its finished stages, is recorded as
interrupted and says how to resume. SIGTERM (what ``kill``, systemd, Docker and CI runners send) ended the process
on the spot instead: no message, and the run left saying ``running``. :func:`stop_on_sigterm` makes SIGTERM raise
:class:`Stopped`, a ``KeyboardInterrupt``, so every ``except KeyboardInterrupt`` handles both.

Inside an event loop an exception raised by a signal handler lands in whichever task runs, and asyncio re-raises
it out of the loop while the others are still half-way (a collection's write batch was left open). asyncio stops
on Ctrl-C by cancelling its main task instead; :func:`run_async` does the same for SIGTERM.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import Coroutine, Iterator
from types import FrameType
from typing import Any, TypeVar

T = TypeVar("T")


class Stopped(KeyboardInterrupt):
    """A stop asked for by a signal other than Ctrl-C (SIGTERM), raised where Ctrl-C raises KeyboardInterrupt."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def stopped_by(exc: BaseException) -> str:
    """What stopped the command, for its message: ``SIGTERM``, or ``Ctrl-C`` for a plain KeyboardInterrupt."""
    return signal.Signals(exc.signum).name if isinstance(exc, Stopped) else "Ctrl-C"


def stop_exit_code(exc: BaseException) -> int:
    """128 + the signal's number, as a shell reports a command a signal ended: 130 for Ctrl-C, 143 for SIGTERM."""
    return 128 + (exc.signum if isinstance(exc, Stopped) else signal.SIGINT.value)


def _on_term(signum: int, frame: FrameType | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process at once, as without guancha
    raise Stopped(signum)


@contextlib.contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Stopped` in the main thread. A SIGTERM ignored by whoever started
    the process stays ignored; outside the main thread (where Python allows no handler) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous == signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGTERM, _on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_async(main: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(main)``; under :func:`stop_on_sigterm`, SIGTERM cancels ``main`` as asyncio's Ctrl-C does (so
    its ``with`` blocks and ``finally`` clauses run in order), then raises :class:`Stopped`."""
    term = signal.SIGTERM
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(term) is not _on_term:
        return asyncio.run(main)
    asked = False

    async def guarded() -> T:
        nonlocal asked
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        assert task is not None

        def on_term() -> None:
            nonlocal asked
            asked = True
            task.cancel()

        loop.add_signal_handler(term, on_term)
        try:
            return await main
        finally:
            loop.remove_signal_handler(term)  # which leaves SIGTERM at its default: ours again below
            signal.signal(term, _on_term)

    try:
        return asyncio.run(guarded())
    except asyncio.CancelledError:
        if asked:
            raise Stopped(term) from None
        raise
