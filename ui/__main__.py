"""``python -m ui``: the review workstation (see ui/launch.py)."""

import sys

from ui.launch import main

sys.exit(main())
