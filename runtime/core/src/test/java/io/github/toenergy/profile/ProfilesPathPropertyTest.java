package io.github.toenergy.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfilesPathPropertyTest {

  @Test
  void thePropertyIsAPathSeparatedListOfFolders() {
    assertEquals(List.of(), Profiles.folders(null));
    assertEquals(List.of(), Profiles.folders("  "));
    assertEquals(List.of(Path.of("a"), Path.of("b/c")),
        Profiles.folders("a" + File.pathSeparator + " b/c " + File.pathSeparator));
  }
}
