/** Ready networks by name ({@code torchvision/resnet50}), read from class-path resources. */
@NullMarked
package io.github.toenergy.catalogue;

import org.jspecify.annotations.NullMarked;
