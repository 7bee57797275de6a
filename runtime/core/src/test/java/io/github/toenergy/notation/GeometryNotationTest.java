package io.github.toenergy.notation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.UpsampleMode;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Size2d;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The notation of non-square sizes, ceil-mode pools, transposed convolutions and upsampling. */
class GeometryNotationTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "input(768,17,17) conv2d(192,k=(1,7),p=(0,3)) conv2d(192,k=(7,1),p=(3,0),bias=false)",
      "input(4,9,6) conv2d(8,k=(3,1),s=(2,1),p=(1,0),d=2,g=4)",
      "input(64,112,112) maxpool(3,s=2,ceil=true) avgpool(3,s=1,p=1) maxpool(k=(3,1),s=(2,1),p=(1,0))",
      "input(2,8,5) avgpool(k=(3,1),s=(2,1),p=(1,0),ceil=true) avgpool(2,ceil=true) adaptiveavgpool(6,7) adaptiveavgpool(7)",
      "input(4,8,8) convtranspose2d(6,k=(3,2),s=2,p=(1,0),op=1,g=2) convtranspose2d(4,k=2,s=2,bias=false)",
      "input(2,5,4) convtranspose2d(3,k=3,s=(2,1),p=1,op=(1,0),d=2) upsample(2) upsample(3,mode=bilinear)",
  })
  void roundTrips(String notation) {
    Network network = Network.parse(notation);
    assertEquals(notation, network.toNotation());
    assertEquals(network, Network.parse(network.toNotation()));
  }

  @Test
  void squareSizesAreWrittenAsOneNumber() {
    // (h,h) is read as h and written back as h; spaces inside a pair are allowed
    assertEquals("input(3,8,8) conv2d(4,k=3,s=2,p=1) maxpool(2,s=1) convtranspose2d(2,k=2,s=2) adaptiveavgpool(2)",
        Network.parse("input(3,8,8) conv2d(4,k=(3,3),s=( 2, 2 ),p=(1,1)) maxpool(k=(2,2),s=(1,1))"
            + " convtranspose2d(2,k=(2,2),s=2,op=(0,0)) adaptiveavgpool(2,2)").toNotation());
    // nearest is the default mode; ceil=false the default rounding
    assertEquals("input(3,8,8) upsample(2) maxpool(2)",
        Network.parse("input(3,8,8) upsample(2,mode=nearest) maxpool(2,ceil=false)").toNotation());
  }

  @Test
  void readsIntoTheRecords() {
    Network n = Network.parse("input(3,8,8) conv2d(4,k=(1,3),p=(0,1)) maxpool(2,s=(2,1),ceil=true)"
        + " convtranspose2d(2,k=2,s=2,op=(1,0)) upsample(2,mode=bilinear) adaptiveavgpool(3,4)");
    assertEquals(List.of(
        new Layer.Conv2d(4, new Size2d(1, 3), Size2d.square(1), new Size2d(0, 1), 1, 1, true),
        new Layer.MaxPool2d(Size2d.square(2), new Size2d(2, 1), Size2d.square(0), true),
        new Layer.ConvTranspose2d(2, Size2d.square(2), Size2d.square(2), Size2d.square(0), new Size2d(1, 0), 1, 1, true),
        new Layer.Upsample(2, UpsampleMode.BILINEAR),
        new Layer.AdaptiveAvgPool2d(new Size2d(3, 4))), n.layers());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "input(3,8,8) conv2d(4,k=(1,7,3))                 | 25 | k is one number or (height,width), found '(1,7,3)'",
      "input(3,8,8) conv2d(4,k=(1,x))                   | 25 | expected a whole number",
      "input(3,8,8) conv2d(4,k=(1,7                     | 25 | expected ')' to close '(1,7'",
      "input(3,8,8) conv2d(4,k=(0,7))                   | 14 | conv2d: kernel must be positive, got (0,7)",
      "input(3,8,8) conv2d(4,k=3,p=(0,-1))              | 14 | padding must not be negative, got (0,-1)",
      "input(3,8,8) conv2d(4,k=3,d=(1,2))               | 29 | expected a whole number",
      "input(3,8,8) conv2d(4,k=(1,9))                   | 14 | kernel (1,9) is larger than the input 3x8x8",
      "input(3,8,8) maxpool(k=(3,1),p=(2,0))            | 14 | padding (2,0) must be at most half the kernel (3,1)",
      "input(3,8,8) maxpool(2,ceil=yes)                 | 29 | ceil must be true or false",
      "input(3,8,8) avgpool(2,op=1)                     | 24 | avgpool has no option 'op'",
      "input(3,8,8) adaptiveavgpool(2,3,4)              | 34 | adaptiveavgpool takes 0 to 2 positional arguments, found 3",
      "input(3,8,8) adaptiveavgpool(2,0)                | 14 | output size must be positive, got (2,0)",
      "input(3,8,8) convtranspose2d(4,k=3,s=2,op=2)     | 14 | output padding 2 must be smaller than the stride 2 or the dilation 1",
      "input(3,8,8) convtranspose2d(4)                  | 14 | convtranspose2d needs a kernel size",
      "input(3,8,8) convtranspose2d(4,k=3,g=2)          | 14 | groups 2 do not divide the 3 input channels",
      "input(1,1,1) convtranspose2d(1,k=1,p=1)          | 14 | gives an output side of -1 (padding 1 is too large)",
      "input(3,8,8) upsample                            | 14 | upsample takes 1 positional argument, found 0",
      "input(3,8,8) upsample(0)                         | 14 | factor must be positive, got 0",
      "input(3,8,8) upsample(2,mode=bicubic)            | 30 | mode must be nearest or bilinear, found 'bicubic'",
      "input(8) upsample(2)                             | 10 | upsample needs a C x H x W input but gets 8 features",
  })
  void errorsNameTheColumnAndTheAttribute(String text, int column, String message) {
    NotationException e = assertThrows(NotationException.class, () -> Network.parse(text.strip()));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertEquals(column, e.column(), e.getMessage());
  }
}
