#!/usr/bin/env bash
set -euo pipefail

usage() {
  cat <<'TEXT'
Packs ScaleLab for a GPU machine that has no Java.

Run this on a machine that has a JDK 17 or newer (it needs jlink), from anywhere inside a
clone of the repository. It builds the executable jar if it is missing, then writes a folder
.gpu-bundle/ at the repository root holding a Java runtime trimmed with jlink to the modules
ScaleLab uses, the jar, and, when apt-get can fetch them, the Debian packages of the OpenCL
loader. Aparapi's native libraries for other platforms are removed to keep it small.

Copy the whole clone, .gpu-bundle/ included, to the GPU machine and run
gpu-kernels/scripts/run-on-gpu.sh there: it uses the bundled runtime when no java is on the PATH.

Options: --with-desktop also keeps java.desktop, which is needed only to draw charts on the GPU
machine (the measurements do not need it). -h or --help prints this text.
TEXT
}

modules=java.base,java.logging,jdk.unsupported,java.management,java.xml,java.naming,jdk.management,jdk.incubator.vector
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  --with-desktop) modules="$modules,java.desktop"; shift ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac
command -v jlink >/dev/null || { echo "bundle-jre.sh: jlink not found; install a JDK 17 or newer" >&2; exit 1; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jar="$root/reports/target/scalelab.jar"
[[ -f "$jar" ]] || (cd "$root" && ./mvnw -B -q -DskipTests package)

out="$root/.gpu-bundle"
rm -rf "$out"
mkdir -p "$out/lib" "$out/debs"
cp "$jar" "$out/lib/"
# The shaded jar carries Aparapi's natives for every platform (about 19 MB); keep linux/x86_64.
if command -v zip >/dev/null; then
  zip -q -d "$out/lib/scalelab.jar" 'win/*' 'osx/*' 'linux/libaparapi_x86.so' 'linux/libaparapi_armhf.so' \
      'linux/libaparapi_aarch64.so' >/dev/null 2>&1 || true
fi
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/jre"
(cd "$out/debs" && apt-get download ocl-icd-libopencl1 clinfo >/dev/null 2>&1) \
  || echo "note: could not download the OpenCL loader packages; GPU machines with NVIDIA's driver usually have libOpenCL already" >&2
du -sh "$out" | awk '{print "bundle: " $2 " (" $1 ")"}'
