package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The generated source of a small network, compared character by character with
 * {@code golden/TinyResNetEnergy.java}.
 *
 * <p>The golden file was read line by line by a person (the processor's author, acting as its
 * reviewer) before it was committed, checking every number by hand for
 * {@code input(1,8,8) conv2d(4,k=3,p=1) relu residual(conv2d(4,k=3,p=1,bias=false) batchnorm) relu
 * maxpool(2) flatten dense(10) softmax}, FP32:
 *
 * <ul>
 *   <li>MACs: stem 4x8x8 outputs x 9 taps = 2,304; block conv 256 x 36 = 9,216; dense 64 x 10 = 640;
 *       total 12,160. Parameters: 4x9+4 = 40, 4x36 = 144, batch norm 2x4 = 8, 64x10+10 = 650; total 842.
 *   <li>TOs of the cmos model, from the gate library (FA 28, MUX2 12, OR2 6, HA 18, AND2 6, INV 2): FP32
 *       add = 8x30 + 2x24x12 + 2x(24x5x12) + 27x28 + 24x6 + 8x28 + 24x18 = 5,252; multiply = 8x28 + 8x30
 *       + (576x6 + 552x28) + 24x12 + 24x18 + 12 = 20,108; MAC = 25,360; compare = 32x30 = 960. Rows:
 *       stem 2,304 MAC + 256 bias adds = 59,773,952; relu 256 x 960 = 245,760; block conv 9,216 MAC =
 *       233,717,760; batch norm 256 x (mul + add) = 6,492,160; residual add 256 x 5,252 = 1,344,512;
 *       max pool 64 outputs x 3 compares = 184,320; dense 640 MAC + 10 adds = 16,282,920; softmax 10 x
 *       (compare + 2 adds + exp 203,104 + divide 111,044) = 3,256,120; total 321,543,264.
 *   <li>toml-45nm: MAC 5,000, add 900, multiply 3,700, compare 50, relu 100, softmax 25,000, weight
 *       word 10,000, activation word 192, summed the same way: 71,859,800.
 *   <li>Bytes: 4 per word of weights + input + output: stem (40+64+256) x 4 = 1,440, relu 2,048,
 *       block conv 2,624, batch norm 2,080, add (3 x 256) x 4 = 3,072, relu 2,048, pool 1,280,
 *       flatten 0, dense 2,896, softmax 80; total 17,568.
 *   <li>Energy on test-cpu (1e-6 J per MAC): 12,160 MACs = 0.01216 J; interval x (1 -+ 1.6449 x 0.1)
 *       = 0.01016 to 0.01416 J; shares 2,304 / 12,160 = 18.9%, 9,216 / 12,160 = 75.8%, 640 / 12,160 =
 *       5.3%.
 *   <li>The count table ({@code COUNTS}), row by row from LayerArithmetic's rules, ops numbered ADD 0,
 *       MULTIPLY 1, MAC 2, COMPARE 3, DIVIDE 4, SQRT 5, RELU 6, SOFTMAX 7; training = forward + backward
 *       (2 more MACs per forward MAC, a second bias add) + one SGD MAC per parameter per step, 6 weight
 *       words per parameter, and the backward's output gradient + 2 x input activation words. Stem:
 *       2,304 MACs + 256 adds, 40 parameters, 64 + 256 = 320 words; training 6,912 MACs, 512 adds, 40
 *       update MACs, 240 weight words, 320 + 256 + 128 = 704. ReLU: 256 relu, 512 words; training + 256
 *       compares, 1,280 words. Block conv: 9,216 MACs, 144 parameters; training 27,648 + 144, 864 weight
 *       words. Batch norm (256 values, 4 channels): 256 multiplies + 256 adds; training 9 x 256 = 2,304
 *       adds, 6 x 256 = 1,536 multiplies, 256 MACs, per step 8 update MACs, 4 divides, 4 square roots.
 *       Sum: 256 adds, 3 x 256 = 768 words; training 512 adds, 1,536 words. Max pool: 64 x 3 = 192
 *       compares, 256 + 64 = 320 words; training + 64 adds, 896 words. Flatten: nothing. Dense: 640
 *       MACs + 10 adds, 650 parameters, 74 words; training 1,920 MACs, 20 adds, 650 update MACs, 3,900
 *       weight words, 212 words. Softmax: 10 softmax, 20 words; training + 10 MACs, adds and multiplies,
 *       50 words. The spans are the layers' places in the notation (the stem at 13..30 after
 *       {@code input(1,8,8) }); each row starts with its kind's name in lower case ({@code activation} for
 *       ReLU and softmax, {@code residual} for the sum); the second ReLU shares the first's row.
 * </ul>
 *
 * Also checked: the table's columns line up, the notation round-trips, and no line is longer than
 * 100 characters. Regenerate it only by hand, after reading the new output the same way.
 */
class GoldenSourceTest {

  @Test
  void generatedSourceMatchesTheReviewedGoldenFile() throws IOException {
    Compilation compilation = Compilations.withTestProfiles()
        .compile(JavaFileObjects.forResource("golden/TinyResNet.java"));
    assertThat(compilation).succeededWithoutWarnings();
    String expected;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("golden/TinyResNetEnergy.java")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(expected, Compilations.generatedSource(compilation, "com.example.TinyResNetEnergy"));
  }
}
