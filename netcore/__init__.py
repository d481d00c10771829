"""netcore: the lesson's digit-recognition network, trained on real MNIST, with traces the scenes replay."""

__version__ = "0.1.0"

from .errors import NetcoreError
from .data import Dataset, load_mnist
from .network import Network
from .trace import Trace
from .train import Recording, train

__all__ = ["NetcoreError", "Dataset", "load_mnist", "Network", "Trace", "Recording", "train", "__version__"]
