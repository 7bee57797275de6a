package io.github.toenergy.notation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NotationTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "input(784) dense(128) relu dense(10) softmax",
      "input(10) dense(10,bias=false) batchnorm dropout dropout(0.2) identity",
      "input(3,32,32) conv2d(16,k=3,s=2,p=1,d=2,bias=false) maxpool(3,s=2,p=1) avgpool(2) adaptiveavgpool(1) flatten",
      "input(128,768) dense(3072) gelu dense(768) dropout",
      "input(32,8,8) conv2d(32,k=3,p=1,g=32) relu6 leakyrelu sigmoid tanh gelu silu hardswish hardsigmoid elu",
      "input(64,8,8,format=int8) residual(conv2d(64,k=3,p=1,bias=false) batchnorm relu conv2d(64,k=3,p=1,bias=false) batchnorm) relu",
      "input(64,8,8,format=bf16) residual(conv2d(128,k=3,s=2,p=1) | conv2d(128,k=1,s=2) batchnorm) adaptiveavgpool(1)",
      "input(64,format=fp8) dense(32) relu",
      "input(16,64,format=mxfp4) dense(64) silu",
  })
  void roundTripsEveryLayerKind(String notation) {
    Network network = Network.parse(notation);
    assertEquals(notation, network.toNotation());
    assertEquals(network, Network.parse(network.toNotation()));
  }

  @Test
  void keywordsAreShortFormsOfTheModel() {
    Network n = Network.parse("input(3,8,8) conv2d(4,3) maxpool(k=2) swish globalavgpool");
    assertEquals(List.of(Layer.Conv2d.of(4, 3), new Layer.MaxPool2d(2, 2, 0),
        new Layer.Activation(ActivationFunction.SILU), new Layer.AdaptiveAvgPool2d(1)), n.layers());
    assertEquals(Shape.of(3, 8, 8), n.input());
    assertEquals(Format.FP32, n.format());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "dense(10)                                  | 1  | expected 'input(...)' first",
      "input(784 dense(10)                        | 11 | expected ',' or ')'",
      "input(784) dense(10) frob                  | 22 | unknown layer 'frob' (every layer and its keyword: docs/notation.md)",
      "input(784) dense(10) rleu                  | 22 | unknown layer 'rleu', did you mean relu, elu or glu?",
      "input(128,64) atention(4)                  | 15 | unknown layer 'atention', did you mean attention?",
      "input(784) dense(x)                        | 18 | expected a number, found 'x'",
      "input(784) dense(10,units=3)               | 21 | dense has no option 'units'",
      "input(3,8,8) conv2d(4)                     | 14 | conv2d needs a kernel size",
      "input(3,8,8) conv2d(4,k=0)                 | 14 | kernel must be positive, got 0",
      "input(3,8,8) conv2d(4,k=3,s=0)             | 14 | stride must be positive, got 0",
      "input(3,8,8) conv2d(4,k=9)                 | 14 | kernel 9 is larger than the input 3x8x8",
      "input(3,8,8) conv2d(4,k=3,g=2)             | 14 | groups 2 do not divide the 3 input channels",
      "input(3,8,8) dense(10)                     | 14 | dense needs a flat input but gets 3x8x8",
      "input(0)                                   | 1  | sizes must be positive",
      "input(4,4,4) residual(conv2d(8,k=1)) relu  | 14 | residual body gives 8x4x4 but the identity shortcut gives 4x4x4",
      "input(4,4,4) residual(relu                 | 27 | expected ')' to close the residual block opened at column 14",
      "input(4) dense(3,bias=maybe)               | 23 | bias must be true or false",
  })
  void errorsNameTheColumn(String text, int column, String message) {
    NotationException e = assertThrows(NotationException.class, () -> Network.parse(text.strip()));
    assertEquals(column, e.column(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
