"""``python -m bench``: run the benchmarks and print their tables."""

from bench import ecogram

ecogram.main()
