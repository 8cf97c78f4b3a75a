#!/usr/bin/env python3
"""Trace one steady-state eager PyTorch training step of a GPT-2-style model without a GPU.

What it runs: nanoGPT's model (Karpathy, karpathy/nanoGPT model.py): learned position embeddings,
pre-LayerNorm blocks with biases, a 4h tanh-GELU MLP, no dropout, causal
F.scaled_dot_product_attention, an untied output layer; the loss is computed on fp32 logits
(nanoGPT returns the bf16 logits and cross_entropy runs in fp32 under CUDA autocast; here the cast is
written out). Optimiser: torch.optim.AdamW(fused=True); gradients freed by
zero_grad(set_to_none=True) before each forward. Recipes:
  torch-amp-bf16  fp32 parameters, torch.autocast(bfloat16)
  bf16-pure       the model cast to bf16, no autocast
Full recomputation wraps every block in torch.utils.checkpoint.checkpoint(use_reentrant=False).

How: every tensor is a FakeTensor (torch._subclasses.fake_tensor.FakeTensorMode), so no memory is
touched and no kernel runs, but PyTorch's own dispatcher, autocast, autograd and optimizer decide
which tensors exist and when they die.
  peak_allocated_bytes  torch.distributed._tools.mem_tracker.MemTracker's peak over a steady-state
                        step, over the storages' byte sizes (MemTracker applies the CUDA caching
                        allocator's 512-byte rounding to CUDA tensors only; these are CPU ones).
                        It leaves out kernel workspaces (the cuBLAS workspace, flash attention's fp32
                        backward accumulator), which torch.cuda.max_memory_allocated would count.
  ops                   every aten op of the step with the bytes of its inputs and outputs (views
                        cost nothing; in-place ops write their first argument; nll_loss reads one
                        log-probability per token) and the FLOPs of its matrix multiplies.
Fake CUDA tensors need a CUDA build of PyTorch, so the tensors are CPU ones and autocast is CPU
autocast: linear and scaled_dot_product_attention run in bf16 on both devices' autocast lists, and
the layer norms see fp32 inputs either way.

Needs PyTorch >= 2.4 (CPU wheel is enough). Usage:
  trace-pytorch-step.py --layers 12 --hidden 768 --heads 12 --micro-batch 16 --seq 1024 [--recompute full]
                        [--recipe torch-amp-bf16|bf16-pure] [--vocab 50304] [--ops]
Prints one JSON object.
"""
import argparse
import collections
import json

try:
    import torch
except ImportError:
    raise SystemExit("trace-pytorch-step.py needs PyTorch >= 2.4 (a CPU build is enough): pip install torch")
import torch.nn as nn
import torch.nn.functional as F
from torch._subclasses.fake_tensor import FakeTensorMode
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten
from torch.utils.checkpoint import checkpoint

# Fake tensors hold no values: skip the random initialisation.
for _cls in (nn.Linear, nn.Embedding, nn.LayerNorm):
    _cls.reset_parameters = lambda self: None


class CausalSelfAttention(nn.Module):
    def __init__(self, h, a):
        super().__init__()
        self.h, self.a = h, a
        self.c_attn = nn.Linear(h, 3 * h)
        self.c_proj = nn.Linear(h, h)

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.c_attn(x).split(self.h, dim=2)
        q, k, v = (z.view(b, t, self.a, c // self.a).transpose(1, 2) for z in (q, k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.c_proj(y.transpose(1, 2).contiguous().view(b, t, c))


class MLP(nn.Module):
    def __init__(self, h):
        super().__init__()
        self.c_fc = nn.Linear(h, 4 * h)
        self.gelu = nn.GELU(approximate="tanh")
        self.c_proj = nn.Linear(4 * h, h)

    def forward(self, x):
        return self.c_proj(self.gelu(self.c_fc(x)))


class Block(nn.Module):
    def __init__(self, h, a):
        super().__init__()
        self.ln_1, self.attn = nn.LayerNorm(h), CausalSelfAttention(h, a)
        self.ln_2, self.mlp = nn.LayerNorm(h), MLP(h)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT(nn.Module):
    def __init__(self, layers, h, a, vocab, seq, recompute):
        super().__init__()
        self.recompute = recompute
        self.wte, self.wpe = nn.Embedding(vocab, h), nn.Embedding(seq, h)
        self.h = nn.ModuleList(Block(h, a) for _ in range(layers))
        self.ln_f = nn.LayerNorm(h)
        self.lm_head = nn.Linear(h, vocab, bias=False)

    def forward(self, idx, targets):
        pos = torch.arange(0, idx.shape[1], dtype=torch.long, device=idx.device)
        x = self.wte(idx) + self.wpe(pos)
        for block in self.h:
            x = checkpoint(block, x, use_reentrant=False) if self.recompute else block(x)
        logits = self.lm_head(self.ln_f(x))
        loss = F.cross_entropy(logits.float().view(-1, logits.size(-1)), targets.view(-1))
        return logits, loss


MATMULS = {"mm", "addmm", "bmm", "baddbmm"}
FREE = {"detach", "alias", "lift_fresh", "empty", "empty_like", "empty_strided", "new_empty_strided",
        "_local_scalar_dense", "set_", "scalar_tensor", "arange"}


def nbytes(t):
    return t.numel() * t.element_size()


class OpTraffic(TorchDispatchMode):
    """Bytes read and written and FLOPs of every aten op while {@code on}."""

    def __init__(self):
        super().__init__()
        self.on = False
        self.rows = collections.OrderedDict()

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        name = func._overloadpacket.__name__
        if not self.on or name.lower() == "device" or name.startswith("_record_function") or name in FREE:
            return out
        ins = [t for t in tree_flatten((args, kwargs))[0] if isinstance(t, torch.Tensor)]
        outs = [t for t in tree_flatten(out)[0] if isinstance(t, torch.Tensor)]
        inputs = {t.untyped_storage()._cdata for t in ins}
        in_place = name.endswith("_")
        if outs and not in_place and all(o.untyped_storage()._cdata in inputs for o in outs):
            return out  # a view
        read = sum(nbytes(t) for t in ins)
        write = sum(nbytes(t) for t in outs if t.untyped_storage()._cdata not in inputs)
        if in_place and ins:
            write += nbytes(ins[0])
        if name == "_fused_adamw_":  # reads parameters, gradients and both moments; writes all but the gradients
            p = sum(nbytes(t) for t in args[0])
            read, write = 4 * p, 3 * p
        elif name == "nll_loss_forward":  # one log-probability per target
            read = nbytes(ins[1]) + ins[1].numel() * ins[0].element_size()
        elif name == "nll_loss_backward":  # zeros the whole gradient, one value per target
            read = nbytes(ins[2])
        flops = 0
        if name in MATMULS:
            x, w = ins[-2], ins[-1]
            flops = 2 * x.shape[-2] * x.shape[-1] * w.shape[-1] * (x.shape[0] if x.dim() == 3 else 1)
        row = self.rows.setdefault(name, [0, 0, 0, 0])
        row[0] += 1
        row[1] += read
        row[2] += write
        row[3] += flops
        return out


def trace(layers, hidden, heads, micro_batch, seq, recompute, recipe, vocab, ops):
    from torch.distributed._tools.mem_tracker import MemTracker

    with FakeTensorMode():
        pure = recipe == "bf16-pure"
        # bf16-pure: parameters created in bf16 (module.to() cannot swap fake parameters).
        torch.set_default_dtype(torch.bfloat16 if pure else torch.float32)
        model = GPT(layers, hidden, heads, vocab, seq, recompute)
        torch.set_default_dtype(torch.float32)
        params = sum(p.numel() for p in model.parameters())
        opt = torch.optim.AdamW(model.parameters(), lr=1e-4, fused=True)
        idx = torch.zeros(micro_batch, seq, dtype=torch.long)
        targets = torch.zeros(micro_batch, seq, dtype=torch.long)
        tracker = MemTracker()
        tracker.track_external(model, opt)
        traffic = OpTraffic()
        # Step 0 allocates the optimizer states; step 1 is the steady state. The peak is the larger.
        with tracker, traffic:
            for step in range(2):
                traffic.on = ops and step == 1
                opt.zero_grad(set_to_none=True)
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=not pure):
                    logits, loss = model(idx, targets)
                loss.backward()
                opt.step()
                del logits, loss
                if step == 0:
                    tracker.reset_mod_stats()
        peak = sum(d.get("Total", 0) for d in tracker.get_tracker_snapshot("peak").values())
    result = {"recipe": recipe, "layers": layers, "hidden": hidden, "heads": heads, "micro_batch": micro_batch,
              "seq": seq, "vocab": vocab, "recompute": "full" if recompute else "none", "params": params,
              "peak_allocated_bytes": int(peak), "torch": torch.__version__}
    if ops:
        result["ops"] = [{"name": n, "count": r[0], "read_bytes": r[1], "write_bytes": r[2], "flops": r[3]}
                         for n, r in traffic.rows.items()]
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--layers", type=int, required=True, help="transformer blocks L. Required.")
    p.add_argument("--hidden", type=int, required=True, help="model width h (the MLP is 4h). Required.")
    p.add_argument("--heads", type=int, required=True, help="attention heads (must divide h). Required.")
    p.add_argument("--micro-batch", type=int, required=True, help="sequences per step b. Required.")
    p.add_argument("--seq", type=int, required=True, help="tokens per sequence s (and position-embedding rows). Required.")
    p.add_argument("--recompute", choices=["none", "full"], default="none",
                   help="full: torch.utils.checkpoint(use_reentrant=False) around each block. Default: none.")
    p.add_argument("--recipe", choices=["torch-amp-bf16", "bf16-pure"], default="torch-amp-bf16",
                   help="fp32 parameters under bf16 autocast, or a bf16 model without autocast. Default: torch-amp-bf16.")
    p.add_argument("--vocab", type=int, default=50304, help="vocabulary size. Default: 50304 (nanoGPT's padded GPT-2).")
    p.add_argument("--ops", action="store_true", help="also list every op's bytes and FLOPs")
    a = p.parse_args()
    print(json.dumps(trace(a.layers, a.hidden, a.heads, a.micro_batch, a.seq, a.recompute == "full", a.recipe,
                           a.vocab, a.ops)))


if __name__ == "__main__":
    main()
