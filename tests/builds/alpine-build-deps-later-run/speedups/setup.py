from setuptools import Extension, setup

setup(
    name="speedups",
    version="1.0",
    ext_modules=[Extension("speedups", ["speedups.c"])],
)
