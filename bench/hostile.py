"""Run ``cchc`` on each hostile input under a 2 GB address-space limit and 60 s.

Makes the inputs first (``bench/make_hostile_inputs.py``) unless they exist, then
prints, per input, the exit code, the wall time, the peak memory (resident set)
and the first line the command printed on stderr.  Issue 11 is done when every
line shows exit 2 (or 0 where the input is only a claim, such as a sheet
dimension), well within both limits.

    python bench/hostile.py [DIR]
"""

from __future__ import annotations

import os
import resource
import runpy
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# The script beside this one, loaded by path: bench/ is not a package.
make = runpy.run_path(str(Path(__file__).with_name("make_hostile_inputs.py")))["make"]

_LIMIT_AS = 2 * 1024**3
_TIMEOUT = 60


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_LIMIT_AS, _LIMIT_AS))


def _command(path: Path) -> list[str]:
    if path.name == "dev-zero":
        return ["check", "/dev/zero"]
    if path.suffix == ".toml":
        return ["form", str(path)]
    return ["check", str(path)]


def run(path: Path) -> tuple[int | str, float, float, str, int]:
    """Exit code, seconds, peak MB, first stderr line and stdout size of one run."""
    command = [sys.executable, "-m", "cchc", *_command(path)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            command,
            stdout=out,
            stderr=err,
            preexec_fn=_limit,  # noqa: PLW1509 - no threads here
        )
        timer = threading.Timer(_TIMEOUT, process.kill)
        timer.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        seconds = time.perf_counter() - start
        code: int | str = os.waitstatus_to_exitcode(status)
        if seconds >= _TIMEOUT:
            code = "timeout"
        process.returncode = 0  # reaped above
        err.seek(0)
        first = err.read(4096).decode("utf-8", "replace").splitlines()[:1]
        size = out.tell()
    peak = usage.ru_maxrss / 1024  # kilobytes on Linux
    return code, seconds, peak, (first[0] if first else ""), size


def main() -> None:
    """Make the inputs if needed and run every one of them."""
    directory = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-inputs")
    paths = sorted(directory.glob("*")) if directory.exists() else []
    if not paths:
        paths = sorted(make(directory))
    print(f"{'input':<28} {'exit':>7} {'s':>6} {'peak MB':>8} {'stdout':>8}  stderr")
    for path in sorted(paths, key=lambda p: p.stat().st_size):
        code, seconds, peak, line, size = run(path)
        print(f"{path.name:<28} {code!s:>7} {seconds:6.1f} {peak:8.0f} {size:8d}  {line[:150]}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
