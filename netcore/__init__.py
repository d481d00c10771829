"""netcore: the lesson's digit-recognition network, trained on real MNIST, with traces the scenes replay."""

__version__ = "0.1.0"

from .errors import NetcoreError
from .data import Dataset, load_mnist

__all__ = ["NetcoreError", "Dataset", "load_mnist", "__version__"]
