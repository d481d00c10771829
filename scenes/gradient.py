"""Chapter 2: gradient descent (see ../shared/lessons.md, "Chapter 2").

Render from the repo root, e.g. ``manim -qh scenes/gradient.py BallDownhill``. Every number and
every point on screen comes from netcore through ``scenes.kit.data`` (cached runs, landscapes,
slices); ``NETCORE_TRACE`` re-renders from another trace.
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

import numpy as np  # noqa: E402
from manim import (  # noqa: E402
    DEGREES,
    DL,
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    UR,
    Animation,
    AnimationGroup,
    Arrow,
    Axes,
    BackgroundRectangle,
    Brace,
    ChangeDecimalToValue,
    Circle,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    Line,
    Rectangle,
    RoundedRectangle,
    Scene,
    SurroundingRectangle,
    UpdateFromAlphaFunc,
    VGroup,
    VMobject,
    Write,
    rate_functions,
)

from scenes.kit import data as kd  # noqa: E402
from scenes.kit import palette as P  # noqa: E402
from scenes.kit.landscape_view import LandscapeView  # noqa: E402
from scenes.kit.scene3d import KitThreeDScene  # noqa: E402
from scenes.kit.curve import CurveView, Hopper  # noqa: E402
from scenes.kit.surface import FlatArrow, Replay  # noqa: E402
from scenes.kit.layout import caption, grid_positions, inside_frame, labelled_thumbnail, on_baseline, thumbnail, title  # noqa: E402
from scenes.kit.network import NetworkMobject  # noqa: E402
from scenes.kit.numbers import NumberColumn, bracket  # noqa: E402
from scenes.kit.pixels import pixel_digit, pixel_weights  # noqa: E402
from scenes.kit.text import FastNumber, change_values, integer, label, math, number  # noqa: E402
from scenes.gradient_data import (  # noqa: E402
    average_cost_data,
    cost_of_one_example_data,
    first_of_digit,
    gradient_vector_data,
    hidden_weights_data,
    memorization_data,
    random_noise_data,
    shown_test_images,
)

CORRECT = P.WEIGHT_POSITIVE  # a test image the network gets right (green frame)
WRONG = P.NEGATIVE  # one it gets wrong (red frame)


def readout(name: str, mob, size=P.LABEL_SIZE, color=P.TEXT):
    """``name`` then a live number, on one baseline; returns the group (``group.value`` is the number)."""
    text = label(name, size=size, color=P.DIM_TEXT)
    mob.set_color(color)
    group = VGroup(text, mob).arrange(RIGHT, buff=0.18, aligned_edge=DOWN)
    group.value = mob
    return group


class BallDownhill(KitThreeDScene):
    """The headline: a ball replays real full-batch gradient descent on the real cost surface.

    The surface is the true training cost on the plane of the descent's top two principal directions
    (netcore landscape ``descent``); the ball sits at each snapshot's projection onto that plane, at
    the surface's height there; the arrow is minus the snapshot's true gradient projected into the
    plane; the readouts are the snapshot's step and true cost. Then the view from above, on contours.
    """

    ROLL_TIME = 16.0

    def construct(self):
        trace = kd.trace("descent")
        land = kd.landscape("descent")
        path = land.trace_path(0)
        coords, steps, costs, grads = path["coords"], path["step"], path["cost"], path["gradient"]

        view = LandscapeView(land, width=7.4, z_size=3.2)
        center = view.smap(np.mean(land.alphas), np.mean(land.betas), 1.1)
        self.set_camera_orientation(phi=60 * DEGREES, theta=100 * DEGREES, zoom=1.0, frame_center=center)

        # --- static: surface, title, captions (added once, before anything moves) ----------------
        hp = trace.meta["hyperparameters"]
        title = label("Gradient descent on the real cost surface", size=P.TITLE_SIZE * 0.9).to_corner(UL, buff=0.35)
        n_params = trace.snapshot_params.shape[1]
        cap1 = label(f"surface: the true training cost on a 2-D slice of the {n_params:,}-dimensional weight space,",
                     size=P.TINY_SIZE, color=P.DIM_TEXT)
        cap2 = label(f"the plane that holds {land.meta['explained_variance']:.0%} of the path's movement",
                     size=P.TINY_SIZE, color=P.DIM_TEXT)
        method = ("full-batch gradient descent" if trace.meta["method"] == "full_batch"
                  else f"stochastic gradient descent, mini-batches of {hp['batch_size']}")  # NETCORE_TRACE may be SGD
        cap3 = label(f"ball: {method}, learning rate {hp['eta']:g}, "
                     f"{trace.meta['data']['n_train']:,} MNIST training images",
                     size=P.TINY_SIZE, color=P.DIM_TEXT)
        cap4 = label("arrow: downhill (minus the true gradient, projected into the plane); "
                     "cost: the true cost at that step", size=P.TINY_SIZE, color=P.DIM_TEXT)
        captions = VGroup(cap1, cap2, cap3, cap4).arrange(DOWN, aligned_edge=LEFT, buff=0.08).to_corner(DL, buff=0.3)
        self.add(view.surface)
        self.add_fixed_in_frame_mobjects(title, captions)
        self.remove(title)  # written below; the captions are simply there (no fade: 250 glyphs a frame)

        # --- readouts: step and true cost of the snapshot the ball last reached -------------------
        step_num = FastNumber(int(steps[0]), places=0, widest=int(steps.max()))
        cost_num = FastNumber(float(costs[0]), places=3, widest=float(costs.max()))
        step_row = readout("step", step_num)
        cost_row = readout("cost", cost_num, color=P.COST)
        panel = VGroup(step_row, cost_row).arrange(DOWN, aligned_edge=LEFT, buff=0.2).to_corner(UR, buff=0.4)
        step_row.align_to(panel, RIGHT)
        cost_row.align_to(panel, RIGHT)
        self.add_fixed_in_frame_mobjects(panel)

        def show_index(i):
            step_num.set_value(int(steps[i]))
            cost_num.set_value(float(costs[i]))

        self.rolling = rolling = view.rolling(coords, grads, on_index=show_index)
        self.view, self.land, self.readouts = view, land, {"step": step_num, "cost": cost_num}
        self.add_fixed_orientation_mobjects(rolling.ball)

        moving = VGroup(rolling.group, panel)  # redrawn every frame of the roll; nothing else is
        self.play(Write(title), FadeIn(moving), run_time=2.0)
        self.wait(0.6)

        # --- the roll: ONE animation through every snapshot ---------------------------------------
        # time per step grows with the distance the ball travels (clipped), so the first big steps
        # are seen and the long slow valley still moves
        dist = np.linalg.norm(np.diff(coords, axis=0), axis=1)
        durations = np.clip(dist / np.median(dist), 1.0, 5.0)
        self.play(rolling.replay(self.ROLL_TIME, durations=durations, mobject=moving))
        self.wait(0.8)

        # --- from above: the path on contour lines --------------------------------------------------
        levels = np.geomspace(float(land.cost.min()) * 1.03, float(land.cost.max()) * 0.97, 12)
        contours = view.contours(levels, stroke_width=1.4, opacity=0.9)
        top_center = view.smap(np.mean(land.alphas), np.mean(land.betas), 0.0)
        self.move_camera(phi=0, theta=90 * DEGREES, zoom=0.92, focal_distance=60, frame_center=top_center,
                         added_anims=[FadeIn(contours), FadeOut(rolling.arrow, run_time=0.5), FadeOut(title, run_time=0.5),
                                      Animation(panel)],  # redrawn above the turning surface
                         run_time=3.0)
        title2 = label("From above: the path on contour lines", size=P.TITLE_SIZE * 0.9)
        title2.to_corner(UL, buff=0.35)
        self.add_fixed_in_frame_mobjects(title2)
        cam = self.renderer.camera
        marks = VGroup()
        for text, idx, direction in (("start", 0, DOWN), ("end", -1, UP)):
            spot = cam.project_point(view.point(*coords[idx]))
            mark = label(text, size=P.SMALL_SIZE).next_to(spot, direction, buff=0.22)
            marks.add(BackgroundRectangle(mark, color=P.BACKGROUND, fill_opacity=0.75, buff=0.06), mark)
        self.add_fixed_in_frame_mobjects(marks)
        self.play(FadeIn(marks), Write(title2), run_time=1.0)
        self.wait(3.0)


def ticks_points(view, ts, size=0.12):
    """Short vertical ticks on the x-axis of a CurveView at data positions ``ts`` (one VMobject's points)."""
    from scenes.kit.network import line_points

    ts = np.asarray(ts, float)
    if not len(ts):
        return np.zeros((0, 3))
    base = view.to_scene(ts, np.full(len(ts), view.y_range[0]))
    return line_points(base - [0, size, 0], base + [0, size, 0])


class ManyValleys(Scene):
    """One input: the real cost along the line through two trained networks (two seeds) has two
    valleys; balls step by -eta times the slope, the steps shrink as the slope flattens, and balls
    from different starts settle in different valleys (netcore slice ``minima``)."""

    def construct(self):
        sl = kd.slice_("minima")
        balls = sl.balls
        starts = [float(b.positions[0, 0]) for b in balls]
        eta = float(sl.meta["ball_eta"])
        seeds = [t["seed"] for t in sl.meta["traces"]]

        title = label("Many valleys: the real cost along one line", size=P.TITLE_SIZE * 0.9).to_corner(UL, buff=0.35)
        sub = label(f"through the weights of two trained networks: seed {seeds[0]} at t = 0, seed {seeds[1]} at t = 1",
                    size=P.SMALL_SIZE, color=P.DIM_TEXT).next_to(title, DOWN, aligned_edge=LEFT, buff=0.12)
        y_top = float(np.ceil(sl.cost.max() * 10 + 0.5) / 10)
        view = CurveView(sl.t, sl.cost, sl.slope, (float(sl.t[0]), float(sl.t[-1]), 0.5), (0, y_top, 0.2),
                         width=10.5, height=4.4, x_places=1)
        view.move_to([0.3, -1.1, 0])
        x_lab = label("t", size=P.LABEL_SIZE).next_to(view.x_axis, RIGHT, buff=0.2)
        y_lab = label("cost", size=P.SMALL_SIZE, color=P.DIM_TEXT).next_to(view.y_axis, UP, buff=0.15)
        rule = math(r"t \leftarrow t - \eta\,\frac{dC}{dt}", size=P.LABEL_SIZE * 1.3)
        rule_note = label(f"η = {eta:.3f}", size=P.SMALL_SIZE, color=P.DIM_TEXT)
        rule_box = VGroup(rule, rule_note).arrange(DOWN, buff=0.12)
        rule_box.move_to([4.6, 1.5, 0])

        self.add(view.axes, x_lab, y_lab)
        self.play(Write(title), FadeIn(sub), Create(view.curve), run_time=2.0)
        self.play(FadeIn(rule_box), run_time=0.8)

        # --- one ball, alone: steps proportional to the slope, shrinking ------------------------
        first = int(np.argmin(starts))
        colors = [P.SERIES[i % len(P.SERIES)] for i in range(len(balls))]
        ticks = VMobject(stroke_color=colors[first], stroke_width=3)
        pos = balls[first].positions[:, 0]
        step_num = FastNumber(0, places=0, widest=len(pos) - 1)
        size_num = FastNumber(0.0, places=4, widest=float(np.abs(np.diff(pos)).max()))
        readouts = VGroup(readout("step", step_num), readout("step size", size_num)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        readouts.next_to(rule_box, DOWN, buff=0.3)

        def on_step(k):
            ticks.points = ticks_points(view, pos[:min(k, len(pos) - 1) + 1])
            step_num.set_value(min(k, len(pos) - 1))
            size_num.set_value(abs(pos[min(k + 1, len(pos) - 1)] - pos[min(k, len(pos) - 1)]))

        solo = Hopper(view, [balls[first]], [colors[first]], on_step=on_step)
        self.view, self.slice, self.readouts = view, sl, {"step": step_num, "step size": size_num}
        self.add(solo.group)
        self.play(FadeIn(solo.group, scale=0.5), FadeIn(readouts), run_time=0.6)
        moving = VGroup(solo.group, ticks, readouts)
        self.add(moving)
        self.play(solo.replay(0.38, mobject=moving))
        note = label("steps shrink as the slope flattens", size=P.SMALL_SIZE, color=colors[first])
        view.place_above(note)
        self.play(FadeIn(note), run_time=0.6)
        self.wait(1.0)

        # --- every ball: different starts, different valleys ---------------------------------------
        others = [i for i in range(len(balls)) if i != first]
        crowd = Hopper(view, [balls[i] for i in others], [colors[i] for i in others])
        self.hoppers = [solo, crowd]
        starts_marks = VGroup(*[Dot(view.to_scene(starts[i], 0), radius=0.07, color=colors[i]) for i in range(len(balls))])
        self.play(FadeOut(note), FadeOut(readouts), FadeOut(ticks), FadeIn(crowd.group, scale=0.5),
                  FadeIn(starts_marks), run_time=0.8)
        self.play(crowd.replay(0.32))
        marks = VGroup()
        for v, (vt, vc) in enumerate(zip(sl.valley_t, sl.valley_cost)):
            n_in = sum(1 for b in balls if b.valley == v)
            text = label(f"valley {v + 1}: cost {vc:.4f}, {n_in} balls", size=P.SMALL_SIZE)
            text.next_to(view.to_scene(vt, view.y_range[0]), UP, buff=0.3)
            marks.add(text)
        ridge = label(f"ridge: cost {sl.meta['ridge_cost']:.3f}", size=P.SMALL_SIZE, color=P.DIM_TEXT)
        ridge.next_to(view.point(sl.meta["ridge_t"]), UP, buff=0.2)
        end = label("where a ball settles depends on where it starts", size=P.LABEL_SIZE)
        end.next_to(sub, DOWN, aligned_edge=LEFT, buff=0.3)
        self.labels = {"valleys": marks, "ridge": ridge}
        self.play(FadeIn(marks), FadeIn(ridge), run_time=0.8)
        self.play(Write(end), run_time=1.2)
        self.wait(2.5)


RATE_WORDS = {"creep": "too small: it creeps", "good": "about right", "overshoot": "too large: it overshoots",
              "diverge": "far too large: it diverges"}


class LearningRate(Scene):
    """The step is -eta times the slope: the same start on the same real slice (netcore slice
    ``minima``, its valley nearest t = 0) at netcore's four learning rates, side by side."""

    SECONDS_PER_STEP = 0.26

    def construct(self):
        sl = kd.slice_("minima")
        rates = sl.rates
        labels = sl.meta.get("rate_labels", [f"rate {i}" for i in range(len(rates))])
        valley = int(sl.meta.get("rate_valley", 0))
        vt = float(sl.valley_t[valley])

        title = label("Learning rate: how far each step goes", size=P.TITLE_SIZE * 0.85).to_corner(UL, buff=0.35)
        rule = math(r"t \leftarrow t - \eta\,\frac{dC}{dt}", size=P.LABEL_SIZE * 1.1)
        step_num = FastNumber(0, places=0, widest=max(len(p.costs) for p in rates))
        step_row = readout("step", step_num)
        head = VGroup(rule, step_row).arrange(RIGHT, buff=0.8).to_corner(UR, buff=0.35)

        # the window: the valley and its flanks (the ridge stays out of it)
        half = 0.25
        lo, hi = max(float(sl.t[0]), vt - half), min(float(sl.t[-1]), vt + half)
        inside = (sl.t >= lo) & (sl.t <= hi)
        y_lo = float(np.floor(sl.cost[inside].min() * 10) / 10)
        y_hi = float(np.ceil(sl.cost[inside].max() * 10) / 10)
        panels, hoppers, costs_nums = VGroup(), [], []
        for i, (path, name) in enumerate(zip(rates, labels)):
            color = P.SERIES[[1, 3, 4, 2][i % 4]]
            view = CurveView(sl.t, sl.cost, sl.slope, (lo, hi, 0.1), (y_lo, y_hi, 0.1),
                             width=5.0, height=1.95, curve_width=3, number_size=P.TINY_SIZE, x_places=1)
            head_text = label(f"η = {path.eta:.3f}: {RATE_WORDS.get(name, name)}", size=P.SMALL_SIZE, color=color)
            cost_num = FastNumber(float(path.costs[0]), places=4, size=P.SMALL_SIZE * 1.3, color=color,
                                  widest=float(np.max(path.costs[np.isfinite(path.costs)])))
            cost_row = readout("cost", cost_num, size=P.SMALL_SIZE)
            panel = VGroup(head_text, view).arrange(DOWN, buff=0.2, aligned_edge=LEFT)
            cost_row.next_to(view.y_axis, RIGHT, buff=0.0).align_to(view.x_axis, RIGHT).align_to(view.y_axis, UP)
            panel.add(cost_row)
            panel.head, panel.view = head_text, view
            panels.add(panel)
            costs_nums.append(cost_num)
        panels.arrange_in_grid(rows=2, cols=2, buff=(1.1, 0.45)).next_to(title, DOWN, buff=0.3)
        panels.set_x(0)
        for panel, path, i in zip(panels, rates, range(len(rates))):  # balls on the placed panels
            hoppers.append(Hopper(panel.view, [path], [P.SERIES[[1, 3, 4, 2][i % 4]]], radius=0.1, trails=True))

        self.add(*[p.view.axes for p in panels])
        self.play(Write(title), FadeIn(head), *[Create(p.view.curve) for p in panels],
                  *[FadeIn(p.head) for p in panels], *[FadeIn(p[2]) for p in panels], run_time=2.0)
        self.play(*[FadeIn(h.group, scale=0.5) for h in hoppers], run_time=0.6)

        n_states = max(h.n_states for h in hoppers)
        escaped = VGroup()
        self.slice, self.hoppers, self.readouts = sl, hoppers, {"step": step_num, "costs": costs_nums}

        def on_state(s):
            step = int(np.floor(s + 1e-9))
            step_num.set_value(min(step, n_states - 1))
            for hop, num, path, panel in zip(hoppers, costs_nums, rates, panels):
                hop.set_state(s)
                finite = np.flatnonzero(np.isfinite(path.costs[:min(step, len(path.costs) - 1) + 1]))
                num.set_value(float(path.costs[finite[-1]]))  # the last cost it had inside the slice

        moving = VGroup(*[h.group for h in hoppers], step_num, *costs_nums)
        self.add(moving)
        self.play(Replay(moving, n_states, on_state, run_time=self.SECONDS_PER_STEP * (n_states - 1)))
        for path, panel in zip(rates, panels):
            if path.status == "escaped":
                note = f"left the picture after {len(path.costs) - 1} steps"
            elif path.status == "max_steps":
                note = f"still creeping after {len(path.costs) - 1} steps"
            else:
                continue
            out = label(note, size=P.SMALL_SIZE, color=P.NEGATIVE if path.status == "escaped" else P.DIM_TEXT)
            escaped.add(boxed(panel.view.place_above(out, lo, hi), opacity=0.8))
        foot = label(f"every panel starts at t = {float(rates[0].positions[0, 0]):.3f} on the slice through two "
                     "trained networks (ManyValleys); η is per unit of t", size=P.TINY_SIZE, color=P.DIM_TEXT)
        foot.to_edge(DOWN, buff=0.25)
        self.play(FadeIn(escaped), FadeIn(foot), run_time=0.8)
        self.wait(2.5)


class ClosedFormLand:
    """netcore's closed form C = 3/2 x^2 + 1/2 y^2 with the interface LandscapeView draws from.

    The surface is drawn over the ellipse C <= ``rim`` (a polar grid, so the bowl has a level rim);
    ``alphas``, ``betas``, ``cost`` are netcore's rectilinear grid over the same box (for contours)."""

    def __init__(self, rim: float = 3.5, n_r: int = 12, n_theta: int = 48):
        from netcore import closed_form

        self.cf = closed_form
        ax, by = np.sqrt(2 * rim / 3), np.sqrt(2 * rim)  # the rim's half-axes
        r, th = np.meshgrid(np.linspace(0, 1, n_r + 1), np.linspace(0, 2 * np.pi, n_theta + 1), indexing="ij")
        A, B = ax * r * np.cos(th), by * r * np.sin(th)
        self.surface_grid = (A, B, closed_form.cost(A, B))
        xs, ys, C = closed_form.surface(extent=by, resolution=81)
        keep = np.abs(xs) <= ax * 1.001
        self.alphas, self.betas, self.cost = xs[keep], ys, C[keep]
        self.rim = rim

    def height(self, a, b):
        return self.cf.cost(a, b)

    def gradient(self, a, b):
        return self.cf.gradient(a, b)


class DownhillDirection(KitThreeDScene):
    """Two inputs: C(x, y) = 3/2 x^2 + 1/2 y^2 (netcore.closed_form) as a surface over the plane; the
    gradient is the direction of steepest ascent and its length the steepness; minus the gradient is
    downhill; a ball descends; from above, the gradient (3, 1) at (1, 1): x matters three times as much."""

    ARROW_SCALE = 0.3  # plane units per unit of gradient (arrows drawn at 0.3 of their length)
    TOP_SCALE = 0.42  # the same, for the vector and its components seen from above

    def construct(self):
        from netcore import closed_form

        land = ClosedFormLand()
        # walls no steeper (on screen) than the line of sight: the merged surface needs no depth sort
        theta = -62 * DEGREES
        screen_right = np.array([-np.sin(theta), np.cos(theta), 0.0])
        # the bowl sits right of the text column: move the world, not the camera's frame centre (manim
        # caches the 2-D drawing context with the first frame centre, fixed-in-frame text included)
        view = LandscapeView(land, width=3.9, z_size=1.3, color_scale="linear", z_max=land.rim,
                             center=1.3 * screen_right)
        self.set_camera_orientation(phi=52 * DEGREES, theta=theta, zoom=1.05, frame_center=[0.0, 0.0, 0.6])
        cam = self.renderer.camera

        title = label("Two inputs: which way is downhill?", size=P.TITLE_SIZE * 0.9).to_corner(UL, buff=0.35)
        formula = math(r"C(x, y) = \tfrac{3}{2}x^2 + \tfrac{1}{2}y^2", size=P.LABEL_SIZE * 1.3)
        formula.next_to(title, DOWN, aligned_edge=LEFT, buff=0.25)
        self.add(view.surface)
        self.add_fixed_in_frame_mobjects(title, formula)
        axes = self.plane_axes(view)

        p0 = np.array([1.0, 1.0])
        g0 = closed_form.gradient(*p0)  # netcore: (3, 1)
        path = closed_form.descent(tuple(p0), eta=0.15)
        self.view, self.path, self.gradient_shown = view, path, g0
        self.rolling = rolling = view.rolling(path.positions, closed_form.gradient(path.positions[:, 0], path.positions[:, 1]),
                               arrow_max=2.5)
        rolling.arrow.set_opacity(0)
        self.add_fixed_orientation_mobjects(rolling.ball)

        def screen(point3d):
            return cam.project_point(np.asarray(point3d, float))

        def surface_arrow(p, g, color, sign=1.0):
            """An arrow on the surface over the plane vector sign * ARROW_SCALE * g at p."""
            a, b = p
            d = view.tangent(a, b, sign * self.ARROW_SCALE * g[0], sign * self.ARROW_SCALE * g[1])
            start = view.point(a, b)
            return FlatArrow(color=color).put(start, d, float(np.linalg.norm(d)), view.normal(a, b))

        self.play(Write(title), FadeIn(formula), FadeIn(rolling.ball), run_time=1.8)

        # --- the gradient: steepest ascent, its length the steepness --------------------------------
        up = surface_arrow(p0, g0, P.GRADIENT)
        tip = screen(up.start + up.vector)
        up_text = VGroup(math(r"\nabla C(1,1) = (%g,\ %g)" % tuple(g0), size=P.LABEL_SIZE * 1.1, color=P.GRADIENT),
                         label("steepest ascent", size=P.SMALL_SIZE, color=P.GRADIENT)).arrange(DOWN, buff=0.1)
        up_text = inside_frame(boxed(up_text.next_to(tip, UR, buff=0.1)))
        self.add_fixed_in_frame_mobjects(up_text)
        self.remove(up_text)
        self.play(FadeIn(up), FadeIn(up_text), run_time=1.2)
        self.wait(1.2)

        p1 = np.array([-0.45, -0.75])
        g1 = closed_form.gradient(*p1)
        up1 = surface_arrow(p1, g1, P.GRADIENT)
        dot1 = Dot3DLike(view.point(*p1))
        len_text = label("shorter arrow: gentler slope", size=P.SMALL_SIZE, color=P.GRADIENT)
        len_text = boxed(len_text.next_to(screen(view.point(*p1)), DL, buff=0.25))
        note = label("the arrow's length is the steepness", size=P.SMALL_SIZE, color=P.TEXT)
        note.next_to(formula, DOWN, aligned_edge=LEFT, buff=0.3)
        self.add_fixed_in_frame_mobjects(len_text, note)
        self.remove(len_text, note)
        self.play(FadeIn(up1), FadeIn(dot1), FadeIn(len_text), FadeIn(note), run_time=1.2)
        self.wait(1.5)

        # --- minus the gradient: downhill -------------------------------------------------------------
        down = surface_arrow(p0, g0, P.DOWNHILL, sign=-1.0)
        down_text = math(r"-\nabla C: \text{downhill}", size=P.LABEL_SIZE * 1.1, color=P.DOWNHILL)
        down_text = boxed(down_text.next_to(screen(down.start + down.vector), DL, buff=0.1))
        self.add_fixed_in_frame_mobjects(down_text)
        self.remove(down_text)
        self.play(FadeOut(up1), FadeOut(dot1), FadeOut(len_text), FadeIn(down), FadeIn(down_text), run_time=1.2)
        self.wait(1.0)

        # --- descend: small steps along minus the gradient (netcore's descent path) -------------------
        step_note = label(f"step after step: move by −η∇C (η = {path.eta:g})", size=P.SMALL_SIZE)
        step_note.next_to(note, DOWN, aligned_edge=LEFT, buff=0.15)
        self.add_fixed_in_frame_mobjects(step_note)
        self.remove(step_note)
        self.play(FadeOut(up), FadeOut(up_text), FadeOut(down), FadeOut(down_text), FadeIn(step_note), run_time=0.8)
        self.add(rolling.group)
        dist = np.linalg.norm(np.diff(path.positions, axis=0), axis=1)
        self.play(rolling.replay(5.0, durations=np.clip(dist / max(dist.max(), 1e-12), 0.25, 1.0)))
        self.wait(0.6)

        # --- from above: (3, 1) means x matters three times as much as y -----------------------------
        levels = [float(closed_form.cost(*q)) for q in ((0.25, 0.25), (0.5, 0.5), (1.0, 1.0), (1.3, 1.3))]
        contours = view.contours(levels, stroke_width=1.6, opacity=0.9)
        self.move_camera(phi=0, theta=-90 * DEGREES, zoom=0.95, focal_distance=60,
                         frame_center=view.smap(-1.9, 0.0, 0.0),
                         added_anims=[Animation(title), Animation(formula), FadeIn(contours), FadeIn(axes), FadeOut(step_note), FadeOut(note), FadeOut(rolling.ball),
                                      FadeOut(rolling.trail)], run_time=2.5)
        z0 = float(land.height(*p0))
        base = view.smap(p0[0], p0[1], z0)
        gx = view.smap.vector(self.TOP_SCALE * g0[0], 0, 0)
        gy = view.smap.vector(0, self.TOP_SCALE * g0[1], 0)
        full = FlatArrow(color=P.GRADIENT).put(base, gx + gy, float(np.linalg.norm(gx + gy)))
        comp_x = FlatArrow(color=P.TEXT).put(base, gx, float(np.linalg.norm(gx)))
        comp_y = FlatArrow(color=P.TEXT).put(base + gx, gy, float(np.linalg.norm(gy)))
        dot = Dot3DLike(base)
        lx = math(r"\partial C / \partial x = %g" % g0[0], size=P.LABEL_SIZE)
        ly = math(r"\partial C / \partial y = %g" % g0[1], size=P.LABEL_SIZE)
        lx = boxed(lx.next_to(screen(base + gx / 2), DOWN, buff=0.2))
        ly = boxed(ly.next_to(screen(base + gx + gy / 2), RIGHT, buff=0.2))
        lg = math(r"\nabla C(1,1) = (%g,\ %g)" % tuple(g0), size=P.LABEL_SIZE * 1.1, color=P.GRADIENT)
        lg = boxed(lg.next_to(screen(base + gx + gy), UP, buff=0.2))
        verdict = VGroup(label("at (1, 1), nudging x changes C", size=P.LABEL_SIZE * 0.9),
                         label("three times as much as nudging y:", size=P.LABEL_SIZE * 0.9),
                         label("x matters three times as much", size=P.LABEL_SIZE * 0.9, color=P.GRADIENT))
        verdict.arrange(DOWN, aligned_edge=LEFT, buff=0.12).next_to(formula, DOWN, aligned_edge=LEFT, buff=0.6)
        self.add_fixed_in_frame_mobjects(lx, ly, lg, verdict)
        self.remove(lx, ly, lg, verdict)
        self.play(FadeIn(dot), FadeIn(full), FadeIn(lg), run_time=1.0)
        self.play(FadeIn(comp_x), FadeIn(comp_y), FadeIn(lx), FadeIn(ly), run_time=1.0)
        self.play(Write(verdict), run_time=1.2)
        self.wait(2.5)

    def plane_axes(self, view):
        """Thin x and y axes through the origin at the height of the bowl's bottom, labelled."""
        from manim import Line

        a0, a1 = float(view.land.alphas[0]), float(view.land.alphas[-1])
        b0, b1 = float(view.land.betas[0]), float(view.land.betas[-1])
        x_axis = Line(view.smap(a0 - 0.3, 0, 0), view.smap(a1 + 0.5, 0, 0), color=P.DIM_TEXT, stroke_width=2)
        y_axis = Line(view.smap(0, b0 - 0.3, 0), view.smap(0, b1 + 0.5, 0), color=P.DIM_TEXT, stroke_width=2)
        return VGroup(x_axis, y_axis)


def boxed(mob, opacity=0.7):
    """A label on a dark, translucent box (legible over a coloured surface)."""
    return VGroup(BackgroundRectangle(mob, color=P.BACKGROUND, fill_opacity=opacity, buff=0.08), mob)


def Dot3DLike(point, color=P.TEXT, radius=0.07):
    """A small flat dot at a 3-D point (drawn after the surface)."""
    from manim import Dot

    return Dot(point, radius=radius, color=color)


# ====================================================================================================
# Around the descent: data, costs, the gradient vector, testing the trained network
# ====================================================================================================

class TrainingAndTestData(Scene):
    """Real labelled MNIST images, mixed together, sort themselves into the training data (the network
    learns from these) and the test data (never seen in training; used to check it afterwards)."""

    N_TRAIN_SHOWN = 16
    N_TEST_SHOWN = 8

    def construct(self):
        d = kd.dataset()
        items = []  # (pixels, label, is_training)
        for i in range(self.N_TRAIN_SHOWN):
            items.append((d.x_train[i], int(d.y_train[i]), True))
        for i in range(self.N_TEST_SHOWN):
            items.append((d.x_test[i], int(d.y_test[i]), False))
        order = np.random.default_rng(0).permutation(len(items))  # a seeded mix for the pool
        items = [items[k] for k in order]

        head = title("Labelled data")
        self.play(Write(head), run_time=0.8)

        side = 0.95
        thumbs = [labelled_thumbnail(px, y, side) for px, y, _ in items]
        pool = grid_positions(len(thumbs), 8, 1.45, 1.65, center=[0, 0.0, 0])
        for t, p in zip(thumbs, pool):
            t.move_to(p)
        self.play(LaggedStart(*[FadeIn(t, scale=0.8) for t in thumbs], lag_ratio=0.06), run_time=2.2)
        note = caption("real handwritten digits from MNIST, each with the label of the digit it is meant to be")
        note.to_edge(DOWN, buff=0.45)
        self.play(FadeIn(note), run_time=0.6)
        self.wait(1.2)

        # --- the split -----------------------------------------------------------------------------
        n_train, n_test = len(d.x_train), len(d.x_test)
        left_x, right_x = -3.5, 3.5
        train_head = label("training data", size=P.LABEL_SIZE, color=P.POSITIVE)
        train_sub = caption(f"{n_train:,} labelled images:\nthe network learns from these", size=P.TINY_SIZE)
        test_head = label("test data", size=P.LABEL_SIZE, color=P.COST)
        test_sub = caption(f"{n_test:,} other labelled images,\nnever seen in training", size=P.TINY_SIZE)
        VGroup(train_head, train_sub).arrange(DOWN, buff=0.12).move_to([left_x, 2.35, 0])
        VGroup(test_head, test_sub).arrange(DOWN, buff=0.12).move_to([right_x, 2.35, 0])

        dx, dy = 1.2, 1.2
        train_slots = iter(grid_positions(self.N_TRAIN_SHOWN, 4, dx, dy, center=[left_x, -0.95, 0]))
        test_slots = iter(grid_positions(self.N_TEST_SHOWN, 4, dx, dy, center=[right_x, 0.25, 0]))
        moves = []
        for t, (_, _, is_train) in zip(thumbs, items):
            target = next(train_slots) if is_train else next(test_slots)
            moves.append(t.animate.scale(0.84).move_to(target))
        divider = Line([0, 2.8, 0], [0, -3.4, 0], stroke_color=P.FAINT, stroke_width=2)
        self.play(FadeOut(note), run_time=0.4)
        self.play(AnimationGroup(*moves, lag_ratio=0.03), FadeIn(train_head, train_sub, test_head, test_sub),
                  Create(divider), run_time=2.2)
        for t, (_, _, is_train) in zip(thumbs, items):
            t.thumb.frame.set_stroke(P.POSITIVE if is_train else P.COST, width=2, opacity=0.8)
        after = caption("after training, these check\nwhat the network has learned", size=P.SMALL_SIZE)
        after.move_to([right_x, -1.9, 0])
        self.play(FadeIn(after), run_time=0.8)
        self.wait(2.0)


class CostOfOneExample(Scene):
    """A real 3 into the network at its random initial weights: the ten output activations, the
    desired output, the ten squared differences and their sum, the cost of this example. Then the
    same 3 through the trained network: the right answer and a small cost."""

    ROW = 0.5

    def construct(self):
        start, end = cost_of_one_example_data()
        trace = kd.trace("lesson")
        net0 = trace.network(0)
        d = kd.dataset()
        x = d.x_train[start.index]

        head = title("The cost of one training example")
        self.play(Write(head), run_time=0.8)

        # --- the network at step 0 ------------------------------------------------------------------
        netmob = NetworkMobject(net0, width=7.0, height=5.6).move_to([1.3, -0.35, 0])
        img = pixel_digit(x, side=2.2).move_to([-5.0, -0.2, 0])
        img_label = caption(f"a training image,\nlabelled {start.label}").next_to(img, DOWN, buff=0.25)
        state = caption("random initial weights and biases (step 0)").next_to(head, DOWN, aligned_edge=LEFT, buff=0.15)
        self.play(FadeIn(netmob), FadeIn(img), FadeIn(img_label), FadeIn(state), run_time=1.2)
        self.play(netmob.feed_forward(x), run_time=2.2)
        mess = caption("the output is a mess").next_to(netmob, DOWN, buff=0.05)
        mess.align_to(netmob.output_labels, RIGHT)
        self.play(FadeIn(mess), run_time=0.6)
        self.wait(1.0)

        # --- the table: outputs, desired outputs, squared differences --------------------------------
        ys = 1.85 - self.ROW * np.arange(10)
        xs = {"digit": -6.3, "neuron": -5.75, "out": -4.7, "desired": -3.45, "expr": -1.1, "square": 1.5}
        circles = VGroup(*[netmob.neurons[-1][i].copy() for i in range(10)])
        targets = VGroup(*[Circle(radius=0.19).move_to([xs["neuron"], y, 0]) for y in ys])
        digits = VGroup(*[label(str(i), size=P.SMALL_SIZE).move_to([xs["digit"], y, 0]) for i, y in enumerate(ys)])
        self.play(FadeOut(netmob, img, img_label, mess), *[c.animate.move_to(t).scale_to_fit_width(t.width)
                                                            for c, t in zip(circles, targets)],
                  FadeIn(digits), run_time=1.4)

        size = P.SMALL_SIZE * 1.25
        outs = VGroup(*[FastNumber(a, places=3, size=size).move_to([xs["out"], y, 0]) for a, y in zip(start.outputs, ys)])
        desired = VGroup(*[integer(int(v), size=size, color=P.COST if v else P.TEXT).move_to([xs["desired"], y, 0])
                           for v, y in zip(start.desired, ys)])
        h_out = caption("output").move_to([xs["out"], 2.38, 0])
        h_des = caption("desired").move_to([xs["desired"], 2.38, 0])
        on_baseline(h_out, h_des)
        self.play(LaggedStart(*[FadeIn(o, shift=0.2 * RIGHT) for o in outs], lag_ratio=0.06), FadeIn(h_out), run_time=1.2)
        self.wait(0.5)
        self.play(LaggedStart(*[FadeIn(v) for v in desired], lag_ratio=0.06), FadeIn(h_des), run_time=1.0)
        self.wait(0.8)

        # each row: (a - y)^2 = s, with live numbers
        rows, sq_nums, expr_outs = VGroup(), VGroup(), VGroup()
        for i, y in enumerate(ys):
            a_num = FastNumber(start.outputs[i], places=3, size=size)
            y_num = integer(int(start.desired[i]), size=size)
            parts = VGroup(math("(", size=size), a_num, math("-", size=size), y_num, math(")^2", size=size),
                           math("=", size=size))
            parts.arrange(RIGHT, buff=0.08)
            parts[-1].shift(0.1 * RIGHT)
            parts.move_to([xs["expr"], y, 0])
            s_num = FastNumber(start.squares[i], places=3, size=size, color=P.COST).move_to([xs["square"], y, 0])
            rows.add(parts)
            sq_nums.add(s_num)
            expr_outs.add(a_num)
        h_sq = caption("(output \u2212 desired)\u00b2").move_to([(xs["expr"] + xs["square"]) / 2, 2.38, 0])
        on_baseline(h_out, h_sq)
        self.play(FadeIn(h_sq), LaggedStart(*[FadeIn(r) for r in rows], lag_ratio=0.05), run_time=1.4)
        self.play(LaggedStart(*[FadeIn(s, shift=0.2 * RIGHT) for s in sq_nums], lag_ratio=0.05), run_time=1.0)
        self.wait(0.6)

        # --- the sum ---------------------------------------------------------------------------------
        brace = Brace(sq_nums, RIGHT, buff=0.15, color=P.DIM_TEXT)
        total = FastNumber(start.cost, places=3, size=P.TITLE_SIZE * 1.1, color=P.COST)
        total_label = caption("sum: the cost\nof this example", size=P.SMALL_SIZE)
        total_group = VGroup(total_label, total).arrange(DOWN, buff=0.2).next_to(brace, RIGHT, buff=0.3)
        self.outs, self.squares, self.total = outs, sq_nums, total  # the readouts (tests read their values)
        self.play(Create(brace), FadeIn(total_label), run_time=0.8)
        self.play(FadeIn(total, scale=1.3), run_time=0.8)
        verdict = caption("large: the network\nhas no idea", size=P.SMALL_SIZE)
        verdict.next_to(total_group, DOWN, buff=0.4)
        thumb = thumbnail(x, side=1.3).next_to(total_group, UP, buff=0.4)
        self.play(FadeIn(thumb), FadeIn(verdict), run_time=0.8)
        self.wait(2.0)

        # --- the trained network on the same image ---------------------------------------------------
        steps = int(trace.snapshot_steps[-1])
        state2 = caption(f"after training ({steps:,} steps of gradient descent)").move_to(state, aligned_edge=LEFT)
        anims = [change_values([*outs, *expr_outs, *sq_nums, total],
                               [*end.outputs, *end.outputs, *end.squares, end.cost])]
        anims += [c.animate.set_fill(P.activation_color(a), opacity=1) for c, a in zip(circles, end.outputs)]
        self.play(FadeOut(state), FadeIn(state2), FadeOut(verdict), run_time=0.6)
        self.play(*anims, run_time=2.0)
        k = end.answer
        box = SurroundingRectangle(VGroup(digits[k], circles[k]), color=P.ANSWER, buff=0.08, stroke_width=3)
        verdict2 = caption(f"small: it answers {k},\nand confidently" if k == end.label else
                           f"it answers {k}", size=P.SMALL_SIZE).next_to(total_group, DOWN, buff=0.4)
        self.play(Create(box), FadeIn(verdict2), run_time=0.8)
        self.wait(2.5)


class AverageCost(Scene):
    """The cost of each training example, averaged over the whole training set (the real value); the
    cost function as a machine: 13,002 weights and biases in, one number out, the training data as its
    parameters. Fed the trained weights, it gives the trained network's (much smaller) cost."""

    def construct(self):
        data = average_cost_data()
        d = kd.dataset()
        head = title("The cost over all training examples")
        self.play(Write(head), run_time=0.8)

        # --- single costs, then the average ----------------------------------------------------------
        n = len(data["indices"])
        xs = np.linspace(-5.2, 2.8, n)
        cells = VGroup()
        for x0, i, c in zip(xs, data["indices"], data["costs"]):
            t = thumbnail(d.x_train[i], side=1.5).move_to([x0, 0.9, 0])
            val = number(c, places=2, color=P.COST).next_to(t, DOWN, buff=0.25)
            cells.add(VGroup(t, val))
        dots = math(r"\cdots", size=P.TITLE_SIZE).move_to([4.9, 0.9, 0])
        more = caption(f"{data['n_train']:,} images").next_to(dots, DOWN, buff=0.45)
        each = caption("the cost of each example, at the random initial weights").move_to([0, 2.35, 0])
        self.play(LaggedStart(*[FadeIn(c, shift=0.2 * UP) for c in cells], lag_ratio=0.15), FadeIn(each), run_time=2.0)
        self.play(FadeIn(dots), FadeIn(more), run_time=0.6)
        avg_label = caption(f"average over all {data['n_train']:,} training images", size=P.LABEL_SIZE)
        avg = number(data["average_start"], places=3, size=P.TITLE_SIZE * 1.2, color=P.COST)
        avg_row = VGroup(avg_label, avg).arrange(RIGHT, buff=0.35).move_to([0, -1.7, 0])
        lousy = caption("how lousy the network is").next_to(avg_row, DOWN, buff=0.3)
        self.play(FadeIn(avg_label), FadeIn(avg, scale=1.3), run_time=1.0)
        self.play(FadeIn(lousy), run_time=0.6)
        self.wait(2.0)
        self.play(FadeOut(cells, dots, more, each, avg_row, lousy), run_time=0.8)

        # --- the machine ---------------------------------------------------------------------------
        machine = RoundedRectangle(width=4.5, height=2.2, corner_radius=0.25, stroke_color=P.TEXT,
                                   stroke_width=3, fill_color=P.FAINT, fill_opacity=0.35).move_to([0.1, -0.6, 0])
        mname = math(r"C(w_1, w_2, \ldots, w_{" + f"{data['n_params']:,}".replace(",", "{,}") + r"})",
                     size=P.LABEL_SIZE * 1.2).move_to(machine)
        mtitle = caption("cost function", size=P.SMALL_SIZE).next_to(machine, DOWN, buff=0.15)

        col = NumberColumn(data["params_start"], head=4, tail=2, places=2).move_to([-5.2, -0.6, 0])
        col_label = caption(f"input: {data['n_params']:,}\nweights and biases", size=P.SMALL_SIZE)
        col_label.next_to(col, UP, buff=0.25)
        wires = VGroup()
        for e in col.entries:
            start = [col.get_right()[0] + 0.1, e.get_center()[1], 0]
            end = [machine.get_left()[0], machine.get_center()[1] + 0.15 * (e.get_center()[1] - machine.get_center()[1]), 0]
            wires.add(Line(start, end, stroke_color=P.DIM_TEXT, stroke_width=1.2))

        out_arrow = Arrow(machine.get_right(), machine.get_right() + 1.3 * RIGHT, buff=0.1, color=P.TEXT,
                          stroke_width=3, max_tip_length_to_length_ratio=0.2)
        out_num = number(data["average_start"], places=3, size=P.TITLE_SIZE * 1.1, color=P.COST)
        out_num.next_to(out_arrow, RIGHT, buff=0.2)
        self.out_num = out_num
        out_label = caption("output: one number", size=P.SMALL_SIZE).next_to(out_num, UP, buff=0.35)

        stack = VGroup(*[thumbnail(d.x_train[i], side=0.62) for i in range(6)])
        stack.arrange(RIGHT, buff=0.08).move_to([0.1, 2.05, 0])
        stack_label = caption(f"parameters: the {data['n_train']:,} labelled training images",
                              size=P.SMALL_SIZE).next_to(stack, UP, buff=0.15)
        down = Arrow(stack.get_bottom(), machine.get_top(), buff=0.1, color=P.DIM_TEXT, stroke_width=3,
                     max_tip_length_to_length_ratio=0.25)

        self.play(Create(machine), Write(mname), FadeIn(mtitle), run_time=1.2)
        self.play(FadeIn(col), FadeIn(col_label), Create(wires), run_time=1.2)
        self.play(FadeIn(stack, lag_ratio=0.1), FadeIn(stack_label), Create(down), run_time=1.2)
        self.play(Create(out_arrow), FadeIn(out_num), FadeIn(out_label), run_time=1.0)
        verdict = caption("how bad these\nweights and biases are", size=P.SMALL_SIZE)
        verdict.next_to(out_num, DOWN, buff=0.35)
        self.play(FadeIn(verdict), run_time=0.6)
        self.wait(2.0)

        # --- the trained weights in, the trained cost out --------------------------------------------
        swap = caption(f"the weights and biases after training ({data['step_end']:,} steps)", size=P.SMALL_SIZE)
        swap.to_edge(DOWN, buff=0.35)
        changes = [ChangeDecimalToValue(e, data["params_end"][i]) for e, i in zip(col.entries, col.indices)]
        self.play(FadeIn(swap), run_time=0.6)
        self.play(*changes, run_time=1.5)
        self.play(ChangeDecimalToValue(out_num, data["average_end"]), run_time=1.5)
        self.wait(2.5)


class GradientVector(Scene):
    """All 13,002 weights and biases as one column, beside minus the gradient of the cost there (the
    real values at the random initial weights). Each entry of -grad C: its sign says nudge up or down,
    its size (relative to the largest entry) says how much that nudge matters."""

    def construct(self):
        g = gradient_vector_data()
        idx, params, neg = g["indices"], g["params"], g["neg_grad"]
        n = g["n_params"]

        head = title("A nudge for every weight and bias")
        sub = caption(f"{n:,} entries each, at the random initial weights (step {g['step']}, cost {g['cost']:.3f})",
                      size=P.SMALL_SIZE).next_to(head, DOWN, aligned_edge=LEFT, buff=0.15)
        self.play(Write(head), FadeIn(sub), run_time=1.0)

        # rows: chosen entries in parameter order, a vertical ellipsis wherever entries are skipped
        size = P.SMALL_SIZE * 1.25
        rows = []  # (kind, index or None)
        prev = -1
        for i in idx:
            if i > prev + 1:
                rows.append(("gap", None))
            rows.append(("entry", int(i)))
            prev = i
        if prev < n - 1:
            rows.append(("gap", None))
        heights = [0.27 if k == "gap" else 0.5 for k, _ in rows]
        top = 1.95
        ys, y = [], top
        for h in heights:
            ys.append(y - h / 2)
            y -= h
        bottom = y
        x_name, x_param, x_grad, x_word, x_bar = -5.3, -3.3, -0.5, 1.55, 4.45
        bar_len = 2.1  # the largest entry of the whole vector

        names, pvals, gvals, words, bars, gaps_p, gaps_g = (VGroup() for _ in range(7))
        for (kind, i), yy in zip(rows, ys):
            if kind == "gap":
                gaps_p.add(math(r"\vdots", size=size).move_to([x_param, yy, 0]))
                gaps_g.add(math(r"\vdots", size=size).move_to([x_grad, yy, 0]))
                continue
            k = int(np.flatnonzero(idx == i)[0])
            names.add(math(g["names"][k], size=size, color=P.DIM_TEXT).move_to([x_name, yy, 0]))
            pvals.add(number(params[i], places=2, size=size, include_sign=True).move_to([x_param, yy, 0]))
            v = neg[i]
            color = P.sign_color(v)
            gvals.add(number(v, places=4, size=size, include_sign=True, color=color).move_to([x_grad, yy, 0]))
            word = label(("up " if v > 0 else "down ") + g["words"][k], size=P.SMALL_SIZE, color=color)
            words.add(word.move_to([x_word, yy, 0], aligned_edge=LEFT))
            length = max(bar_len * abs(v) / g["largest"], 0.03)
            bars.add(Rectangle(width=length, height=0.16, stroke_width=0, fill_color=color, fill_opacity=1)
                     .move_to([x_bar, yy, 0], aligned_edge=LEFT))
        self.pvals, self.gvals = pvals, gvals
        col_h = top - bottom
        mid = (top + bottom) / 2
        brackets_p = VGroup(bracket(col_h, LEFT).move_to([x_param - 0.8, mid, 0]),
                            bracket(col_h, RIGHT).move_to([x_param + 0.8, mid, 0]))
        brackets_g = VGroup(bracket(col_h, LEFT).move_to([x_grad - 1.0, mid, 0]),
                            bracket(col_h, RIGHT).move_to([x_grad + 1.0, mid, 0]))
        h_p = math(r"\vec{W}", size=P.LABEL_SIZE * 1.3).move_to([x_param, top + 0.38, 0])
        h_g = math(r"-\nabla C(\vec{W})", size=P.LABEL_SIZE * 1.3).move_to([x_grad, top + 0.38, 0])
        h_n = caption("which one", size=P.SMALL_SIZE).move_to([x_name, top + 0.38, 0])

        self.play(FadeIn(h_p), FadeIn(h_n), FadeIn(brackets_p), FadeIn(names), FadeIn(pvals), FadeIn(gaps_p), run_time=1.2)
        self.wait(1.0)
        self.play(FadeIn(h_g), FadeIn(brackets_g), LaggedStart(*[FadeIn(v, shift=0.2 * LEFT) for v in gvals],
                                                               lag_ratio=0.1), FadeIn(gaps_g), run_time=1.4)
        self.wait(0.8)

        sign_note = caption("sign: up or down", size=P.SMALL_SIZE).move_to([x_word, top + 0.38, 0],
                                                                                  aligned_edge=LEFT)
        self.play(FadeIn(sign_note), LaggedStart(*[FadeIn(w, shift=0.15 * RIGHT) for w in words], lag_ratio=0.1),
                  run_time=1.4)
        self.wait(0.6)
        size_note = caption(f"size, relative to\nthe largest ({g['largest']:.4f})", size=P.TINY_SIZE)
        size_note.move_to([x_bar + bar_len / 2, top + 0.38, 0])
        self.play(LaggedStart(*[Create(b) for b in bars], lag_ratio=0.1), FadeIn(size_note), run_time=1.4)
        moral = caption("which changes matter most: the most bang for the buck", size=P.LABEL_SIZE, color=P.TEXT)
        moral.to_edge(DOWN, buff=0.4)
        self.play(FadeIn(moral), run_time=0.8)
        self.wait(2.5)


class GradientNudging(Scene):
    """Gradient descent on the real network: the edges move from snapshot to snapshot of the lesson's
    run (each step -eta times a freshly computed mini-batch gradient), while the real cost falls (the
    full training cost recorded at each snapshot, drawn against the step on a log scale); the
    network's answer for one training image settles on the right digit."""

    RUN_TIME = 22.0

    def construct(self):
        trace = kd.trace("lesson")
        d = kd.dataset()
        steps, costs, params = trace.snapshot_steps, trace.snapshot_cost, trace.snapshot_params
        h = trace.meta["hyperparameters"]
        i3 = first_of_digit(d.y_train, 3)
        x = d.x_train[i3]

        head = title("Gradient descent: nudge, recompute, repeat")
        netmob = NetworkMobject(trace.network(0), x, width=5.0, height=5.6).move_to([-2.0, -0.45, 0])
        img = pixel_digit(x, side=1.1).next_to(netmob, LEFT, buff=0.3)
        rule = math(r"\vec{W} \;\leftarrow\; \vec{W} - \eta\, \nabla C(\vec{W})", size=P.LABEL_SIZE * 1.15)
        eta_text = caption(f"learning rate \u03b7 = {h['eta']:g}\neach step: one mini-batch of {h['batch_size']}",
                           size=P.TINY_SIZE)
        rule_group = VGroup(rule, eta_text).arrange(DOWN, buff=0.15).move_to([4.6, 2.5, 0])

        step_num = FastNumber(int(steps[0]), places=0, size=P.LABEL_SIZE * 1.3, widest=int(steps[-1]))
        cost_num = FastNumber(float(costs[0]), places=3, size=P.LABEL_SIZE * 1.3, color=P.COST,
                              widest=float(costs.max()))
        step_row = VGroup(label("step", color=P.DIM_TEXT), step_num).arrange(RIGHT, buff=0.25, aligned_edge=DOWN)
        cost_row = VGroup(label("cost", color=P.DIM_TEXT), cost_num).arrange(RIGHT, buff=0.25, aligned_edge=DOWN)
        panel = VGroup(step_row, cost_row).arrange(DOWN, aligned_edge=LEFT, buff=0.3).move_to([4.3, 0.85, 0])
        panel.align_to(rule_group, LEFT)

        # the cost against the step (log scale: x = log10(step + 1)), drawn as the run goes
        last = float(np.log10(steps[-1] + 1))
        y_top = float(np.ceil(costs.max()))
        axes = Axes(x_range=[0, last, 1], y_range=[0, y_top, 1], x_length=4.0, y_length=2.4, tips=False,
                    x_axis_config={"include_ticks": False}, axis_config={"color": P.DIM_TEXT, "stroke_width": 2})
        axes.move_to([4.8, -1.85, 0])
        ticks = VGroup()
        for v in (0, 10, 100, 1000, 10000, 100000):
            if np.log10(v + 1) > last:
                break
            p0 = axes.c2p(np.log10(v + 1), 0)
            ticks.add(VGroup(Line(p0 + 0.07 * UP, p0 + 0.07 * DOWN, stroke_color=P.DIM_TEXT, stroke_width=2),
                             caption(f"{v // 1000}k" if v >= 1000 else str(v), size=P.TINY_SIZE)
                             .next_to(p0, DOWN, buff=0.15)))
        y_ticks = VGroup(*[caption(str(v), size=P.TINY_SIZE).next_to(axes.c2p(0, v), LEFT, buff=0.15)
                           for v in range(0, int(y_top) + 1, max(1, int(y_top) // 4))])
        x_name = caption("step (log scale)", size=P.TINY_SIZE).next_to(ticks, DOWN, buff=0.1)
        y_name = caption("cost", size=P.TINY_SIZE).next_to(y_ticks, UP, buff=0.15)
        plot_points = np.array([axes.c2p(np.log10(st + 1), c) for st, c in zip(steps, costs)])
        curve = VMobject(stroke_color=P.COST, stroke_width=3)
        curve.set_points_as_corners(plot_points[:2])
        dot = Circle(radius=0.06, stroke_width=0, fill_color=P.COST, fill_opacity=1).move_to(plot_points[0])

        self.play(Write(head), run_time=0.8)
        self.play(FadeIn(netmob), FadeIn(img), run_time=1.0)
        box = netmob.answer_box()
        self.play(FadeIn(rule_group), FadeIn(panel), Create(box), run_time=1.0)
        self.play(Create(axes), FadeIn(ticks, y_ticks, x_name, y_name), FadeIn(dot), run_time=1.0)
        self.wait(0.8)

        tmp = trace.network(0)

        def on_state(s: float):
            k = min(int(np.floor(s)), len(steps) - 1)
            f = s - k
            if k + 1 < len(steps) and f > 0:
                tmp.params = params[k] + (params[k + 1] - params[k]) * f
                head_point = plot_points[k] + (plot_points[k + 1] - plot_points[k]) * f
            else:
                tmp.params = params[k]
                head_point = plot_points[k]
            netmob.set_weights(tmp)
            netmob.set_input(x)
            step_num.set_value(int(steps[k]))
            cost_num.set_value(float(costs[k]))
            curve.set_points_as_corners(np.vstack([plot_points[:k + 1], head_point[None]]))
            dot.move_to(head_point)
            box.become(netmob.answer_box())

        self.netmob, self.step_num, self.cost_num = netmob, step_num, cost_num
        moving = VGroup(netmob, step_num, cost_num, curve, dot, box)
        self.add(curve)
        self.play(Replay(moving, len(steps), on_state, run_time=self.RUN_TIME, rate_func=rate_functions.linear))
        self.wait(2.5)


class TestAccuracy(Scene):
    """The trained network on test images it never saw: a live count of correct answers out of those
    shown, a pause on each mistake (the image, its guess, the truth), and its accuracy on the whole
    test set."""

    N_SHOWN = 60
    COLS = 10

    def construct(self):
        t = shown_test_images(n_shown=self.N_SHOWN)
        d = kd.dataset()
        n = t["n_shown"]

        head = title("The trained network on new images")
        self.play(Write(head), run_time=0.8)

        # --- the current image: big, with the guess and the truth ------------------------------------
        big_pos = np.array([-4.75, 0.35, 0])
        frame = Rectangle(width=2.6, height=2.6, stroke_color=P.FAINT, stroke_width=3).move_to(big_pos)
        guess = integer(0, size=P.LABEL_SIZE * 1.4)
        truth = integer(0, size=P.LABEL_SIZE * 1.4)
        guess_row = VGroup(label("network says", size=P.SMALL_SIZE, color=P.DIM_TEXT), guess).arrange(RIGHT, buff=0.25)
        truth_row = VGroup(label("label", size=P.SMALL_SIZE, color=P.DIM_TEXT), truth).arrange(RIGHT, buff=0.25)
        readout = VGroup(guess_row, truth_row).arrange(DOWN, aligned_edge=RIGHT, buff=0.18).next_to(frame, DOWN, buff=0.35)

        # --- the counter ---------------------------------------------------------------------------
        # laid out at the widest values; the count of correct answers grows to the left, the total to the right
        n_test = t["n_test"]
        correct_num = FastNumber(0, places=0, size=P.TITLE_SIZE, widest=n_test, align_right=True)
        total_num = FastNumber(0, places=0, size=P.TITLE_SIZE, widest=n_test)
        counter = VGroup(label("correct", size=P.LABEL_SIZE, color=P.DIM_TEXT), correct_num,
                         math("/", size=P.TITLE_SIZE), total_num).arrange(RIGHT, buff=0.2)
        counter.to_corner(UR, buff=0.45)
        self.correct_num, self.total_num = correct_num, total_num

        cells = grid_positions(n, self.COLS, 0.74, 0.8, center=[2.35, 0.2, 0])
        self.play(Create(frame), FadeIn(readout), FadeIn(counter), run_time=0.8)

        big = None
        for i in range(n):
            pixels = d.x_test[i]
            ok = bool(t["correct"][i])
            new_big = pixel_digit(pixels, side=2.6).move_to(big_pos)
            thumb = thumbnail(pixels, side=0.64, frame_color=CORRECT if ok else WRONG, frame_width=2)
            thumb.move_to(cells[i])
            if big is not None:
                self.remove(big)
            self.add(new_big)
            big = new_big
            guess.set_value(int(t["guesses"][i]))
            truth.set_value(int(t["labels"][i]))
            guess.set_color(CORRECT if ok else WRONG)
            frame.set_stroke(CORRECT if ok else WRONG)
            correct_num.set_value(int(t["running"][i]))
            total_num.set_value(i + 1)
            quick = 0.5 if i < 4 else 0.12
            self.play(FadeIn(thumb, scale=1.3), run_time=quick)
            if not ok:
                note = caption(f"a mistake:\nit says {int(t['guesses'][i])}, the label says {int(t['labels'][i])}",
                               size=P.SMALL_SIZE, color=WRONG).next_to(readout, DOWN, buff=0.3)
                note.set_x(big_pos[0])
                self.play(FadeIn(note), Indicate(thumb.frame, color=WRONG), run_time=0.6)
                self.wait(1.2)
                self.play(FadeOut(note), run_time=0.3)
        frame.set_stroke(P.FAINT)

        # --- the totals ----------------------------------------------------------------------------
        right = int(t["running"][-1])
        summary1 = caption(f"{right} of these {n} right: {right / n:.1%}", size=P.LABEL_SIZE,
                           color=P.TEXT)
        summary2 = caption(f"on all {t['n_test']:,} test images: {t['full_accuracy']:.2%}", size=P.LABEL_SIZE,
                           color=P.COST)
        VGroup(summary1, summary2).arrange(DOWN, buff=0.15).to_edge(DOWN, buff=0.35).shift(2.35 * RIGHT)
        self.play(FadeIn(summary1), run_time=0.6)
        self.wait(0.8)

        # --- the rest of the test set, counted without pausing ---------------------------------------
        running_all = t["running_all"]
        rest = caption(f"the other {n_test - n:,} test images, without pausing", size=P.SMALL_SIZE)
        rest.next_to(counter, DOWN, buff=0.2).align_to(counter, RIGHT)

        def count_on(_, alpha):
            seen = n + int(round(alpha * (n_test - n)))
            correct_num.set_value(int(running_all[seen - 1]))
            total_num.set_value(seen)

        if n_test > n:
            self.play(FadeIn(rest), FadeOut(big), FadeOut(frame), FadeOut(readout), run_time=0.5)
            self.play(UpdateFromAlphaFunc(VGroup(correct_num, total_num), count_on), run_time=3.0,
                      rate_func=rate_functions.linear)
        self.play(FadeIn(summary2), run_time=0.8)
        self.wait(2.5)


class HiddenWeights(Scene):
    """The trained network's 16 first-hidden-layer neurons, each drawn as its 784 incoming weights on
    the 28x28 grid (green positive, red negative): almost random, not the little edges we hoped for."""

    def construct(self):
        W = hidden_weights_data()
        head = title("What the first hidden layer looks for")
        self.play(Write(head), run_time=0.8)

        side, gap = 1.45, 0.17
        pos = grid_positions(len(W), 4, side + gap, side + gap, center=[2.6, -0.35, 0])
        self.tiles = tiles = VGroup(*[pixel_weights(w, side=side).move_to(p) for w, p in zip(W, pos)])

        text = VGroup(
            caption("each square: one neuron of the\nfirst hidden layer, its 784\nincoming weights on the\n28 x 28 pixel grid",
                    size=P.SMALL_SIZE, color=P.TEXT, align=LEFT),
        ).move_to([-4.0, 1.0, 0])
        legend = VGroup()
        for color, word in ((P.WEIGHT_POSITIVE, "positive weight"), (P.WEIGHT_NEGATIVE, "negative weight")):
            sw = Rectangle(width=0.3, height=0.3, stroke_width=0, fill_color=color, fill_opacity=1)
            legend.add(VGroup(sw, caption(word, size=P.SMALL_SIZE)).arrange(RIGHT, buff=0.2))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.2).next_to(text, DOWN, buff=0.5).align_to(text, LEFT)
        bright = caption("brightness: size, relative to\nthat neuron's largest weight", size=P.TINY_SIZE, align=LEFT)
        bright.next_to(legend, DOWN, buff=0.25).align_to(text, LEFT)

        self.play(FadeIn(text), run_time=0.8)
        self.play(LaggedStart(*[FadeIn(t, scale=0.85) for t in tiles], lag_ratio=0.08), FadeIn(legend),
                  FadeIn(bright), run_time=2.4)
        self.wait(1.5)
        verdict = caption("almost random:\nnot the little edges\nwe hoped for", size=P.LABEL_SIZE, color=P.COST,
                          align=LEFT)
        verdict.next_to(bright, DOWN, buff=0.55).align_to(text, LEFT)
        self.play(FadeIn(verdict), run_time=0.8)
        self.wait(2.5)


class RandomNoiseInput(Scene):
    """A seeded random-noise image into the trained network: it answers with full confidence anyway,
    about as sure as it is of a real digit."""

    def construct(self):
        r = random_noise_data()
        trace = kd.trace("lesson")
        net = trace.network(-1)

        head = title("Random noise in: a confident answer out")
        netmob = NetworkMobject(net, width=6.2, height=5.6).move_to([0.2, -0.4, 0])
        img_pos = np.array([-5.3, -0.2, 0])
        noise_img = pixel_digit(r["noise"], side=2.2).move_to(img_pos)
        noise_label = caption(f"random noise\n(seed {r['seed']})").next_to(noise_img, DOWN, buff=0.25)

        out_x = netmob.output_labels.get_right()[0] + 0.25
        outs = VGroup(*[FastNumber(a, places=2, size=P.SMALL_SIZE * 1.15, color=P.DIM_TEXT)
                        .move_to([out_x, c.get_y(), 0], aligned_edge=LEFT)
                        for a, c in zip(r["noise_outputs"], netmob.neurons[-1])])
        k = r["answer"]
        self.outs = outs

        self.play(Write(head), run_time=0.8)
        self.play(FadeIn(netmob), FadeIn(noise_img), FadeIn(noise_label), run_time=1.0)
        self.play(netmob.feed_forward(r["noise"]), run_time=2.2)
        outs[k].set_color(P.ANSWER)
        box = netmob.answer_box()
        self.play(FadeIn(outs), Create(box), run_time=0.8)
        verdict = caption(f"\"it's a {k}\": output {r['noise_outputs'][k]:.2f}", size=P.LABEL_SIZE, color=P.ANSWER)
        verdict.to_edge(DOWN, buff=0.35)
        self.play(FadeIn(verdict), run_time=0.6)
        self.wait(2.0)

        # --- a real image of that digit, for comparison -----------------------------------------------
        real_img = pixel_digit(r["real_image"], side=2.2).move_to(img_pos)
        real_label = caption(f"a real {k}\n(test image {r['real_index']})").next_to(real_img, DOWN, buff=0.25)
        self.play(FadeOut(noise_img, noise_label, box, verdict), FadeIn(real_img), FadeIn(real_label), run_time=0.8)
        self.play(netmob.feed_forward(r["real_image"]), change_values(outs, r["real_outputs"]), run_time=2.2)
        box2 = netmob.answer_box()
        self.play(Create(box2), run_time=0.6)
        verdict2 = caption(f"a real {k}: output {r['real_outputs'][k]:.2f}; noise: {r['noise_outputs'][k]:.2f}. "
                           "About as sure.", size=P.LABEL_SIZE, color=P.TEXT).to_edge(DOWN, buff=0.35)
        self.play(FadeIn(verdict2), run_time=0.6)
        self.wait(2.5)


class MemorizationCurves(Scene):
    """Two real runs from the same initial weights: one on the true labels, one on shuffled labels.
    With true labels the training cost drops fast; with shuffled ones it only creeps down (zoomed in:
    almost a straight line), while the share of its own training labels it gets right creeps up."""

    def construct(self):
        m = memorization_data()
        epochs = m["epochs"]
        last = int(epochs[-1])
        colors = {"true": P.SERIES[1], "shuffled": P.SERIES[2]}
        head = title("True labels vs shuffled labels")
        self.play(Write(head), run_time=0.8)

        # --- both runs on shared axes ----------------------------------------------------------------
        y_top = float(np.ceil(max(m["true_cost"].max(), m["shuffled_cost"].max())))
        axes = Axes(x_range=[0, last, 5], y_range=[0, y_top, 1], x_length=6.2, y_length=4.6, tips=False,
                    axis_config={"color": P.DIM_TEXT, "stroke_width": 2}).move_to([-3.0, -0.45, 0])
        x_ticks = VGroup(*[caption(str(e), size=P.TINY_SIZE).next_to(axes.c2p(e, 0), DOWN, buff=0.15)
                           for e in range(0, last + 1, 5)])
        y_ticks = VGroup(*[caption(str(v), size=P.TINY_SIZE).next_to(axes.c2p(0, v), LEFT, buff=0.15)
                           for v in range(0, int(y_top) + 1)])
        x_lab = caption("epoch (one pass over the training images)", size=P.TINY_SIZE).next_to(x_ticks, DOWN, buff=0.2)
        y_lab = caption("training cost", size=P.SMALL_SIZE).rotate(np.pi / 2).next_to(y_ticks, LEFT, buff=0.25)
        self.play(Create(axes), FadeIn(x_ticks, y_ticks, x_lab, y_lab), run_time=1.2)

        curves = {}
        for key in ("true", "shuffled"):
            curve = VMobject(stroke_color=colors[key], stroke_width=4)
            curve.set_points_as_corners([axes.c2p(e, c) for e, c in zip(epochs, m[f"{key}_cost"])])
            curves[key] = curve
        legend = VGroup()
        for key, text in (("true", "true labels"), ("shuffled", "shuffled labels")):
            legend.add(VGroup(Line(ORIGIN, 0.5 * RIGHT, stroke_color=colors[key], stroke_width=5),
                              caption(text, size=P.SMALL_SIZE, color=P.TEXT)).arrange(RIGHT, buff=0.2))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.18).move_to([3.9, 2.7, 0])
        start_note = caption("both start from the\nsame random weights", size=P.TINY_SIZE, align=LEFT)
        start_note.next_to(axes.c2p(0, m["true_cost"][0]), RIGHT, buff=0.25)
        self.play(FadeIn(legend), FadeIn(start_note), run_time=0.8)
        self.play(Create(curves["true"]), Create(curves["shuffled"]), run_time=4.0, rate_func=rate_functions.linear)
        self.wait(1.0)

        # --- the shuffled run, zoomed in ---------------------------------------------------------------
        sc = m["shuffled_cost"][1:]
        lo, hi = np.floor(sc.min() * 100) / 100, np.ceil(sc.max() * 100) / 100
        zoom = Axes(x_range=[1, last, 1], y_range=[lo, hi, 0.01], x_length=3.6, y_length=2.1, tips=False,
                    x_axis_config={"include_ticks": False}, y_axis_config={"include_ticks": False},
                    axis_config={"color": P.DIM_TEXT, "stroke_width": 2}).move_to([3.85, 0.5, 0])
        z_title = caption("shuffled labels, zoomed in", size=P.TINY_SIZE, color=colors["shuffled"])
        z_title.next_to(zoom, UP, buff=0.15)
        z_x = VGroup(*[caption(str(e), size=P.TINY_SIZE).next_to(zoom.c2p(e, lo), DOWN, buff=0.12)
                       for e in (1, 10, 20, last)])
        z_y = VGroup(*[caption(f"{v:.2f}", size=P.TINY_SIZE).next_to(zoom.c2p(1, v), LEFT, buff=0.12)
                       for v in (lo, hi)])
        z_curve = VMobject(stroke_color=colors["shuffled"], stroke_width=3)
        z_curve.set_points_as_corners([zoom.c2p(e, c) for e, c in zip(epochs[1:], sc)])
        self.play(Create(zoom), FadeIn(z_title, z_x, z_y), run_time=1.0)
        self.play(Create(z_curve), run_time=2.5, rate_func=rate_functions.linear)
        creep = caption(f"{sc[0]:.3f} after epoch 1, {sc[-1]:.3f} after epoch {last}:\ncreeping down, almost in a line",
                        size=P.TINY_SIZE, color=P.TEXT).next_to(z_x, DOWN, buff=0.2)
        self.play(FadeIn(creep), run_time=0.8)
        self.wait(1.0)

        # --- how many of its own training labels each run gets right ---------------------------------------
        acc_head = caption(f"training images it labels the way\nit was taught, after epoch {last}:", size=P.TINY_SIZE)
        acc_rows = VGroup(*[caption(f"{text}: {m[f'{key}_accuracy'][-1]:.1%}", size=P.SMALL_SIZE, color=colors[key])
                            for key, text in (("true", "true labels"), ("shuffled", "shuffled labels"))])
        acc_rows.arrange(DOWN, buff=0.1)
        acc = VGroup(acc_head, acc_rows).arrange(DOWN, buff=0.15).move_to([3.85, -2.65, 0])
        self.play(FadeIn(acc), run_time=0.8)
        self.wait(3.0)
