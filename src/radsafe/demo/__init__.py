"""The demo county (`python -m radsafe demo`): one deterministic 永济 bureau that every page can be
shown on. Later apps add their own builders next to `county.py` and call them from `build_demo`."""
