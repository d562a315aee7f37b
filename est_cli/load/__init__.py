"""Loading and validating the workspace's files."""
