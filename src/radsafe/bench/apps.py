from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Installed only for its `bench` command; nothing else may import this package."""

    name = "radsafe.bench"
    label = "bench"
