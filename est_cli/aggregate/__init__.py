"""Figures computed from incidents with pandas; imported only by commands that need them."""
