"""The fuzz corpus (tests/fuzz.py) in full through extractor.bounded, as the CLI and the API read files.

    python benchmarks/fuzz_intake.py [--count 1200] [--seed 13] [--folder /tmp/vanban-fuzz]

Default limits (120 s parsing + 120 s extraction, 2 GB). Prints files, accepted, refused (by code),
crashes, and runs past the limits: a file whose answer took longer than its wall-clock limit plus 10 s,
or a reading process (the sandbox child) seen above its memory budget. Children's memory is sampled
every 50 ms from /proc while files are read; their peak is the largest resident size seen.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

SLACK = 10.0


class ChildMemory:
    """The largest resident size of any process below this one, sampled from /proc."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ChildMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.05):
            parents: dict[int, int] = {}
            sizes: dict[int, int] = {}
            for proc in Path("/proc").iterdir():
                if not proc.name.isdigit():
                    continue
                try:
                    status = (proc / "status").read_text()
                except OSError:
                    continue
                fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
                parents[int(proc.name)] = int(fields.get("PPid", "0").strip())
                sizes[int(proc.name)] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
            for pid, size in sizes.items():
                p, depth = parents.get(pid), 0
                while p and p != me and depth < 5:
                    p, depth = parents.get(p), depth + 1
                if p == me and pid != me:
                    self.peak = max(self.peak, size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1200)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "vanban-fuzz")
    args = parser.parse_args()
    # Imported here, not at the top: the intake sandbox's children (forkserver) re-import this script as
    # their main module, and the extractor (~0.5 s: python -X importtime -c "import extractor.bounded")
    # would be imported again in every child measured.
    from fuzz import generate, read

    from extractor.bounded import warm_up
    from extractor.intake import Limits

    limits = Limits()
    started = time.monotonic()
    cases = generate(args.folder, args.count, args.seed)
    print(f"generated {len(cases)} files in {time.monotonic() - started:.0f} s under {args.folder}", flush=True)
    warm_up()
    outcomes = []
    with ChildMemory() as memory:
        for i, case in enumerate(cases, 1):
            outcomes.append(read(case, limits))
            if i % 100 == 0:
                print(f"  {i} files", flush=True)
    budget = limits.parse_seconds + limits.extract_seconds + SLACK
    over_time = [o for o in outcomes if o.seconds > budget]
    crashes = [o for o in outcomes if o.status == "crashed"]
    refused = Counter(o.code for o in outcomes if o.status == "refused")
    seconds = [o.seconds for o in outcomes]
    print()
    print("| figure | value |")
    print("|---|---|")
    print(f"| files | {len(outcomes):,} |")
    print(f"| accepted | {sum(o.status == 'accepted' for o in outcomes):,} |")
    print(f"| refused | {sum(refused.values()):,} ({', '.join(f'{c} {n}' for c, n in sorted(refused.items()))}) |")
    print(f"| crashes | {len(crashes)} |")
    print(f"| over the time limit (+{SLACK:g} s) | {len(over_time)} |")
    peak = memory.peak / 1024**2
    over_memory = memory.peak > limits.memory_bytes + 1024**3  # budget plus what is shared with the forkserver
    print(f"| reading process peak memory (RSS) | {peak:,.0f} MB{' (over its limit)' if over_memory else ''} |")
    print(
        f"| seconds per file: median / p95 / max | {statistics.median(seconds):.2f} / "
        f"{sorted(seconds)[int(0.95 * len(seconds))]:.2f} / {max(seconds):.2f} |"
    )
    print()
    by_kind: dict[str, Counter[str]] = {}
    for o in outcomes:
        by_kind.setdefault(o.case.kind, Counter())[o.code or o.status] += 1
    print("| kind | outcomes |")
    print("|---|---|")
    for kind, counts in sorted(by_kind.items()):
        print(f"| {kind} | {', '.join(f'{k} {n}' for k, n in counts.most_common())} |")
    for o in crashes[:20]:
        print(f"CRASH {o.case.path.name}: {o.code}: {o.detail[:300]}")
    for o in over_time[:20]:
        print(f"SLOW {o.case.path.name}: {o.seconds:.0f} s")


if __name__ == "__main__":
    main()
