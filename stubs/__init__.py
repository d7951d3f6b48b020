"""C sources of the fake HCNetSDK (``fake_hcnetsdk.c``/``.h``), shipped as ``hcnetsdk._stubs``.

Nothing to import here: ``hcnetsdk._simulator`` compiles these files into a ``libhcnetsdk.so``
for the tests and for ``HCNetSDK(library="simulator")``. See README.md beside this file.
"""
