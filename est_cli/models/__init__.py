"""pydantic models: the single definition of every file format est reads."""
