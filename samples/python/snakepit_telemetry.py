"""Snakepit telemetry for Python workers: one ``TELEMETRY:{json}`` line on stderr per event.

This is the runtime of the typed modules ``dotnet msbuild -t:SnakepitPythonModules`` writes beside it
(``snakepit_events.py`` for Snakepit's catalog, ``<catalog>_events.py`` for each of yours): use those, which pyright
checks against the catalog (``snakepit_events.python_call_stop(duration=..., command=..., ...)``). ``emit`` and
``span`` below take free names and dicts, for events no module covers.

The host folds these lines into its typed events (``WorkerTelemetryReader`` with the catalog's generated
``Decoder``) and adds the worker's node, pool and id itself. The format:

    TELEMETRY:{"event": "python.call.stop", "measurements": {...}, "metadata": {...}, "timestamp_ns": 17...}

* ``event`` is the event name without the catalog prefix (``python.call.stop`` is ``snakepit.python.call.stop``);
* ``measurements`` are numbers: durations in nanoseconds unless the catalog field declares ``unit: us``, ``ms`` or
  ``s`` (``python.gc.completed`` takes microseconds); timestamps in nanoseconds since the Unix epoch;
* ``metadata`` are strings, numbers and booleans; enums use their catalog spelling;
* ``timestamp_ns`` is when the event happened (``time.time_ns()``); a timestamp field the line leaves out takes it.

Use ``emit`` for one event and ``span`` to time a block::

    import snakepit_telemetry as telemetry

    with telemetry.span("python.call", {"command": "predict", "correlation_id": cid},
                        stop_metadata={"result": "success"},
                        exception_metadata={"error_category": "python_error"}) as call:
        result = model.predict(x)
        call.measurements["response_size"] = len(result)

Emitting never raises into the worker: a value JSON cannot carry (NaN, infinity, an object) drops the event and
writes an ordinary log line saying why; a closed or broken stderr drops it silently. GC telemetry is safe inside a
write: a collection's event waits for the line being written.
"""

import contextlib
import gc
import json
import os
import sys
import threading
import time

PREFIX = "TELEMETRY:"

_lock = threading.Lock()
_local = threading.local()
_stream = None


def configure(stream=None):
    """Writes events to ``stream`` (default: ``sys.stderr`` at the time of each emit)."""
    global _stream
    _stream = stream


def emit(event, measurements=None, metadata=None, timestamp_ns=None):
    """Writes one event. Returns True when it was written, False when it was dropped.

    Never raises: a value JSON cannot carry drops the event with a log line saying why; a closed or broken stream
    (the host went away) drops it silently.
    """
    payload = {
        "event": event,
        "measurements": measurements or {},
        "metadata": metadata or {},
        "timestamp_ns": time.time_ns() if timestamp_ns is None else timestamp_ns,
    }
    try:
        # allow_nan=False: NaN and infinity are not JSON; the host would drop the line anyway.
        line = PREFIX + json.dumps(payload, separators=(",", ":"), allow_nan=False) + "\n"
    except (TypeError, ValueError) as error:
        _write(f"snakepit_telemetry: dropped {event}: {error}\n")
        return False
    return _write(line)


_FLUSH_ROUNDS = 3


def _write(line):
    """One write per line under a lock, so lines of several threads never interleave.

    A garbage collection can run inside the write or the flush (any allocation may trigger one) and its callback emits
    too: on the thread that holds the lock, that line waits in a per-thread list and is written after the current one,
    inside the same lock, instead of waiting for a lock its own thread holds. Lines that arrive during the last flush
    (a stream whose every flush allocates enough to collect) are written first by the thread's next write.
    """
    pending = getattr(_local, "pending", None)
    if pending is None:
        pending = _local.pending = []
    if getattr(_local, "writing", False):
        pending.append(line)
        return True
    _local.writing = True
    stream = _stream or sys.stderr
    try:
        with _lock:
            # Left over from the last flush of this thread's previous write: they were emitted first.
            while pending:
                stream.write(pending.pop(0))
            stream.write(line)
            for _ in range(_FLUSH_ROUNDS):
                while pending:
                    stream.write(pending.pop(0))
                stream.flush()
                if not pending:
                    break
        return True
    except (OSError, ValueError, AttributeError):
        # Closed (ValueError), broken pipe or bad descriptor (OSError), or no stream at all (AttributeError on None):
        # what waited goes with this line.
        del pending[:]
        return False
    finally:
        _local.writing = False


class Span:
    """A running span: add to ``measurements`` and ``stop_metadata`` before the block ends."""

    def __init__(self, metadata, stop_metadata):
        self.metadata = dict(metadata)
        self.measurements = {}
        self.stop_metadata = dict(stop_metadata)
        self.start_ns = time.perf_counter_ns()

    def elapsed_ns(self):
        return time.perf_counter_ns() - self.start_ns


@contextlib.contextmanager
def span(prefix, metadata=None, start_measurements=None, stop_metadata=None, exception_metadata=None):
    """Times a block with ``time.perf_counter_ns``: ``<prefix>.start``, then ``<prefix>.stop`` or ``<prefix>.exception``.

    The start event carries ``metadata``; the stop event adds ``stop_metadata`` and the span's ``measurements``;
    the exception event adds ``exception_metadata`` and ``error_type`` (the exception's class). The exception is
    re-raised. Durations are nanoseconds.
    """
    current = Span(metadata or {}, stop_metadata or {})
    emit(prefix + ".start", dict(start_measurements or {}), current.metadata)
    try:
        yield current
    except BaseException as error:
        details = dict(current.metadata)
        details.update(exception_metadata or {})
        details["error_type"] = type(error).__name__
        emit(prefix + ".exception", {"duration": current.elapsed_ns()}, details)
        raise
    else:
        measurements = {"duration": current.elapsed_ns()}
        measurements.update(current.measurements)
        details = dict(current.metadata)
        details.update(current.stop_metadata)
        emit(prefix + ".stop", measurements, details)


_gc_started = {}


def _on_gc(phase, info):
    generation = info.get("generation", 0)
    if phase == "start":
        _gc_started[generation] = time.perf_counter_ns()
        return
    started = _gc_started.pop(generation, None)
    if started is None:
        return
    # Python reports GC time in microseconds: the catalog's python.gc.completed declares unit: us.
    micros = (time.perf_counter_ns() - started) / 1000.0
    emit("python.gc.completed", {"duration": micros, "collected": info.get("collected", 0), "generation": generation})


def install_gc_telemetry():
    """Emits ``python.gc.completed`` after every collection of the interpreter (idempotent)."""
    if _on_gc not in gc.callbacks:
        gc.callbacks.append(_on_gc)


def sample_memory():
    """Emits ``python.memory.sampled`` with this process's resident and virtual size (Linux: /proc/self/statm)."""
    page = os.sysconf("SC_PAGE_SIZE")
    with open("/proc/self/statm", encoding="ascii") as statm:
        size, resident = (int(part) for part in statm.read().split()[:2])
    emit("python.memory.sampled", {"rss_bytes": resident * page, "vms_bytes": size * page}, {"python_pid": os.getpid()})


def error(error_type, message, traceback=None):
    """Emits ``python.error.occurred`` for an error outside a call."""
    metadata = {"error_type": error_type, "error_message": message}
    if traceback is not None:
        metadata["traceback"] = traceback
    emit("python.error.occurred", {}, metadata)


# ---- What the generated modules call -------------------------------------------------------------------------

# Field kinds of the catalog, as the generated modules describe their events.
INT64 = 0
DOUBLE = 1
DURATION = 2
TIMESTAMP = 3
STRING = 4
BOOL = 5
ENUM = 6

_INT64_MIN = -(2 ** 63)
_INT64_MAX = 2 ** 63 - 1


def _drop(event, why):
    """Writes an ordinary log line saying why ``event`` was dropped; returns False. Never raises."""
    try:
        _write(f"snakepit_telemetry: dropped {event}: {why}\n")
    except Exception:  # noqa: BLE001 - nothing may reach the worker
        pass
    return False


def _checked(name, kind, value, allowed):
    """The JSON value of a field, or raises ValueError saying what is wrong with it (caught by emit_event)."""
    if kind == STRING:
        if not isinstance(value, str):
            raise ValueError(f"field '{name}' must be a str, not {type(value).__name__}")
        value = str.__str__(value)
        # A lone surrogate is no Unicode text: the host would drop the line as InvalidUtf8.
        value.encode("utf-8")
        return value
    if kind == ENUM:
        if not isinstance(value, str) or value not in allowed:
            raise ValueError(f"field '{name}' must be one of {sorted(allowed)}, not {value!r}")
        return str.__str__(value)
    if kind == BOOL:
        if not isinstance(value, bool):
            raise ValueError(f"field '{name}' must be a bool, not {type(value).__name__}")
        return bool(value)
    if isinstance(value, bool):
        raise ValueError(f"field '{name}' must be a number, not bool")
    if kind == DOUBLE:
        if not isinstance(value, (int, float)):
            raise ValueError(f"field '{name}' must be a float, not {type(value).__name__}")
        number = float(value)  # OverflowError for an int beyond a double
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(f"field '{name}' must be finite, not {number!r}")
        return number
    if kind == DURATION and isinstance(value, _Measured):
        # A measured duration in us, ms or s keeps its fraction (the host rounds to whole nanoseconds).
        if not (0 <= value < 9.2e18):
            raise ValueError(f"field '{name}' must be a duration of 0 or more, not {value!r}")
        return value
    if not isinstance(value, int):
        raise ValueError(f"field '{name}' must be an int, not {type(value).__name__}")
    value = int(value)
    if value < (0 if kind == DURATION else _INT64_MIN) or value > _INT64_MAX:
        raise ValueError(f"field '{name}' is out of range: {value}")
    return value


def emit_event(event, fields, values):
    """Writes ``event`` (its name without the catalog prefix) from a generated module. Never raises.

    ``fields`` describes the event: one ``(name, is_measurement, kind, required, allowed_values)`` per field;
    ``values`` has one value per field, None for a field left out. A missing required field or a value of the wrong
    type or range drops the event with a log line saying which field, as the host would drop the line.
    """
    try:
        measurements = {}
        metadata = {}
        for (name, is_measurement, kind, required, allowed), value in zip(fields, values):
            if value is None:
                if required:
                    return _drop(event, f"required field '{name}' is missing")
                continue
            (measurements if is_measurement else metadata)[name] = _checked(name, kind, value, allowed)
        return emit(event, measurements, metadata)
    except Exception as error:  # noqa: BLE001 - nothing may reach the worker
        return _drop(event, error)


class _Measured(float):
    """A duration a span measured, in us, ms or s: the one float a duration field takes (a worker passes ints)."""


def elapsed(started_ns, nanoseconds_per_unit):
    """The time since ``started_ns`` (``time.perf_counter_ns``) in a duration's wire unit: an int of nanoseconds, or a
    float of us, ms or s (the host rounds it to whole nanoseconds)."""
    ns = time.perf_counter_ns() - started_ns
    return ns if nanoseconds_per_unit == 1 else _Measured(ns / nanoseconds_per_unit)
