"""A tiny lesson file for the lecture tool's tests: three short scenes with titles and subtitles.

``FAIL_SCENE`` (environment) names a scene that raises, to test a failing render; ``REFUSE_SCENE``
one that says, as a scene replaying training does for an imported network, that it cannot show the data.
"""

import os

from manim import BLUE, Circle, Create, FadeOut, Scene, Square, Triangle

from netcore.errors import NetcoreError
from scenes.kit.storyboard import beat, storyboard


class Opening(Scene):
    TITLE = "A square"

    def construct(self):
        shape = Square(color=BLUE)
        self.draw(shape)
        self.remove_it(shape)

    @beat("A square is drawn.")
    def draw(self, shape):
        self.play(Create(shape), run_time=0.6)

    @beat(lambda self, shape: f"It fades after {self.time:.1f} s.")
    def remove_it(self, shape):
        self.play(FadeOut(shape), run_time=0.4)


class Middle(Scene):
    TITLE = "A circle"

    @storyboard
    def construct(self):
        if os.environ.get("FAIL_SCENE") == "Middle":
            raise RuntimeError("this scene fails on purpose")
        if os.environ.get("REFUSE_SCENE") == "Middle":
            raise NetcoreError("this scene replays training, which this trace lacks", "mine.npz")
        self.draw()

    @beat("A circle is drawn.")
    def draw(self):
        self.play(Create(Circle()), run_time=0.8)
        self.wait(0.2)


class Closing(Scene):
    def construct(self):
        self.draw()

    @beat("A triangle closes the lecture.")
    def draw(self):
        self.play(Create(Triangle()), run_time=0.6)


SCENES = (Opening, Middle, Closing)
