"""The cost along a line through two minima (two SGD runs from different seeds), and balls rolling on it.

The line is ``theta(t) = theta_a + t (theta_b - theta_a)``: ``t = 0`` is the first minimum, ``t = 1`` the
second, and the slice extends beyond both. ``dC/dt`` is exact (forward-mode differentiation along
the line, equal to the full gradient dotted with ``theta_b - theta_a``).

Descent on the line steps ``t <- t - eta dC/dt``; a parameter-space learning rate ``eta_p`` moving along
the line corresponds to ``eta = eta_p / |theta_b - theta_a|^2`` (``meta["direction_norm"]``).

>>> a, b = two_minima(data, RunSpec(epochs=5), seeds=(0, 1))
>>> s = slice_between_runs(a, b, data)
>>> s.ridge_t, s.ridge_cost, s.valley_t
>>> balls = s.roll_balls([-0.3, 0.2, 0.6, 1.3])     # each a DescentPath; ball.valley says where it settled
>>> rates = s.learning_rates()                       # creep, good, overshoot, diverge
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .affine_cost import AffineCost
from .data import Dataset
from .descent import DescentPath, descend, pack_paths, unpack_paths
from .errors import NetcoreError
from .network import Network
from .runs import RunSpec, cached_run, training_set
from .records import SCHEMA_VERSION, Record
from .trace import Trace

RATE_LABELS = ("creep", "good", "overshoot", "diverge")
RATE_FACTORS = (0.02, 0.5, 1.8, 2.6)  # times 1 / curvature at the valley


def two_minima(data: Dataset, spec: RunSpec = RunSpec(), seeds=(0, 1), cache_dir=None, name="minimum",
               progress=False):
    """Two SGD runs of ``spec`` from different seeds (initial weights and shuffling), cached."""
    return tuple(cached_run(spec.with_(seed=s), data, name=f"{name}-seed{s}", cache_dir=cache_dir,
                            progress=progress) for s in seeds)


@dataclass
class Slice(Record):
    """The cost along the line, its valleys and ridge, and recorded descents.

    Arrays: ``t``, ``cost``, ``slope`` (dC/dt) sampled; ``theta_a``, ``theta_b``; ``valley_t``,
    ``valley_cost``, ``valley_curvature`` (local minima of the slice, refined); ``ball_*`` and
    ``rate_*`` (packed ``DescentPath`` lists, see ``descent.pack_paths``).
    Meta: ``ridge_t``, ``ridge_cost`` (highest point strictly between the minima), ``end_costs``,
    ``direction_norm``, ``t_range``, ``rate_labels``, network and data.
    """

    KIND = "slice"
    REQUIRED = ("t", "cost", "slope", "valley_t")
    line: AffineCost | None = field(default=None, repr=False)
    balls: list = field(default_factory=list)
    rates: list = field(default_factory=list)

    @property
    def ridge_t(self) -> float:
        return self.meta["ridge_t"]

    @property
    def ridge_cost(self) -> float:
        return self.meta["ridge_cost"]

    # --- exact evaluation (needs the data: a slice built here, not one loaded from a file) ----------
    def _line(self) -> AffineCost:
        if self.line is None:
            raise NetcoreError("this slice was loaded from a file: build it with slice_between to evaluate", self.path)
        return self.line

    def value_and_slope(self, t):
        """Exact cost and dC/dt at ``t`` (scalar)."""
        c, g = self._line().costs_and_gradients([[float(np.ravel(t)[0])]])
        return float(c[0]), g[0]

    def curvature(self, t, h=1e-4) -> float:
        """d2C/dt2 at ``t`` by a central difference of the exact slope."""
        return float((self.value_and_slope(t + h)[1][0] - self.value_and_slope(t - h)[1][0]) / (2 * h))

    # --- balls ------------------------------------------------------------------------------------
    def valley_of(self, t_final) -> int:
        """Index of the valley whose basin (between neighbouring sampled maxima) holds ``t_final``."""
        vt = self.valley_t
        if not len(vt):
            return -1
        tops = local_extrema(self.cost, maxima=True)
        edges = np.concatenate([[-np.inf], self.t[tops], [np.inf]])
        basin = np.searchsorted(edges, t_final) - 1
        inside = [i for i, v in enumerate(vt) if np.searchsorted(edges, v) - 1 == basin]
        return inside[0] if inside else -1

    def descent(self, start, eta, tol=1e-5, max_steps=300) -> DescentPath:
        """Gradient descent on the line from ``start``: ``t <- t - eta dC/dt``, kept within the slice."""
        path = descend(self.value_and_slope, start, eta, tol, max_steps,
                       (np.array([self.t[0]]), np.array([self.t[-1]])))
        path.valley = self.valley_of(path.final[0]) if path.status == "settled" else -1
        return path

    def default_eta(self) -> float:
        """Half of 1 / (largest valley curvature): every valley is then approached without overshoot."""
        k = np.max(self.valley_curvature) if len(self.valley_curvature) else np.nan
        if not k > 0:
            raise NetcoreError("the slice has no valley with positive curvature to scale eta by")
        return 0.5 / k

    def roll_balls(self, starts, eta=None, tol=1e-5, max_steps=300) -> list:
        """Balls from several ``starts`` (t values); recorded in ``self.balls`` and returned."""
        eta = self.default_eta() if eta is None else eta
        self.balls = [self.descent(s, eta, tol, max_steps) for s in np.atleast_1d(starts)]
        self.meta["ball_eta"] = float(eta)
        return self.balls

    def learning_rates(self, start=None, etas=None, valley=None, tol=1e-5, max_steps=60) -> list:
        """Descents from one start at several learning rates; recorded in ``self.rates``.

        Default ``etas``: ``RATE_FACTORS`` / (curvature at ``valley``): 0.02 creeps, 0.5 converges
        without overshoot, 1.8 overshoots and oscillates, 2.6 diverges (on a parabola: beyond 2 / curvature).
        Default valley: the one nearest t = 0; default start: 0.1 before it (towards smaller t)."""
        if not len(self.valley_t):
            raise NetcoreError("the slice has no valley")
        if valley is None:
            valley = int(np.argmin(np.abs(self.valley_t)))
        t0 = self.valley_t[valley]
        k = self.valley_curvature[valley]
        labels = list(RATE_LABELS)
        if etas is None:
            if not k > 0:
                raise NetcoreError(f"valley {valley} has no positive curvature to scale eta by")
            etas = [f / k for f in RATE_FACTORS]
        else:
            labels = [f"eta={e:g}" for e in etas]
        start = t0 - 0.1 if start is None else start
        self.rates = [self.descent(start, e, tol, max_steps) for e in etas]
        self.meta.update(rate_labels=labels, rate_valley=int(valley))
        return self.rates

    # --- files ------------------------------------------------------------------------------------
    def file_arrays(self) -> dict:
        return {**self.arrays, **pack_paths(self.balls, "ball"), **pack_paths(self.rates, "rate")}

    @classmethod
    def from_file(cls, meta, arrays, path):
        balls, rates = unpack_paths(arrays, "ball"), unpack_paths(arrays, "rate")
        arrays = {k: v for k, v in arrays.items() if not k.startswith(("ball_", "rate_"))}
        return cls(meta, arrays, path, balls=balls, rates=rates)


def local_extrema(values, maxima=False) -> np.ndarray:
    """Indices of interior local minima (or maxima) of a sampled curve."""
    v = -np.asarray(values) if maxima else np.asarray(values)
    i = np.arange(1, len(v) - 1)
    return i[(v[i] < v[i - 1]) & (v[i] <= v[i + 1])]


def refine(slope_fn, lo, hi, rising, iterations=50):
    """Bisection for the zero of the slope between ``lo`` and ``hi``; ``rising``: slope goes - to +."""
    s_lo = slope_fn(lo)
    if (s_lo < 0) != rising:  # no sign change where expected: keep the sampled point
        return None
    for _ in range(iterations):
        mid = 0.5 * (lo + hi)
        if (slope_fn(mid) < 0) == rising:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def slice_between(net: Network, theta_a, theta_b, x, y, t_range=(-0.5, 1.5), n=201, meta=None) -> Slice:
    """The cost of ``net``'s architecture on ``(x, y)`` along the line from ``theta_a`` (t=0) to
    ``theta_b`` (t=1), sampled at ``n`` points over ``t_range``, with valleys and ridge located."""
    theta_a, theta_b = (np.asarray(v, dtype=np.float64) for v in (theta_a, theta_b))
    direction = theta_b - theta_a
    norm = float(np.linalg.norm(direction))
    if not norm > 0:
        raise NetcoreError("the two minima are the same point: no line through them")
    lo, hi = float(t_range[0]), float(t_range[1])
    if not (lo < 0 and hi > 1 and n >= 5):
        raise NetcoreError(f"the slice must extend beyond both minima (t range {t_range}) with at least 5 points")
    line = AffineCost(net, theta_a, direction[None], x, y)
    t = np.linspace(lo, hi, int(n))
    t = np.unique(np.concatenate([t, [0.0, 1.0]]))  # both minima are samples
    cost, slope = line.costs_and_gradients(t[:, None])
    slope = slope[:, 0]
    sl = lambda u: float(line.costs_and_gradients([[u]])[1][0, 0])  # noqa: E731

    valleys = []
    for i in local_extrema(cost):
        tv = refine(sl, t[i - 1], t[i + 1], rising=True)
        valleys.append(t[i] if tv is None else tv)
    inner = np.flatnonzero((t > 0) & (t < 1))
    i = inner[np.argmax(cost[inner])]
    ridge = refine(sl, t[i - 1], t[i + 1], rising=False) if 0 < i < len(t) - 1 else None
    ridge = t[i] if ridge is None or not 0 < ridge < 1 else ridge
    ridge_cost = float(line.costs([[ridge]], "float64")[0])

    s = Slice(dict(meta or {}), {"t": t, "cost": cost, "slope": slope, "theta_a": theta_a, "theta_b": theta_b},
              line=line)
    vt = np.array(valleys, dtype=np.float64)
    vc = line.costs(vt[:, None], "float64") if len(vt) else np.empty(0)
    s.arrays.update(valley_t=vt, valley_cost=vc, valley_curvature=np.array([s.curvature(v) for v in vt]))
    end_costs = [float(cost[t == 0][0]), float(cost[t == 1][0])]
    s.meta.update(kind="slice", schema_version=SCHEMA_VERSION, network=net.config(), t_range=[lo, hi],
                  direction_norm=norm, ridge_t=float(ridge), ridge_cost=ridge_cost, end_costs=end_costs,
                  ridge_above_ends=bool(ridge_cost > max(end_costs)))
    return s


def slice_between_runs(trace_a: Trace, trace_b: Trace, data: Dataset, t_range=(-0.5, 1.5), n=201) -> Slice:
    """The slice through the final parameters of two runs, on the training data they minimised."""
    x, y = training_set([trace_a, trace_b], data)
    meta = {"data": {k: trace_a.meta["data"].get(k) for k in ("name", "checksum", "n_train", "labels")},
            "traces": [{"path": str(t.path) if t.path else None, "seed": t.meta["network"]["seed"],
                        "method": t.meta["method"], "hyperparameters": t.meta["hyperparameters"]}
                       for t in (trace_a, trace_b)]}
    return slice_between(trace_a.network(0), trace_a.snapshot_params[-1], trace_b.snapshot_params[-1],
                         x, y, t_range, n, meta)
