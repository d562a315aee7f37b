"""est: tools for EST (Effektiv samordning för trygghet) and medborgarlöften."""

__version__ = "0.1.0"  # the only place the version is written (pyproject reads it)
