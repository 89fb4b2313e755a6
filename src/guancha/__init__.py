"""guancha (观察): watchers that collect fresh sources, write sourced briefings and keep what they learn."""

__version__ = "0.1.0"
