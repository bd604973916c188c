"""``python -m server_stub`` is ``dossier-server``."""

import sys

from .cli import main

sys.exit(main())
