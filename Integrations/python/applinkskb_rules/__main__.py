"""python3 -m applinkskb_rules RULES.json [FILE ...]: findings as JSON Lines (see consumer.main)."""

import sys

from .consumer import main

sys.exit(main())
