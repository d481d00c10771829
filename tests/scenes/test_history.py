"""Traces without a training history: an imported network (``netcore import``) or a network trained
for 0 epochs. The scenes that show a network replay it; those that replay training say, in one line
naming the trace, what it lacks and the command that makes a trace that has it, and the render ends
with exit status 2, not a traceback (``kit.data.require_history``, ``kit.storyboard.storyboard``).

Which scenes refuse an imported network, and that the others render it inside the frame, is checked
scene by scene in ``test_any_trace.py``; here: the data functions, the words, and the command line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from netcore import Network, Recording, Trace, train
from netcore.imported import import_network

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def untrained_trace(small_data, tmp_path_factory):
    """The issue's hand-made trace: a network with its parameters set, trained for 0 epochs, saved."""
    net = Network((784, 16, 16, 10), seed=5)
    net.params = Network((784, 16, 16, 10), seed=6).params
    path = tmp_path_factory.mktemp("history") / "zero-epochs.npz"
    train(net, small_data, epochs=0, record=Recording()).save(path)
    return Trace.load(path)


@pytest.fixture(scope="module")
def imported_file(shared_mnist, tmp_path_factory):
    """An imported 784-16-16-10 network (numbered npz) evaluated on ../shared/mnist, as a trace file."""
    folder = tmp_path_factory.mktemp("imported")
    net = Network((784, 16, 16, 10), seed=2)
    np.savez(folder / "weights.npz", **{f"{kind}{l + 1}": a for l, (w, b) in enumerate(zip(net.weights, net.biases))
                                         for kind, a in (("W", w), ("b", b))})
    path = folder / "imported-trace.npz"
    import_network(folder / "weights.npz", shared_mnist).save(path)
    return path


def test_training_scenes_ask_for_what_a_zero_epoch_trace_lacks(scene_data, untrained_trace):
    from scenes import gradient_data
    from scenes.kit.data import NeedsHistory

    with pytest.raises(NeedsHistory) as nudging:
        gradient_data.gradient_nudging(trace=untrained_trace)
    said = str(nudging.value)
    assert said.startswith(f"{untrained_trace.path}: this scene replays the weights' steps")
    assert "at least 2 snapshots and 1 step;" in said and "1 snapshot, 0 steps and 0 evaluated epochs" in said
    assert said.endswith("netcore train --sizes 784,16,16,10 --activation sigmoid --cost quadratic --out run.npz")
    with pytest.raises(NeedsHistory, match="at least 2 snapshots, 1 step and 1 evaluated epoch;"):
        gradient_data.memorization_curves(trace=untrained_trace)
    # the scenes that only show the network replay it
    assert gradient_data.test_set_answers(trace=untrained_trace).n_test == len(scene_data.dataset().x_test)
    assert gradient_data.cost_of_one_example(trace=untrained_trace).steps_trained == 0


def test_snapshot_words_say_which_network_is_shown(scene_data, untrained_trace, imported_file):
    from scenes.kit.data import snapshot_words

    assert snapshot_words(untrained_trace, 0) == "step 0, random weights"
    assert snapshot_words(scene_data.trace("lesson"), -1).startswith("step ")
    assert snapshot_words(scene_data.trace("lesson"), -1).endswith(" of training")
    assert snapshot_words(Trace.load(imported_file), 0) == "the imported network"


def manim(scene_file: str, scene: str, env: dict) -> subprocess.CompletedProcess:
    """``manim -ql --dry_run`` of one scene in a fresh process (as a user runs it)."""
    return subprocess.run([sys.executable, "-m", "manim", "render", "-ql", "--dry_run", "--disable_caching",
                           "--progress_bar", "none", scene_file, scene],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NETCORE_MNIST": str(ROOT.parent / "shared" / "mnist"), **env})


def refusal_line(done: subprocess.CompletedProcess) -> str:
    """The one line a refused render ends with, after checking its exit status 2 and no traceback."""
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr + done.stdout
    return done.stderr.strip().splitlines()[-1]


def test_manim_says_what_is_missing_in_one_line_and_exits_2(imported_file, tmp_path):
    last = refusal_line(manim("scenes/gradient.py", "BallDownhill",
                              {"NETCORE_TRACE": str(imported_file), "NETCORE_CACHE": str(tmp_path / "cache")}))
    assert last.startswith(f"BallDownhill: {imported_file}: this scene replays a descent's path"), last
    assert "an imported network (weights.npz) with no training history" in last
    assert "Make one with: netcore train --sizes 784,16,16,10" in last


def test_a_bad_trace_file_is_one_line_too(tmp_path):
    bad = tmp_path / "notes.npz"
    bad.write_text("not a trace")
    last = refusal_line(manim("scenes/structure.py", "CountParameters",
                              {"NETCORE_TRACE": str(bad), "NETCORE_CACHE": str(tmp_path / "cache")}))
    assert last.startswith(f"CountParameters: {bad}: not a trace file"), last
