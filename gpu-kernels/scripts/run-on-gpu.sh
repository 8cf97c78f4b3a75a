#!/usr/bin/env bash
set -euo pipefail

usage() {
  cat <<'TEXT'
Measures ScaleLab's matrix-multiply kernels on this machine's NVIDIA GPU.

Run it on a machine with an NVIDIA GPU, NVIDIA's driver (which brings its OpenCL library) and
Java 17 or newer, from anywhere inside a clone of the repository. It builds the executable jar
if it is missing, records the GPU and driver (nvidia-smi), lists the OpenCL devices, autotunes
the register-blocked kernel and times every OpenCL kernel at n = 1000, 1024, 2048, 4096 and
8192, then, when PyTorch with CUDA is installed, times cuBLAS (FP32, TF32 off) on the same sizes.
Everything goes to OUTDIR, out/gpu unless given: nvidia-smi.txt, devices.json,
opencl-results.json, cublas.json, the tuning cache kernels-tuning.json and one log per step.
The sizes can be changed with the SIZES environment variable (comma-separated).

A GPU machine without Java can use a bundle made elsewhere with
gpu-kernels/scripts/bundle-jre.sh: when no java is on the PATH, this script runs the bundled
runtime in .gpu-bundle/ and registers NVIDIA's OpenCL driver with the loader if it can.

To ship the results with the repository, copy opencl-results.json and cublas.json into
gpu-kernels/results/ as <device>-<date>-aparapi.json and <device>-<date>-cublas.json and add
"machine" and "date" keys (gpu-kernels/results/README.md says how).
TEXT
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  -*) usage >&2; exit 2 ;;
esac
SIZES=${SIZES:-1000,1024,2048,4096,8192}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$(mkdir -p "${1:-out/gpu}" && cd "${1:-out/gpu}" && pwd)
cd "$root"

bundle="$root/.gpu-bundle"
if command -v java >/dev/null; then
  java_bin=$(command -v java)
  jar="$root/reports/target/scalelab.jar"
  [[ -f "$jar" ]] || ./mvnw -B -q -DskipTests package
elif [[ -x "$bundle/jre/bin/java" ]]; then
  java_bin="$bundle/jre/bin/java"
  jar="$bundle/lib/scalelab.jar"
  if ! ldconfig -p | grep -q 'libOpenCL.so.1' && [[ -w / ]]; then
    for f in "$bundle"/debs/*.deb; do [[ -e "$f" ]] && dpkg -x "$f" /; done
    ldconfig
  fi
else
  echo "run-on-gpu.sh: no java on the PATH and no bundle in $bundle (make one with gpu-kernels/scripts/bundle-jre.sh)" >&2
  exit 1
fi
# NVIDIA's driver sometimes ships libnvidia-opencl without registering it with the OpenCL loader.
if [[ ! -f /etc/OpenCL/vendors/nvidia.icd ]] && ldconfig -p | grep -q libnvidia-opencl.so.1; then
  if mkdir -p /etc/OpenCL/vendors 2>/dev/null && echo libnvidia-opencl.so.1 > /etc/OpenCL/vendors/nvidia.icd 2>/dev/null; then
    echo "registered NVIDIA's OpenCL driver in /etc/OpenCL/vendors/nvidia.icd" >&2
  else
    echo "note: NVIDIA's OpenCL driver is not registered; as root: echo libnvidia-opencl.so.1 > /etc/OpenCL/vendors/nvidia.icd" >&2
  fi
fi
# JDK signal chaining: OpenCL drivers built on LLVM replace the JVM's SIGSEGV handler otherwise.
java_home=$(dirname "$(dirname "$(readlink -f "$java_bin")")")
[[ -f "$java_home/lib/libjsig.so" ]] && export LD_PRELOAD="$java_home/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"
java=("$java_bin" --add-modules=jdk.incubator.vector -Djava.awt.headless=true -Duser.language=en -Duser.country=US)

(nvidia-smi; nvidia-smi --query-gpu=name,driver_version,clocks.max.sm,memory.total --format=csv) > "$out/nvidia-smi.txt" 2>&1 || true
"${java[@]}" -jar "$jar" kernels devices --format json > "$out/devices.json" 2> "$out/devices.log" \
  || echo "kernels devices failed (see $out/devices.log)" >&2
"${java[@]}" -jar "$jar" kernels run --devices opencl-gpu --autotune --sizes "$SIZES" --repeats 5 \
    --tuning-cache "$out/kernels-tuning.json" --format json > "$out/opencl-results.json" 2> "$out/opencl-run.log" \
  || echo "kernels run failed (see $out/opencl-run.log)" >&2
if python3 -c 'import torch' 2>/dev/null; then
  python3 gpu-kernels/scripts/cublas_sgemm.py --sizes "$SIZES" > "$out/cublas.json" 2> "$out/cublas.log" \
    || echo "cuBLAS timing failed (see $out/cublas.log)" >&2
else
  echo "note: PyTorch is not installed, so cuBLAS was not timed" >&2
fi
echo "results in $out"
