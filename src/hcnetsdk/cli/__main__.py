"""``python -m hcnetsdk.cli``: the same command line as ``python -m hcnetsdk``."""

from __future__ import annotations

from . import main

raise SystemExit(main())
