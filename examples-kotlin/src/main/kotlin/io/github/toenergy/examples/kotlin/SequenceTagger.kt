package io.github.toenergy.examples.kotlin

import io.github.toenergy.annotations.Dense
import io.github.toenergy.annotations.Lstm
import io.github.toenergy.annotations.MixtureOfExperts
import io.github.toenergy.annotations.Network

/**
 * A sequence tagger declared in Kotlin: 40 tokens of 100 features, a bidirectional LSTM of 128
 * units, a mixture of 4 SwiGLU experts (2 per token) and 17 tags at every token. kapt hands it to
 * toenergy's processor; `SequenceTaggerEnergy` has `PARAMETERS` and `ACTIVE_PARAMETERS`.
 */
@Network(input = [40, 100], name = "kotlin-sequence-tagger")
class SequenceTagger {
    @Lstm(hidden = 128, bidirectional = true) val lstm: Any? = null
    @MixtureOfExperts(experts = 4, top = 2, hidden = 256) val experts: Any? = null
    @Dense(units = 17) val tags: Any? = null
}
