package io.github.toenergy.catalogue;

/** A catalogue resource that cannot be read or holds a wrong entry; the message names the resource and line. */
public final class CatalogueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CatalogueException(String message) {
    super(message);
  }
}
