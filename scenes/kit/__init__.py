"""The scene kit: palette, cached netcore data, and the mobjects every lesson file draws with.

Lesson files (``scenes/structure.py``, ``scenes/gradient.py``, ``scenes/backprop.py``) put the repo
root on ``sys.path`` and ``from scenes.kit import ...``, so ``manim -qh scenes/gradient.py Scene``
works from the repo root.
"""

from . import palette
from .images import PixelGrid, digit_image, grey_rgb, weight_grid, weight_rgb
from .network import EdgeSweep, LayerEdges, NetworkMobject, line_points, shown_indices
from .numbers import NumberColumn
from .surface import (
    Ball,
    ContourLines,
    CostSurface,
    Ball2D,
    FlatArrow,
    Replay,
    SceneMap,
    segment_samples,
    state_coords,
)
from .text import FastNumber, integer, label, math, number

__all__ = [
    "palette", "PixelGrid", "digit_image", "grey_rgb", "weight_grid", "weight_rgb",
    "EdgeSweep", "LayerEdges", "NetworkMobject", "line_points", "shown_indices", "NumberColumn",
    "Ball", "ContourLines", "CostSurface", "Ball2D", "FlatArrow", "Replay", "SceneMap",
    "segment_samples", "state_coords", "FastNumber", "integer", "label", "math", "number",
]
