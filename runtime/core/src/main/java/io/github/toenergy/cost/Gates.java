package io.github.toenergy.cost;

/**
 * The gate library of the default arithmetic model: transistor counts of textbook static-CMOS
 * gates (Weste &amp; Harris, "CMOS VLSI Design", 4th ed., ch. 9 and 11; the 28-transistor mirror
 * full adder is fig. 11.4). A TO is one transistor of a circuit that switches for the task.
 */
public final class Gates {
  private Gates() {}

  /** Inverter: one pMOS, one nMOS. */
  public static final int INV = 2;
  /** Two-input NAND: two parallel pMOS, two series nMOS. */
  public static final int NAND2 = 4;
  /** Two-input NOR: two series pMOS, two parallel nMOS. */
  public static final int NOR2 = 4;
  /** Two-input AND: NAND2 followed by an inverter. */
  public static final int AND2 = NAND2 + INV;
  /** Two-input OR: NOR2 followed by an inverter. */
  public static final int OR2 = NOR2 + INV;
  /** Two-input XOR, static CMOS with inverted inputs (Weste &amp; Harris fig. 9.20): 12 transistors. */
  public static final int XOR2 = 12;
  /** Two-input multiplexer, static CMOS AOI22 + inverters: 12 transistors. */
  public static final int MUX2 = 12;
  /** Mirror full adder (Weste &amp; Harris fig. 11.4): 28 transistors. */
  public static final int FULL_ADDER = 28;
  /** Half adder: one XOR2 for the sum, one AND2 for the carry. */
  public static final int HALF_ADDER = XOR2 + AND2;
}
