package io.github.toenergy.examples;

import io.github.toenergy.annotations.Mamba2;
import io.github.toenergy.annotations.MixtureOfExperts;
import io.github.toenergy.annotations.Network;

/**
 * One block of a hybrid state-space / mixture-of-experts language model (as Nemotron-H's Mamba-2
 * layers and Jamba's or Llama 4's expert layers), on a 1,024-token prompt of width 512: a Mamba-2
 * mixer of 16 heads of 64 with state 64, then 8 SwiGLU experts of 1,024 units, 2 per token, plus one
 * shared expert. 15,813,296 parameters, of which 6,376,112 are active for a token (the router, two
 * experts and the shared one): the generated class has both, {@code PARAMETERS} and
 * {@code ACTIVE_PARAMETERS}.
 */
@Network(input = {1024, 512}, name = "hybrid-block")
public class HybridBlock {
  @Mamba2(heads = 16, headDim = 64, state = 64)
  Object mixer;

  @MixtureOfExperts(experts = 8, top = 2, hidden = 1024, shared = 1)
  Object experts;
}
