"""Backends for the end-to-end exporter tests, on 127.0.0.1, decoding with each backend's own code."""
