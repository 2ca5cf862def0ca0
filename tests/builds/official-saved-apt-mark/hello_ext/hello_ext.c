#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *greeting(PyObject *self, PyObject *args) {
    return PyUnicode_FromString("compiled in C");
}

static PyMethodDef methods[] = {
    {"greeting", greeting, METH_NOARGS, "The greeting the app serves."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "hello_ext", NULL, -1, methods};

PyMODINIT_FUNC PyInit_hello_ext(void) { return PyModule_Create(&module); }
