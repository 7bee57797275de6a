package io.github.toenergy.cli;

import static io.github.toenergy.cli.CliOverflowTest.assertCliError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken profile on {@code --profile-path} is one line naming the file and key, exit status 2. */
class CliProfileErrorsTest {

  @Test
  void aBrokenKeyIsOneLineNamingFileAndKey(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("broken.properties");
    Files.writeString(file, "id=broken\ndescription=d\nhardware=h\nphases=inference\nformat=fp32\ncalibrated=false\n"
        + "arithmetic=cmos\nmodel.form=linear\nmodel.features=tos\nmodel.coefficients=1e-15\nmodel.covariance=0\n"
        + "model.residualVariance=0.01\nmodel.degreesOfFreedom=0\nmodel.tQuantile=1.8\nmodel.tosRange=1,2\n");
    String line = assertCliError(List.of("profiles", "--profile-path", dir.toString()),
        "key 'model.degreesOfFreedom'");
    org.junit.jupiter.api.Assertions.assertTrue(line.contains(file.toString()), line);
    // estimating on a shipped profile still fails: every profile on the path must be sound
    assertCliError(List.of("estimate", "--profile-path", dir.toString(), "--profile", "xeon-gold-5120",
        "input(4) dense(2)"), "key 'model.degreesOfFreedom'");
  }

  @Test
  void aMissingFolderIsNamed(@TempDir Path dir) {
    assertCliError(List.of("profiles", "--profile-path", dir.resolve("nowhere").toString()),
        "nowhere: is not a folder");
  }
}
