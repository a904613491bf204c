"""Retrain both learned models of extraction to their fixed point: the headline model, then the
byline model, until a check of the headline model finds it as trained.

The two are coupled: the byline trainer's spans depend on the headline the extractor chooses
(the headline model's), and the headline trainer's candidate lines may depend on the byline the
extractor removes (the byline model's). Training them in the wrong order, or one alone after an
extractor change, leaves a model that its own ``--check`` rejects (2222cda had to refit the
byline model after 23a848c). Each trainer runs in a process of its own, since the extractor
loads the model files once per process.

A round: ``train_headline``, ``train_byline``, then ``train_headline --check``. Where the check
passes, both committed files are what their trainers write from this tree with each other in
place (the byline model was fitted with this headline model; refitting the headline model with
this byline model gives the same file). Otherwise the next round starts; after ``--rounds``
rounds it stops with exit status 1.

Run: ``python -m benchmarks.train_models [--rounds 3]`` (minutes per trainer; ``make models``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys


def _run(module: str, *args: str) -> int:
    command = [sys.executable, "-m", f"benchmarks.{module}", *args]
    print("$", " ".join(command[1:]), flush=True)
    return subprocess.run(command, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="give up after this many rounds")
    args = parser.parse_args(argv)
    for round_ in range(1, args.rounds + 1):
        for module in ("train_headline", "train_byline"):
            if _run(module) != 0:
                print(f"{module} failed in round {round_}", file=sys.stderr)
                return 1
        if _run("train_headline", "--check") == 0:
            print(f"both models at their fixed point after {round_} round(s)")
            return 0
    print(f"no fixed point after {args.rounds} rounds", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
