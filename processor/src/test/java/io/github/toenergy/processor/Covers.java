package io.github.toenergy.processor;

import io.github.toenergy.processor.validation.Diagnostics;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the test that asserts a diagnostic's message, file and line; the catalogue must be covered. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Covers {
  Diagnostics value();
}
