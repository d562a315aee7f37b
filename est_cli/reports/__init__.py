"""The documents est builds: each module loads, validates, aggregates and renders one of them."""
