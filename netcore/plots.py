"""Plots of traces and analysis results with matplotlib's Agg canvas (no pyplot state, no display
needed; a returned Figure also shows in a notebook). Every function returns the Figure and, given
``path``, saves it too.

>>> fig = plot_cost(Trace.load("run.npz"), path="cost.png")
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .colors import weight_colors
from .errors import NetcoreError

PATH_COLOURS = ("#ff1f5b", "#00d5ff", "#ffffff", "#ff9f1c", "#7dff5c")


def new_figure(size=(8, 5)) -> Figure:
    fig = Figure(figsize=size, dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def save_figure(fig: Figure, path) -> Path:
    """Write ``fig`` (format from the suffix, e.g. .png) atomically."""
    path = Path(path)
    if not path.suffix:
        raise NetcoreError("no file suffix to pick the image format from (use e.g. .png)", path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        fig.savefig(tmp, dpi=fig.dpi)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600 files: give the usual permissions
        os.replace(tmp, path)
    except ValueError as e:  # unknown format
        raise NetcoreError(str(e).splitlines()[0], path) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def finish(fig, path):
    if path is not None:
        save_figure(fig, path)
    return fig


def run_label(trace) -> str:
    m, h = trace.meta, trace.meta["hyperparameters"]
    n = m["network"]
    method = "SGD" if m["method"] == "sgd" else "full-batch GD"
    batch = f", batch {h['batch_size']}" if m["method"] == "sgd" else ""
    return f"{'-'.join(map(str, n['sizes']))} {n['activation']}, {method}{batch}, eta {h['eta']:g}"


def plot_cost(trace, path=None) -> Figure:
    """Each step's mini-batch cost, its running mean, and the full training cost after every epoch."""
    fig = new_figure()
    ax = fig.add_subplot()
    cost = trace.step_cost
    steps = np.arange(len(cost))  # step_cost[i]: the cost the i-th step was computed from
    sgd = trace.meta["method"] == "sgd"
    ax.plot(steps, cost, color="#9ab", lw=0.5 if sgd else 1.0, alpha=0.6 if sgd else 1.0,
            label="mini-batch cost at each step" if sgd else "cost at each step")
    w = max(1, min(len(cost) // 50, trace.meta.get("steps_per_epoch", 1)))
    if w > 1 and len(cost) > w:
        run = np.convolve(cost, np.ones(w) / w, mode="valid")
        ax.plot(steps[w - 1:], run, color="#1f5fa8", lw=1.5, label=f"running mean over {w} steps")
    if len(trace.epoch_steps):
        ax.plot(trace.epoch_steps, trace.epoch_train_cost, "o-", color="#d62728", ms=4, lw=1.5,
                label="full training cost after each epoch")
    ax.plot([0], [trace.snapshot_cost[0]], "s", color="#d62728", ms=5)
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter("{x:g}")
    ax.yaxis.set_minor_formatter(FuncFormatter(lambda v, _: f"{v:g}" if round(v / 10 ** np.floor(np.log10(v)), 6) in (2, 3, 5) else ""))
    ax.tick_params(axis="y", which="minor", labelsize=7)
    ax.set_xlabel("step (one mini-batch each)" if sgd else "step (all training images)")
    ax.set_ylabel("cost (log scale)")
    ax.set_title(f"Cost during training\n{run_label(trace)}", fontsize=11)
    ax.grid(alpha=0.3, which="both")
    ax.legend(loc="upper right")
    return finish(fig, path)


def plot_accuracy(trace, path=None) -> Figure:
    """Test (and training) accuracy after each epoch."""
    if not len(trace.epoch_steps):
        raise NetcoreError("the trace has no per-epoch records to plot", trace.path)
    fig = new_figure()
    ax = fig.add_subplot()
    epochs = np.arange(1, len(trace.epoch_steps) + 1)
    ax.plot(epochs, 100 * trace.epoch_test_accuracy, "o-", color="#1f5fa8", lw=2, ms=4, label="test images")
    ax.plot(epochs, 100 * trace.epoch_train_accuracy, "--", color="#888", lw=1.2, label="training images")
    final = 100 * trace.epoch_test_accuracy[-1]
    ax.annotate(f"{final:.1f}%", (epochs[-1], final), textcoords="offset points", xytext=(0, -16),
                ha="center", fontsize=11, color="#1f5fa8")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("epoch")
    ax.set_ylabel("accuracy (% correct)")
    ax.set_ylim(0, 100)
    ax.set_xlim(0.5, epochs[-1] + 0.5)
    ax.set_title(f"Accuracy after each epoch\n{run_label(trace)}", fontsize=11)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    return finish(fig, path)


def weight_images(weights, scale="neuron") -> np.ndarray:
    """RGB images (n, side, side, 3) of each row of ``weights``: green positive, red negative,
    brightness |w| relative to the neuron's (``scale="neuron"``), the layer's (``"layer"``) largest |w|
    or a given one (a number); see ``netcore.colors.weight_colors``."""
    w = np.asarray(weights, dtype=np.float64)
    side = int(round(np.sqrt(w.shape[1])))
    if side * side != w.shape[1]:
        raise NetcoreError(f"{w.shape[1]} inputs are not a square image")
    return weight_colors(w, scale).reshape(len(w), side, side, 3)


def plot_weights(source, index=-1, scale="neuron", path=None) -> Figure:
    """The first hidden layer's incoming weights, one square image per neuron (a Trace at snapshot
    ``index``, or a Network)."""
    net = source.network(index) if hasattr(source, "network") else source
    images = weight_images(net.weights[0], scale)
    n = len(images)
    cols = int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / cols))
    fig = new_figure((1.9 * cols + 0.4, 1.9 * rows + 0.9))
    fig.set_facecolor("#1b1b1b")
    axes = fig.subplots(rows, cols, squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.set_xticks([])
        ax.set_yticks([])
        if i < n:
            ax.imshow(images[i], interpolation="nearest")
            ax.set_title(f"neuron {i}", color="white", fontsize=9)
        else:
            ax.set_axis_off()
    step = ""
    if hasattr(source, "snapshot_steps"):
        step = f" after step {int(source.snapshot_steps[index])}"
    fig.suptitle(f"First hidden layer's weights{step}: green positive, red negative, brightness |w|"
                 f"{' (per neuron)' if scale == 'neuron' else ''}", color="white", fontsize=11)
    return finish(fig, path)


def plot_landscape(land, path=None, levels=30) -> Figure:
    """Contour map of the true cost on the landscape's plane with each trace's projected path."""
    fig = new_figure((8, 6.5))
    ax = fig.add_subplot()
    cost = land.cost
    lo, hi = float(np.nanmin(cost)), float(np.nanmax(cost))
    norm = None
    if hi / max(lo, 1e-12) > 20:  # a wide range: log-spaced levels and colours
        lv = np.geomspace(max(lo, 1e-12), hi, levels)
        norm = LogNorm(lv[0], lv[-1])
    else:
        lv = np.linspace(lo, hi, levels)
    cs = ax.contourf(land.alphas, land.betas, cost.T, levels=lv, cmap="viridis", norm=norm)
    ax.contour(land.alphas, land.betas, cost.T, levels=lv[::3], colors="k", linewidths=0.4, alpha=0.5)
    cb = fig.colorbar(cs, ax=ax)
    cb.set_label("full training cost")
    cb.ax.yaxis.set_major_formatter("{x:.3g}")
    for i, info in enumerate(land.meta.get("traces", [])):
        p = land.trace_path(i)["coords"]
        colour = PATH_COLOURS[i % len(PATH_COLOURS)]
        h = info.get("hyperparameters", {})
        method = "SGD" if info.get("method") == "sgd" else "full-batch GD"
        label = f"{method}, eta {h.get('eta', '?'):g}" if isinstance(h.get("eta"), (int, float)) else method
        ax.plot(p[:, 0], p[:, 1], "-", color=colour, lw=1.6, label=label)
        ax.plot(p[:, 0], p[:, 1], ".", color=colour, ms=4)
        ax.plot(*p[-1], "*", color=colour, ms=14, mec="k", mew=0.8)
    if len(land.path_coords):
        ax.plot(*land.path_coords[0], "o", color="white", ms=9, mec="k", label="start")
    spans = np.ptp(land.alphas), np.ptp(land.betas)
    if max(spans) < 4 * min(spans):  # same scale on both axes, unless that would squash the map
        ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("plane direction u (parameter-space distance)")
    ax.set_ylabel("plane direction v")
    ev = land.meta.get("explained_variance")
    ev = f", explains {ev:.0%} of the paths' variance" if isinstance(ev, float) else ""
    plane = {"pca": "principal-directions", "three-point": "three-point"}.get(land.meta.get("plane"), "")
    ax.set_title(f"Training cost on the {plane} plane{ev}\n"
                 f"(stars: ends of the runs; paths projected onto the plane)", fontsize=11)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, facecolor="#c8c8c8", edgecolor="none")
    return finish(fig, path)


def plot_slice(sl, path=None) -> Figure:
    """The cost along the line through two minima, with any recorded balls."""
    fig = new_figure()
    ax = fig.add_subplot()
    ax.plot(sl.t, sl.cost, color="#1f5fa8", lw=2, label="training cost along the line")
    ax.plot([0, 1], sl.meta["end_costs"], "o", color="k", label="the two trained minima (t = 0, 1)")
    ax.plot([sl.ridge_t], [sl.ridge_cost], "^", color="#d62728", ms=9, label="ridge between them")
    for i, ball in enumerate(sl.balls):
        ax.plot(ball.positions[:, 0], ball.costs, ".-", lw=0.8, ms=5, label="balls" if i == 0 else None,
                color="#ff7f0e")
    ax.set_xlabel("t (0: first minimum, 1: second)")
    ax.set_ylabel("cost")
    ax.set_title("Cost along the straight line through two minima", fontsize=11)
    ax.grid(alpha=0.3)
    ax.legend()
    return finish(fig, path)


def plot_memorization(mem, path=None) -> Figure:
    """Training cost per epoch with true and with shuffled labels."""
    fig = new_figure()
    ax = fig.add_subplot()
    ax.plot(mem.epochs, mem.true_cost, "o-", color="#1f5fa8", lw=2, label="true labels")
    ax.plot(mem.epochs, mem.shuffled_cost, "s-", color="#d62728", lw=2, label="shuffled labels")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training cost")
    ax.set_title("Learning structure versus memorising noise", fontsize=11)
    ax.grid(alpha=0.3)
    ax.legend()
    return finish(fig, path)


def plot_file(path, kind) -> Figure:
    """The ``kind`` plot (``cost``, ``accuracy``, ``weights`` of a trace; ``landscape``) of a file."""
    if kind == "landscape":
        from .landscape import Landscape

        return plot_landscape(Landscape.load(path))
    from .trace import Trace

    trace = Trace.load(path)
    funcs = {"cost": plot_cost, "accuracy": plot_accuracy, "weights": plot_weights}
    if kind not in funcs:
        raise NetcoreError(f"unknown plot kind {kind!r}")
    return funcs[kind](trace)
