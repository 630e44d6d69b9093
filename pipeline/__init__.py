"""I/O and orchestration: readers, the stage list, running documents, writing datasets, CLI."""
