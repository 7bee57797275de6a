package io.github.toenergy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {
  private static final String MLP = "input(784) dense(128) relu dense(10) softmax";

  record Result(int status, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void jsonHasTheContractKeys() {
    Result r = run("estimate", "--profile", "xeon-gold-5120", "--format", "json", MLP);
    assertEquals(0, r.status(), r.err());
    for (String key : new String[] {"\"profile\":", "\"joules\":", "\"low\":", "\"high\":", "\"tos\":", "\"macs\":101632",
        "\"layers\":[{\"name\":\"dense_1\""}) {
      assertTrue(r.out().contains(key), key + " in " + r.out());
    }
  }

  @Test
  void tableHasAShareColumnThatAddsUpTo100Percent() {
    Result r = run("estimate", "--profile", "xeon-gold-5120", "--batch", "8", MLP);
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("share"), r.out());
    double shares = r.out().lines().filter(l -> l.matches("^(dense|relu|softmax)_\\d.*"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1, l.length() - 1))).sum();
    assertEquals(100, shares, 0.25);
  }

  @Test
  void csvHasOneRowPerLayerAndATotal() {
    Result r = run("estimate", "--profile", "raptorlake", "--phase", "training", "--format", "csv", MLP);
    assertEquals(0, r.status(), r.err());
    assertEquals(1 + 4 + 1, r.out().lines().count(), r.out());
  }

  @Test
  void profilesListsEveryShippedId() {
    Result r = run("profiles");
    assertEquals(0, r.status(), r.err());
    for (String id : new String[] {"xeon-gold-5120", "raptorlake", "broadwell-ep", "v100", "a40", "rtx6000", "p100"}) {
      assertTrue(r.out().contains(id), id);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "estimate --profile xeon-gold-5120 --colour red x              | unknown option '--colour'",
      "estimate --profile nope input(4)                              | unknown profile 'nope'",
      "estimate --profile xeon-gold-5120 input(4)_dense(                   | column 16",
      "estimate --profile xeon-gold-5120 input(3,8,8)_conv2d(4,k=9)        | kernel 9 is larger than the input",
      "estimate --profile xeon-gold-5120 input(0)                    | sizes must be positive",
      "estimate --profile xeon-gold-5120 input(8,8,8)_conv2d(4,k=3,g=3)    | groups 3 do not divide filters 4",
      "estimate --profile xeon-gold-5120 input(3,8,8)_conv2d(4,k=3,s=0)    | stride must be positive",
      "estimate --profile xeon-gold-5120 --batch 0 input(4)          | '--batch' must be a positive whole number",
      "estimate --profile xeon-gold-5120 --phase sleep input(4)      | '--phase' must be inference, training, prefill or decode",
      "estimate --profile xeon-gold-5120 @/no/such/file.txt          | cannot read network file",
      "estimate input(4)                                             | missing required option '--profile'",
      "frobnicate                                                    | unknown command 'frobnicate'",
  })
  void badInputIsOneLineOnStderrWithStatus2(String commandLine, String message) {
    String[] args = commandLine.strip().split("\\s+");
    for (int i = 0; i < args.length; i++) args[i] = args[i].replace('_', ' ');
    Result r = run(args);
    assertEquals(2, r.status());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains(message), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertEquals("", r.out());
  }
}
