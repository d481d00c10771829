"""Beats that say what the viewer is seeing: subtitles timed to a scene's animations.

A lesson file's ``construct()`` is a list of beats (methods named for what happens on screen).
Decorating a beat with ``@beat("...")`` adds one Manim subcaption for it: the text is shown from the
moment the beat starts until it ends, however long its animations turn out to be (they follow the
data). Manim writes a scene's subcaptions as an ``.srt`` file beside its video; the lecture tool
joins them into the lecture's subtitles.

The text is the project's own description of the beat, not the lesson's narration. It may be a
function of the beat's arguments (the scene's data value), so a caption can state a real number:

    >>> class AverageCost(Scene):
    ...     def construct(self):
    ...         shown = gradient_data.average_cost()
    ...         self.five_examples(shown)
    ...
    ...     @beat(lambda self, shown: f"Five training images, each with its own cost.")
    ...     def five_examples(self, shown): ...

A beat that takes no time (nothing played) adds no subcaption.

``construct`` itself is decorated with ``@storyboard``: where the data cannot be shown (a user's trace
that lacks the training history the scene replays, a trace file that is not one), the render ends
with one line naming the scene, the file and the problem, and exit status 2, not a traceback.
"""

from __future__ import annotations

import functools
import sys
from typing import Callable

from netcore.errors import NetcoreError

__all__ = ["beat", "storyboard", "MIN_SUBCAPTION", "REFUSED"]

REFUSED = 2  # exit status of a render whose data cannot be shown

MIN_SUBCAPTION = 0.05  # seconds: a beat shorter than this adds no subcaption


def beat(text: str | Callable[..., str]):
    """Decorate a scene's beat method: one subcaption spanning the beat, saying ``text`` (a string,
    or a function of the beat's ``self`` and arguments that returns one)."""

    def decorate(method):
        @functools.wraps(method)
        def run(self, *args, **kwargs):
            start = self.time
            result = method(self, *args, **kwargs)
            length = self.time - start
            if length >= MIN_SUBCAPTION:
                content = text(self, *args, **kwargs) if callable(text) else text
                self.add_subcaption(" ".join(content.split()), duration=length, offset=-length)
            return result

        run.subcaption = text
        return run

    return decorate


def storyboard(construct):
    """Decorate a scene's ``construct``: a ``NetcoreError`` from its data (e.g. the kit's
    ``NeedsHistory``) ends the render with one line on stderr, ``<Scene>: <file>: <problem>``, and exit
    status ``REFUSED``. (Manim reports other exceptions with a traceback and status 1; ``SystemExit``
    passes through it.)"""

    @functools.wraps(construct)
    def run(self):
        try:
            return construct(self)
        except NetcoreError as e:
            print(f"{type(self).__name__}: {e}", file=sys.stderr)
            raise SystemExit(REFUSED) from None

    run.storyboard = True
    return run
