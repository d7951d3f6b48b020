"""C sources of the fake HCNetSDK (one ``fake_*.c`` per SDK area, ``fake_hcnetsdk.h`` and
``fake_internal.h``), shipped as ``hcnetsdk._stubs``.

Nothing to import here: ``hcnetsdk._simulator`` compiles every ``.c`` file of this folder into
one ``libhcnetsdk.so`` for the tests and for ``HCNetSDK(library="simulator")``. See README.md
beside this file.
"""
