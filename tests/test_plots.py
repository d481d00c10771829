"""Every plot kind writes a real PNG, from Python and from `netcore plot`; bad input is one line."""

import numpy as np
import pytest

from mnist_fakes import SHARED_MNIST

from netcore import cli, load_mnist, plots
from netcore.colors import weight_colors
from netcore.errors import NetcoreError
from netcore.examples import subset
from netcore.landscape import build_landscape
from netcore.memorize import Memorization
from netcore.network import Network
from netcore.runs import RunSpec, train_spec

pytestmark = pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="needs ../shared/mnist")
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    data = subset(load_mnist(SHARED_MNIST, quiet=True), 500, 100)
    folder = tmp_path_factory.mktemp("plots")
    sgd = train_spec(RunSpec(epochs=3, seed=5), data)
    full = train_spec(RunSpec(method="full_batch", epochs=8, seed=5), data)
    land = build_landscape([full, sgd], data, resolution=9)
    return {"trace": sgd.save(folder / "sgd.npz"), "full": full.save(folder / "full.npz"),
            "landscape": land.save(folder / "land.npz")}


def check_png(path, min_bytes=10_000):
    data = path.read_bytes()
    assert data[:8] == PNG and len(data) > min_bytes


@pytest.mark.parametrize("kind", ["cost", "accuracy", "weights", "landscape"])
def test_cli_plot_each_kind(kind, files, tmp_path, capsys):
    source = files["landscape" if kind == "landscape" else "trace"]
    out = tmp_path / "sub" / f"{kind}.png"
    assert cli.main(["plot", str(source), "--kind", kind, "-o", str(out)]) == 0, capsys.readouterr().err
    check_png(out)
    assert str(out) in capsys.readouterr().out


def test_functions_return_figures(files, tmp_path):
    from netcore.trace import Trace

    full = Trace.load(files["full"])
    fig = plots.plot_cost(full, path=tmp_path / "c.png")
    assert fig.axes and fig.axes[0].get_title()
    check_png(tmp_path / "c.png")
    fig = plots.plot_weights(Network(seed=1), scale="layer")
    assert len([ax for ax in fig.axes if ax.images]) == 16
    mem = Memorization({}, {"epochs": np.arange(3), "true_cost": np.array([3.0, 1.0, 0.5]),
                            "shuffled_cost": np.array([3.0, 0.9, 0.9])})
    plots.plot_memorization(mem, tmp_path / "m.png")
    check_png(tmp_path / "m.png")


def test_weight_images_colours():
    w = np.zeros((1, 4))
    w[0, 0], w[0, 3] = 2.0, -1.0
    img = plots.weight_images(w)[0]
    np.testing.assert_allclose(img[0, 0], [0, 1, 0])  # strongest positive: full green
    np.testing.assert_allclose(img[1, 1], [0.5, 0, 0])  # negative: red, half as bright
    np.testing.assert_allclose(img[0, 1], [0, 0, 0])


def old_weight_images(w, scale):
    """``weight_images`` as it was computed before ``netcore.colors``."""
    top = np.abs(w).max(axis=1, keepdims=True) if scale == "neuron" else np.abs(w).max()
    v = w / np.where(top > 0, top, 1)
    rgb = np.zeros(w.shape + (3,))
    rgb[..., 0] = np.clip(-v, 0, 1)
    rgb[..., 1] = np.clip(v, 0, 1)
    return rgb.reshape(len(w), 28, 28, 3)


@pytest.mark.parametrize("scale", ["neuron", "layer"])
def test_weight_images_unchanged(scale):
    w = Network(seed=2).weights[0].copy()
    w[3] = 0.0  # a neuron without weights: black
    w[4, :100] = 0.0
    new, old = plots.weight_images(w, scale), old_weight_images(w, scale)
    np.testing.assert_array_equal(new, old)  # equal values (an exact 0 is +0.0 now, was -0.0 in red)
    assert np.array_equal(new != 0, old != 0) and np.all(new[3] == 0)


def test_weight_colors():
    w = np.array([[2.0, -1.0, 0.0, -4.0], [0.5, 0.25, -0.5, 0.0]])
    np.testing.assert_array_equal(weight_colors(w), [
        [[0, 0.5, 0], [0.25, 0, 0], [0, 0, 0], [1, 0, 0]],
        [[0, 1, 0], [0, 0.5, 0], [1, 0, 0], [0, 0, 0]]])
    np.testing.assert_array_equal(weight_colors(w, "layer")[1],
                                  [[0, 0.125, 0], [0, 0.0625, 0], [0.125, 0, 0], [0, 0, 0]])
    np.testing.assert_array_equal(weight_colors(w, 1.0)[0], [[0, 1, 0], [1, 0, 0], [0, 0, 0], [1, 0, 0]])
    pos, neg = (0.5, 0.75, 0.25), (1.0, 0.5, 0.0)
    np.testing.assert_array_equal(weight_colors(w, 2.0, pos, neg)[1, :3],
                                  [np.multiply(pos, 0.25), np.multiply(pos, 0.125), np.multiply(neg, 0.25)])
    np.testing.assert_array_equal(weight_colors(-0.5, 2.0, pos, neg), np.multiply(neg, 0.25))  # one weight
    np.testing.assert_array_equal(weight_colors(0.3, 0.0), [0, 0, 0])  # no positive w_max: black
    assert weight_colors(np.ones((2, 3, 4)), "neuron").shape == (2, 3, 4, 3)
    with pytest.raises(NetcoreError, match="unknown weight scale"):
        weight_colors(w, "row")


@pytest.mark.parametrize("args, message", [
    (["{trace}", "--kind", "landscape", "-o", "x.png"], "not a netcore landscape file"),
    (["{landscape}", "--kind", "cost", "-o", "x.png"], "not a netcore trace file"),
    (["{trace}", "--kind", "heat", "-o", "x.png"], "invalid choice"),
    (["{trace}", "--kind", "cost", "-o", "x"], "no file suffix"),
    (["{trace}", "--kind", "cost", "-o", "x.nosuchformat"], "nosuchformat"),
    (["nowhere.npz", "--kind", "cost", "-o", "x.png"], "nowhere.npz: no such file"),
])
def test_cli_plot_bad_input(args, message, files, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    args = [a.format(trace=files["trace"], landscape=files["landscape"]) for a in args]
    assert cli.main(["plot", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netcore: error: ") and message in err and err.count("\n") == 1
    assert not list(tmp_path.glob("*x*"))  # nothing half-written left behind
