"""Command-line entries for netcore's analysis (landscape, plots); wired into ``netcore.cli``."""

from __future__ import annotations

from .errors import NetcoreError

PLOT_KINDS = ("cost", "accuracy", "weights", "landscape")


def resolution_arg(text):
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None
    if value < 4:
        raise argparse.ArgumentTypeError(f"must be at least 4, got {value}")
    return value


def cmd_landscape(args):
    from .data import load_mnist
    from .landscape import build_landscape
    from .trace import Trace

    traces = [Trace.load(p) for p in args.traces]
    if args.plane == "three-point" and len(traces) > 2:
        raise NetcoreError(f"a three-point plane takes one or two traces, got {len(traces)} (use --plane pca)")
    if not args.margin >= 0:
        raise NetcoreError(f"--margin must be >= 0, got {args.margin}")
    data = load_mnist(args.data, quiet=True)
    land = build_landscape(traces, data, args.plane, args.resolution, args.margin,
                           dtype="float64" if args.exact else "float32")
    land.save(args.out)
    m = land.meta
    print(f"{m['plane']} plane, explained variance {m['explained_variance']:.1%}; "
          f"{m['resolution'][0]}x{m['resolution'][1]} grid, cost {land.cost.min():.4f}..{land.cost.max():.4f}; "
          f"{len(land.path_coords)} snapshots projected (max off-plane distance {land.path_offplane.max():.3g}); "
          f"written to {args.out}")


def cmd_plot(args):
    from . import plots

    fig = plots.plot_file(args.file, args.kind)
    plots.save_figure(fig, args.out)
    print(f"{args.kind} plot of {args.file} written to {args.out}")


def add_commands(sub, parser_class):
    """Add the analysis subcommands to the ``netcore`` parser's subparsers."""
    p = sub.add_parser("landscape", help="the real cost surface on a plane through one or more traces")
    p.add_argument("traces", nargs="+", metavar="TRACE", help="trace files (.npz), trained on the same data")
    p.add_argument("--out", required=True, help="landscape file to write (.npz)")
    p.add_argument("--plane", choices=["three-point", "pca"], default="three-point",
                   help="three-point: first trace's start and the ends of the (first two) traces; "
                        "pca: top two principal directions of all snapshots")
    p.add_argument("--resolution", type=resolution_arg, default=101, help="grid points per axis (default 101)")
    p.add_argument("--margin", type=float, default=0.25, help="extra extent per side, as a fraction of the paths' extent")
    p.add_argument("--exact", action="store_true", help="evaluate the grid in float64 (slower; default float32)")
    p.add_argument("--data", help="MNIST source the traces were trained on (default as for `netcore data`)")
    p.set_defaults(func=cmd_landscape)

    p = sub.add_parser("plot", help="draw a trace or landscape file as a PNG")
    p.add_argument("file", help="a trace file (cost, accuracy, weights) or a landscape file (landscape)")
    p.add_argument("--kind", choices=PLOT_KINDS, required=True)
    p.add_argument("-o", "--out", required=True, help="PNG file to write")
    p.set_defaults(func=cmd_plot)
