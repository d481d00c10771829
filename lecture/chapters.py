"""The chapters a lecture can be made of, their scenes, and when a scene must render again.

A chapter is a lesson file (``scenes/structure.py``, ``scenes/gradient.py``, ``scenes/backprop.py``)
with its data module; its ``SCENES`` tuple gives the scenes in the lesson's order. A scene's chapter
mark is its ``TITLE`` (a class attribute) or, without one, its class name in words.

A scene is up to date when the key of its last render equals ``scene_key(...)``: a hash of the scene
class's own source, the rest of its lesson file (imports, helpers; not the other scenes), every file
the scenes are drawn and computed with (the kit, the chapter's data module, netcore), Manim's version,
the quality, and the data replayed (``NETCORE_TRACE``'s file and the dataset's checksum). So after an
edit to one scene only that scene renders again; an edit to the kit or netcore renders them all.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import importlib.util
import sys
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Chapter", "CHAPTERS", "ROOT", "chapter", "available", "scene_sources", "scene_key", "data_identity",
           "title_of", "shown_path"]

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Chapter:
    """A lesson file ``<folder>/<name>.py`` (data in ``<name>_data.py`` beside it) and its title."""

    number: int
    name: str  # the lesson file's stem
    title: str
    folder: Path = ROOT / "scenes"  # another folder: a lesson file outside the package (tests)

    @property
    def file(self) -> Path:
        return self.folder / f"{self.name}.py"

    @property
    def data_file(self) -> Path:
        return self.folder / f"{self.name}_data.py"

    @property
    def slug(self) -> str:
        return f"chapter{self.number}-{self.name}"

    def exists(self) -> bool:
        return self.file.is_file()

    def module(self, suffix: str = ""):
        """The lesson module (``suffix="_data"``: its data module, or None where it has none)."""
        if self.folder == ROOT / "scenes":
            try:
                return importlib.import_module(f"scenes.{self.name}{suffix}")
            except ModuleNotFoundError as e:
                if suffix and e.name == f"scenes.{self.name}{suffix}":
                    return None
                raise
        path = self.folder / f"{self.name}{suffix}.py"
        if not path.is_file():
            return None
        key = f"lecture_chapter_{self.number}_{self.name}{suffix}"
        if key not in sys.modules:
            spec = importlib.util.spec_from_file_location(key, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[key] = module
            spec.loader.exec_module(module)
        return sys.modules[key]

    def scenes(self) -> list[str]:
        """The scene class names, in the lesson's order."""
        return [s if isinstance(s, str) else s.__name__ for s in self.module().SCENES]


CHAPTERS = {
    1: Chapter(1, "structure", "What is a neural network?"),
    2: Chapter(2, "gradient", "Gradient descent: how neural networks learn"),
    3: Chapter(3, "backprop", "What is backpropagation really doing?"),
}


def shown_path(path: Path) -> str:
    """``path`` relative to the repo when it lies inside it (as messages show it)."""
    try:
        return str(Path(path).relative_to(ROOT))
    except ValueError:
        return str(path)


def available() -> list[Chapter]:
    """The chapters whose lesson file exists, in order."""
    return [c for c in CHAPTERS.values() if c.exists()]


def chapter(text: str) -> Chapter:
    """The chapter named by ``text``: its number (``2``) or its lesson file's name (``gradient``)."""
    for c in CHAPTERS.values():
        if text in (str(c.number), c.name, c.slug):
            if not c.exists():
                raise ValueError(f"chapter {c.number} ({shown_path(c.file)}) does not exist yet")
            return c
    known = ", ".join(f"{c.number} ({c.name})" for c in available())
    raise ValueError(f"no chapter {text!r} (chapters: {known}, or all)")


def title_of(cls) -> str:
    """A scene's chapter mark: its ``TITLE``, else its class name in words (``BallDownhill`` -> "Ball downhill")."""
    given = getattr(cls, "TITLE", None)
    if given:
        return str(given)
    words = re.findall(r"[A-Z]+(?=[A-Z][a-z]|\b)|[A-Z]?[a-z]+|\d+", cls.__name__)
    return " ".join([words[0]] + [w if w.isupper() else w.lower() for w in words[1:]])


def scene_sources(file: Path) -> tuple[dict[str, str], str]:
    """``(each class's source by name, the rest of the file)`` of a lesson file."""
    text = Path(file).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    classes, taken = {}, set()
    for node in ast.parse(text).body:
        if isinstance(node, ast.ClassDef):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
            classes[node.name] = "".join(lines[first:node.end_lineno])
            taken.update(range(first, node.end_lineno))
    rest = "".join(line for i, line in enumerate(lines) if i not in taken)
    return classes, rest


def _tree_digest(*folders_or_files: Path) -> str:
    h = hashlib.sha256()
    for item in folders_or_files:
        paths = sorted(item.rglob("*.py")) if item.is_dir() else [item]
        for p in paths:
            if p.is_file():
                h.update(shown_path(p).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def data_identity() -> str:
    """What the scenes replay: the user's trace file (``NETCORE_TRACE``, by content) and the dataset."""
    from scenes.kit import data as kd

    h = hashlib.sha256(kd.dataset().checksum.encode())
    user = kd.user_trace_path()
    if user is not None:
        h.update(b"trace\0" + hashlib.sha256(Path(user).read_bytes()).digest())
    return h.hexdigest()


def scene_key(ch: Chapter, scene: str, quality: str, data: str) -> str:
    """The key of ``scene``'s render at ``quality`` for the data ``data`` (``data_identity()``)."""
    import manim

    classes, rest = scene_sources(ch.file)
    if scene not in classes:
        raise ValueError(f"{ch.file.name} defines no class {scene}")
    shared = _tree_digest(ROOT / "scenes" / "kit", ch.data_file, ROOT / "netcore", ROOT / "manim.cfg")
    h = hashlib.sha256()
    for part in (classes[scene], rest, shared, manim.__version__, quality, data):
        h.update(str(part).encode() + b"\0")
    return h.hexdigest()[:32]
