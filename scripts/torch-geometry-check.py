"""Cross-checks the geometry of issue 11 against PyTorch (not part of the build; any CPU torch):

    python scripts/torch-geometry-check.py

For each case it prints the output shape, the parameters, the MACs (torch's FlopCounterMode
counts 2 FLOPs per multiply-accumulate of a convolution, transposed or not) and, for pooling, the
sum of the window sizes PyTorch divides by (count_include_pad=True: each window cut at the end of
the padded input): the numbers NetworkCostTest and NotationTest expect.
"""
import torch
from torch.utils.flop_counter import FlopCounterMode


def report(name, module, shape):
    x = torch.zeros(1, *shape)
    with FlopCounterMode(display=False) as counter:
        y = module(x)
    params = sum(p.numel() for p in module.parameters())
    print(f"{name}: in {tuple(shape)} out {tuple(y.shape[1:])} params {params} macs {counter.get_total_flops() // 2}")


def window_sum(name, kernel, stride, padding, ceil, shape):
    """Sum over outputs of PyTorch's divisor: ones summed (divisor_override=1) over ones averaged."""
    x = torch.ones(1, *shape, dtype=torch.float64)
    total = torch.nn.functional.avg_pool2d(x, kernel, stride, padding, ceil, True, 1)
    mean = torch.nn.functional.avg_pool2d(x, kernel, stride, padding, ceil, True)
    divisors = (total / mean).round().sum().item()
    print(f"{name}: in {tuple(shape)} out {tuple(mean.shape[1:])} window sum {int(divisors)}")


nn = torch.nn
report("conv2d(192,k=(1,7),p=(0,3)) Inception-v3 Mixed_6b", nn.Conv2d(768, 192, (1, 7), padding=(0, 3)), (768, 17, 17))
report("conv2d(192,k=(7,1),p=(3,0),bias=false)", nn.Conv2d(192, 192, (7, 1), padding=(3, 0), bias=False), (192, 17, 17))
report("conv2d(8,k=(3,1),s=(2,1),p=(1,0))", nn.Conv2d(4, 8, (3, 1), stride=(2, 1), padding=(1, 0)), (4, 9, 6))
report("maxpool(3,s=2,ceil=true) GoogLeNet", nn.MaxPool2d(3, 2, ceil_mode=True), (64, 112, 112))
report("maxpool(3,s=2,ceil=true) SqueezeNet 1.0 after fire4", nn.MaxPool2d(3, 2, ceil_mode=True), (256, 54, 54))
window_sum("maxpool(3,s=2,ceil=true) SqueezeNet 1.0 after fire4", 3, 2, 0, True, (256, 54, 54))
report("maxpool(2,s=2,p=1,ceil=true) last window would start in the right padding", nn.MaxPool2d(2, 2, 1, ceil_mode=True), (1, 5, 5))
report("maxpool(2,s=2,p=1) floor", nn.MaxPool2d(2, 2, 1), (1, 5, 5))
report("maxpool(k=(3,1),s=(2,1),p=(1,0))", nn.MaxPool2d((3, 1), (2, 1), (1, 0)), (2, 7, 5))
window_sum("avgpool(3,s=2,ceil=true)", 3, 2, 0, True, (1, 6, 6))
window_sum("avgpool(3,s=2,ceil=true)", 3, 2, 0, True, (64, 112, 112))
window_sum("avgpool(3,s=2,p=1,ceil=true)", 3, 2, 1, True, (1, 6, 6))
window_sum("avgpool(2,s=2,p=1,ceil=true)", 2, 2, 1, True, (1, 4, 4))
window_sum("avgpool(k=(3,1),s=(2,1),p=(1,0),ceil=true)", (3, 1), (2, 1), (1, 0), True, (2, 8, 5))
report("adaptiveavgpool(6,7)", nn.AdaptiveAvgPool2d((6, 7)), (3, 13, 13))
report("convtranspose2d(64,k=2,s=2) U-Net up", nn.ConvTranspose2d(128, 64, 2, 2), (128, 28, 28))
report("convtranspose2d(6,k=(3,2),s=2,p=(1,0),op=1,g=2)",
       nn.ConvTranspose2d(4, 6, (3, 2), 2, (1, 0), output_padding=1, groups=2), (4, 8, 8))
report("convtranspose2d(3,k=3,s=(2,1),p=1,op=(1,0),d=2,bias=false)",
       nn.ConvTranspose2d(2, 3, 3, (2, 1), 1, output_padding=(1, 0), dilation=2, bias=False), (2, 5, 4))
report("upsample(2)", nn.Upsample(scale_factor=2), (3, 5, 7))
report("upsample(3,mode=bilinear)", nn.Upsample(scale_factor=3, mode="bilinear"), (3, 5, 7))


def basic(cin, cout, **kw):
    """torchvision's BasicConv2d of GoogLeNet and Inception-v3: conv without bias, batch norm, ReLU."""
    return [nn.Conv2d(cin, cout, bias=False, **kw), nn.BatchNorm2d(cout, eps=0.001), nn.ReLU()]


# the example networks (examples/ and examples-kotlin/)
report("GoogLeNetStem", nn.Sequential(*basic(3, 64, kernel_size=7, stride=2, padding=3),
                                      nn.MaxPool2d(3, 2, ceil_mode=True), *basic(64, 64, kernel_size=1),
                                      *basic(64, 192, kernel_size=3, padding=1), nn.MaxPool2d(3, 2, ceil_mode=True)),
       (3, 224, 224))
report("InceptionV3Branch (Mixed_6b branch7x7dbl)", nn.Sequential(
    *basic(768, 128, kernel_size=1), *basic(128, 128, kernel_size=(7, 1), padding=(3, 0)),
    *basic(128, 128, kernel_size=(1, 7), padding=(0, 3)), *basic(128, 128, kernel_size=(7, 1), padding=(3, 0)),
    *basic(128, 192, kernel_size=(1, 7), padding=(0, 3))), (768, 17, 17))
report("UNetDecoder", nn.Sequential(
    nn.ConvTranspose2d(512, 256, 2, 2), nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(),
    nn.ConvTranspose2d(256, 128, 2, 2), nn.Conv2d(128, 128, 3, padding=1), nn.ReLU(),
    nn.Upsample(scale_factor=2, mode="bilinear"), nn.Conv2d(128, 64, 3, padding=1), nn.ReLU(),
    nn.Upsample(scale_factor=2), nn.Conv2d(64, 2, 1), nn.AdaptiveAvgPool2d((3, 4))), (512, 24, 32))
report("kotlin-factorised-stem (examples-kotlin)", nn.Sequential(
    nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, ceil_mode=True),
    nn.Conv2d(64, 64, (1, 7), padding=(0, 3)), nn.ReLU(), nn.Conv2d(64, 64, (7, 1), padding=(3, 0)), nn.ReLU(),
    nn.ConvTranspose2d(64, 32, 2, 2), nn.Upsample(scale_factor=2, mode="bilinear"), nn.AdaptiveAvgPool2d((6, 7))),
    (3, 224, 224))
