"""The package's build: pure Python, unless ``NEWSFOLD_COMPILE=1`` asks for modules compiled by mypyc.

Everything about the project is in ``pyproject.toml``; this file only adds the optional compiled
extension modules (docs/compiled.md)::

    make compiled    # build/compiled/: the whole package, .py and .so (PYTHONPATH=build/compiled)
    NEWSFOLD_COMPILE=1 pip wheel --no-build-isolation --no-deps .   # a compiled wheel

The compiled build uses the mypy (mypyc) of the environment it runs in, hence
``--no-build-isolation``; a plain ``pip install .`` or ``pip install -e .`` needs no mypy and
builds nothing. An editable install never holds compiled modules: a ``.so`` beside its ``.py``
in ``src/`` would be imported instead of the source being edited, so an in-place build with
``NEWSFOLD_COMPILE=1`` stops with an error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

SRC = Path("src") / "newsfold"
# the compiled build's own build folder (C files, objects, .so): a pure build (build/lib) never
# picks up a .so from it
BUILD = "build/mypyc"

# The modules mypyc compiles: the text-dump extraction (flat Python over lines, which mypyc's
# native attribute access, calls and loops speed up) and the helpers every extraction calls.
COMPILED = [
    *sorted(str(p) for p in (SRC / "extract").glob("*.py")),
    str(SRC / "dates.py"),
    str(SRC / "memo.py"),
]
# Left out, with why: mypyc cannot compile them (or it gains nothing there).
LEFT_OUT = {
    # SiteHints subclasses frozenset: "Inheriting from most builtin types is unimplemented"
    str(SRC / "extract" / "sitenames.py"): "subclasses frozenset",
    # a compiled package __init__ in separate mode loads its submodules' groups before it is in
    # sys.modules, which imports the package again: RecursionError at import. It only wires the
    # stages together (extract_page, page_lines), so it gains little compiled
    str(SRC / "extract" / "__init__.py"): "RecursionError at import (separate mode)",
}
COMPILED = [p for p in COMPILED if p not in LEFT_OUT]


def compiling() -> bool:
    return os.environ.get("NEWSFOLD_COMPILE", "") not in ("", "0")


# Stands for the compiled modules until build_ext runs mypyc: pip reads this file for the
# package's metadata too, which needs no compilation (a minute or more)
_LATER = Extension("newsfold._mypyc_later", sources=[])


class BuildExt(build_ext):
    """``build_ext`` of the modules mypyc compiles (when asked), over every core
    (``NEWSFOLD_COMPILE_JOBS`` to choose), never in place."""

    def finalize_options(self) -> None:
        dist = self.distribution
        if dist.ext_modules and _LATER in dist.ext_modules:
            self._never_in_place()
            dist.ext_modules = mypyc_extensions()
        super().finalize_options()
        if self.parallel is None:
            jobs = os.environ.get("NEWSFOLD_COMPILE_JOBS", "")
            self.parallel = int(jobs) if jobs else (os.cpu_count() or 1)

    def run(self) -> None:
        if self.extensions:
            self._never_in_place()
            # a module no longer compiled leaves no .so in the wheel (it would shadow the .py)
            keep = {Path(p).resolve() for p in self.get_outputs()}
            for old in Path(self.build_lib, "newsfold").rglob("*.so"):
                if old.resolve() not in keep:
                    old.unlink()
        super().run()

    def _never_in_place(self) -> None:
        # an editable build creates its editable_wheel command first, but sets build_ext's
        # editable_mode only after it may have finalized build_ext: both are looked at
        editable = "editable_wheel" in self.distribution.command_obj
        if self.inplace or self.editable_mode or editable:
            sys.exit(
                "newsfold: NEWSFOLD_COMPILE=1 with an editable or in-place build would put .so "
                "files beside the sources in src/, imported instead of them; build a wheel or "
                "run `make compiled` (build/compiled/) instead"
            )


def mypyc_extensions() -> list[Extension]:
    try:
        from mypyc.build import mypycify
    except ImportError:
        sys.exit(
            "newsfold: NEWSFOLD_COMPILE=1 needs mypy (mypyc) in the building environment: "
            "pip install --no-build-isolation with the [test] extra installed"
        )
    # separate=True: one extension per module, so build_ext compiles them on every core and
    # rebuilds only the modules whose C changed
    return list(mypycify(COMPILED, opt_level="3", separate=True, target_dir=f"{BUILD}/c"))


setup(
    ext_modules=[_LATER] if compiling() else [],
    cmdclass={"build_ext": BuildExt},
    options={"build": {"build_base": BUILD}} if compiling() else {},
)
