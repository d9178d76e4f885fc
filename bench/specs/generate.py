#!/usr/bin/env python3
"""Writes the corpus test-case specs (docs/test-case-spec.md) to bench/specs/<family>/<case>.json.

Every dialect's corpus file for a family exposes the same entry point, `run_<family>`, with the
canonical parameter order below, so one spec serves all four dialects. Families with several dtype
variants (gemm, bmm, dense) get one case per variant; a dialect's manifest
(bench/kernels/<dialect>/manifest.json) lists which cases its file implements.

Run: python3 bench/specs/generate.py   (idempotent; the output is committed)
"""
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def buf(name):
    return {"buffer": name}


def i32(v):
    return {"i32": v}


def f32(v):
    return {"f32": v}


def t(name, dtype, shape):
    return {"name": name, "dtype": dtype, "shape": list(shape)}


def case(family, inputs, outputs, args, params=None):
    spec = {"family": family, "entry": "run_" + family, "inputs": inputs, "outputs": outputs,
            "params": params or {}, "args": args, "seed": 1}
    return spec


def prod(xs):
    return math.prod(xs)


# ---- one function per family kind: (family, case name) -> spec ----

def binary(family, shape):
    n = prod(shape)
    return case(family, [t("A", "f32", shape), t("B", "f32", shape)], [t("C", "f32", shape)],
                [buf("A"), buf("B"), buf("C"), i32(n)])


def unary(family, shape):
    n = prod(shape)
    return case(family, [t("A", "f32", shape)], [t("C", "f32", shape)], [buf("A"), buf("C"), i32(n)])


def reduction(family, rows, n):
    return case(family, [t("A", "f32", [rows, n])], [t("C", "f32", [rows])],
                [buf("A"), buf("C"), i32(rows), i32(n)], {"axis": -1})


def softmax(rows, n):
    return case("softmax", [t("A", "f32", [rows, n])], [t("C", "f32", [rows, n])],
                [buf("A"), buf("C"), i32(rows), i32(n)], {"axis": -1})


GEMM_DTYPES = {"f32": ("f32", "f32", "f32"), "f16": ("f16", "f16", "f32"),
               "bf16": ("bf16", "bf16", "f32"), "u8i8": ("u8", "i8", "i32")}


def gemm(variant, M, N, K):
    a, b, c = GEMM_DTYPES[variant]
    return case("gemm", [t("A", a, [M, K]), t("B", b, [K, N])], [t("C", c, [M, N])],
                [buf("A"), buf("B"), buf("C"), i32(M), i32(N), i32(K)])


def gemv(M, K):
    return case("gemv", [t("A", "f32", [M, K]), t("x", "f32", [K])], [t("y", "f32", [M])],
                [buf("A"), buf("x"), buf("y"), i32(M), i32(K)])


def bmm(variant, batch, M, N, K):
    a, b, c = GEMM_DTYPES[variant]
    return case("bmm", [t("A", a, [batch, M, K]), t("B", b, [batch, K, N])], [t("C", c, [batch, M, N])],
                [buf("A"), buf("B"), buf("C"), i32(batch), i32(M), i32(N), i32(K)])


def dense(variant, M, N, K):
    a, b, c = GEMM_DTYPES[variant]
    return case("dense", [t("X", a, [M, K]), t("W", b, [N, K]), t("bias", c, [N])], [t("Y", c, [M, N])],
                [buf("X"), buf("W"), buf("bias"), buf("Y"), i32(M), i32(N), i32(K)])


def conv1d(L, k):
    return case("conv1d", [t("x", "f32", [L]), t("w", "f32", [k])], [t("y", "f32", [L - k + 1])],
                [buf("x"), buf("w"), buf("y"), i32(L), i32(k)])


def out_size(size, k, stride, pad):
    return (size + 2 * pad - k) // stride + 1


def conv2d(N, H, W, C, F, KH, KW, stride, pad):
    OH, OW = out_size(H, KH, stride, pad), out_size(W, KW, stride, pad)
    return case("conv2d", [t("X", "f32", [N, H, W, C]), t("W", "f32", [KH, KW, C, F])],
                [t("Y", "f32", [N, OH, OW, F])],
                [buf("X"), buf("W"), buf("Y"), i32(N), i32(H), i32(W), i32(C), i32(F), i32(KH), i32(KW),
                 i32(stride), i32(pad)], {"stride": stride, "padding": pad})


def conv2dnchw(N, C, H, W, F, KH, KW, stride, pad):
    OH, OW = out_size(H, KH, stride, pad), out_size(W, KW, stride, pad)
    return case("conv2dnchw", [t("X", "f32", [N, C, H, W]), t("W", "f32", [F, C, KH, KW])],
                [t("Y", "f32", [N, F, OH, OW])],
                [buf("X"), buf("W"), buf("Y"), i32(N), i32(C), i32(H), i32(W), i32(F), i32(KH), i32(KW),
                 i32(stride), i32(pad)], {"stride": stride, "padding": pad})


def depthwiseconv(H, W, C, k, stride, pad):
    OH, OW = out_size(H, k, stride, pad), out_size(W, k, stride, pad)
    return case("depthwiseconv", [t("X", "f32", [H, W, C]), t("W", "f32", [k, k, C])],
                [t("Y", "f32", [OH, OW, C])],
                [buf("X"), buf("W"), buf("Y"), i32(H), i32(W), i32(C), i32(k), i32(stride), i32(pad)],
                {"stride": stride, "padding": pad})


def batchnorm(N, C, H, W):
    shape = [N, C, H, W]
    return case("batchnorm", [t("X", "f32", shape), t("mean", "f32", [C]), t("var", "f32", [C]),
                              t("gamma", "f32", [C]), t("beta", "f32", [C])], [t("Y", "f32", shape)],
                [buf("X"), buf("mean"), buf("var"), buf("gamma"), buf("beta"), buf("Y"),
                 i32(N), i32(C), i32(H), i32(W), f32(1e-5)], {"eps": 1e-5})


def layernorm(rows, n):
    return case("layernorm", [t("X", "f32", [rows, n]), t("gamma", "f32", [n]), t("beta", "f32", [n])],
                [t("Y", "f32", [rows, n])],
                [buf("X"), buf("gamma"), buf("beta"), buf("Y"), i32(rows), i32(n), f32(1e-5)], {"eps": 1e-5})


def rmsnorm(rows, n):
    return case("rmsnorm", [t("X", "f32", [rows, n]), t("gamma", "f32", [n])], [t("Y", "f32", [rows, n])],
                [buf("X"), buf("gamma"), buf("Y"), i32(rows), i32(n), f32(1e-5)], {"eps": 1e-5})


def instancenorm(N, C, H, W):
    shape = [N, C, H, W]
    return case("instancenorm", [t("X", "f32", shape), t("gamma", "f32", [C]), t("beta", "f32", [C])],
                [t("Y", "f32", shape)],
                [buf("X"), buf("gamma"), buf("beta"), buf("Y"), i32(N), i32(C), i32(H), i32(W), f32(1e-5)],
                {"eps": 1e-5})


def pool(family, N, H, W, C, k, stride):
    OH, OW = (H - k) // stride + 1, (W - k) // stride + 1
    return case(family, [t("X", "f32", [N, H, W, C])], [t("Y", "f32", [N, OH, OW, C])],
                [buf("X"), buf("Y"), i32(N), i32(H), i32(W), i32(C), i32(k), i32(stride)],
                {"kernel": k, "stride": stride})


def transpose(batch, rows, cols):
    return case("transpose", [t("A", "f32", [batch, rows, cols])], [t("B", "f32", [batch, cols, rows])],
                [buf("A"), buf("B"), i32(batch), i32(rows), i32(cols)], {"perm": [0, 2, 1]})


def concat(outer, a, b):
    return case("concat", [t("A", "f32", [outer, a]), t("B", "f32", [outer, b])],
                [t("C", "f32", [outer, a + b])], [buf("A"), buf("B"), buf("C"), i32(outer), i32(a), i32(b)],
                {"axis": 1})


def gather(n, m, inner):
    return case("gather", [t("A", "f32", [n, inner]), t("idx", "i32", [m])], [t("C", "f32", [m, inner])],
                [buf("A"), buf("idx"), buf("C"), i32(n), i32(m), i32(inner)])


def scatter(n, m, inner):
    return case("scatter", [t("A", "f32", [n, inner]), t("idx", "i32", [m]), t("U", "f32", [m, inner])],
                [t("A", "f32", [n, inner])], [buf("A"), buf("idx"), buf("U"), i32(n), i32(m), i32(inner)])


def mha(b, s, h, d):
    shape = [b, s, h, d]
    return case("mha", [t("Q", "f32", shape), t("K", "f32", shape), t("V", "f32", shape)],
                [t("O", "f32", shape)],
                [buf("Q"), buf("K"), buf("V"), buf("O"), i32(b), i32(s), i32(h), i32(d)])


def gqa(b, hq, hkv, s, d):
    return case("gqa", [t("Q", "f32", [b, hq, s, d]), t("K", "f32", [b, hkv, s, d]), t("V", "f32", [b, hkv, s, d])],
                [t("O", "f32", [b, hq, s, d])],
                [buf("Q"), buf("K"), buf("V"), buf("O"), i32(b), i32(hq), i32(hkv), i32(s), i32(d)])


def gatemlp(M, N, K):
    return case("gatemlp", [t("X", "f32", [M, K]), t("Wg", "f32", [K, N]), t("Wu", "f32", [K, N])],
                [t("Y", "f32", [M, N])], [buf("X"), buf("Wg"), buf("Wu"), buf("Y"), i32(M), i32(N), i32(K)])


def deformable(b, h, d, levels, q, P):
    S = sum(hh * ww for hh, ww in levels)
    L = len(levels)
    return case("deformable",
                [t("value", "f32", [b, S, h, d]), t("shapes", "i32", [L, 2]), t("starts", "i32", [L]),
                 t("loc", "f32", [b, q, h, L, P, 2]), t("attn", "f32", [b, q, h, L, P])],
                [t("out", "f32", [b, q, h * d])],
                [buf("value"), buf("shapes"), buf("starts"), buf("loc"), buf("attn"), buf("out"),
                 i32(b), i32(S), i32(h), i32(d), i32(L), i32(q), i32(P)],
                {"levels": [list(x) for x in levels]})


def all_cases():
    """(family, case name, spec). Each family: a tile-friendly shape and an awkward one."""
    out = []
    for f in ("add", "sub"):
        out += [(f, "1024", binary(f, [1024])), (f, "1000", binary(f, [1000])), (f, "7x33", binary(f, [7, 33]))]
    for f in ("sign", "sin", "relu", "sigmoid", "gelu"):
        out += [(f, "1024", unary(f, [1024])), (f, "1000", unary(f, [1000]))]
    for f in ("sum", "mean", "max", "min"):
        out += [(f, "16x256", reduction(f, 16, 256)), (f, "7x1000", reduction(f, 7, 1000))]
    out += [("softmax", "16x256", softmax(16, 256)), ("softmax", "7x1000", softmax(7, 1000))]
    for v in ("f32", "f16", "bf16", "u8i8"):
        out += [("gemm", f"{v}_64x64x64", gemm(v, 64, 64, 64)), ("gemm", f"{v}_100x72x56", gemm(v, 100, 72, 56))]
        out += [("bmm", f"{v}_2x64x64x64", bmm(v, 2, 64, 64, 64)), ("bmm", f"{v}_3x40x24x36", bmm(v, 3, 40, 24, 36))]
    for v in ("f32", "f16"):
        out += [("dense", f"{v}_64x64x64", dense(v, 64, 64, 64)), ("dense", f"{v}_33x50x70", dense(v, 33, 50, 70))]
    out += [("gemv", "256x256", gemv(256, 256)), ("gemv", "100x300", gemv(100, 300))]
    out += [("conv1d", "1024k5", conv1d(1024, 5)), ("conv1d", "1000k7", conv1d(1000, 7))]
    out += [("conv2d", "1x16x16x16to32k3", conv2d(1, 16, 16, 16, 32, 3, 3, 1, 0)),
            ("conv2d", "2x15x13x3to8k3s2p1", conv2d(2, 15, 13, 3, 8, 3, 3, 2, 1))]
    out += [("conv2dnchw", "1x16x16x16to32k3", conv2dnchw(1, 16, 16, 16, 32, 3, 3, 1, 0)),
            ("conv2dnchw", "2x3x15x13to8k3s2p1", conv2dnchw(2, 3, 15, 13, 8, 3, 3, 2, 1))]
    out += [("depthwiseconv", "16x16x32k3", depthwiseconv(16, 16, 32, 3, 1, 0)),
            ("depthwiseconv", "15x13x7k3s2p1", depthwiseconv(15, 13, 7, 3, 2, 1))]
    out += [("batchnorm", "2x16x8x8", batchnorm(2, 16, 8, 8)), ("batchnorm", "3x5x7x9", batchnorm(3, 5, 7, 9))]
    out += [("layernorm", "16x256", layernorm(16, 256)), ("layernorm", "7x1000", layernorm(7, 1000))]
    out += [("rmsnorm", "16x256", rmsnorm(16, 256)), ("rmsnorm", "7x1000", rmsnorm(7, 1000))]
    out += [("instancenorm", "2x16x8x8", instancenorm(2, 16, 8, 8)),
            ("instancenorm", "3x5x7x9", instancenorm(3, 5, 7, 9))]
    for f in ("maxpool", "minpool", "avgpool", "sumpool"):
        out += [(f, "1x16x16x32k2", pool(f, 1, 16, 16, 32, 2, 2)), (f, "2x15x13x7k3s2", pool(f, 2, 15, 13, 7, 3, 2))]
    out += [("transpose", "1x64x64", transpose(1, 64, 64)), ("transpose", "3x37x50", transpose(3, 37, 50))]
    out += [("concat", "16x64+64", concat(16, 64, 64)), ("concat", "7x37+20", concat(7, 37, 20))]
    out += [("gather", "64x32from128", gather(128, 64, 32)), ("gather", "37x19from50", gather(50, 37, 19))]
    out += [("scatter", "64x32into128", scatter(128, 64, 32)), ("scatter", "37x19into50", scatter(50, 37, 19))]
    out += [("mha", "1x64x4x32", mha(1, 64, 4, 32)), ("mha", "2x37x3x24", mha(2, 37, 3, 24))]
    out += [("gqa", "1x8x2x64x32", gqa(1, 8, 2, 64, 32)), ("gqa", "2x6x3x37x24", gqa(2, 6, 3, 37, 24))]
    out += [("gatemlp", "64x64x64", gatemlp(64, 64, 64)), ("gatemlp", "33x50x70", gatemlp(33, 50, 70))]
    out += [("deformable", "1x4x32_2lv_q16_p4", deformable(1, 4, 32, [(8, 8), (4, 4)], 16, 4)),
            ("deformable", "2x3x20_3lv_q13_p3", deformable(2, 3, 20, [(7, 9), (4, 5), (2, 3)], 13, 3))]
    return out


def main():
    for family, name, spec in all_cases():
        folder = os.path.join(HERE, family)
        os.makedirs(folder, exist_ok=True)
        lines = [f'  "{key}": {json.dumps(value)}' for key, value in spec.items()]
        with open(os.path.join(folder, name + ".json"), "w") as f:
            f.write("{\n" + ",\n".join(lines) + "\n}\n")


if __name__ == "__main__":
    main()
