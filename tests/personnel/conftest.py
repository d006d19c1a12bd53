"""Personnel tests share the suite-wide ID-number scan (tests/leak_scan.py)."""
