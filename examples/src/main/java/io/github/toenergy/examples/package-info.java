/**
 * Well-known networks declared with toenergy's annotations, as a user would write them. The
 * annotation processor generates {@code <Name>Energy} beside each class: MAC, TO and parameter
 * constants, the network in text notation, and one estimator per shipped profile.
 *
 * <p>Each class follows the torchvision (or original paper) definition layer by layer, so its
 * {@code TOTAL_MACS} and {@code PARAMETERS} can be checked against published figures; the tests do.
 */
package io.github.toenergy.examples;
