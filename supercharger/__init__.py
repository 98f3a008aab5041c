"""supercharger: generate code and its tests with a local LLM, keep the pair that passes."""

__version__ = "0.1.0"
