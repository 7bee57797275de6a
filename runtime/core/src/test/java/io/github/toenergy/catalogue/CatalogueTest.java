package io.github.toenergy.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Network;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue's mechanism: names, close-name errors, and namespaces a user's class path adds. */
class CatalogueTest {
  @TempDir Path dir;

  /** A class loader over {@code dir} (and the runtime's own class path as its parent). */
  private Catalogue catalogueWith(String index, String namespace, String text) throws IOException {
    Path networks = Files.createDirectories(dir.resolve(Catalogue.RESOURCE_DIR));
    Files.writeString(networks.resolve("index"), index, StandardCharsets.UTF_8);
    Files.writeString(networks.resolve(namespace + ".txt"), text, StandardCharsets.UTF_8);
    return Catalogue.of(new URLClassLoader(new URL[] {dir.toUri().toURL()}, Catalogue.class.getClassLoader()));
  }

  @Test
  void aNameGivesItsNetworkNamedSo() {
    Network resnet = Catalogue.network("torchvision/resnet18");
    assertEquals("torchvision/resnet18", resnet.name());
    // torchvision publishes 11,689,512 parameters for resnet18 (ResNet18_Weights.IMAGENET1K_V1)
    assertEquals(11_689_512, NetworkCost.of(resnet, Phase.INFERENCE).parameters());
    assertTrue(Catalogue.shipped().names().contains("torchvision/resnet50"));
    assertEquals("torchvision", Catalogue.shipped().namespaces().get(0));
  }

  @Test
  void whatIsANameAndWhatIsNotation() {
    assertTrue(Catalogue.isName("torchvision/resnet50"));
    assertTrue(Catalogue.isName("huggingface/meta-llama/Llama-3.1-8B"));
    assertFalse(Catalogue.isName("input(784) dense(10)"));
    assertFalse(Catalogue.isName("@nets/resnet.net"));
    assertFalse(Catalogue.isName("resnet50"));
  }

  @Test
  void anUnknownModelListsTheCloseNames() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalogue.network("torchvision/resnet5"));
    assertTrue(e.getMessage().startsWith("unknown network 'torchvision/resnet5'; did you mean 'torchvision/resnet50'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("'toenergy networks torchvision' lists them"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Catalogue.network("torchvision/ResNet18"));
    assertTrue(e.getMessage().contains("did you mean 'torchvision/resnet18'"), e.getMessage());
  }

  @Test
  void anUnknownNamespaceListsTheNamespaces() {
    String namespaces = String.join(", ", Catalogue.shipped().namespaces());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalogue.network("torchvisoin/resnet50"));
    assertEquals("unknown network 'torchvisoin/resnet50'; did you mean 'torchvision/resnet50'? (a catalogue name is "
        + "namespace/model; namespaces: " + namespaces + "; a notation file is given as @FILE)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Catalogue.network("resnet50"));
    assertEquals("unknown network 'resnet50' (a catalogue name is namespace/model; namespaces: " + namespaces
        + "; a notation file is given as @FILE)", e.getMessage());
  }

  @Test
  void aUserClassPathAddsANamespace() throws IOException {
    Catalogue catalogue = catalogueWith("# mine\nmine\n", "mine",
        "# my networks\nmlp\tinput(784) dense(128) relu dense(10) softmax\r\nsub/deep.net\tinput(4) dense(2)\n");
    assertEquals(Catalogue.shipped().namespaces().size() + 1, catalogue.namespaces().size());
    assertEquals("mine", catalogue.namespaces().get(catalogue.namespaces().size() - 1)); // after the runtime's own
    assertTrue(catalogue.names().containsAll(List.of("mine/mlp", "mine/sub/deep.net", "torchvision/resnet50")));
    // 784*128 + 128*10 MACs, the MNIST MLP of the examples
    assertEquals(101_632, NetworkCost.of(catalogue.get("mine/mlp"), Phase.INFERENCE).macs(1));
    assertEquals(8, NetworkCost.of(catalogue.get("mine/sub/deep.net"), Phase.INFERENCE).macs(1));
  }

  @Test
  void aMalformedEntryNamesItsResourceAndLine() throws IOException {
    CatalogueException e = assertThrows(CatalogueException.class,
        () -> catalogueWith("mine\n", "mine", "# comment\nmlp input(784)\n").names());
    assertTrue(e.getMessage().endsWith("mine.txt:2: expected model<TAB>notation, found no tab"), e.getMessage());

    e = assertThrows(CatalogueException.class,
        () -> catalogueWith("mine\n", "mine", "a\tinput(4) dense(2)\na\tinput(4) dense(3)\n").names());
    assertTrue(e.getMessage().matches(".*mine\\.txt:2: 'a' is also defined at .*mine\\.txt:1"), e.getMessage());

    e = assertThrows(CatalogueException.class, () -> catalogueWith("mine\n", "mine", "b c\tinput(4)\n").names());
    assertTrue(e.getMessage().endsWith("mine.txt:1: 'b c' is not a model name (letters, digits, '_', '.', '-', '/')"),
        e.getMessage());

    e = assertThrows(CatalogueException.class, () -> catalogueWith("mine\n", "mine", "m\tinput(4) dense(2)\u0007\n").names());
    assertTrue(e.getMessage().endsWith("mine.txt: control character \\u0007 (the catalogue is text)"), e.getMessage());

    e = assertThrows(CatalogueException.class, () -> catalogueWith("Mine\n", "mine", "").names());
    assertTrue(e.getMessage().endsWith("index:1: 'Mine' is not a namespace (lower-case letters, digits and dashes)"),
        e.getMessage());
  }

  @Test
  void aWrongNotationIsFoundWhenItsNetworkIsAskedFor() throws IOException {
    Catalogue catalogue = catalogueWith("mine\n", "mine", "ok\tinput(4) dense(2)\nbad\tinput(4) dense(2) conv2d(3,k=3)\n");
    assertEquals(List.of("mine/ok", "mine/bad"), catalogue.names().subList(catalogue.names().size() - 2, catalogue.names().size()));
    CatalogueException e = assertThrows(CatalogueException.class, () -> catalogue.get("mine/bad"));
    // column 19: the conv2d after "input(4) dense(2) ", which has no image to convolve
    assertTrue(e.getMessage().matches(".*mine\\.txt:2: bad: column 19: conv2d\\(3,k=3\\): conv2d needs a C x H x W input.*"),
        e.getMessage());
  }
}
