"""Chapter 2, the scenes around the descent (see ../shared/lessons.md, "Chapter 2"): training and test
data, the cost of one example and of the whole training set, the gradient as a 13,002-entry vector,
gradient descent nudging the real network, its test accuracy, what its first layer looks like, its
answer to noise, and memorisation with shuffled labels.

Render from the repo root, e.g. ``manim -qh scenes/gradient_more.py CostOfOneExample``. Every number
on screen comes from netcore (the lesson's cached run through ``scenes.kit.data``, network forward
passes, costs); the ``*_data`` functions below gather it and the scenes only format it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

import numpy as np  # noqa: E402
from manim import (  # noqa: E402
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    UR,
    AnimationGroup,
    Arrow,
    Axes,
    Brace,
    ChangeDecimalToValue,
    Circle,
    Create,
    FadeIn,
    FadeOut,
    Indicate,
    LaggedStart,
    Line,
    Rectangle,
    RoundedRectangle,
    Scene,
    SurroundingRectangle,
    VGroup,
    VMobject,
    Write,
    rate_functions,
)

from scenes.kit import data as kd  # noqa: E402
from scenes.kit import palette as P  # noqa: E402
from scenes.kit.network import NetworkMobject  # noqa: E402
from scenes.kit.numbers import NumberColumn, bracket  # noqa: E402
from scenes.kit.pixels import pixel_digit, pixel_weights  # noqa: E402
from scenes.kit.surface import Replay  # noqa: E402
from scenes.kit.text import FastNumber, integer, label, math, number  # noqa: E402

CORRECT = P.WEIGHT_POSITIVE  # a test image the network gets right (green frame)
WRONG = P.NEGATIVE  # one it gets wrong (red frame)


# ====================================================================================================
# Data: what each scene shows, gathered from netcore (tests check these against netcore directly)
# ====================================================================================================

def run_spec_of(trace, **changes):
    """The RunSpec that reproduces ``trace`` (its network and hyperparameters), with ``changes``."""
    from netcore.runs import RunSpec

    n, h = trace.meta["network"], trace.meta["hyperparameters"]
    spec = RunSpec(sizes=tuple(n["sizes"]), activation=n["activation"], cost=n["cost"], init=n["init"],
                   method=trace.meta["method"], epochs=h["epochs"], batch_size=h["batch_size"], eta=h["eta"],
                   seed=n["seed"], labels=trace.meta["data"].get("labels", "true"))
    return spec.with_(**changes)


def first_of_digit(labels, digit: int) -> int:
    """Index of the first image labelled ``digit`` (the scenes take examples in dataset order)."""
    return int(np.flatnonzero(np.asarray(labels) == digit)[0])


@dataclass
class ExampleCost:
    """One training example through one network: outputs, desired outputs, squared differences, cost."""

    index: int
    label: int
    outputs: np.ndarray  # (10,) the network's output activations
    desired: np.ndarray  # (10,) one-hot
    squares: np.ndarray  # (10,) (output - desired)^2
    cost: float  # netcore's cost of this example

    @property
    def answer(self) -> int:
        return int(np.argmax(self.outputs))


def example_cost(net, data, index: int) -> ExampleCost:
    from netcore.network import targets

    x, y = data.x_train[index:index + 1], data.y_train[index:index + 1]
    out = net.feedforward(x)[0]
    desired = targets(y, net.sizes[-1])[0]
    return ExampleCost(index, int(y[0]), out, desired, (out - desired) ** 2, float(net.example_costs(x, y)[0]))


def cost_of_one_example_data(trace=None, data=None, digit: int = 3):
    """The first training image of ``digit`` through the network at step 0 (random weights) and at the
    end of the run (trained)."""
    trace = trace if trace is not None else kd.trace("lesson")
    data = data if data is not None else kd.dataset()
    i = first_of_digit(data.y_train, digit)
    return example_cost(trace.network(0), data, i), example_cost(trace.network(-1), data, i)


def average_cost_data(trace=None, data=None, n_examples: int = 5):
    """Costs of the first ``n_examples`` training images at step 0, the average cost over the whole
    training set at step 0 and at the end (the trace's recorded full training cost), parameters."""
    trace = trace if trace is not None else kd.trace("lesson")
    data = data if data is not None else kd.dataset()
    net0 = trace.network(0)
    x, y = data.x_train[:n_examples], data.y_train[:n_examples]
    return {
        "indices": np.arange(n_examples), "costs": net0.example_costs(x, y),
        "n_train": len(data.x_train), "n_params": net0.n_params,
        "average_start": float(trace.snapshot_cost[0]), "average_end": float(trace.snapshot_cost[-1]),
        "params_start": trace.snapshot_params[0], "params_end": trace.snapshot_params[-1],
        "step_end": int(trace.snapshot_steps[-1]),
    }


def param_name(net, i: int) -> str:
    """LaTeX name of flat parameter ``i``: w^{(l)}_{j,k} (into layer l from neuron k) or b^{(l)}_j."""
    for l, (w, b) in enumerate(net.slices):
        if w.start <= i < w.stop:
            j, k = divmod(i - w.start, net.shapes[l][1])
            return rf"w^{{({l + 1})}}_{{{j},{k}}}"
        if b.start <= i < b.stop:
            return rf"b^{{({l + 1})}}_{{{i - b.start}}}"
    raise IndexError(i)


SIZE_WORDS = ((0.3, "a lot"), (0.03, "somewhat"), (0.0, "a little"))  # |entry| / largest |entry|


def size_word(relative: float) -> str:
    for threshold, word in SIZE_WORDS:
        if relative >= threshold:
            return word
    return SIZE_WORDS[-1][1]


def gradient_vector_data(trace=None, snapshot: int = 0):
    """The flat parameters and minus the full-cost gradient at a snapshot, and six entries to show:
    for each size class ("a lot", "somewhat", "a little", relative to the largest entry) and each
    sign, the median entry of that class and sign; in parameter order."""
    trace = trace if trace is not None else kd.trace("lesson")
    params = trace.snapshot_params[snapshot]
    neg_grad = -trace.snapshot_grad[snapshot]
    size = np.abs(neg_grad)
    largest = float(size.max())
    rel = size / largest
    bounds = [t for t, _ in SIZE_WORDS]
    chosen = []
    for hi, lo in zip([np.inf] + bounds[:-1], bounds):
        for sign in (1, -1):
            idx = np.flatnonzero((rel >= lo) & (rel < hi) & (np.sign(neg_grad) == sign))
            if len(idx):
                idx = idx[np.argsort(size[idx], kind="stable")]
                chosen.append(int(idx[len(idx) // 2]))
    chosen = np.array(sorted(chosen))
    net = trace.network(snapshot)
    return {"params": params, "neg_grad": neg_grad, "largest": largest, "indices": chosen,
            "names": [param_name(net, i) for i in chosen],
            "words": [size_word(r) for r in rel[chosen]], "step": int(trace.snapshot_steps[snapshot]),
            "cost": float(trace.snapshot_cost[snapshot]), "n_params": len(params)}


def shown_test_images(trace=None, data=None, n_shown: int = 60):
    """The trained network on the first ``n_shown`` test images: guesses, running correct count, and
    its accuracy on the whole test set."""
    trace = trace if trace is not None else kd.trace("lesson")
    data = data if data is not None else kd.dataset()
    net = trace.network(-1)
    n_shown = min(n_shown, len(data.x_test))
    x, y = data.x_test[:n_shown], data.y_test[:n_shown]
    guesses = net.predict(x)
    correct = guesses == y
    return {"guesses": guesses, "labels": y, "correct": correct, "running": np.cumsum(correct),
            "n_shown": n_shown, "n_test": len(data.x_test), "full_accuracy": net.accuracy(data.x_test, data.y_test)}


def hidden_weights_data(trace=None, snapshot: int = -1):
    """Each first-hidden-layer neuron's 784 incoming weights (rows of W1) at a snapshot."""
    trace = trace if trace is not None else kd.trace("lesson")
    return trace.network(snapshot).weights[0].copy()


def random_noise_data(trace=None, data=None, seed: int = 0):
    """A seeded uniform-noise image through the trained network, and for comparison the first test
    image labelled with the noise's answer that the network gets right."""
    trace = trace if trace is not None else kd.trace("lesson")
    data = data if data is not None else kd.dataset()
    net = trace.network(-1)
    noise = np.random.default_rng(seed).random(net.sizes[0])
    noise_out = net.feedforward(noise[None])[0]
    answer = int(np.argmax(noise_out))
    right = np.flatnonzero((data.y_test == answer) & (net.predict(data.x_test) == answer))
    k = int(right[0]) if len(right) else first_of_digit(data.y_test, answer)
    return {"seed": seed, "noise": noise, "noise_outputs": noise_out, "answer": answer,
            "real_index": k, "real_image": data.x_test[k], "real_outputs": net.feedforward(data.x_test[k:k + 1])[0]}


def memorization_data(trace=None, data=None):
    """Training cost and accuracy per epoch (epoch 0 = before training) of the lesson's run and of the
    same run on shuffled training labels (same initial weights, same mini-batch order)."""
    from netcore.memorize import curves
    from netcore.runs import cached_run

    trace = trace if trace is not None else kd.trace("lesson")
    data = data if data is not None else kd.dataset()
    true_spec = run_spec_of(trace, labels="true")
    shuffled_spec = run_spec_of(trace, labels="shuffled", snapshots=[])
    shuffled = cached_run(shuffled_spec, data, name="lesson-shuffled", cache_dir=kd.cache_dir(), progress=True)
    t, s = curves(trace, true_spec, data), curves(shuffled, shuffled_spec, data)
    n = min(len(t["cost"]), len(s["cost"]))
    return {"epochs": np.arange(n), "true_cost": t["cost"][:n], "shuffled_cost": s["cost"][:n],
            "true_accuracy": t["accuracy"][:n], "shuffled_accuracy": s["accuracy"][:n]}


# ====================================================================================================
# Small building blocks
# ====================================================================================================

def thumbnail(pixels, side: float = 0.8, frame_color=P.FAINT, frame_width: float = 1.5):
    """A digit as a small pixel picture with a thin frame (``thumb.frame``)."""
    thumb = pixel_digit(pixels, side=side)
    thumb.frame.set_stroke(frame_color, width=frame_width)
    return thumb


def labelled_thumbnail(pixels, digit: int, side: float = 0.8) -> VGroup:
    thumb = thumbnail(pixels, side)
    text = label(str(digit), size=P.SMALL_SIZE, color=P.DIM_TEXT).next_to(thumb, DOWN, buff=0.08)
    group = VGroup(thumb, text)
    group.thumb = thumb
    return group


def grid_positions(n: int, cols: int, dx: float, dy: float, center=ORIGIN) -> np.ndarray:
    rows = int(np.ceil(n / cols))
    out = []
    for i in range(n):
        r, c = divmod(i, cols)
        out.append([(c - (cols - 1) / 2) * dx, ((rows - 1) / 2 - r) * dy, 0.0])
    return np.array(out) + np.asarray(center, float)


def on_baseline(reference, *texts):
    """Shift ``texts`` vertically so their letters sit on the same baseline as ``reference`` (text
    centred at one height would not: descenders and ascenders move the centre)."""
    def baseline(t):
        flat = [c for c in t.family_members_with_points()]
        chars = getattr(t, "text", "").replace(" ", "").replace("\n", "")
        for ch, glyph in zip(chars, flat):
            if ch in "acemnorsuvwxz0123456789":
                return glyph.get_bottom()[1]
        return t.get_bottom()[1]

    y = baseline(reference)
    for t in texts:
        t.shift((y - baseline(t)) * UP)


def title(text: str) -> VGroup:
    return label(text, size=P.TITLE_SIZE * 0.9).to_corner(UL, buff=0.35)


def caption(text: str, size=P.SMALL_SIZE, color=P.DIM_TEXT, align=None):
    """Dim text; several lines (``\\n``) are centred on each other unless ``align`` is LEFT or RIGHT."""
    lines = text.split("\n")
    if len(lines) == 1:
        return label(text, size=size, color=color)
    group = VGroup(*[label(line, size=size, color=color) for line in lines]).arrange(DOWN, buff=0.1)
    if align is not None:
        for line in group:
            line.align_to(group, align)
    return group


# ====================================================================================================
# Scenes
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
        outs = VGroup(*[number(a, places=3, size=size).move_to([xs["out"], y, 0]) for a, y in zip(start.outputs, ys)])
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
            a_num = number(start.outputs[i], places=3, size=size)
            y_num = integer(int(start.desired[i]), size=size)
            parts = VGroup(math("(", size=size), a_num, math("-", size=size), y_num, math(")^2", size=size),
                           math("=", size=size))
            parts.arrange(RIGHT, buff=0.08)
            parts[-1].shift(0.1 * RIGHT)
            parts.move_to([xs["expr"], y, 0])
            s_num = number(start.squares[i], places=3, size=size, color=P.COST).move_to([xs["square"], y, 0])
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
        total = number(start.cost, places=3, size=P.TITLE_SIZE * 1.1, color=P.COST)
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
        anims = [ChangeDecimalToValue(n, v) for n, v in zip(outs, end.outputs)]
        anims += [ChangeDecimalToValue(n, v) for n, v in zip(expr_outs, end.outputs)]
        anims += [ChangeDecimalToValue(n, v) for n, v in zip(sq_nums, end.squares)]
        anims += [ChangeDecimalToValue(total, end.cost)]
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
        x_name, x_param, x_grad, x_word, x_bar = -5.3, -3.3, -0.5, 1.55, 4.6
        bar_len = 2.3  # the largest entry of the whole vector

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

        step_num = FastNumber(int(steps[0]), places=0, size=P.LABEL_SIZE * 1.3)
        cost_num = FastNumber(float(costs[0]), places=3, size=P.LABEL_SIZE * 1.3, color=P.COST)
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
        correct_num = integer(n, size=P.TITLE_SIZE, edge_to_fix=RIGHT)
        total_num = integer(n, size=P.TITLE_SIZE)
        counter = VGroup(label("correct", size=P.LABEL_SIZE, color=P.DIM_TEXT), correct_num,
                         math("/", size=P.TITLE_SIZE), total_num).arrange(RIGHT, buff=0.2)
        counter.to_corner(UR, buff=0.45)
        correct_num.set_value(0)
        total_num.set_value(0)
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
        summary = VGroup(summary1, summary2).arrange(DOWN, buff=0.15).to_edge(DOWN, buff=0.35).shift(2.35 * RIGHT)
        self.play(FadeIn(summary1), run_time=0.6)
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
        outs = VGroup(*[number(a, places=2, size=P.SMALL_SIZE * 1.15, color=P.DIM_TEXT)
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
        self.play(netmob.feed_forward(r["real_image"]), *[ChangeDecimalToValue(o, v) for o, v in
                                                          zip(outs, r["real_outputs"])], run_time=2.2)
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
                    axis_config={"color": P.DIM_TEXT, "stroke_width": 2}).move_to([4.1, 0.5, 0])
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
        acc = VGroup(acc_head, acc_rows).arrange(DOWN, buff=0.15).move_to([4.1, -2.65, 0])
        self.play(FadeIn(acc), run_time=0.8)
        self.wait(3.0)
