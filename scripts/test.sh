#!/usr/bin/env bash
# Install guancha with the test and local-model extras into the active Python, then run the test suite.
# llama-cpp-python is built with non-native CPU flags: the default native build crashes on Intel AMX CPUs.
set -euo pipefail
cd "$(dirname "$0")/.."
export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DLLAVA_BUILD=OFF}"
python -m pip install --quiet --disable-pip-version-check -e '.[local,test]'
python -m ruff check src tests benchmarks
python -m mypy
set +e
# two processes (one per core on the 2-core CI machine); worksteal evens out the few long tests (local model)
python -m pytest -q -p no:cacheprovider -n "${GUANCHA_TEST_WORKERS:-auto}" --dist worksteal "$@"
status=$?
set -e
# pytest exits 5 when no test was collected: that is a failure for us, never a silent pass.
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
exit "$status"
