package io.github.toenergy.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Format;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementCsvTest {
  static final String HEADER = "network,phase,batch,batches,joules\n";

  private static MeasurementFormatException error(String text) {
    return assertThrows(MeasurementFormatException.class,
        () -> MeasurementCsv.parse("measurements.csv", text, Format.FP32));
  }

  @Test
  void readsQuotedNotationAndEveryColumn() {
    List<Measurement> ms = MeasurementCsv.parse("m.csv", HEADER
        + "\"input(3,32,32) conv2d(8,k=3,p=1) relu flatten dense(10)\",inference,16,0,0.25\n"
        + "input(784) dense(10) softmax , training , 64 , 938 , 41.5\n"
        + "\n"
        + "\"input(784) dense(10) softmax\",training,64,0,1e-3\n", Format.FP16);
    assertEquals(3, ms.size());
    Measurement conv = ms.get(0);
    assertEquals("input(3,32,32,format=fp16) conv2d(8,k=3,p=1) relu flatten dense(10)", conv.network().toNotation());
    assertEquals(Phase.INFERENCE, conv.phase());
    assertEquals(16, conv.batch());
    assertEquals(0, conv.batches());
    assertEquals(16, conv.samples());
    assertEquals(0.25, conv.joules());
    Measurement run = ms.get(1);
    assertEquals(Phase.TRAINING, run.phase());
    assertEquals(938, run.batches());
    assertEquals(64 * 938, run.samples());
    assertTrue(run.isRun());
    // the same notation is one network (and one group for leave-one-network-out)
    assertEquals(ms.get(1).group(), ms.get(2).group());
    assertEquals(1e-3, ms.get(2).joules());
  }

  @Test
  void columnsMayComeInAnyOrder() {
    List<Measurement> ms = MeasurementCsv.parse("m.csv", "joules,batches,batch,phase,network,comment\n"
        + "2.5,0,8,inference,input(4) dense(2),first\n", Format.FP32);
    assertEquals(2.5, ms.get(0).joules());
    assertEquals(8, ms.get(0).batch());
  }

  @Test
  void errorsNameFileLineAndColumn() {
    assertEquals("measurements.csv:3:3: batch 'abc' is not a number",
        error(HEADER + "input(4) dense(2),inference,8,0,1\ninput(4) dense(2),inference,abc,0,1\n").getMessage());
    assertEquals("measurements.csv:2:5: joules 'NaN' is not a finite number",
        error(HEADER + "input(4) dense(2),inference,8,0,NaN\n").getMessage());
    assertEquals("measurements.csv:2:5: joules 'Infinity' is not a finite number",
        error(HEADER + "input(4) dense(2),inference,8,0,Infinity\n").getMessage());
    assertEquals("measurements.csv:2:5: joules must be positive, got '-1'",
        error(HEADER + "input(4) dense(2),inference,8,0,-1\n").getMessage());
    assertEquals("measurements.csv:2:2: phase must be inference or training, got 'train'",
        error(HEADER + "input(4) dense(2),train,8,0,1\n").getMessage());
    assertEquals("measurements.csv:2:3: batch must be a positive whole number, got '0'",
        error(HEADER + "input(4) dense(2),inference,0,0,1\n").getMessage());
    assertEquals("measurements.csv:2:3: batch '2.5' is not a whole number",
        error(HEADER + "input(4) dense(2),inference,2.5,0,1\n").getMessage());
    assertEquals("measurements.csv:2:4: batches must be 0 (one batch) or a positive whole number, got -3",
        error(HEADER + "input(4) dense(2),inference,2,-3,1\n").getMessage());
    // the parser's own message follows the place
    String unknownLayer = error(HEADER + "input(4) densr(2),inference,8,0,1\n").getMessage();
    assertTrue(unknownLayer.startsWith("measurements.csv:2:1: network: column 10: unknown layer 'densr', did you mean dense"),
        unknownLayer);
    // an unquoted notation with commas splits into too many fields
    MeasurementFormatException commas = error(HEADER + "input(3,8,8) conv2d(4,k=3),inference,8,0,1\n");
    assertTrue(commas.getMessage().startsWith("measurements.csv:2:6: expected 5 fields as in the header, found 8"),
        commas.getMessage());
    assertTrue(commas.getMessage().contains("quote a network"), commas.getMessage());
    assertEquals("measurements.csv:2:1: quoted field is not closed: a field that starts with \" must end with \"",
        error(HEADER + "\"input(4) dense(2),inference,8,0,1\n").getMessage());
    MeasurementFormatException header = error("net,phase,batch,batches,joules\ninput(4) dense(2),inference,8,0,1\n");
    assertTrue(header.getMessage().startsWith("measurements.csv:1: header must name the columns"
        + " network,phase,batch,batches,joules; missing 'network'"), header.getMessage());
    assertEquals("measurements.csv: is empty; expected a header line", error("\n\n").getMessage());
    assertEquals(3, error(HEADER + "input(4) dense(2),inference,8,0,1\ninput(4) dense(2),inference,abc,0,1\n").line());
  }
}
