"""``python -m bench``: run the benchmarks and print their tables."""

from bench import ecogram, network_page

ecogram.main()
network_page.main()
