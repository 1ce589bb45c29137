"""A toy Snakepit worker: runs a few calls and reports them on stderr with snakepit_events, the typed module of
Snakepit's catalog (written by dotnet msbuild -t:SnakepitPythonModules; pyright checks every call against the catalog).

    python3 toy_worker.py --calls 20 --seed 1

Deterministic for a seed. Besides telemetry it writes ordinary log lines (which the host hands to its logger), one
event of an older protocol the host's catalog does not know, and one line written with plain json.dumps, whose NaN
is not JSON: the host counts both as dropped, and goes on.
"""

import argparse
import gc
import json
import random
import sys

import snakepit_events
import snakepit_telemetry as telemetry


def predict(rng, size):
    # A little real work, so durations are measured, not made up.
    values = [rng.random() for _ in range(size)]
    return sum(v * v for v in values)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fail-every", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    telemetry.install_gc_telemetry()
    print(f"toy worker {args.seed} starting: {args.calls} calls", file=sys.stderr, flush=True)
    telemetry.sample_memory()

    for i in range(args.calls):
        command = "predict" if i % 2 == 0 else "embed"
        try:
            with snakepit_events.python_call_span(command=command, correlation_id=f"w{args.seed}-{i:04d}",
                                                  request_size=64 + i, error_category="python_error") as call:
                if args.fail_every and i % args.fail_every == args.fail_every - 1:
                    raise KeyError(f"missing feature {i}")
                total = predict(rng, 2000 + rng.randrange(4000))
                call.response_size = len(repr(total))
        except KeyError as error:
            print(f"call {i} failed: {error!r}", file=sys.stderr, flush=True)
        if i % 5 == 4:
            gc.collect()

    # An event of an older protocol, written with the untyped emit: the host's catalog does not know it.
    telemetry.emit("inference.start", {}, {"model": "legacy"})
    # What a worker that bypasses the module writes: Python's json.dumps spells a NaN as NaN, which JSON has not.
    raw = {"event": "python.cpu.sampled", "measurements": {"cpu_percent": float("nan")}, "metadata": {"python_pid": 1}}
    print("TELEMETRY:" + json.dumps(raw), file=sys.stderr, flush=True)
    telemetry.sample_memory()
    print(f"toy worker {args.seed} done", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
