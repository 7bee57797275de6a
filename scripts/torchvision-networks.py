#!/usr/bin/env python3
"""Writes the catalogue's notation of every torchvision classification model, from torchvision's own definitions.

Each model is built by its torchvision builder (weights=None: only the architecture is needed) and written by
the writer of its family, which walks the modules the builder made from torchvision's configs (ResNet's
layers, EfficientNet's inverted residual settings, RegNet's BlockParams, DenseNet's growth, ...) and follows
the family's forward() for what the modules do not say (residual sums, concatenations, channel splits). The
input is the crop size of the weights entry torchvision marks DEFAULT, from the published figures
(runtime/core/src/test/resources/networks/torchvision-published.tsv); vit_h_14 at 224, its
IMAGENET1K_SWAG_LINEAR_V1 entry (that table's row).

Every written model is checked against torch itself: the parameter count (sum of numel) and the
multiply-accumulates of every Conv2d and Linear, counted by forward hooks on one input sample at the crop
size (on torch's meta device: shapes without arithmetic), must equal the numbers the toenergy CLI computes
from the notation (--check JAR), exactly. The attention families (ViT, Swin, MaxViT) are counted by
torch.utils.flop_counter.FlopCounterMode instead (FLOPs / 2): forward hooks on Linear miss
nn.MultiheadAttention's input projection (F.linear) and the attention's matrix products.

Needs torch and torchvision (0.29.1), e.g. in a venv under /tmp; this script is not part of the build.

    python scripts/torchvision-networks.py --check runtime/cli/target/toenergy.jar \\
        --counts runtime/core/src/test/resources/networks/torchvision-torch.tsv \\
        > runtime/core/src/main/resources/META-INF/toenergy/networks/torchvision.txt
    python scripts/torchvision-networks.py --only vit_b_16 swin_t maxvit_t    # some models only
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import types

# torchvision 0.29.1's fake-kernel registrations need its C++ operators, which a CPU torch of another
# minor version may not load; the models need neither
sys.modules.setdefault("torchvision._meta_registrations", types.ModuleType("torchvision._meta_registrations"))

import torch  # noqa: E402
from torch import nn  # noqa: E402
import torchvision  # noqa: E402
from torchvision import models  # noqa: E402
from torchvision.ops import misc  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PUBLISHED = os.path.join(HERE, "..", "runtime", "core", "src", "test", "resources", "networks",
                         "torchvision-published.tsv")

# The families whose notation the parser reads today, and what the others wait for.
SHIPPED = {"alexnet", "vgg", "resnet", "mobilenet_v2", "mnasnet", "regnet_x", "densenet", "googlenet", "inception",
           "squeezenet", "shufflenet", "efficientnet", "mobilenet_v3", "regnet_y", "convnext", "vit", "swin", "maxvit"}
PENDING = {}  # none: all 80 models are written
# The families whose attention forward hooks on Conv2d and Linear cannot count: FlopCounterMode counts them.
ATTENTION = {"vit", "swin", "maxvit"}
# Repeated blocks written once as repeat(n, ...) when the parser reads repeat.
USE_REPEAT = True


def family(model):
    for prefix, name in (("regnet_x", "regnet_x"), ("regnet_y", "regnet_y"), ("resnext", "resnet"),
                         ("wide_resnet", "resnet"), ("resnet", "resnet"), ("vgg", "vgg"), ("alexnet", "alexnet"),
                         ("mobilenet_v2", "mobilenet_v2"), ("mobilenet_v3", "mobilenet_v3"), ("mnasnet", "mnasnet"),
                         ("densenet", "densenet"), ("googlenet", "googlenet"), ("inception", "inception"),
                         ("squeezenet", "squeezenet"), ("shufflenet", "shufflenet"),
                         ("efficientnet", "efficientnet"), ("convnext", "convnext"), ("vit", "vit"),
                         ("swin", "swin"), ("maxvit", "maxvit")):
        if model.startswith(prefix):
            return name
    raise ValueError("no family for " + model)


# ---------------------------------------------------------------------------------------------- layers

def size(v):
    """A kernel, stride or padding: the square form when both sides agree, else (h,w)."""
    if isinstance(v, int):
        return str(v)
    h, w = v
    return str(h) if h == w else "(%d,%d)" % (h, w)


def call(name, positional, named):
    args = [str(p) for p in positional] + ["%s=%s" % (k, v) for k, v in named]
    return name + ("(" + ",".join(args) + ")" if args else "")


def conv(m):
    assert isinstance(m, nn.Conv2d) and m.padding_mode == "zeros", m
    named = [("k", size(m.kernel_size))]
    if size(m.stride) != "1":
        named.append(("s", size(m.stride)))
    if size(m.padding) != "0":
        named.append(("p", size(m.padding)))
    if size(m.dilation) != "1":
        named.append(("d", size(m.dilation)))
    if m.groups != 1:
        named.append(("g", m.groups))
    if m.bias is None:
        named.append(("bias", "false"))
    return call("conv2d", [m.out_channels], named)


def pool(keyword, kernel, stride, padding, ceil):
    named = []
    if stride is not None and size(stride) != size(kernel):
        named.append(("s", size(stride)))
    if size(padding) != "0":
        named.append(("p", size(padding)))
    if ceil:
        named.append(("ceil", "true"))
    return call(keyword, [size(kernel)], named)


ACTIVATIONS = {nn.ReLU: "relu", nn.ReLU6: "relu6", nn.SiLU: "silu", nn.Hardswish: "hardswish",
               nn.Hardsigmoid: "hardsigmoid", nn.Sigmoid: "sigmoid", nn.GELU: "gelu", nn.Tanh: "tanh"}


def leaf(m):
    """The notation of one module that is one layer; None for a module that does nothing at inference."""
    if type(m) in ACTIVATIONS:
        return ACTIVATIONS[type(m)]
    if isinstance(m, nn.Conv2d):
        return conv(m)
    if isinstance(m, nn.BatchNorm2d):
        return "batchnorm"
    if isinstance(m, nn.Linear):
        return call("dense", [m.out_features], [] if m.bias is not None else [("bias", "false")])
    if isinstance(m, nn.MaxPool2d):
        assert size(m.dilation) == "1"
        return pool("maxpool", m.kernel_size, m.stride, m.padding, m.ceil_mode)
    if isinstance(m, nn.AvgPool2d):
        return pool("avgpool", m.kernel_size, m.stride, m.padding, m.ceil_mode)
    if isinstance(m, nn.AdaptiveAvgPool2d):
        out = m.output_size
        h, w = (out, out) if isinstance(out, int) else out
        return "globalavgpool" if (h, w) == (1, 1) else call("adaptiveavgpool", [h] if h == w else [h, w], [])
    if isinstance(m, nn.Flatten):
        return "flatten"
    if isinstance(m, nn.LayerNorm):  # over the last dimension: a token's features, or a flat vector
        assert len(m.normalized_shape) == 1 and m.elementwise_affine, m
        return "layernorm" if m.bias is not None else "layernorm(bias=false)"
    if isinstance(m, nn.Dropout) and m.p == 0:
        return None  # identity (ViT's, Swin's and MaxViT's dropouts)
    if isinstance(m, nn.Dropout):
        return "dropout" if m.p == 0.5 else call("dropout", [m.p], [])
    if isinstance(m, (nn.Identity, torchvision.ops.StochasticDepth)):
        return None  # identity at inference
    raise TypeError("no notation for %s" % type(m).__name__)


def units(m):
    """The notation units of a module: a list of strings, each one layer or one block (with what follows it)."""
    writer = BLOCKS.get(type(m).__name__)
    if writer is not None:
        return writer(m)
    if isinstance(m, nn.Sequential):
        out = []
        for child in m:
            out.extend(units(child))
        return out
    text = leaf(m)
    return [] if text is None else [text]


def seq(*modules):
    out = []
    for m in modules:
        if m is not None:
            out.extend(units(m))
    return out


def join(parts):
    """Consecutive equal units as repeat(n, unit) once the parser reads repeat, else written out."""
    out = []
    i = 0
    while i < len(parts):
        j = i
        while USE_REPEAT and j + 1 < len(parts) and parts[j + 1] == parts[i]:
            j += 1
        out.append(parts[i] if j == i else "repeat(%d, %s)" % (j - i + 1, parts[i]))
        i = j + 1
    return " ".join(out)


def residual(body, shortcut=()):
    return "residual(" + join(body) + (" | " + join(shortcut) if shortcut else "") + ")"


def concat(*branches):
    return "concat(" + " | ".join(join(b) for b in branches) + ")"


def gate(se):
    """torchvision.ops.SqueezeExcitation: x * scale_activation(fc2(activation(fc1(avgpool(x)))))."""
    return "gate(" + join(seq(se.avgpool, se.fc1, se.activation, se.fc2, se.scale_activation)) + ")"


# ---------------------------------------------------------------------------------------------- blocks
# One writer per block class whose forward() is not its children in order; each follows that forward().

def basic_block(b):  # torchvision.models.resnet.BasicBlock
    return [residual(seq(b.conv1, b.bn1, b.relu, b.conv2, b.bn2), seq(b.downsample)) + " relu"]


def bottleneck(b):  # torchvision.models.resnet.Bottleneck
    body = seq(b.conv1, b.bn1, b.relu, b.conv2, b.bn2, b.relu, b.conv3, b.bn3)
    return [residual(body, seq(b.downsample)) + " relu"]


def inverted_residual(b):
    """MobileNetV2/V3's InvertedResidual (conv or block), MNASNet's _InvertedResidual (layers),
    ShuffleNetV2's InvertedResidual (branch1, branch2, chunk and shuffle)."""
    if hasattr(b, "branch2"):  # shufflenetv2
        if b.stride == 1:
            return [concat(["chunk(2,0)"], ["chunk(2,1)"] + seq(b.branch2)) + " shuffle(2)"]
        return [concat(seq(b.branch1), seq(b.branch2)) + " shuffle(2)"]
    body = seq(getattr(b, "conv", None) or getattr(b, "block", None) or b.layers)
    keep = getattr(b, "use_res_connect", None)
    if keep is None:
        keep = b.apply_residual
    return [residual(body)] if keep else body


def mbconv(b):
    """EfficientNet's MBConv and FusedMBConv: block, stochastic depth (identity at inference);
    MaxViT's MBConv (same class name): proj(x) + layers(x), proj an identity or avgpool(3,s=2,p=1) + 1x1 conv."""
    if hasattr(b, "proj"):
        return [residual(seq(b.layers), seq(b.proj))]
    body = seq(b.block)
    return [residual(body)] if b.use_res_connect else body


def squeeze_excitation(se):
    return [gate(se)]


def res_bottleneck_block(b):  # RegNet: activation(proj(x) + f(x))
    return [residual(seq(b.f), seq(b.proj)) + " " + join(seq(b.activation))]


def dense_block(b):  # DenseNet's _DenseBlock: each layer's output joins the features on channels
    out = []
    for layer in b.values():
        assert layer.drop_rate == 0
        out.append(concat([], seq(layer.norm1, layer.relu1, layer.conv1, layer.norm2, layer.relu2, layer.conv2)))
    return out


def basic_conv2d(b):  # GoogLeNet's and Inception-v3's BasicConv2d: conv, bn, F.relu
    return seq(b.conv, b.bn) + ["relu"]


def inception_googlenet(b):  # GoogLeNet's Inception
    return [concat(seq(b.branch1), seq(b.branch2), seq(b.branch3), seq(b.branch4))]


def inception_a(b):
    return [concat(seq(b.branch1x1), seq(b.branch5x5_1, b.branch5x5_2),
                   seq(b.branch3x3dbl_1, b.branch3x3dbl_2, b.branch3x3dbl_3),
                   ["avgpool(3,s=1,p=1)"] + seq(b.branch_pool))]


def inception_b(b):
    return [concat(seq(b.branch3x3), seq(b.branch3x3dbl_1, b.branch3x3dbl_2, b.branch3x3dbl_3),
                   ["maxpool(3,s=2)"])]


def inception_c(b):
    return [concat(seq(b.branch1x1), seq(b.branch7x7_1, b.branch7x7_2, b.branch7x7_3),
                   seq(b.branch7x7dbl_1, b.branch7x7dbl_2, b.branch7x7dbl_3, b.branch7x7dbl_4, b.branch7x7dbl_5),
                   ["avgpool(3,s=1,p=1)"] + seq(b.branch_pool))]


def inception_d(b):
    return [concat(seq(b.branch3x3_1, b.branch3x3_2),
                   seq(b.branch7x7x3_1, b.branch7x7x3_2, b.branch7x7x3_3, b.branch7x7x3_4), ["maxpool(3,s=2)"])]


def inception_e(b):
    return [concat(seq(b.branch1x1),
                   seq(b.branch3x3_1) + [concat(seq(b.branch3x3_2a), seq(b.branch3x3_2b))],
                   seq(b.branch3x3dbl_1, b.branch3x3dbl_2) + [concat(seq(b.branch3x3dbl_3a), seq(b.branch3x3dbl_3b))],
                   ["avgpool(3,s=1,p=1)"] + seq(b.branch_pool))]


def fire(b):  # SqueezeNet
    return seq(b.squeeze, b.squeeze_activation) + [
        concat(seq(b.expand1x1, b.expand1x1_activation), seq(b.expand3x3, b.expand3x3_activation))]


def layer_norm_2d(m):  # ConvNeXt's LayerNorm2d: over the channels at each position
    return ["layernorm"]


def pixels(*modules):
    """The units of modules that work on a channels-last image (ConvNeXt's blocks, Swin, MaxViT's partitions):
    the notation's layernorm normalises each pixel's channels directly, a Linear on each pixel is a 1x1
    convolution (the same weights, bias and multiply-accumulates), and a Permute only changes the layout."""
    out = []
    for m in modules:
        if m is None or isinstance(m, misc.Permute):
            continue
        if isinstance(m, nn.Linear):
            out.append(call("conv2d", [m.out_features], [("k", "1")] + ([] if m.bias is not None else [("bias", "false")])))
        elif isinstance(m, nn.Sequential) and type(m).__name__ not in BLOCKS:
            out.extend(pixels(*m))
        else:
            out.extend(units(m))
    return out


def cn_block(b):  # ConvNeXt: layer_scale * block(x) + x, the block channels-last between its Permutes
    return [residual(pixels(b.block) + ["scale"])]


def encoder_block(b):  # ViT's EncoderBlock: x + dropout(attention(ln_1(x))), then + mlp(ln_2(x))
    a = b.self_attention
    assert a._qkv_same_embed_dim and a.in_proj_bias is not None and a.out_proj.bias is not None, a
    assert a.batch_first and not a.add_zero_attn and a.bias_k is None, a
    return [residual(seq(b.ln_1) + [call("attention", [a.num_heads], [])] + seq(b.dropout)) + " " +
            residual(seq(b.ln_2, b.mlp))]


def shifted_window_attention(a):
    """Swin's ShiftedWindowAttention (a bias table) and ShiftedWindowAttentionV2 (the continuous position bias
    MLP Linear(2, n), ReLU, Linear(n, heads, bias=False), and cosine attention with a learned scale per head)."""
    (w, w2), (shift, shift2) = a.window_size, a.shift_size
    assert w == w2 and shift == shift2 and a.qkv.bias is not None and a.proj.bias is not None, a
    named = [("window", w)] + ([("shift", shift)] if shift else [])
    if hasattr(a, "cpb_mlp"):
        first, relu, last = a.cpb_mlp
        assert first.in_features == 2 and first.bias is not None and isinstance(relu, nn.ReLU) and last.bias is None
        named += [("cpb", first.out_features), ("cosine", "true")]
    else:
        named.append(("relbias", a.relative_position_bias_table.shape[0]))
    return call("attention", [a.num_heads], named)


def swin_block(b):  # x + attn(norm1(x)), x + mlp(norm2(x)); V2 post-norm: x + norm1(attn(x)), x + norm2(mlp(x))
    attention = [shifted_window_attention(b.attn)]
    if type(b).__name__ == "SwinTransformerBlockV2":
        return [residual(attention + pixels(b.norm1)) + " " + residual(pixels(b.mlp, b.norm2))]
    return [residual(pixels(b.norm1) + attention) + " " + residual(pixels(b.norm2, b.mlp))]


def swin_stage(stage):
    """A stage's blocks, alternately without and with the shift, as pairs: one unit each, so that equal pairs
    are written once as repeat(n, ...)."""
    blocks = [u for b in stage for u in swin_block(b)]
    return [" ".join(blocks[i:i + 2]) for i in range(0, len(blocks), 2)]


def patch_merging(b):  # 2x2 neighbours joined on channels (4C), norm, Linear(4C, 2C); V2 norms after the Linear
    if type(b).__name__ == "PatchMergingV2":
        return ["pixelunshuffle(2)"] + pixels(b.reduction, b.norm)
    return ["pixelunshuffle(2)"] + pixels(b.norm, b.reduction)


def partition_attention(p):
    """MaxViT's PartitionAttentionLayer: the image cut into 7x7 windows (or a 7x7 grid of strided positions),
    each a sequence of 49 tokens: x + attn_layer(x), x + mlp_layer(x), channels-last."""
    norm, a, dropout = p.attn_layer
    assert a.to_qkv.bias is not None and a.merge.bias is not None and a.n_heads * a.head_dim == a.merge.out_features
    named = [("window", a.size)] + ([("grid", "true")] if p.partition_type == "grid" else []) + \
        [("relbias", a.relative_position_bias_table.shape[0])]
    return [residual(pixels(norm) + [call("attention", [a.n_heads], named)] + pixels(dropout)), residual(pixels(p.mlp_layer))]


def maxvit_block(b):  # MaxVitBlock: its MaxVitLayers (MBConv, window attention, grid attention), one unit each
    return [join(units(layer.layers)) for layer in b.layers]


BLOCKS = {
    "BasicBlock": basic_block, "Bottleneck": bottleneck, "InvertedResidual": inverted_residual,
    "_InvertedResidual": inverted_residual, "MBConv": mbconv, "FusedMBConv": mbconv,
    "SqueezeExcitation": squeeze_excitation, "ResBottleneckBlock": res_bottleneck_block,
    "_DenseBlock": dense_block, "BasicConv2d": basic_conv2d, "Inception": inception_googlenet,
    "InceptionA": inception_a, "InceptionB": inception_b, "InceptionC": inception_c, "InceptionD": inception_d,
    "InceptionE": inception_e, "Fire": fire, "LayerNorm2d": layer_norm_2d, "CNBlock": cn_block,
    "EncoderBlock": encoder_block, "SwinTransformerBlock": swin_block, "SwinTransformerBlockV2": swin_block,
    "PatchMerging": patch_merging, "PatchMergingV2": patch_merging, "PartitionAttentionLayer": partition_attention,
    "MaxVitBlock": maxvit_block,
}


# ---------------------------------------------------------------------------------------------- models
# Each follows the model's forward(); functional steps (torch.flatten, F.relu, x.mean) written as layers.

def features_pool_classifier(m):  # AlexNet, VGG, MobileNetV3, EfficientNet: features, avgpool, flatten, classifier
    return seq(m.features, m.avgpool) + ["flatten"] + seq(m.classifier)


def resnet(m):
    return seq(m.conv1, m.bn1, m.relu, m.maxpool, m.layer1, m.layer2, m.layer3, m.layer4, m.avgpool) + \
        ["flatten"] + seq(m.fc)


def mobilenet_v2(m):  # features, adaptive_avg_pool2d(1), flatten, classifier
    return seq(m.features) + ["globalavgpool", "flatten"] + seq(m.classifier)


def mnasnet(m):  # layers, x.mean([2, 3]), classifier
    return seq(m.layers) + ["globalavgpool", "flatten"] + seq(m.classifier)


def regnet(m):
    return seq(m.stem, m.trunk_output, m.avgpool) + ["flatten"] + seq(m.fc)


def densenet(m):  # features, F.relu, adaptive_avg_pool2d(1), flatten, classifier
    return seq(m.features) + ["relu", "globalavgpool", "flatten"] + seq(m.classifier)


def googlenet(m):  # aux classifiers are off at inference (the DEFAULT weights drop them)
    return seq(m.conv1, m.maxpool1, m.conv2, m.conv3, m.maxpool2, m.inception3a, m.inception3b, m.maxpool3,
               m.inception4a, m.inception4b, m.inception4c, m.inception4d, m.inception4e, m.maxpool4,
               m.inception5a, m.inception5b, m.avgpool) + ["flatten"] + seq(m.dropout, m.fc)


def inception_v3(m):
    return seq(m.Conv2d_1a_3x3, m.Conv2d_2a_3x3, m.Conv2d_2b_3x3, m.maxpool1, m.Conv2d_3b_1x1, m.Conv2d_4a_3x3,
               m.maxpool2, m.Mixed_5b, m.Mixed_5c, m.Mixed_5d, m.Mixed_6a, m.Mixed_6b, m.Mixed_6c, m.Mixed_6d,
               m.Mixed_6e, m.Mixed_7a, m.Mixed_7b, m.Mixed_7c, m.avgpool, m.dropout) + ["flatten"] + seq(m.fc)


def squeezenet(m):
    return seq(m.features, m.classifier) + ["flatten"]


def shufflenet(m):  # conv1, maxpool, stages, conv5, x.mean([2, 3]), fc
    return seq(m.conv1, m.maxpool, m.stage2, m.stage3, m.stage4, m.conv5) + ["globalavgpool", "flatten"] + seq(m.fc)


def convnext(m):  # features, avgpool, classifier (LayerNorm2d, Flatten, Linear)
    return seq(m.features, m.avgpool, m.classifier)


def vit(m):
    """_process_input (conv_proj, flatten(2), transpose), the class token, encoder (pos_embedding, dropout,
    layers, ln), x[:, 0], heads."""
    positions = m.encoder.pos_embedding.shape[1]
    return seq(m.conv_proj) + ["tokens", "clstoken", "posembedding(%d)" % positions] + \
        seq(m.encoder.dropout, m.encoder.layers, m.encoder.ln) + ["select"] + seq(m.heads)


def swin(m):  # features (channels-last after the stem's Permute), norm, permute, avgpool, flatten, head
    out = []
    for part in m.features:  # the stem, then stages of blocks and patch mergings
        is_stage = isinstance(part, nn.Sequential) and type(part[0]).__name__.startswith("SwinTransformerBlock")
        out.extend(swin_stage(part) if is_stage else pixels(part))
    return out + pixels(m.norm) + seq(m.avgpool, m.flatten, m.head)


def maxvit(m):  # stem, blocks, classifier (pool, flatten, LayerNorm, Linear, Tanh, Linear)
    return seq(m.stem, *m.blocks, m.classifier)


MODELS = {"alexnet": features_pool_classifier, "vgg": features_pool_classifier, "resnet": resnet,
          "mobilenet_v2": mobilenet_v2, "mobilenet_v3": features_pool_classifier, "mnasnet": mnasnet,
          "regnet_x": regnet, "regnet_y": regnet, "densenet": densenet, "googlenet": googlenet,
          "inception": inception_v3, "squeezenet": squeezenet, "shufflenet": shufflenet,
          "efficientnet": features_pool_classifier, "convnext": convnext, "vit": vit, "swin": swin, "maxvit": maxvit}


def _block_params_on_cpu():
    """RegNet computes its BlockParams (widths, depths, groups) with tensors: on the CPU, not the meta device."""
    from torchvision.models import regnet
    original = regnet.BlockParams.from_init_params.__func__

    def on_cpu(cls, *args, **kwargs):
        with torch.device("cpu"):
            return original(cls, *args, **kwargs)

    regnet.BlockParams.from_init_params = classmethod(on_cpu)


_block_params_on_cpu()


def build(name):
    kwargs = {}
    if name == "googlenet":
        kwargs = {"aux_logits": False, "init_weights": False}
    elif name == "inception_v3":
        kwargs = {"aux_logits": False, "init_weights": False}
    with torch.device("meta"):  # shapes only: no weights initialised, no arithmetic done
        return models.get_model(name, weights=None, **kwargs).eval()


def notation(name, crop):
    m = build(name)
    return "input(3,%d,%d) %s" % (crop, crop, join(MODELS[family(name)](m))), m


def torch_counts(m, crop, attention):
    """Parameters, and the multiply-accumulates of every Conv2d and Linear on one sample (forward hooks); with
    attention, of every convolution and matrix product torch runs (FlopCounterMode's FLOPs / 2)."""
    if attention:
        from torch.utils.flop_counter import FlopCounterMode
        counter = FlopCounterMode(display=False)
        with torch.no_grad(), counter:
            m(torch.zeros(1, 3, crop, crop, device="meta"))
        return sum(p.numel() for p in m.parameters()), counter.get_total_flops() // 2
    macs = [0]

    def hook(module, inputs, output):
        if isinstance(module, nn.Conv2d):
            kh, kw = module.kernel_size
            macs[0] += output.numel() * (module.in_channels // module.groups) * kh * kw
        else:
            macs[0] += output.numel() * module.in_features

    handles = [x.register_forward_hook(hook) for x in m.modules() if isinstance(x, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        m(torch.zeros(1, 3, crop, crop, device="meta"))
    for h in handles:
        h.remove()
    return sum(p.numel() for p in m.parameters()), macs[0]


def cli_counts(jar, text):
    with tempfile.NamedTemporaryFile("w", suffix=".net", delete=False) as f:
        f.write(text)
    try:
        out = subprocess.run(["java", "-jar", jar, "estimate", "--profile", "a40", "--format", "json", "@" + f.name],
                             capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    if out.returncode != 0:
        return None, out.stderr.strip()
    result = json.loads(out.stdout)
    return (result["parameters"], result["macs"]), None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", action="store_true", help="also the families the parser does not read yet")
    parser.add_argument("--only", nargs="*", help="these models only")
    parser.add_argument("--check", metavar="JAR", help="check each notation's counts with the toenergy CLI")
    parser.add_argument("--counts", metavar="TSV", help="write torch's exact parameters and MACs here")
    args = parser.parse_args()

    published = []
    with open(PUBLISHED) as f:
        for line in f:
            if line.startswith("#") or line.startswith("model\t"):
                continue
            model, _, crop, params, gflops = line.rstrip("\n").split("\t")
            published.append((model, int(crop), int(params), gflops))

    print("# torchvision's classification models in toenergy notation, at the crop size of each builder's DEFAULT")
    print("# weights (vit_h_14 at 224, its IMAGENET1K_SWAG_LINEAR_V1 entry). Written by scripts/torchvision-networks.py")
    print("# from torchvision %s (BSD-3-Clause), checked against torch's own parameter and MAC counts." %
          torchvision.__version__.split("+")[0])
    counts = []
    failed = 0
    for model, crop, params, gflops in published:
        fam = family(model)
        if args.only and model not in args.only:
            continue
        if fam not in SHIPPED and not args.all:
            continue
        if fam not in MODELS:
            print("%s: pending, needs %s" % (model, PENDING[fam]), file=sys.stderr)
            continue
        text, m = notation(model, crop)
        torch_params, torch_macs = torch_counts(m, crop, fam in ATTENTION)
        counts.append((model, crop, torch_params, torch_macs))
        status = "torch %d parameters, %d MACs (published %d, %s GFLOPS)" % (torch_params, torch_macs, params, gflops)
        if args.check:
            got, error = cli_counts(args.check, text)
            if got is None:
                status += "; CLI: " + error
                failed += 1
            elif got != (torch_params, torch_macs):
                status += "; CLI DIFFERS: %d parameters, %d MACs" % got
                failed += 1
            else:
                status += "; CLI equal"
        print("%s: %s" % (model, status), file=sys.stderr)
        print("%s\t%s" % (model, text))
    if args.counts:
        with open(args.counts, "w") as f:
            f.write("# torch's own counts of each catalogue model, by scripts/torchvision-networks.py (torch %s,\n"
                    "# torchvision %s): sum of parameter numel, and multiply-accumulates of every Conv2d and Linear\n"
                    "# by forward hooks on one sample at the crop size (ViT, Swin, MaxViT: of every convolution and\n"
                    "# matrix product, FlopCounterMode's FLOPs / 2).\n" % (torch.__version__.split("+")[0],
                                                                                torchvision.__version__.split("+")[0]))
            f.write("model\tcrop\tparameters\tmacs\n")
            for row in counts:
                f.write("%s\t%d\t%d\t%d\n" % row)
    if failed:
        print("%d models differ from torch" % failed, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
