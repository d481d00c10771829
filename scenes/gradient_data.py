"""What each chapter-2 scene shows, gathered from netcore: one function per scene, each returning one
frozen dataclass with named fields. ``scenes/gradient.py`` only lays these out and formats them; the
tests compare them with netcore directly.

Every function reads the runs through ``scenes.kit.data`` (the lesson's run, the full-batch descent,
the two minima, or a user's ``NETCORE_TRACE``), so every field holds for the replayed run. Optional
``trace`` / ``data`` arguments let a notebook or a test pass its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netcore import closed_form
from netcore.descent import DescentPath
from netcore.landscape import Landscape
from netcore.data import lit_pixels
from netcore.network import Network, targets, weight_similarity
from netcore.slices import Slice
from scenes.kit import data as kit_data

__all__ = [
    "LabelledData", "training_and_test_data", "ExampleCost", "OneExampleCost", "cost_of_one_example",
    "AverageCost", "average_cost", "DescentOnSurface", "descent_on_surface", "Valleys", "many_valleys",
    "LearningRates", "learning_rates", "Bowl", "downhill_direction", "GradientEntries", "gradient_vector",
    "Nudging", "gradient_nudging", "TestSetAnswers", "test_set_answers", "HiddenWeights", "hidden_weights",
    "NoiseAnswer", "random_noise_input", "Memorization", "memorization_curves", "first_of_digit",
]


def _lesson(trace):
    return trace if trace is not None else kit_data.trace("lesson")


def _data(data):
    return data if data is not None else kit_data.dataset()


def first_of_digit(labels, digit: int) -> int:
    """Index of the first image labelled ``digit`` (the scenes take examples in dataset order)."""
    return int(np.flatnonzero(np.asarray(labels) == digit)[0])


# --- TrainingAndTestData --------------------------------------------------------------------------
@dataclass(frozen=True)
class LabelledData:
    """A seeded mix of real training and test images, and the sizes of both sets."""

    images: np.ndarray  # (n, 784) in the order they are shown
    labels: np.ndarray  # (n,)
    is_training: np.ndarray  # (n,) bool: from the training set (else the test set)
    n_train: int
    n_test: int


def training_and_test_data(n_train_shown: int = 16, n_test_shown: int = 8, data=None) -> LabelledData:
    """The first training and test images, mixed by a seeded permutation."""
    d = _data(data)
    images = np.concatenate([d.x_train[:n_train_shown], d.x_test[:n_test_shown]])
    labels = np.concatenate([d.y_train[:n_train_shown], d.y_test[:n_test_shown]])
    is_training = np.arange(len(images)) < n_train_shown
    order = np.random.default_rng(0).permutation(len(images))
    return LabelledData(images[order], labels[order], is_training[order], len(d.x_train), len(d.x_test))


# --- CostOfOneExample -----------------------------------------------------------------------------
@dataclass(frozen=True)
class ExampleCost:
    """One training example through one network: outputs, desired outputs, squared differences, cost."""

    index: int
    label: int
    outputs: np.ndarray  # (10,) the network's output activations
    desired: np.ndarray  # (10,) one-hot
    squares: np.ndarray  # (10,) each output's share of the cost: (output - desired)^2 for the quadratic cost
    cost: float  # netcore's cost of this example: the sum of ``squares``

    @property
    def answer(self) -> int:
        return int(np.argmax(self.outputs))


def example_cost(net: Network, data, index: int) -> ExampleCost:
    x, y = data.x_train[index:index + 1], data.y_train[index:index + 1]
    out = net.feedforward(x)[0]
    desired = targets(y, net.sizes[-1])[0]
    return ExampleCost(index, int(y[0]), out, desired, net.example_output_costs(x, y)[0], float(net.example_costs(x, y)[0]))


@dataclass(frozen=True)
class OneExampleCost:
    """The first training image of a digit through the network at step 0 and after training."""

    image: np.ndarray
    network: Network  # at step 0 (random weights)
    start: ExampleCost
    end: ExampleCost
    steps_trained: int
    cost_name: str  # "quadratic" or "cross_entropy": what the sum is
    state: str  # what the first snapshot is, in words (kit.data.snapshot_words)


def cost_of_one_example(trace=None, data=None, digit: int = 3) -> OneExampleCost:
    trace, data = _lesson(trace), _data(data)
    i = first_of_digit(data.y_train, digit)
    net0 = trace.network(0)
    return OneExampleCost(data.x_train[i], net0, example_cost(net0, data, i), example_cost(trace.network(-1), data, i),
                          int(trace.snapshot_steps[-1]), net0.cost_name, kit_data.snapshot_words(trace, 0))


# --- AverageCost ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AverageCost:
    """Single costs of the first examples at step 0; the whole training set's average at the start and
    end of the run (the trace's recorded full training cost) and the parameters there."""

    images: np.ndarray  # (n, 784) the first training images
    costs: np.ndarray  # (n,) their costs at step 0
    n_train: int
    n_params: int
    average_start: float
    average_end: float
    params_start: np.ndarray
    params_end: np.ndarray
    step_end: int
    from_dark_pixel: np.ndarray  # (P,) bool: a first-layer weight from a pixel that is 0 in every training image
    state: str  # what the first snapshot is, in words (kit.data.snapshot_words)

def average_cost(trace=None, data=None, n_examples: int = 5) -> AverageCost:
    trace, data = _lesson(trace), _data(data)
    net0 = trace.network(0)
    x, y = data.x_train[:n_examples], data.y_train[:n_examples]
    dark = np.zeros(net0.n_params, bool)
    n_first = net0.sizes[1] * net0.sizes[0]  # W1, row by row, comes first in the flat order
    dark[:n_first] = ~np.isin(np.arange(n_first) % net0.sizes[0], lit_pixels(data.x_train))
    return AverageCost(x, net0.example_costs(x, y), len(data.x_train), net0.n_params,
                       float(trace.snapshot_cost[0]), float(trace.snapshot_cost[-1]),
                       trace.snapshot_params[0], trace.snapshot_params[-1], int(trace.snapshot_steps[-1]), dark,
                       kit_data.snapshot_words(trace, 0))


# --- BallDownhill ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class DescentOnSurface:
    """A run's snapshots on the real cost surface of its plane: plane coordinates, steps, true costs,
    the true gradients projected into the plane, and what the captions say about the run."""

    landscape: Landscape
    coords: np.ndarray  # (S, 2)
    steps: np.ndarray  # (S,)
    costs: np.ndarray  # (S,) the true full training cost at each snapshot
    gradients: np.ndarray  # (S, 2)
    n_params: int
    explained_variance: float  # the share of the path's movement the plane holds
    method: str  # "full_batch" or "sgd"
    batch_size: int
    eta: float
    n_train: int


def descent_on_surface(name: str = "descent") -> DescentOnSurface:
    trace = kit_data.require_history(kit_data.trace(name), snapshots=3, what="a descent's path of snapshots")
    land = kit_data.landscape(name)
    path = land.trace_path(0)
    h = trace.meta["hyperparameters"]
    return DescentOnSurface(land, path["coords"], path["step"], path["cost"], path["gradient"],
                            trace.snapshot_params.shape[1], float(land.meta["explained_variance"]),
                            trace.meta["method"], int(h["batch_size"]), float(h["eta"]),
                            int(trace.meta["data"]["n_train"]))


# --- ManyValleys ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Valleys:
    """The real cost along the line through two trained networks, its valleys, and balls rolled on it.

    ``y_top``: the top of the shown cost range, from the costs the balls start and settle at (the
    line's far ends can be far higher; ``clipped`` says the curve leaves the picture there)."""

    slice: Slice
    balls: tuple  # netcore DescentPaths
    ball_eta: float
    seeds: tuple
    valley_t: np.ndarray
    valley_cost: np.ndarray
    balls_in_valley: tuple  # per valley, how many balls settled there
    landed_together: tuple  # per valley, whether its balls ended within 0.001 in t of each other (one ball shows)
    ridge: tuple | None  # (t, cost) of the highest point between the two minima, or None
    y_top: float
    clipped: bool


def _shown_top(values, cost) -> tuple[float, bool]:
    """A top for the cost axis that shows ``values`` with room (a quarter more), or the whole curve where it
    stays lower than that (with 5 % to spare); and whether the curve rises above it."""
    values = np.asarray([v for v in values if np.isfinite(v)], float)
    highest = float(np.max(values))
    top = min(1.25 * highest, 1.05 * max(float(np.max(cost)), highest))
    return top, bool(np.max(cost) > top)


def many_valleys(name: str = "minima") -> Valleys:
    sl = kit_data.slice_(name)
    balls = tuple(sl.balls)
    ridge = (float(sl.meta["ridge_t"]), float(sl.meta["ridge_cost"])) if len(sl.valley_t) >= 2 else None
    shown = [p.costs[0] for p in balls] + [p.costs[-1] for p in balls] + list(sl.valley_cost)
    if ridge is not None:
        shown.append(ridge[1])
    top, clipped = _shown_top(shown, sl.cost)
    ends = [[float(b.positions[-1, 0]) for b in balls if getattr(b, "valley", -1) == v] for v in range(len(sl.valley_t))]
    counts = tuple(len(e) for e in ends)
    together = tuple(len(e) > 1 and max(e) - min(e) < 1e-3 for e in ends)
    return Valleys(sl, balls, float(sl.meta["ball_eta"]), tuple(t["seed"] for t in sl.meta["traces"]),
                   np.asarray(sl.valley_t), np.asarray(sl.valley_cost), counts, together, ridge, top, clipped)


# --- LearningRate ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class LearningRates:
    """The same start on the same slice at netcore's learning rates, in a window around one valley."""

    slice: Slice
    paths: tuple  # DescentPaths, smallest eta first
    kinds: tuple  # what each ball did: "creeps" (still moving at the last step), "settles" (without
    #               passing the valley floor), "overshoots" (settles after passing it), "leaves" (escaped)
    crossings: tuple  # how many times each ball passed the valley floor
    start: float
    window: tuple  # (t_lo, t_hi)
    cost_range: tuple  # the cost shown: the window's lowest to highest, with room above (for readouts)


def _what_it_did(status: str, crossings: int) -> str:
    if status == "escaped":
        return "leaves"
    if status == "max_steps":
        return "creeps"
    return "overshoots" if crossings else "settles"


def learning_rates(name: str = "minima", half_width: float = 0.25) -> LearningRates:
    sl = kit_data.slice_(name)
    rates = tuple(sl.rates)
    vt = float(sl.valley_t[int(sl.meta.get("rate_valley", 0))])
    crossings = tuple(path.crossings(vt) for path in rates)
    kinds = tuple(_what_it_did(path.status, n) for path, n in zip(rates, crossings))
    lo, hi = max(float(sl.t[0]), vt - half_width), min(float(sl.t[-1]), vt + half_width)
    inside = (sl.t >= lo) & (sl.t <= hi)
    low, high = float(sl.cost[inside].min()), float(sl.cost[inside].max())
    return LearningRates(sl, rates, kinds, crossings, float(rates[0].positions[0, 0]), (lo, hi),
                         (low - 0.05 * (high - low), high + 0.3 * (high - low)))


# --- DownhillDirection ----------------------------------------------------------------------------
class ClosedFormLand:
    """netcore's closed form C = 3/2 x^2 + 1/2 y^2 with the interface ``LandscapeView`` draws from.

    The surface is drawn over the ellipse C <= ``rim`` (a polar grid, so the bowl has a level rim);
    ``alphas``, ``betas``, ``cost`` are netcore's rectilinear grid over the same box (for contours)."""

    def __init__(self, rim: float = 3.5, n_r: int = 12, n_theta: int = 48):
        half_x, half_y = np.sqrt(2 * rim / 3), np.sqrt(2 * rim)  # the rim's half-axes
        radius, angle = np.meshgrid(np.linspace(0, 1, n_r + 1), np.linspace(0, 2 * np.pi, n_theta + 1), indexing="ij")
        xs, ys = half_x * radius * np.cos(angle), half_y * radius * np.sin(angle)
        self.surface_grid = (xs, ys, closed_form.cost(xs, ys))
        grid_x, grid_y, grid_cost = closed_form.surface(extent=half_y, resolution=81)
        keep = np.abs(grid_x) <= half_x * 1.001
        self.alphas, self.betas, self.cost = grid_x[keep], grid_y, grid_cost[keep]
        self.rim = rim

    def height(self, a, b):
        return closed_form.cost(a, b)

    def gradient(self, a, b):
        return closed_form.gradient(a, b)


@dataclass(frozen=True)
class Bowl:
    """The lesson's two-input cost, a point, its gradient, a gentler point, and a descent from the point."""

    land: ClosedFormLand
    point: np.ndarray  # (1, 1)
    gradient: np.ndarray  # netcore: (3, 1)
    gentle_point: np.ndarray
    gentle_gradient: np.ndarray
    path: DescentPath
    path_gradients: np.ndarray  # (S, 2) the gradient at each step of the path
    contour_levels: tuple  # the cost at (s, s) for a few s: level lines through the diagonal


def downhill_direction(point=(1.0, 1.0), gentle_point=(-0.45, -0.75), eta: float = 0.15) -> Bowl:
    p0, p1 = np.array(point, float), np.array(gentle_point, float)
    path = closed_form.descent(tuple(p0), eta=eta)
    levels = tuple(float(closed_form.cost(s, s)) for s in (0.25, 0.5, 1.0, 1.3))
    return Bowl(ClosedFormLand(), p0, closed_form.gradient(*p0), p1, closed_form.gradient(*p1), path,
                closed_form.gradient(path.positions[:, 0], path.positions[:, 1]), levels)


# --- GradientVector -------------------------------------------------------------------------------
SIZE_WORDS = ((0.3, "a lot"), (0.03, "somewhat"), (0.0, "a little"))  # |entry| / largest |entry|


def size_word(relative: float) -> str:
    for threshold, word in SIZE_WORDS:
        if relative >= threshold:
            return word
    return SIZE_WORDS[-1][1]


@dataclass(frozen=True)
class GradientEntries:
    """The flat parameters and minus the full-cost gradient at a snapshot, and the entries to show:
    for each size class and each sign, the median entry of that class and sign, in parameter order."""

    params: np.ndarray
    neg_grad: np.ndarray
    largest: float  # the largest |entry| of minus the gradient
    indices: np.ndarray  # the entries shown, ascending
    names: tuple  # LaTeX names: w^{(l)}_{j,k} or b^{(l)}_j
    words: tuple  # "a lot" / "somewhat" / "a little"
    step: int
    cost: float
    n_params: int
    state: str  # what the snapshot is, in words (kit.data.snapshot_words)


def gradient_vector(trace=None, snapshot: int = 0) -> GradientEntries:
    trace = _lesson(trace)
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
    return GradientEntries(params, neg_grad, largest, chosen, tuple(net.param_name(int(i)) for i in chosen),
                           tuple(size_word(r) for r in rel[chosen]), int(trace.snapshot_steps[snapshot]),
                           float(trace.snapshot_cost[snapshot]), len(params), kit_data.snapshot_words(trace, snapshot))


# --- GradientNudging ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Nudging:
    """The lesson's run snapshot by snapshot: parameters, steps, full training costs, and one image."""

    network: Network  # at step 0
    params: np.ndarray  # (S, P)
    steps: np.ndarray  # (S,)
    costs: np.ndarray  # (S,)
    image: np.ndarray
    eta: float
    batch_size: int
    method: str


def gradient_nudging(trace=None, data=None, digit: int = 3) -> Nudging:
    trace, data = _lesson(trace), _data(data)
    kit_data.require_history(trace, snapshots=2, steps=1, what="the weights' steps from snapshot to snapshot")
    h = trace.meta["hyperparameters"]
    return Nudging(trace.network(0), trace.snapshot_params, trace.snapshot_steps, trace.snapshot_cost,
                   data.x_train[first_of_digit(data.y_train, digit)], float(h["eta"]), int(h["batch_size"]),
                   trace.meta["method"])


# --- TestAccuracy ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class TestSetAnswers:
    """The trained network on the first ``n_shown`` test images, then on the whole test set."""

    images: np.ndarray  # (n_shown, 784)
    guesses: np.ndarray
    labels: np.ndarray
    correct: np.ndarray  # bool
    running: np.ndarray  # running count of correct answers over the shown images
    running_all: np.ndarray  # ... over the whole test set
    n_shown: int
    n_test: int
    full_accuracy: float


def test_set_answers(trace=None, data=None, n_shown: int = 60) -> TestSetAnswers:
    trace, data = _lesson(trace), _data(data)
    net = trace.network(-1)
    n_shown = min(n_shown, len(data.x_test))
    x, y = data.x_test[:n_shown], data.y_test[:n_shown]
    guesses = net.predict(x)
    correct = guesses == y
    running_all = np.cumsum(net.predict(data.x_test) == data.y_test)
    return TestSetAnswers(x, guesses, y, correct, np.cumsum(correct), running_all, n_shown, len(data.x_test),
                   net.accuracy(data.x_test, data.y_test))



# --- HiddenWeights --------------------------------------------------------------------------------
@dataclass(frozen=True)
class HiddenWeights:
    """Each first-hidden-layer neuron's incoming weights at the end of the run, and how far training
    moved them: the cosine similarity of each neuron's trained weights with its initial ones."""

    weights: np.ndarray  # (n_hidden, 784)
    similarity_to_start: np.ndarray  # (n_hidden,) cosine similarity with the step-0 weights
    steps: int
    state: str  # what the first snapshot is, in words (kit.data.snapshot_words)

    @property
    def median_similarity(self) -> float:
        return float(np.median(self.similarity_to_start))


def hidden_weights(trace=None) -> HiddenWeights:
    trace = _lesson(trace)
    start, end = trace.network(0), trace.network(-1)
    return HiddenWeights(end.weights[0].copy(), weight_similarity(start, end), int(trace.snapshot_steps[-1]),
                         kit_data.snapshot_words(trace, 0))


# --- RandomNoiseInput -----------------------------------------------------------------------------
@dataclass(frozen=True)
class NoiseAnswer:
    """A seeded uniform-noise image through the trained network, and for comparison the first test
    image with the noise's answer as its label that the network gets right."""

    network: Network
    seed: int
    noise: np.ndarray
    noise_outputs: np.ndarray
    answer: int
    real_index: int
    real_image: np.ndarray
    real_outputs: np.ndarray


def random_noise_input(trace=None, data=None, seed: int = 0) -> NoiseAnswer:
    trace, data = _lesson(trace), _data(data)
    net = trace.network(-1)
    noise = np.random.default_rng(seed).random(net.sizes[0])
    noise_out = net.feedforward(noise[None])[0]
    answer = int(np.argmax(noise_out))
    right = np.flatnonzero((data.y_test == answer) & (net.predict(data.x_test) == answer))
    k = int(right[0]) if len(right) else first_of_digit(data.y_test, answer)
    return NoiseAnswer(net, seed, noise, noise_out, answer, k, data.x_test[k],
                       net.feedforward(data.x_test[k:k + 1])[0])


# --- MemorizationCurves ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Memorization:
    """Training cost and accuracy per epoch (epoch 0 = before training) of the run and of the same run
    on shuffled training labels (same initial weights, same mini-batch order)."""

    epochs: np.ndarray
    true_cost: np.ndarray
    shuffled_cost: np.ndarray
    true_accuracy: np.ndarray
    shuffled_accuracy: np.ndarray


def memorization_curves(trace=None, data=None) -> Memorization:
    from netcore.memorize import memorization_of

    trace, data = kit_data.require_history(_lesson(trace), epochs=1, what="the run's training, epoch by epoch, "
                                           "against the same run on shuffled labels"), _data(data)
    m = memorization_of(trace, data, cache_dir=kit_data.cache_dir(), progress=True)
    return Memorization(m.epochs, m.true_cost, m.shuffled_cost, m.true_accuracy, m.shuffled_accuracy)
