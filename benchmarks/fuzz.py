"""Run the loaders' fuzz tests at scale: 10,000 examples per test by default, mutated
files and documents built whole, under a memory cap (each document also has its own
time and memory cap, in the tests).

Usage: python benchmarks/fuzz.py [--examples N] [--memory-gib G]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--memory-gib", type=float, default=4.0)
    args = parser.parse_args()
    cap = int(args.memory_gib * 2**30)

    def capped() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "HLDTUI_FUZZ_EXAMPLES": str(args.examples)}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/unit/test_fuzz.py",
        "tests/unit/test_fuzz_documents.py",
    ]
    return subprocess.run(command, cwd=ROOT, env=env, check=False, preexec_fn=capped).returncode


if __name__ == "__main__":
    sys.exit(main())
