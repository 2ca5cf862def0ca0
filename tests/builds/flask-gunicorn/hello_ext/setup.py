from setuptools import Extension, setup

# A C extension with no pure-Python fallback: installing it needs a compiler and Python's headers.
setup(
    name="hello-ext",
    version="1.0.0",
    ext_modules=[Extension("hello_ext", ["hello_ext.c"])],
)
