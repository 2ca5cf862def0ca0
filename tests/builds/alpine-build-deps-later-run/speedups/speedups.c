#include <Python.h>

static PyObject *greeting(PyObject *self, PyObject *args) {
    return PyUnicode_FromString("hello from a C extension");
}

static PyMethodDef methods[] = {
    {"greeting", greeting, METH_NOARGS, "The greeting, built in C."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "speedups", NULL, -1, methods};

PyMODINIT_FUNC PyInit_speedups(void) { return PyModule_Create(&module); }
