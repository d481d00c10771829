"""What the chapter 2 scenes show, gathered from netcore: the cost of one example and of the training
set, the gradient as a vector, the trained network on test images, its first-layer weights, its answer
to noise, and memorisation with shuffled labels. The scenes in ``gradient.py`` only format these, and
the tests check them against netcore directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scenes.kit import data as kd


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
    """The trained network on the first ``n_shown`` test images: guesses, running correct count; the
    running correct count over the whole test set, and its accuracy there."""
    trace = trace if trace is not None else kd.trace("lesson")
    data = data if data is not None else kd.dataset()
    net = trace.network(-1)
    n_shown = min(n_shown, len(data.x_test))
    x, y = data.x_test[:n_shown], data.y_test[:n_shown]
    guesses = net.predict(x)
    correct = guesses == y
    running_all = np.cumsum(net.predict(data.x_test) == data.y_test)
    return {"guesses": guesses, "labels": y, "correct": correct, "running": np.cumsum(correct),
            "running_all": running_all, "n_shown": n_shown, "n_test": len(data.x_test),
            "full_accuracy": net.accuracy(data.x_test, data.y_test)}


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
