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
    DOWN,
    LEFT,
    RIGHT,
    DL,
    Dot,
    UL,
    UP,
    UR,
    Animation,
    BackgroundRectangle,
    Create,
    FadeIn,
    FadeOut,
    Scene,
    ThreeDScene,
    VMobject,
    VGroup,
    Write,
    rate_functions,
)

from scenes.kit import data as kd  # noqa: E402
from scenes.kit import palette as P  # noqa: E402
from scenes.kit.landscape_view import LandscapeView  # noqa: E402
from scenes.kit.scene3d import KitThreeDScene  # noqa: E402
from scenes.kit.curve import CurveView, Hopper  # noqa: E402
from scenes.kit.surface import FlatArrow, Replay  # noqa: E402
from scenes.kit.text import FastNumber, label, math  # noqa: E402


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
        step_num = FastNumber(int(steps[0]), places=0)
        cost_num = FastNumber(float(costs[0]), places=3)
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
        step_num = FastNumber(0, places=0)
        size_num = FastNumber(0.0, places=4)
        readouts = VGroup(readout("step", step_num), readout("step size", size_num)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        readouts.next_to(rule_box, DOWN, buff=0.3)
        pos = balls[first].positions[:, 0]

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
        note.next_to(view.to_scene(pos[-1], view.y_range[1] * 0.55), UP, buff=0.0)
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
            text = label(f"valley {v + 1}: cost {vc:.3f}, {n_in} balls", size=P.SMALL_SIZE)
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
        step_num = FastNumber(0, places=0)
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
            cost_num = FastNumber(float(path.costs[0]), places=4, size=P.SMALL_SIZE * 1.3, color=color)
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
        for path, panel, name in zip(rates, panels, labels):
            if path.status == "escaped":
                out = label(f"left the picture after {len(path.costs) - 1} steps", size=P.SMALL_SIZE, color=P.NEGATIVE)
                out.move_to(panel.view.to_scene((lo + hi) / 2, y_lo + (y_hi - y_lo) * 0.6))
                escaped.add(out)
            elif path.status == "max_steps":
                out = label(f"still creeping after {len(path.costs) - 1} steps", size=P.SMALL_SIZE, color=P.DIM_TEXT)
                out.move_to(panel.view.to_scene((lo + hi) / 2, y_lo + (y_hi - y_lo) * 0.6))
                escaped.add(out)
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
        up_text = boxed(up_text.next_to(tip, UR, buff=0.1))
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
