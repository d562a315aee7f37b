"""est: tools for EST (Effektiv samordning för trygghet) and medborgarlöften."""

__version__ = "0.1.0"
