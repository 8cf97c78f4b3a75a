#!/usr/bin/env bash
# The real-GPU run (issue 7) in two steps. Nothing in the repository needs /work/shared at
# build, test or run time: the bundle tool is used only here, by hand, to pack a JRE.
#
# 1. On the build machine (has Java and Maven), from the repository root:
#      gpu-kernels/scripts/run-on-gpu.sh prepare [PATH/TO/device-bundle.sh]
#    builds reports/target/scalelab.jar and packs it with a trimmed JRE into .device/
#    (default bundle tool: ../shared/tools/device-bundle.sh).
#
# 2. With the device tool (one command, under 10 minutes; everything lands in $OUT):
#      carry: [".device"]
#      command: bash gpu-kernels/scripts/run-on-gpu.sh device
#    which records the GPU and driver, lists the OpenCL devices, autotunes the
#    register-blocked kernel and measures every GPU kernel at n = 1000 ... 8192 through
#    NVIDIA's OpenCL driver (the single command of issue 6:
#    scalelab kernels run --devices opencl-gpu --autotune --format json > results.json),
#    then times cuBLAS (FP32, TF32 off) on the same sizes with PyTorch.
#
# 3. Back here: copy $OUT/opencl-results.json and $OUT/cublas.json into gpu-kernels/results/
#    as <device>-<date>-aparapi.json and <device>-<date>-cublas.json, add "machine" and
#    "date" keys to the Aparapi file (see gpu-kernels/results/README.md), keep the tuning
#    cache ($OUT/kernels-tuning.json) beside them, and write the table into BENCHMARKS.md.
set -euo pipefail
SIZES=${SIZES:-1000,1024,2048,4096,8192}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

case "${1:-}" in
  prepare)
    tool=${2:-../shared/tools/device-bundle.sh}
    ./mvnw -B -q -DskipTests package
    "$tool" reports/target/scalelab.jar
    ;;
  device)
    out=${OUT:-out/gpu}
    mkdir -p "$out"
    # JDK signal chaining: OpenCL drivers built on LLVM replace the JVM's SIGSEGV handler otherwise
    jsig=(); [[ -f .device/jre/lib/libjsig.so ]] && jsig=(env "LD_PRELOAD=$root/.device/jre/lib/libjsig.so")
    java=("${jsig[@]}" bash .device/run.sh --add-modules=jdk.incubator.vector -Djava.awt.headless=true -Duser.language=en -Duser.country=US)
    (nvidia-smi; nvidia-smi --query-gpu=name,driver_version,clocks.max.sm,memory.total --format=csv) > "$out/nvidia-smi.txt" 2>&1 || true
    "${java[@]}" -jar .device/lib/scalelab.jar kernels devices --format json > "$out/devices.json" 2> "$out/devices.log"
    "${java[@]}" -jar .device/lib/scalelab.jar kernels run --devices opencl-gpu --autotune \
        --sizes "$SIZES" --repeats 5 --tuning-cache "$out/kernels-tuning.json" --out "$out" \
        --format json > "$out/opencl-results.json" 2> "$out/opencl-run.log" || echo "kernels run exit $? (see opencl-run.log)"
    python3 gpu-kernels/scripts/cublas_sgemm.py --sizes "$SIZES" > "$out/cublas.json" 2> "$out/cublas.log" \
        || echo "cuBLAS script failed (see cublas.log)"
    tail -n 5 "$out"/*.log
    ;;
  *)
    sed -n '2,27p' "$0"
    exit 2
    ;;
esac
