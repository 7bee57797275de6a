package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Network;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The annotations of non-square sizes ({@code kernelSize = {1, 7}} beside {@code kernel = 3}),
 * ceil-mode pools, non-square adaptive pooling, transposed convolution and upsampling: what they
 * read into, and each misuse as a diagnostic on the attribute written. Messages are written from
 * the annotations' documented rules; the counts themselves are checked against PyTorch in the
 * runtime's GeometryCostTest.
 */
class GeometryAnnotationsTest {

  private static void assertError(Compilation compilation, JavaFileObject file, String line, String message) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
  }

  @Test
  void everyFormReadsIntoTheNetworkItsNotationSays() throws ReflectiveOperationException {
    JavaFileObject source = DiagnosticsTest.net("Geometry",
        "@Network(input = {768, 17, 17}, profiles = \"test-cpu\")",
        "public class Geometry {",
        "  @Conv2d(filters = 192, kernelSize = {1, 7}, paddingSize = {0, 3}, bias = false) Object c1x7;",
        "  @Conv2d(filters = 192, kernel = 7, kernelSize = {7, 7}, strideSize = {2, 1}, padding = 3) Object same;",
        "  @MaxPool2d(kernel = 3, stride = 2, ceil = true) Object pool;",
        "  @AvgPool2d(kernelSize = {3, 1}, strideSize = {1, 1}, paddingSize = {1, 0}) Object avg;",
        "  @ConvTranspose2d(filters = 64, kernel = 2, stride = 2, outputPaddingSize = {1, 0}) @Activation(RELU)",
        "  Object up;",
        "  @Upsample(factor = 2, mode = UpsampleMode.BILINEAR) Object bilinear;",
        "  @Upsample(factor = 3) Object nearest;",
        "  @AdaptiveAvgPool2d(outputSize = {6, 7}) Object adaptive;",
        "}");
    Compilation c = Compilations.withTestProfiles("-Xlint:all", "-Werror").compile(source);
    assertThat(c).succeededWithoutWarnings();
    Class<?> generated = Compilations.load(c, "com.example.GeometryEnergy");
    // each annotation as the notation writes it: square sizes as one number, the defaults left out
    String expected = "input(768,17,17) conv2d(192,k=(1,7),p=(0,3),bias=false) conv2d(192,k=7,s=(2,1),p=3)"
        + " maxpool(3,s=2,ceil=true) avgpool(k=(3,1),s=1,p=(1,0)) convtranspose2d(64,k=2,s=2,op=(1,0)) relu"
        + " upsample(2,mode=bilinear) upsample(3) adaptiveavgpool(6,7)";
    assertEquals(expected, generated.getField("NOTATION").get(null));
    assertEquals(NetworkCost.of(Network.parse(expected), Phase.INFERENCE).macs(1),
        Compilations.constant(generated, "TOTAL_MACS"));
  }

  @Test
  void aSizeGivenTwiceMustAgreeAndAnArrayIsHeightAndWidth() {
    JavaFileObject source = DiagnosticsTest.net("Pairs",
        "@Network(input = {3, 32, 32})",
        "public class Pairs {",
        "  @Conv2d(filters = 8, kernel = 3,",
        "      kernelSize = {1, 7}) Object disagree;",
        "  @Conv2d(filters = 8,",
        "      kernelSize = {1, 7, 3}) Object three;",
        "  @Conv2d(filters = 8,",
        "      kernelSize = {0, 7}) Object zero;",
        "  @MaxPool2d(kernel = 2,",
        "      strideSize = {0, 0}) Object stride;",
        "  @MaxPool2d(kernelSize = {3, 1},",
        "      paddingSize = {2, 0}) Object padding;",
        "  @AdaptiveAvgPool2d(",
        "      outputSize = {6}) Object one;",
        "  @Conv2d(filters = 8) Object none;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertError(c, source, "kernelSize = {1, 7})",
        "[toenergy:invalid-layer] disagree: @Conv2d kernel 3 and kernelSize {1, 7} disagree; give one of them");
    assertError(c, source, "kernelSize = {1, 7, 3}",
        "[toenergy:invalid-layer] three: @Conv2d kernelSize must be {height, width}, got {1, 7, 3}");
    assertError(c, source, "kernelSize = {0, 7}",
        "[toenergy:invalid-layer] zero: @Conv2d kernelSize must be positive, got {0, 7}");
    // a stride of 0 means the kernel, but only written as the number
    assertError(c, source, "strideSize = {0, 0}",
        "[toenergy:invalid-layer] stride: @MaxPool2d strideSize must be positive, got {0, 0}");
    assertError(c, source, "paddingSize = {2, 0}",
        "[toenergy:invalid-layer] padding: padding (2,0) must be at most half the kernel (3,1)");
    assertError(c, source, "outputSize = {6}",
        "[toenergy:invalid-layer] one: @AdaptiveAvgPool2d outputSize must be {height, width}, got {6}");
    // neither kernel nor kernelSize: the kernel keeps its default 0
    assertError(c, source, "@Conv2d(filters = 8) Object none",
        "[toenergy:non-positive-size] none: @Conv2d kernel must be positive, got 0");
    assertEquals(7, c.errors().size());
  }

  @Test
  void transposedConvolutionAndUpsamplingRules() {
    JavaFileObject source = DiagnosticsTest.net("Decoder",
        "@Network(input = {3, 8, 8})",
        "public class Decoder {",
        "  @ConvTranspose2d(filters = 4, kernel = 3, stride = 2,",
        "      outputPadding = 2) Object up;",
        "  @Upsample(",
        "      factor = 0) Object zero;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertError(c, source, "outputPadding = 2",
        "[toenergy:invalid-layer] up: output padding 2 must be smaller than the stride 2 or the dilation 1");
    assertError(c, source, "factor = 0", "[toenergy:non-positive-size] zero: @Upsample factor must be positive, got 0");
    assertEquals(2, c.errors().size());

    // groups that do not divide the 3 input channels, reported as for @Conv2d
    JavaFileObject groups = DiagnosticsTest.net("Grouped",
        "@Network(input = {3, 8, 8})",
        "public class Grouped {",
        "  @ConvTranspose2d(filters = 4, kernel = 2, groups = 2) Object up;",
        "}");
    assertError(Compilations.withTestProfiles().compile(groups), groups, "@ConvTranspose2d(filters = 4",
        "[toenergy:groups-mismatch] up: @ConvTranspose2d groups 2 must divide the 3 input channels it gets as layer 1"
            + " of network Grouped");

    // an output side below 1: (1 - 1) x 1 - 2 + 0 + 0 + 1 = -1
    JavaFileObject shrink = DiagnosticsTest.net("Shrink",
        "@Network(input = {1, 1, 1})",
        "public class Shrink {",
        "  @ConvTranspose2d(filters = 1, kernel = 1, padding = 1) Object up;",
        "}");
    assertError(Compilations.withTestProfiles().compile(shrink), shrink, "@ConvTranspose2d(filters = 1",
        "[toenergy:kernel-too-large] up: convtranspose2d of 1x1x1 gives an output side of -1 (padding 1 is too large)"
            + " (layer 1 of network Shrink)");
  }
}
