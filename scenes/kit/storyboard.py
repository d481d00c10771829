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
"""

from __future__ import annotations

import functools
from typing import Callable

__all__ = ["beat", "MIN_SUBCAPTION"]

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
