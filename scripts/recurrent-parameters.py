#!/usr/bin/env python3
"""Parameter counts of the LSTM, GRU, mixture-of-experts and Mamba-2 layers that SequenceMixingCostTest
and the examples quote, built as PyTorch modules (the CPU torch wheel is enough; nothing is downloaded):

    python3 -m venv --system-site-packages /tmp/venv
    /tmp/venv/bin/pip install --no-index --no-deps /opt/wheels/torch-*.whl
    /tmp/venv/bin/python scripts/recurrent-parameters.py

LSTM and GRU are torch.nn.LSTM / torch.nn.GRU themselves. The mixture of experts is written as Mixtral's
(MixtralSparseMoeBlock: a bias-free router nn.Linear(D, E) and E gated experts w1, w2, w3) and gpt-oss's
(router and experts with biases); the Mamba-2 mixer as the __init__ of Hugging Face's NemotronHMamba2Mixer
(transformers, src/transformers/models/nemotron_h/modeling_nemotron_h.py at commit 008d9e9577b0): in_proj,
conv1d, dt_bias, A_log, D, the gated RMS norm's weight, out_proj. "active" counts the router, top-k and
shared experts.
"""
import torch
from torch import nn


def count(module):
    return sum(p.numel() for p in module.parameters())


class Expert(nn.Module):
    def __init__(self, d, hidden, gated, bias):
        super().__init__()
        self.up = nn.Linear(d, hidden, bias=bias)
        self.gate = nn.Linear(d, hidden, bias=bias) if gated else None
        self.down = nn.Linear(hidden, d, bias=bias)


def moe(d, experts, top, hidden, shared=0, gated=True, bias=False):
    router = nn.Linear(d, experts, bias=bias)
    routed = nn.ModuleList(Expert(d, hidden, gated, bias) for _ in range(experts))
    always = nn.ModuleList(Expert(d, hidden, gated, bias) for _ in range(shared))
    total = count(router) + count(routed) + count(always)
    active = count(router) + top * count(routed[0]) + count(always)
    return total, active


class Mamba2Mixer(nn.Module):
    def __init__(self, d, state, heads, head_dim, groups, conv, bias=False, conv_bias=True):
        super().__init__()
        inner = heads * head_dim
        conv_dim = inner + 2 * groups * state
        self.conv1d = nn.Conv1d(conv_dim, conv_dim, conv, groups=conv_dim, bias=conv_bias, padding=conv - 1)
        self.in_proj = nn.Linear(d, inner + conv_dim + heads, bias=bias)
        self.dt_bias = nn.Parameter(torch.ones(heads))
        self.A_log = nn.Parameter(torch.ones(heads))
        self.norm_weight = nn.Parameter(torch.ones(inner))
        self.D = nn.Parameter(torch.ones(heads))
        self.out_proj = nn.Linear(inner, d, bias=bias)


rows = [
    ("input(5,3) lstm(4)", count(nn.LSTM(3, 4))),
    ("input(5,3) lstm(4,bias=false)", count(nn.LSTM(3, 4, bias=False))),
    ("input(5,3) gru(4,layers=2,bidirectional=true)", count(nn.GRU(3, 4, num_layers=2, bidirectional=True))),
    ("input(5,3) gru(4,bias=false)", count(nn.GRU(3, 4, bias=False))),
    ("input(7,6) lstm(6,layers=2,bidirectional=true,bias=false)",
     count(nn.LSTM(6, 6, num_layers=2, bidirectional=True, bias=False))),
    ("input(35,128) lstm(256,layers=2) (Java example)", count(nn.LSTM(128, 256, num_layers=2))),
    ("input(50,300) gru(128,bidirectional=true)", count(nn.GRU(300, 128, bidirectional=True))),
    ("input(2,4) moe(experts=4,top=2,hidden=3,shared=1)", moe(4, 4, 2, 3, shared=1)),
    ("input(4) moe(experts=4,top=1,hidden=3,bias=true)", moe(4, 4, 1, 3, bias=True)),
    ("input(4) moe(experts=8,top=2,hidden=3,act=gelu,gated=false)", moe(4, 8, 2, 3, gated=False)),
    ("Mixtral-8x7B layer: moe(experts=8,top=2,hidden=14336) on 4096", moe(4096, 8, 2, 14336)),
    ("input(6,4) mamba2(state=2,heads=2,headdim=3,conv=2,chunk=4)", count(Mamba2Mixer(4, 2, 2, 3, 1, 2))),
    ("HybridBlock (Java example): mamba2(heads=16,headdim=64,state=64) on 512", count(Mamba2Mixer(512, 64, 16, 64, 1, 4))),
    ("HybridBlock (Java example): moe(experts=8,top=2,hidden=1024,shared=1) on 512", moe(512, 8, 2, 1024, shared=1)),
    ("Kotlin example: gru(320,layers=2,bidirectional=true) on 161", count(nn.GRU(161, 320, num_layers=2, bidirectional=True))),
    ("Kotlin example: mamba2(expand=2,headdim=32,state=16,groups=2) on 256", count(Mamba2Mixer(256, 16, 16, 32, 2, 4))),
    ("Kotlin example: moe(experts=4,top=1,hidden=512,act=gelu,gated=false,bias=true) on 256",
     moe(256, 4, 1, 512, gated=False, bias=True)),
    ("SequenceTagger (Kotlin example): lstm(128,bidirectional=true) on 100", count(nn.LSTM(100, 128, bidirectional=True))),
    ("SequenceTagger (Kotlin example): moe(experts=4,top=2,hidden=256) on 256", moe(256, 4, 2, 256)),
    ("Nemotron-Nano-9B-v2 mixer: mamba2(heads=128,headdim=80,groups=8) on 4480",
     count(Mamba2Mixer(4480, 128, 128, 80, 8, 4))),
]
for notation, params in rows:
    print(f"{params}\t{notation}")
