import numpy as np
import pytest

from netcore import NetcoreError
from netcore.network import Network, ParamLocation, targets

CASES = [(a, c) for a in ("sigmoid", "relu") for c in ("quadratic", "cross_entropy")]


def numeric_gradient(net, x, y, h=1e-6):
    p = net.params
    out = np.empty_like(p)
    for i in range(len(p)):
        q = p.copy()
        q[i] += h
        net.params = q
        up = net.cost(x, y)
        q[i] -= 2 * h
        net.params = q
        out[i] = (up - net.cost(x, y)) / (2 * h)
    net.params = p
    return out


@pytest.mark.parametrize("activation,cost", CASES)
def test_gradient_matches_central_differences(activation, cost):
    net = Network((12, 7, 5, 4), activation, cost, seed=3)
    rng = np.random.default_rng(1)
    x, y = rng.random((9, 12)), rng.integers(0, 4, 9)
    analytic = net.gradient(x, y)
    numeric = numeric_gradient(net, x, y)
    rel = np.linalg.norm(analytic - numeric) / np.linalg.norm(numeric)
    assert rel < 1e-6


@pytest.mark.parametrize("activation,cost", CASES)
def test_mean_of_per_example_gradients_is_batch_gradient(activation, cost):
    net = Network((784, 16, 16, 10), activation, cost, seed=0)
    rng = np.random.default_rng(0)
    x, y = rng.random((25, 784)), rng.integers(0, 10, 25)
    per = net.per_example_gradients(x, y)
    assert per.shape == (25, 13002)
    np.testing.assert_allclose(per.mean(axis=0), net.gradient(x, y), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(per[3], net.gradient(x[3:4], y[3:4]), rtol=1e-10, atol=1e-14)


def test_lesson_cost_is_sum_of_squares_averaged():
    net = Network(seed=0)
    rng = np.random.default_rng(0)
    x, y = rng.random((4, 784)), np.array([3, 1, 4, 1])
    a = net.feedforward(x)
    per_example = ((a - targets(y, 10)) ** 2).sum(axis=1)
    assert net.cost(x, y) == pytest.approx(per_example.mean(), rel=1e-12)
    assert net.cost(x, targets(y, 10)) == net.cost(x, y)  # one-hot and integer labels agree


def test_param_count_and_flat_round_trip():
    net = Network(seed=5)
    assert net.n_params == 784 * 16 + 16 * 16 + 16 * 10 + 16 + 16 + 10 == 13002
    p = net.params
    w, b = net.views(p)
    assert [x.shape for x in w] == [(16, 784), (16, 16), (10, 16)]
    np.testing.assert_array_equal(net.flatten(w, b), p)
    # documented order: W1 row by row, b1, W2, b2, W3, b3
    assert p[net.weight_index(0, 2, 5)] == net.weights[0][2, 5] == p[2 * 784 + 5]
    assert p[net.bias_index(0, 0)] == net.biases[0][0] == p[784 * 16]
    assert net.weight_index(1, 0, 0) == 784 * 16 + 16
    other = Network(seed=6)
    other.params = p
    np.testing.assert_array_equal(other.feedforward(np.ones((1, 784))), net.feedforward(np.ones((1, 784))))


def test_params_getter_is_a_copy_and_setter_checks_shape():
    net = Network(seed=0)
    p = net.params
    p[:] = 0
    assert np.any(net.params != 0)
    with pytest.raises(NetcoreError, match="shape"):
        net.params = np.zeros(5)


def test_initialisation():
    normal, scaled = Network(seed=2), Network(seed=2, init="scaled")
    assert abs(normal.params.std() - 1) < 0.05
    np.testing.assert_allclose(scaled.weights[0], normal.weights[0] / np.sqrt(784))
    np.testing.assert_array_equal(scaled.biases[0], normal.biases[0])


def test_forward_shapes_and_predict():
    net = Network((784, 30, 10), "relu", "cross_entropy", seed=1)
    zs, acts = net.forward(np.zeros((3, 784)))
    assert [z.shape for z in zs] == [(3, 30), (3, 10)]
    assert len(acts) == 3 and np.all((acts[-1] > 0) & (acts[-1] < 1))
    assert net.predict(np.zeros((3, 784))).shape == (3,)


@pytest.mark.parametrize("kwargs", [{"activation": "tanh"}, {"cost": "hinge"}, {"sizes": (784,)},
                                    {"init": "xavier"}])
def test_bad_settings(kwargs):
    with pytest.raises(NetcoreError):
        Network(**kwargs)


def test_package_api_names_the_lesson_objects():
    import netcore

    net = netcore.Network(sizes=(784, 16, 16, 10), activation="sigmoid", cost="quadratic", seed=0)
    assert net.n_params == 13002 and isinstance(net, Network)
    assert netcore.train.__module__ == "netcore.train" and netcore.Trace.__module__ == "netcore.trace"


def test_locate_inverts_weight_and_bias_index_on_every_parameter():
    net = Network((5, 4, 3, 2), seed=0)
    seen = []
    for layer, (n_out, n_in) in enumerate(net.shapes):
        for j in range(n_out):
            for k in range(n_in):
                i = net.weight_index(layer, j, k)
                assert net.locate(i) == ParamLocation("w", layer, j, k)
                seen.append(i)
            i = net.bias_index(layer, j)
            assert net.locate(i) == ParamLocation("b", layer, j, None)
            seen.append(i)
    assert sorted(seen) == list(range(net.n_params))


def test_locate_round_trip_on_the_lesson_network():
    net = Network(seed=0)
    for i in np.random.default_rng(0).integers(0, net.n_params, 200).tolist() + [0, net.n_params - 1]:
        at = net.locate(np.int64(i))
        back = net.weight_index(at.layer, at.j, at.k) if at.kind == "w" else net.bias_index(at.layer, at.j)
        assert back == i
        value = net.weights[at.layer][at.j, at.k] if at.kind == "w" else net.biases[at.layer][at.j]
        assert value == net.params[i]


@pytest.mark.parametrize("i", [-1, 13002, 10**6])
def test_locate_outside_the_parameters(i):
    net = Network(seed=0)
    with pytest.raises(IndexError):
        net.locate(i)
    with pytest.raises(IndexError):
        net.param_name(i)


def test_param_names():
    net = Network(seed=0)
    assert net.param_name(net.weight_index(0, 2, 5)) == "w^{(1)}_{2,5}"
    assert net.param_name(net.bias_index(0, 15)) == "b^{(1)}_{15}"
    assert net.param_name(net.weight_index(1, 0, 0)) == "w^{(2)}_{0,0}"
    assert net.param_name(net.weight_index(2, 9, 15)) == "w^{(3)}_{9,15}"
    assert net.param_name(net.n_params - 1) == "b^{(3)}_{9}"


@pytest.mark.parametrize("cost", ["quadratic", "cross_entropy"])
def test_output_cost_terms_add_up_to_each_examples_cost(cost):
    """Each output neuron's share of an example's cost: the ten shares sum to netcore's cost of it."""
    net = Network((784, 16, 10), cost=cost, seed=2)
    x = np.random.default_rng(0).random((4, 784))
    y = np.array([3, 0, 9, 3])
    terms = net.example_output_costs(x, y)
    assert terms.shape == (4, 10) and (terms >= 0).all()
    np.testing.assert_allclose(terms.sum(axis=1), net.example_costs(x, y), rtol=1e-12)
    if cost == "quadratic":
        np.testing.assert_allclose(terms, (net.feedforward(x) - np.eye(10)[y]) ** 2, rtol=1e-12)


def test_weight_similarity_is_the_cosine_of_each_neurons_incoming_weights():
    from netcore.network import weight_similarity

    a, b = Network((784, 16, 10), seed=0), Network((784, 16, 10), seed=1)
    same = weight_similarity(a, a)
    np.testing.assert_allclose(same, 1.0, rtol=1e-12)
    cos = weight_similarity(a, b)
    j = 5
    wa, wb = a.weights[0][j], b.weights[0][j]
    assert cos[j] == pytest.approx(wa @ wb / (np.linalg.norm(wa) * np.linalg.norm(wb)), rel=1e-12)
    scaled = a.copy()
    scaled.params = a.params * 3.0  # a longer vector, the same direction
    np.testing.assert_allclose(weight_similarity(a, scaled), 1.0, rtol=1e-12)
