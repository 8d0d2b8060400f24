"""The demo workspace: a deterministic, realistic 慈溪 data set for trying the app, tests and benchmarks."""

from fieldvisit.store.demo.generator import DemoStats, generate_demo

__all__ = ["DemoStats", "generate_demo"]
