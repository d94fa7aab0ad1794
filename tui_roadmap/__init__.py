"""tui-roadmap: run a product-roadmap workshop in the terminal.

Importing the package imports nothing else: the model, the store and the
exporter can be used without loading the user interface.
"""

__version__ = "0.1.0"
