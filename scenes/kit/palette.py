"""The project's visual conventions (see ../shared/lessons.md, "Visual conventions"), in one place.

Every scene takes its colours, text sizes and font from here, so the three lessons look alike:

- dark background; a neuron's fill brightness is its activation (0 black, 1 white);
- edges: positive weight blue, negative weight red, stroke width by |w| relative to the layer's max;
- weight images: positive green, negative red, brightness by |w| (``images.weight_rgb``);
- gradient / nudge arrows: up (positive) blue, down (negative) red;
- the network's answer (brightest output) is boxed in ``ANSWER``.
"""

from __future__ import annotations

import numpy as np
from manim import ManimColor, interpolate_color

# --- background and neutral tones --------------------------------------------------------------------
BACKGROUND = ManimColor("#0b0d12")  # also set in manim.cfg
TEXT = ManimColor("#e8e8e8")
DIM_TEXT = ManimColor("#9aa0a6")
FAINT = ManimColor("#3a3f47")  # axes, grid lines, neuron outlines
NEURON_STROKE = ManimColor("#cfd3d8")

# --- signs ------------------------------------------------------------------------------------------
POSITIVE = ManimColor("#58c4dd")  # positive weight, upward nudge / gradient component
NEGATIVE = ManimColor("#fc6255")  # negative weight, downward nudge
NUDGE_UP = POSITIVE  # a nudge up (chapter 3 arrows)
NUDGE_DOWN = NEGATIVE  # a nudge down
WEIGHT_POSITIVE = ManimColor("#83c167")  # weight images (chapter 1): positive green
WEIGHT_NEGATIVE = ManimColor("#fc6255")  # weight images: negative red

# --- accents ----------------------------------------------------------------------------------------
ANSWER = ManimColor("#ffff00")  # the box around the network's answer
BALL = ManimColor("#f5f5f5")
PATH = ManimColor("#ffd966")  # the path a ball leaves behind (full-batch descent)
SGD_PATH = ManimColor("#ff8c42")  # an SGD path on the same surface
GRADIENT = POSITIVE  # the gradient (steepest ascent) arrow
DOWNHILL = NEGATIVE  # minus the gradient: the downhill arrow
COST = ManimColor("#ffd966")  # cost readouts
# several balls / runs in one picture, in order
SERIES = [ManimColor(c) for c in ("#ffd966", "#58c4dd", "#e07be0", "#83c167", "#ff8c42", "#9a72ac")]
# the learning-rate scene: too small, good, too large
ETA_COLORS = [ManimColor("#58c4dd"), ManimColor("#83c167"), ManimColor("#fc6255")]

# --- the cost surface: low cost dark blue, high cost warm ------------------------------------------
SURFACE_SCALE = [ManimColor(c) for c in ("#0d2a4a", "#1f5f8b", "#2a9d8f", "#e9c46a", "#f4a261", "#e76f51")]
CONTOUR = ManimColor("#c8d3df")

# --- text -------------------------------------------------------------------------------------------
FONT = "DejaVu Sans"
TITLE_SIZE = 40
LABEL_SIZE = 28
SMALL_SIZE = 22
TINY_SIZE = 18
MATH_SCALE = 0.8  # MathTex / DecimalNumber scale next to LABEL_SIZE text


def activation_color(a: float) -> ManimColor:
    """Neuron fill: black at 0, white at 1 (clipped)."""
    a = float(np.clip(a, 0.0, 1.0))
    return interpolate_color(ManimColor("#000000"), ManimColor("#ffffff"), a)


def sign_color(value: float) -> ManimColor:
    """Positive blue, negative red (edges, arrows, nudges); zero counts as positive."""
    return POSITIVE if value >= 0 else NEGATIVE


def surface_color(t: float) -> ManimColor:
    """Colour of a height ``t`` in [0, 1] (0 = lowest cost on the surface) on ``SURFACE_SCALE``."""
    t = float(np.clip(t, 0.0, 1.0)) * (len(SURFACE_SCALE) - 1)
    i = min(int(t), len(SURFACE_SCALE) - 2)
    return interpolate_color(SURFACE_SCALE[i], SURFACE_SCALE[i + 1], t - i)
