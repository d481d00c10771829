"""A ThreeDScene that redraws less while the camera moves.

Manim's ThreeDScene treats every mobject as moving while the camera moves, so text fixed in the
frame (titles, captions) is re-rendered glyph by glyph every frame although it does not change.
``KitThreeDScene`` keeps fixed-in-frame mobjects that no animation touches in the static image.
They are then drawn beneath the moving 3-D objects, so keep them clear of the surface's on-screen area.

A trap of manim's cairo camera, worth knowing in any 3-D scene: the 2-D drawing context is cached
with the frame centre's x and y AT THE FIRST FRAME, and fixed-in-frame text is drawn through it. Start
with a frame centre of x = y = 0 (z is free) and place the 3-D content by moving it (e.g.
``LandscapeView(center=...)``); later camera moves may shift the frame centre freely.
"""

from __future__ import annotations

import numpy as np
from manim import ThreeDScene
from manim.animation.composition import AnimationGroup

__all__ = ["KitThreeDScene"]


def _animated_family(animations):
    out = set()
    for anim in animations:
        out.update(anim.mobject.get_family())
        if isinstance(anim, AnimationGroup):
            out.update(_animated_family(anim.animations))
    return out


class KitThreeDScene(ThreeDScene):
    """A ``ThreeDScene`` for the kit's 3-D pictures.

    Besides redrawing less (see the module docstring) it has the helpers the 3-D scenes share:
    ``fix_in_frame`` (register text as fixed in the frame without showing it yet, so a later
    ``FadeIn`` shows it), ``on_screen`` (where a 3-D point appears in the frame) and ``pin`` (a note
    beside a 3-D point, on a dark box, kept inside the frame).

    Examples
    --------
    >>> class Bowl(KitThreeDScene):
    ...     def construct(self):
    ...         note = self.pin(label("steepest ascent"), view.point(1, 1), UR)
    ...         self.play(FadeIn(note))
    """

    def fix_in_frame(self, *mobjects):
        """Register ``mobjects`` as fixed in the frame without adding them: an animation adds them."""
        self.renderer.camera.add_fixed_in_frame_mobjects(*mobjects)
        return mobjects[0] if len(mobjects) == 1 else mobjects

    def on_screen(self, point) -> np.ndarray:
        """Where the 3-D ``point`` appears in the frame (frame coordinates) from the current camera."""
        return self.renderer.camera.project_point(np.asarray(point, float))

    def pin(self, mob, point, direction, buff: float = 0.15, opacity: float = 0.7):
        """``mob`` on a dark box beside the 3-D ``point`` as seen now, inside the frame, fixed in the
        frame and not yet shown."""
        from .layout import boxed, inside_frame

        note = inside_frame(boxed(mob.next_to(self.on_screen(point), direction, buff=buff), opacity=opacity))
        return self.fix_in_frame(note)

    def get_moving_mobjects(self, *animations):
        moving = super().get_moving_mobjects(*animations)
        if moving is not self.mobjects:  # the camera is not moving: manim's own rule
            return moving
        fixed = self.renderer.camera.fixed_in_frame_mobjects
        animated = _animated_family(animations)

        def frozen(mob):
            family = mob.get_family()
            return (all(m in fixed for m in family if m.has_points()) and not mob.updaters
                    and not any(m in animated for m in family))

        return [m for m in self.mobjects if not frozen(m)]
