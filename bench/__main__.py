"""``python -m bench``: run the benchmarks and print their tables.

``make bench`` runs all of them; ``python -m bench.pages --sizes 1000`` runs the page table alone (see
docs/performance.md).
"""

import sys

from bench import ecogram, network_page, pages, places

ecogram.main()
network_page.main()
pages.main(sys.argv[1:])
places.main()
