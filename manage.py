#!/usr/bin/env python
"""Django's manage.py for developers; ``kring`` (kring/cli.py) is the same with a demo command on top."""

import sys

from kring.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
