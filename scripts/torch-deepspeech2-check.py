"""Cross-checks ZeusWorkloads' DeepSpeech2 against PyTorch (not part of the build; any CPU torch):

    python scripts/torch-deepspeech2-check.py

The network is deepspeech.pytorch's DeepSpeech with BiDirectionalConfig (SeanNaren/deepspeech.pytorch,
deepspeech_pytorch/model.py at 165f464, configs/train_config.py at 00989e6): 161 frequency bins (16 kHz,
20 ms windows), 1,230 frames, two Conv2d + BatchNorm2d + Hardtanh(0, 20), the C x H x W map viewed as W
steps of C*H features, five bidirectional LSTMs of 1024 whose directions are summed (a sequence-wise
BatchNorm1d before all but the first), BatchNorm1d and Linear(1024, 29, bias=False).

torch's FlopCounterMode counts 2 FLOPs per multiply-accumulate of a convolution or matrix product but does
not see inside nn.LSTM's fused kernel, so each LSTM is run once more step by step with its own weights
(x W_ih^T + h W_hh^T per step and direction), which the counter sees, and checked against nn.LSTM's output.
"""
import torch
from torch.utils.flop_counter import FlopCounterMode

nn = torch.nn
BINS, FRAMES, HIDDEN, LAYERS, CLASSES = 161, 1230, 1024, 5, 29

conv = nn.Sequential(
    nn.Conv2d(1, 32, kernel_size=(41, 11), stride=(2, 2), padding=(20, 5)), nn.BatchNorm2d(32), nn.Hardtanh(0, 20),
    nn.Conv2d(32, 32, kernel_size=(21, 11), stride=(2, 1), padding=(10, 5)), nn.BatchNorm2d(32), nn.Hardtanh(0, 20))
features = 32 * ((BINS + 2 * 20 - 41) // 2 + 1)
features = 32 * ((features // 32 + 2 * 10 - 21) // 2 + 1)
rnns = [nn.LSTM(features if i == 0 else HIDDEN, HIDDEN, bidirectional=True) for i in range(LAYERS)]
norms = [None] + [nn.BatchNorm1d(HIDDEN) for _ in range(LAYERS - 1)]
fc = nn.Sequential(nn.BatchNorm1d(HIDDEN), nn.Linear(HIDDEN, CLASSES, bias=False))
modules = nn.ModuleList([conv, *rnns, *[n for n in norms if n is not None], fc]).eval()


def lstm_by_steps(lstm, x):
    """One bidirectional LSTM layer step by step (x: T x 1 x D), directions summed as BatchRNN does."""
    out = []
    for suffix, steps in (("", range(x.size(0))), ("_reverse", reversed(range(x.size(0))))):
        w_ih, w_hh = getattr(lstm, "weight_ih_l0" + suffix), getattr(lstm, "weight_hh_l0" + suffix)
        b = getattr(lstm, "bias_ih_l0" + suffix) + getattr(lstm, "bias_hh_l0" + suffix)
        h = x.new_zeros(1, HIDDEN)
        c = x.new_zeros(1, HIDDEN)
        ys = [None] * x.size(0)
        for t in steps:
            i, f, g, o = (x[t] @ w_ih.T + h @ w_hh.T + b).chunk(4, 1)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
            h = torch.sigmoid(o) * torch.tanh(c)
            ys[t] = h
        out.append(torch.stack(ys))
    return out[0] + out[1]


with torch.no_grad():
    x = torch.randn(1, 1, BINS, FRAMES)
    with FlopCounterMode(display=False) as counter:
        y = conv(x)
        n, c, h, w = y.shape
        seq = y.view(n, c * h, w).transpose(1, 2).transpose(0, 1).contiguous()  # T x N x (C*H)
        steps = seq.size(0)
        for i, rnn in enumerate(rnns):
            if norms[i] is not None:
                seq = norms[i](seq.view(steps, -1)).view(steps, 1, -1)
            seq = lstm_by_steps(rnn, seq)
        out = fc(seq.view(steps, -1))
    # the step-by-step LSTM is the same function as nn.LSTM (first layer, first 20 steps)
    probe = torch.randn(20, 1, features)
    fused = rnns[0](probe)[0].view(20, 1, 2, HIDDEN).sum(2)
    assert torch.allclose(fused, lstm_by_steps(rnns[0], probe), atol=1e-5)

params = sum(p.numel() for p in modules.parameters())
print(f"conv output {tuple(y.shape[1:])}, sequence {steps} x {c * h}, output {tuple(out.shape)}")
print(f"deepspeech2 (161 x {FRAMES}): params {params} macs {counter.get_total_flops() // 2}")
