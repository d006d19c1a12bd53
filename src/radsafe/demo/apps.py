from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Installed only for its `demo` command; nothing else may import this package (the
    architecture contract), so demo data never leaks into the product's code paths."""

    name = "radsafe.demo"
    label = "demo"
