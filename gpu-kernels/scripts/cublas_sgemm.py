#!/usr/bin/env python3
"""Time cuBLAS SGEMM (FP32, TF32 off) through PyTorch and print JSON in the shape of
`scalelab kernels run --format json`, with "kernel": "cublas-sgemm".

Same protocol as the Java side: inputs uniform in [-1, 1) from a fixed seed, at least two
untimed warm-ups, best of --repeats; gflops = 2 n^3 / seconds / 1e9; max_rel_error =
max |C - C_ref| / (|A||B|)_ij against a float64 reference on 64 evenly spaced rows
(all rows up to n = 256). The random numbers differ from the Java generator's (same
distribution), which does not matter for timing.

usage: python3 cublas_sgemm.py [--sizes 1000,1024,2048,4096,8192] [--repeats 5] [--seed 42] > cublas.json
"""
import argparse
import datetime
import json
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,1024,2048,4096,8192", help="matrix sides n, comma-separated")
    ap.add_argument("--repeats", type=int, default=5, help="timed runs; the fastest counts")
    ap.add_argument("--warmups", type=int, default=2, help="untimed runs first (>= 2)")
    ap.add_argument("--seed", type=int, default=42, help="seed of the inputs")
    args = ap.parse_args()
    if args.warmups < 2 or args.repeats < 1:
        sys.exit("cublas_sgemm.py: --warmups must be >= 2 and --repeats >= 1")
    try:
        import torch
    except ImportError:
        sys.exit("cublas_sgemm.py: PyTorch is not installed (pip install torch)")
    if not torch.cuda.is_available():
        sys.exit("cublas_sgemm.py: no CUDA device visible to PyTorch")

    # FP32 on the CUDA cores: TF32 tensor-core math would change both speed and accuracy.
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.set_float32_matmul_precision("highest")

    dev = torch.device("cuda")
    name = torch.cuda.get_device_name(dev)
    results = []
    for n in [int(s) for s in args.sizes.split(",")]:
        g = torch.Generator().manual_seed(args.seed * 1_000_003 + n)
        a_host = (torch.rand(n, n, generator=g, dtype=torch.float32) * 2 - 1).pin_memory()
        b_host = (torch.rand(n, n, generator=g, dtype=torch.float32) * 2 - 1).pin_memory()
        c_host = torch.empty(n, n, dtype=torch.float32).pin_memory()
        a = a_host.to(dev)
        b = b_host.to(dev)
        c = torch.empty(n, n, dtype=torch.float32, device=dev)
        start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        for _ in range(args.warmups):
            torch.matmul(a, b, out=c)
        torch.cuda.synchronize()
        best_compute = float("inf")
        for _ in range(args.repeats):
            start.record()
            torch.matmul(a, b, out=c)
            stop.record()
            stop.synchronize()
            best_compute = min(best_compute, start.elapsed_time(stop) / 1e3)
        best_total = float("inf")
        for _ in range(args.repeats):
            torch.cuda.synchronize()
            start.record()
            a.copy_(a_host, non_blocking=True)
            b.copy_(b_host, non_blocking=True)
            torch.matmul(a, b, out=c)
            c_host.copy_(c, non_blocking=True)
            stop.record()
            stop.synchronize()
            best_total = min(best_total, start.elapsed_time(stop) / 1e3)
        rows = list(range(n)) if n <= 256 else [r * (n - 1) // 63 for r in range(64)]
        idx = torch.tensor(rows, device=dev)
        a64, b64 = a.double(), b.double()
        ref = a64[idx] @ b64
        mag = a64[idx].abs() @ b64.abs()
        err = ((c[idx].double() - ref).abs() / mag).max().item()
        flops = 2.0 * n ** 3
        results.append({
            "kernel": "cublas-sgemm", "device": "cuda", "device_name": name, "n": n,
            "seconds_compute": best_compute, "seconds_with_transfers": best_total,
            "gflops": flops / best_compute / 1e9, "gflops_with_transfers": flops / best_total / 1e9,
            "max_rel_error": err, "ran_on": "cuda:" + name,
        })
        if not err < n * 2.0 ** -23:
            sys.exit(f"cublas_sgemm.py: n={n}: max_rel_error {err} exceeds n 2^-23 (is TF32 really off?)")
        del a, b, c, a64, b64, ref, mag
        torch.cuda.empty_cache()
    out = {
        "results": results,
        "machine": f"{name}, CUDA {torch.version.cuda}, PyTorch {torch.__version__}",
        "date": datetime.date.today().isoformat(),
        "tf32": False,
        "seed": args.seed,
    }
    json.dump(out, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
