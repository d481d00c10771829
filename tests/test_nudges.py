"""Chapter 3's nudges are exactly backpropagation: checked against Network.deltas, per-example
gradients and finite differences, for sigmoid and ReLU and both costs."""

import numpy as np
import pytest
from scipy.special import expit

from mnist_fakes import SHARED_MNIST

from netcore import load_mnist
from netcore.errors import NetcoreError
from netcore.network import Network, targets
from netcore.nudges import example_nudges

CASES = [("sigmoid", "quadratic"), ("sigmoid", "cross_entropy"), ("relu", "quadratic"), ("relu", "cross_entropy")]


@pytest.fixture(scope="module")
def example():
    """A real 2 if ../shared/mnist is there, else a random image labelled 2."""
    if SHARED_MNIST.is_dir():
        data = load_mnist(SHARED_MNIST, quiet=True)
        i = int(np.flatnonzero(data.y_train == 2)[0])
        return data.x_train[i].astype(np.float64), 2
    return np.random.default_rng(0).random(784), 2


def network(activation, cost):
    return Network((784, 16, 16, 10), activation, cost, seed=4, init="scaled")


def cost_from(net, l, a, label):
    """This example's cost as a function of the activations feeding weight layer ``l``."""
    y = targets(np.array([label]), net.sizes[-1])
    a = a[None]
    last = len(net.shapes) - 1
    for k in range(l, last + 1):
        z = a @ net.weights[k].T + net.biases[k]
        a = expit(z) if k == last else net.hidden(z)
    return float(net.example_costs_from(z, a, y)[0])


@pytest.mark.parametrize("activation, cost", CASES)
def test_nudges_equal_minus_gradients(activation, cost, example):
    x, label = example
    net = network(activation, cost)
    nudges = example_nudges(net, x, label)
    grad = net.per_example_gradients(x[None], [label])[0]
    gw, gb = net.views(grad)
    zs, acts = net.forward(x[None])
    deltas = net.deltas(zs, acts, targets(np.array([label]), 10))
    assert len(nudges.layers) == 3
    for l, layer in enumerate(nudges.layers):
        assert layer.layer == l
        np.testing.assert_allclose(layer.bias, -gb[l], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(layer.weights, -gw[l], rtol=1e-12, atol=1e-15)
        # the summed wishes are minus dC/da of the previous layer
        np.testing.assert_allclose(layer.previous_desired, -(deltas[l][0] @ net.weights[l]), rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(layer.wishes.sum(axis=0), layer.previous_desired)
        # each neuron's wishes are proportional to its weights, weight nudges to the previous activations
        j = int(np.argmax(np.abs(layer.bias)))
        n = layer.neuron(j)
        np.testing.assert_allclose(n["wishes"], n["bias"] * net.weights[l][j])
        np.testing.assert_allclose(n["weights"], n["bias"] * acts[l][0])
        if l > 0:  # this layer's desired changes are what the layer above wished
            np.testing.assert_allclose(nudges.layers[l - 1].desired, layer.previous_desired)
    np.testing.assert_allclose(nudges.flat(net), -grad, rtol=1e-12, atol=1e-15)
    assert nudges.cost == pytest.approx(net.cost(x[None], [label]), rel=1e-12)


@pytest.mark.parametrize("activation, cost", CASES)
def test_desired_changes_by_finite_differences(activation, cost, example):
    x, label = example
    net = network(activation, cost)
    nudges = example_nudges(net, x, label)
    zs, acts = net.forward(x[None])
    h = 1e-6
    for l in (2, 1):  # dC/da of the second hidden layer, then the first
        a = acts[l][0]
        fd = np.array([(cost_from(net, l, a + h * e, label) - cost_from(net, l, a - h * e, label)) / (2 * h)
                       for e in np.eye(len(a))])
        np.testing.assert_allclose(nudges.layers[l].previous_desired, -fd, rtol=1e-5, atol=1e-8)
    out = acts[-1][0]
    y = np.eye(10)[label]
    if cost == "quadratic":  # the lesson's: 2 (y - a), proportional to how far from the target
        np.testing.assert_allclose(nudges.output.desired, 2 * (y - out))
    else:
        np.testing.assert_allclose(nudges.output.desired, (y - out) / (out * (1 - out)))


def test_the_label_goes_up_the_others_down(example):
    x, label = example
    nudges = example_nudges(network("sigmoid", "quadratic"), x, label)
    d = nudges.output.desired
    assert d[label] > 0 and np.all(np.delete(d, label) < 0)
    np.testing.assert_array_equal(nudges.target, np.eye(10)[label])


def test_bad_examples():
    net = network("sigmoid", "quadratic")
    with pytest.raises(NetcoreError, match="inputs"):
        example_nudges(net, np.zeros(10), 1)
    with pytest.raises(NetcoreError, match="label 12"):
        example_nudges(net, np.zeros(784), 12)
