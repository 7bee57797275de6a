#!/usr/bin/env python3
"""Writes the huggingface/<org>/<model> catalogue from the models' published configs, and checks their counts.

Reads runtime/core/src/test/resources/networks/huggingface-published.tsv (each model's config.json values,
its published parameter count and where that count is published). For every model it

  1. derives the parameters from the config, term by term, as the model's PyTorch modules hold them
     (Hugging Face transformers' modeling_<type>.py), and checks that they plus the parts the entry leaves
     out (a BERT checkpoint's pre-training heads, a multimodal model's vision encoder, DeepSeek's
     multi-token-prediction module, an FP8 checkpoint's block scales, ...) equal the published count:
     exactly, or to the digits shown where the count is published rounded;
  2. writes the entry's notation: the embedding, the blocks as repeat(n, ...), norms, attention (heads,
     key/value heads, head size, rotary embedding, sliding window), the MLP, gated MLP or mixture of experts,
     and the LM head (tied to the embedding or not).

    python3 scripts/huggingface-catalogue.py            # check, then write the catalogue resource
    python3 scripts/huggingface-catalogue.py --check    # check, and fail if the resource is not what it writes
    python3 scripts/huggingface-catalogue.py --report   # the derived counts, total and active, per model

Nothing is downloaded: the config values are in the table, with the address of each config.json.
"""
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "runtime/core/src/test/resources/networks/huggingface-published.tsv")
RESOURCE = os.path.join(ROOT, "runtime/core/src/main/resources/META-INF/toenergy/networks/huggingface.txt")

# The sequence length of each entry's input: the context the notation's MACs are counted for. Encoders
# and GPT-2 take their whole trained context (512, 1024 tokens); the decoders a 2,048-token prompt, which
# keeps Llama-3.1-405B's transistor operations within a long (issue 13's decode phase sets its own prompt
# and output lengths). Parameters do not depend on it. The number format is the published torch_dtype.
DEFAULT_LENGTH = 2048
FORMATS = {"float32": None, "bfloat16": "bf16", "float16": "fp16"}


def tokens(c, length):
    """input(L), in the config's number format."""
    fmt = FORMATS[c["torch_dtype"]]
    return "input(%d%s)" % (length, ",format=" + fmt if fmt else "")


# ---------------------------------------------------------------------------------------------------------
# The table


class Model:
    def __init__(self, line_number, fields):
        self.line = line_number
        self.name, self.same_as, self.published, entry, self.source, excluded, config = fields
        self.entry = int(entry)
        self.excluded = [e for e in excluded.split(",") if e]
        self.config = parse_config(config) if config else None


def parse_config(text):
    out = {}
    for item in text.split():
        key, _, value = item.partition("=")
        out[key] = convert(value)
    return out


def convert(value):
    if value in ("true", "false"):
        return value == "true"
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        return value


def read_table(path=TABLE):
    models = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 7:
                sys.exit(f"{path}:{number}: expected 7 tab-separated columns, found {len(fields)}")
            models.append(Model(number, fields))
    by_name = {m.name: m for m in models}
    for m in models:
        if m.same_as:
            base = by_name.get(m.same_as)
            if base is None or base.config is None:
                sys.exit(f"{path}:{m.line}: same_as '{m.same_as}' is not a model with a config in the table")
            m.config = base.config
        elif m.config is None:
            sys.exit(f"{path}:{m.line}: {m.name} has neither a config nor same_as")
    return models


# ---------------------------------------------------------------------------------------------------------
# Parameters, derived from the config. Each function returns (total, active) of the network the entry
# describes; `extra` derives the parts of a published count that the entry leaves out.


def linear(n_in, n_out, bias):
    return n_in * n_out + (n_out if bias else 0)


def bert_like(c, kind):
    """BERT, DistilBERT, RoBERTa: post-norm encoder layers with biases everywhere, LayerNorm with bias."""
    if kind == "distilbert":
        d, layers, ff, positions, types = c["dim"], c["n_layers"], c["hidden_dim"], c["max_position_embeddings"], 0
    else:
        d, layers, ff = c["hidden_size"], c["num_hidden_layers"], c["intermediate_size"]
        positions, types = c["max_position_embeddings"], c["type_vocab_size"]
    embeddings = (c["vocab_size"] + positions + types) * d + 2 * d  # word, position, token type tables; LayerNorm
    layer = 4 * linear(d, d, True) + 2 * d + linear(d, ff, True) + linear(ff, d, True) + 2 * d
    pooler = linear(d, d, True) if kind == "bert" else 0  # RoBERTa's checkpoint has none (not pre-trained)
    total = embeddings + layers * layer + pooler
    return total, total


def gpt2(c):
    d, layers = c["n_embd"], c["n_layer"]
    embeddings = (c["vocab_size"] + c["n_positions"]) * d
    layer = 2 * d + linear(d, 3 * d, True) + linear(d, d, True) + 2 * d + linear(d, 4 * d, True) + linear(4 * d, d, True)
    total = embeddings + layers * layer + 2 * d  # ln_f; the LM head is the embedding table (tied)
    return total, total


def t5(c):
    d, inner, ff, heads = c["d_model"], c["num_heads"] * c["d_kv"], c["d_ff"], c["num_heads"]
    attention = 4 * d * inner  # q, k, v, o without bias
    relative = c["relative_attention_num_buckets"] * heads  # in the first layer of each stack only
    encoder = c["num_layers"] * (attention + d + 2 * d * ff + d) + relative + d
    decoder = c["num_decoder_layers"] * (2 * attention + 2 * d + 2 * d * ff + d) + relative + d
    total = c["vocab_size"] * d + encoder + decoder  # shared embedding, tied with the LM head
    return total, total


def attention_gqa(d, heads, kv_heads, head_dim, bias=False, qk_norm=False, sinks=False):
    q, kv = heads * head_dim, kv_heads * head_dim
    params = linear(d, q, bias) + 2 * linear(d, kv, bias) + linear(q, d, bias)
    if qk_norm:
        params += 2 * head_dim  # RMSNorm over each head's query and key (Qwen3, Gemma 3)
    if sinks:
        params += heads  # one learned attention-sink logit per head (gpt-oss)
    return params


def decoder(c, mlp, active_mlp, norms_per_layer=2, qk_norm=False, bias=False, sinks=False):
    d = c["hidden_size"]
    head_dim = c.get("head_dim", d // c["num_attention_heads"])
    attention = attention_gqa(d, c["num_attention_heads"], c["num_key_value_heads"], head_dim, bias, qk_norm, sinks)
    per_layer = attention + norms_per_layer * d
    embeddings = c["vocab_size"] * d * (1 if c["tie_word_embeddings"] else 2)
    layers = c["num_hidden_layers"]
    total = embeddings + layers * (per_layer + mlp) + d
    active = embeddings + layers * (per_layer + active_mlp) + d
    return total, active


def llama_like(c):
    mlp = 3 * c["hidden_size"] * c["intermediate_size"]  # gate, up, down without bias
    return decoder(c, mlp, mlp, qk_norm=c["model_type"] == "qwen3")


def phi3(c):
    d = dict(c, head_dim=c["hidden_size"] // c["num_attention_heads"])
    mlp = 3 * c["hidden_size"] * c["intermediate_size"]  # gate_up fused, down
    return decoder(d, mlp, mlp)


def moe(c):
    """Mixtral, Qwen3-MoE: every layer routes to top-k of E SwiGLU experts; the router has no bias."""
    d = c["hidden_size"]
    if c["model_type"] == "mixtral":
        experts, ff = c["num_local_experts"], c["intermediate_size"]
    else:
        experts, ff = c["num_experts"], c["moe_intermediate_size"]
    expert = 3 * d * ff
    router = d * experts
    k = c["num_experts_per_tok"]
    return decoder(c, experts * expert + router, k * expert + router, qk_norm=c["model_type"] == "qwen3_moe")


def gpt_oss(c):
    d, experts, ff, k = c["hidden_size"], c["num_local_experts"], c["intermediate_size"], c["num_experts_per_tok"]
    expert = linear(d, 2 * ff, True) + linear(ff, d, True)  # gate_up with bias, down with bias
    router = linear(d, experts, True)
    return decoder(c, experts * expert + router, k * expert + router, bias=True, sinks=True)


def text(c):
    return {k[5:]: v for k, v in c.items() if k.startswith("text.")}


def gemma3(c):
    t = text(c)
    mlp = 3 * t["hidden_size"] * t["intermediate_size"]
    # four RMSNorms a layer: input, post-attention, pre- and post-feed-forward
    return decoder(t, mlp, mlp, norms_per_layer=4, qk_norm=True)


def llama4(c):
    t = text(c)
    d, experts, k = t["hidden_size"], t["num_local_experts"], t["num_experts_per_tok"]
    expert = 3 * d * t["intermediate_size"]
    moe_mlp = experts * expert + expert + d * experts  # routed experts, the shared expert, the router
    moe_active = k * expert + expert + d * experts
    dense_mlp = 3 * d * t["intermediate_size_mlp"]
    step = t["interleave_moe_layer_step"]
    layers = t["num_hidden_layers"]
    moe_layers = layers // step  # layers step-1, 2*step-1, ... route; the others are dense
    attention = attention_gqa(d, t["num_attention_heads"], t["num_key_value_heads"], t["head_dim"])  # qk L2 norm has no weights
    per_layer = attention + 2 * d
    embeddings = 2 * t["vocab_size"] * d
    total = embeddings + layers * per_layer + moe_layers * moe_mlp + (layers - moe_layers) * dense_mlp + d
    active = embeddings + layers * per_layer + moe_layers * moe_active + (layers - moe_layers) * dense_mlp + d
    return total, active


def deepseek_mla(c):
    d, heads = c["hidden_size"], c["num_attention_heads"]
    qk_head = c["qk_nope_head_dim"] + c["qk_rope_head_dim"]
    return (d * c["q_lora_rank"] + c["q_lora_rank"]  # q_a_proj, q_a_layernorm
            + c["q_lora_rank"] * heads * qk_head  # q_b_proj
            + d * (c["kv_lora_rank"] + c["qk_rope_head_dim"]) + c["kv_lora_rank"]  # kv_a_proj_with_mqa, kv_a_layernorm
            + c["kv_lora_rank"] * heads * (c["qk_nope_head_dim"] + c["v_head_dim"])  # kv_b_proj
            + heads * c["v_head_dim"] * d)  # o_proj


def deepseek_moe(c):
    d, experts = c["hidden_size"], c["n_routed_experts"]
    expert = 3 * d * c["moe_intermediate_size"]
    router = d * experts  # the gate's weight; its e_score_correction_bias is a buffer (see "correction-bias")
    shared = c["n_shared_experts"] * expert
    return experts * expert + shared + router, c["num_experts_per_tok"] * expert + shared + router


def deepseek_v3(c):
    d, layers, dense_layers = c["hidden_size"], c["num_hidden_layers"], c["first_k_dense_replace"]
    per_layer = deepseek_mla(c) + 2 * d
    dense = 3 * d * c["intermediate_size"]
    moe_total, moe_active = deepseek_moe(c)
    embeddings = 2 * c["vocab_size"] * d
    common = embeddings + layers * per_layer + dense_layers * dense + d
    return common + (layers - dense_layers) * moe_total, common + (layers - dense_layers) * moe_active


def mamba2(c):
    d = c["hidden_size"]
    inner = c["mamba_num_heads"] * c["mamba_head_dim"]
    groups_state = 2 * c["n_groups"] * c["ssm_state_size"]  # B and C, per group
    conv_channels = inner + groups_state  # x, B, C go through the causal depthwise convolution
    return (linear(d, 2 * inner + groups_state + c["mamba_num_heads"], c["mamba_proj_bias"])  # in_proj: z, xBC, dt
            + conv_channels * c["conv_kernel"] + (conv_channels if c["use_conv_bias"] else 0)
            + 3 * c["mamba_num_heads"]  # dt_bias, A_log, D
            + inner  # the gated RMSNorm before out_proj
            + linear(inner, d, c["mamba_proj_bias"]))


def nemotron_h(c):
    d = c["hidden_size"]
    pattern = c["hybrid_override_pattern"]
    if len(pattern) != c["num_hidden_layers"]:
        raise ValueError("hybrid_override_pattern has %d layers, num_hidden_layers %d" % (len(pattern), c["num_hidden_layers"]))
    mixer = {"M": mamba2(c),
             "*": attention_gqa(d, c["num_attention_heads"], c["num_key_value_heads"], c["head_dim"]),
             "-": 2 * d * c["intermediate_size"]}  # up, down (squared ReLU, not gated)
    total = 2 * c["vocab_size"] * d + sum(mixer[p] + d for p in pattern) + d  # one RMSNorm before each mixer
    return total, total


COUNTERS = {
    "bert": lambda c: bert_like(c, "bert"),
    "distilbert": lambda c: bert_like(c, "distilbert"),
    "roberta": lambda c: bert_like(c, "roberta"),
    "gpt2": gpt2,
    "t5": t5,
    "llama": llama_like,
    "mistral": llama_like,
    "qwen3": llama_like,
    "phi3": phi3,
    "mixtral": moe,
    "qwen3_moe": moe,
    "gpt_oss": gpt_oss,
    "gemma3": gemma3,
    "llama4": llama4,
    "deepseek_v3": deepseek_v3,
    "nemotron_h": nemotron_h,
}


def vision(c):
    """The image encoder and projector of a multimodal checkpoint, from its vision_config."""
    v = {k[7:]: val for k, val in c.items() if k.startswith("vision.")}
    d, ff, layers, patch = v["hidden_size"], v["intermediate_size"], v["num_hidden_layers"], v["patch_size"]
    patches = (v["image_size"] // patch) ** 2
    layer = 4 * linear(d, d, True) + linear(d, ff, True) + linear(ff, d, True) + 2 * 2 * d  # two LayerNorms
    text_d = c["text.hidden_size"]
    if c["model_type"] == "gemma3":  # SigLIP: conv patch embedding with bias, learned positions, post LayerNorm
        encoder = layers * layer + linear(v["num_channels"] * patch * patch, d, True) + patches * d + 2 * d
        projector = d * text_d + d  # mm_input_projection_weight, mm_soft_emb_norm (RMSNorm)
        return encoder + projector
    # Llama 4: unfolded patch embedding without bias, class token, positions, LayerNorms before and after,
    # the pixel-shuffle MLP adapter, and the projector into the text width
    shuffled = int(d / (v["pixel_shuffle_ratio"] ** 2))
    encoder = (layers * layer + v["num_channels"] * patch * patch * d + d + (patches + 1) * d + 2 * 2 * d
               + shuffled * v["projector_input_dim"] + v["projector_input_dim"] * v["projector_output_dim"])
    return encoder + v["vision_output_dim"] * text_d


def fp8_block_scales(c):
    """One FP32 scale per 128 x 128 block of each FP8 linear weight (attention and experts; routers stay BF16)."""
    def blocks(n_in, n_out):
        return math.ceil(n_in / 128) * math.ceil(n_out / 128)
    if c["model_type"] == "qwen3_moe":
        d, q, kv, ff = c["hidden_size"], c["num_attention_heads"] * c["head_dim"], c["num_key_value_heads"] * c["head_dim"], c["moe_intermediate_size"]
        per_layer = blocks(d, q) + 2 * blocks(d, kv) + blocks(q, d) + c["num_experts"] * (2 * blocks(d, ff) + blocks(ff, d))
        return c["num_hidden_layers"] * per_layer
    if c["model_type"] == "deepseek_v3":
        d, heads = c["hidden_size"], c["num_attention_heads"]
        attention = (blocks(d, c["q_lora_rank"]) + blocks(c["q_lora_rank"], heads * (c["qk_nope_head_dim"] + c["qk_rope_head_dim"]))
                     + blocks(d, c["kv_lora_rank"] + c["qk_rope_head_dim"])
                     + blocks(c["kv_lora_rank"], heads * (c["qk_nope_head_dim"] + c["v_head_dim"])) + blocks(heads * c["v_head_dim"], d))
        dense = 2 * blocks(d, c["intermediate_size"]) + blocks(c["intermediate_size"], d)
        expert = 2 * blocks(d, c["moe_intermediate_size"]) + blocks(c["moe_intermediate_size"], d)
        layers = c["num_hidden_layers"] + c["num_nextn_predict_layers"]  # the MTP layer is stored in FP8 too
        moe_layers = layers - c["first_k_dense_replace"]
        return layers * attention + c["first_k_dense_replace"] * dense + moe_layers * (c["n_routed_experts"] + c["n_shared_experts"]) * expert
    raise ValueError("no FP8 block layout known for " + c["model_type"])


def deepseek_mtp(c):
    """The multi-token-prediction module: one more MoE layer, two RMSNorms and a projection joining the
    embedding with the last hidden state, its norm, and its own copies of the embedding and LM head."""
    d = c["hidden_size"]
    moe_total, _ = deepseek_moe(c)
    return (deepseek_mla(c) + 2 * d + moe_total + c["n_routed_experts"]  # its layer, the router's correction bias
            + 2 * d + 2 * d * d + d + 2 * c["vocab_size"] * d)


def bert_mlm_head(c):
    d = c["hidden_size"]
    return linear(d, d, True) + 2 * d + c["vocab_size"]  # transform, LayerNorm, decoder bias (its weight is tied)


EXTRA = {
    "mlm-head": bert_mlm_head,
    "nsp-head": lambda c: linear(c["hidden_size"], 2, True),
    # RobertaForMaskedLM's head; the checkpoint has no pooler, the entry none either
    "lm-head-roberta": bert_mlm_head,
    "mask-buffers": lambda c: c["n_layer"] * c["n_positions"] ** 2,  # attn.bias, 1 x 1 x n x n per layer
    "vision": vision,
    "mtp": deepseek_mtp,
    "fp8-scales": fp8_block_scales,
    # DeepSeek's routers add a per-expert bias to the scores when choosing experts, a buffer Hugging Face
    # registers apart from the parameters ("updated via load statistics, not gradients") but stores
    "correction-bias": lambda c: (c["num_hidden_layers"] - c["first_k_dense_replace"]) * c["n_routed_experts"],
}


def count(model):
    total, active = COUNTERS[model.config["model_type"]](model.config)
    extras = {name: EXTRA[name](model.config) for name in model.excluded}
    return total, active, extras


def matches(published, derived):
    """Exact for an integer; to the digits shown for a rounded figure such as 12.31B."""
    if published.endswith("B"):
        digits = published[:-1]
        decimals = len(digits.partition(".")[2])
        return round(derived / 1e9, decimals) == float(digits)
    return int(published) == derived


# ---------------------------------------------------------------------------------------------------------
# Notation (docs/notation.md): embedding(V,D), posembedding(rows), layernorm, rmsnorm, attention(heads, ...),
# mla(heads, ...), glu(hidden, act=...), moe(experts=,top=,hidden=, ...), mamba2(...), residual(...),
# repeat(n, ...), select, dense. An entry whose model needs a construct the notation lacks is left out
# and listed by pending() with the reason.


def notation(model):
    """The entry's notation, or None when it needs a construct listed by pending()."""
    c = model.config
    if pending(model):
        return None
    text = NOTATION[c["model_type"]](c)
    if model.name.endswith("-FP8"):
        # an FP8 build: its linear weights are FP8 E4M3 (with block or row scales, under 0.1% of the bytes)
        text = text.replace(",format=bf16)", ",format=fp8)", 1)
    return text


def pending(model):
    """Why the model cannot be written yet, or None."""
    return PENDING.get(model.config["model_type"])


def tied(c):
    if c.get("model_type") in ("gpt2", "t5"):  # GPT2LMHeadModel and T5 v1.0 tie without saying so
        return True
    return c.get("tie_word_embeddings", c.get("text.tie_word_embeddings", False))


def call(name, *positional, **options):
    args = [str(p) for p in positional]
    for key, value in options.items():
        if value is None or value is False and key not in ("bias",):
            continue
        args.append("%s=%s" % (key, str(value).lower() if isinstance(value, bool) else value))
    return "%s(%s)" % (name, ",".join(args)) if args else name


def attention(heads, kv, head_dim, d, bias=False, **options):
    """attention(...) with the defaults left out: kvheads = heads, headdim = D / heads, biases on."""
    return call("attention", heads, kvheads=kv if kv != heads else None,
                headdim=head_dim if head_dim * heads != d else None, bias=False if not bias else None, **options)


def repeat(n, body):
    return body if n == 1 else "repeat(%d, %s)" % (n, body)


def lm_head(c, vocab):
    """The output projection: its own weights, or the embedding's table read back (unembed)."""
    return call("unembed", vocab) if tied(c) else call("dense", vocab, bias=False)


def n_bert(c):
    kind = c["model_type"]
    if kind == "distilbert":
        d, layers, heads, ff, positions, types = c["dim"], c["n_layers"], c["n_heads"], c["hidden_dim"], c["max_position_embeddings"], 0
    else:
        d, layers, heads, ff = c["hidden_size"], c["num_hidden_layers"], c["num_attention_heads"], c["intermediate_size"]
        positions, types = c["max_position_embeddings"], c["type_vocab_size"]
    # the whole trained context: 512 tokens (RoBERTa's table has 514 rows, two of them for its padding offset)
    parts = [tokens(c, 512), call("embedding", c["vocab_size"], d), call("posembedding", positions)]
    if types:
        parts.append(call("posembedding", types))  # the token-type table, added like the positions
    parts.append("layernorm")
    # post-norm: each sub-layer's sum is normalised
    block = "residual(%s) layernorm residual(%s gelu %s) layernorm" % (
        attention(heads, heads, d // heads, d, bias=True), call("dense", ff), call("dense", d))
    parts.append(repeat(layers, block))
    if kind == "bert":
        parts.append("select %s tanh" % call("dense", d))  # the pooler: the first token, dense, tanh
    return " ".join(parts)


def n_gpt2(c):
    d, heads, positions = c["n_embd"], c["n_head"], c["n_positions"]
    block = "residual(layernorm %s) residual(layernorm %s gelu %s)" % (
        attention(heads, heads, d // heads, d, bias=True, causal=True), call("dense", 4 * d), call("dense", d))
    return " ".join([tokens(c, positions), call("embedding", c["vocab_size"], d), call("posembedding", positions),
                     repeat(c["n_layer"], block), "layernorm", lm_head(c, c["vocab_size"])])


def n_decoder(c):
    """Llama, Mistral, Qwen3, Phi-3, Mixtral, Qwen3-MoE: pre-norm RMSNorm blocks, rotary GQA, SwiGLU or MoE."""
    kind = c["model_type"]
    d, heads, kv = c["hidden_size"], c["num_attention_heads"], c["num_key_value_heads"]
    head_dim = c.get("head_dim", d // heads)
    window = c.get("sliding_window")
    attn = attention(heads, kv, head_dim, d, causal=True, sliding=window if window and window < DEFAULT_LENGTH else None,
                     rope=True, qknorm=kind in ("qwen3", "qwen3_moe"))
    if kind == "mixtral":
        mlp = call("moe", experts=c["num_local_experts"], top=c["num_experts_per_tok"], hidden=c["intermediate_size"])
    elif kind == "qwen3_moe":
        mlp = call("moe", experts=c["num_experts"], top=c["num_experts_per_tok"], hidden=c["moe_intermediate_size"])
    else:
        mlp = call("glu", c["intermediate_size"])
    block = "residual(rmsnorm %s) residual(rmsnorm %s)" % (attn, mlp)
    return " ".join([tokens(c, DEFAULT_LENGTH), call("embedding", c["vocab_size"], d),
                     repeat(c["num_hidden_layers"], block), "rmsnorm", lm_head(c, c["vocab_size"])])


def n_gpt_oss(c):
    """Alternating sliding-window (128) and full attention, both with sinks and biases; MoE with biases."""
    d, heads, kv, head_dim = c["hidden_size"], c["num_attention_heads"], c["num_key_value_heads"], c["head_dim"]
    mlp = "residual(rmsnorm %s)" % call("moe", experts=c["num_local_experts"], top=c["num_experts_per_tok"],
                                        hidden=c["intermediate_size"], bias=True)
    def block(sliding):
        return "residual(rmsnorm %s) %s" % (attention(heads, kv, head_dim, d, bias=True, causal=True, sliding=sliding,
                                                      rope=True, sinks=True), mlp)
    pair = block(c["sliding_window"]) + " " + block(None)  # layer_types: sliding, full, sliding, ...
    return " ".join([tokens(c, DEFAULT_LENGTH), call("embedding", c["vocab_size"], d),
                     repeat(c["num_hidden_layers"] // 2, pair), "rmsnorm", lm_head(c, c["vocab_size"])])


def n_llama4(c):
    """The text decoder: RoPE with chunked attention on three layers of four, the fourth NoPE and global;
    Scout routes every layer, Maverick alternates dense and MoE layers (interleave_moe_layer_step 2)."""
    t = text(c)
    d, heads, kv, head_dim = t["hidden_size"], t["num_attention_heads"], t["num_key_value_heads"], t["head_dim"]
    chunk = t["attention_chunk_size"]
    moe = call("moe", experts=t["num_local_experts"], top=t["num_experts_per_tok"], hidden=t["intermediate_size"], shared=1)
    dense = call("glu", t["intermediate_size_mlp"])
    step, nope = t["interleave_moe_layer_step"], t["no_rope_layer_interval"]
    period = step * nope // math.gcd(step, nope)
    blocks = []
    for i in range(period):
        rope_layer = (i + 1) % nope != 0
        # chunked attention is non-overlapping windows of `chunk` positions: the same as global below it
        attn = attention(heads, kv, head_dim, d, causal=True, window=chunk if rope_layer and DEFAULT_LENGTH > chunk else None,
                         rope=rope_layer or None)
        mlp = moe if (i + 1) % step == 0 else dense
        blocks.append("residual(rmsnorm %s) residual(rmsnorm %s)" % (attn, mlp))
    return " ".join([tokens(c, DEFAULT_LENGTH), call("embedding", t["vocab_size"], d),
                     repeat(t["num_hidden_layers"] // period, " ".join(blocks)), "rmsnorm", lm_head(t, t["vocab_size"])])


def n_deepseek_v3(c):
    d = c["hidden_size"]
    mla = call("mla", c["num_attention_heads"], qrank=c["q_lora_rank"], kvrank=c["kv_lora_rank"],
               nope=c["qk_nope_head_dim"], rope=c["qk_rope_head_dim"], vdim=c["v_head_dim"], causal=True)
    dense = "residual(rmsnorm %s) residual(rmsnorm %s)" % (mla, call("glu", c["intermediate_size"]))
    routed = "residual(rmsnorm %s) residual(rmsnorm %s)" % (mla, call(
        "moe", experts=c["n_routed_experts"], top=c["num_experts_per_tok"], hidden=c["moe_intermediate_size"],
        shared=c["n_shared_experts"]))
    first = c["first_k_dense_replace"]
    return " ".join([tokens(c, DEFAULT_LENGTH), call("embedding", c["vocab_size"], d), repeat(first, dense),
                     repeat(c["num_hidden_layers"] - first, routed), "rmsnorm", lm_head(c, c["vocab_size"])])


def n_nemotron_h(c):
    """Mamba-2 (M), attention without positional encoding (*) and squared-ReLU MLP (-) layers in the
    published order, each after an RMSNorm with a residual connection; runs written with repeat."""
    d = c["hidden_size"]
    layer = {
        "M": "residual(rmsnorm %s)" % call("mamba2", heads=c["mamba_num_heads"], headdim=c["mamba_head_dim"],
                                            groups=c["n_groups"], state=c["ssm_state_size"]
                                            if c["ssm_state_size"] != 128 else None,
                                            conv=c["conv_kernel"] if c["conv_kernel"] != 4 else None,
                                            chunk=c["chunk_size"] if c["chunk_size"] != 256 else None),
        "*": "residual(rmsnorm %s)" % attention(c["num_attention_heads"], c["num_key_value_heads"], c["head_dim"], d, causal=True),
        # squared ReLU, relu(x)^2: written relu (the square, one multiply a feature, is not counted)
        "-": "residual(rmsnorm %s relu %s)" % (call("dense", c["intermediate_size"], bias=False), call("dense", d, bias=False)),
    }
    return " ".join([tokens(c, DEFAULT_LENGTH), call("embedding", c["vocab_size"], d),
                     runs(c["hybrid_override_pattern"], layer), "rmsnorm", lm_head(c, c["vocab_size"])])


def runs(pattern, layer):
    """The pattern's layers, each maximal run of a repeated unit of 1 to 4 layers as repeat(n, ...)."""
    out, i = [], 0
    while i < len(pattern):
        best = (1, 1)  # (unit length, times)
        for size in range(1, 5):
            unit = pattern[i:i + size]
            times = 1
            while pattern[i + times * size:i + (times + 1) * size] == unit:
                times += 1
            if len(unit) == size and times > 1 and size * times > best[0] * best[1]:
                best = (size, times)
        size, times = best
        out.append(repeat(times, " ".join(layer[p] for p in pattern[i:i + size])))
        i += size * times
    return " ".join(out)


def n_t5(c):
    """Encoder then decoder in one chain, counted at the encoder's length for the targets too: the decoder's
    stream starts from the encoder's output instead of the embedded targets (the same table, tied, so no
    parameters and no MACs are lost), its cross-attention reads a memory of that many positions. T5's norm
    is an RMS norm without bias; its relative position bias (32 buckets a head) is in each stack's first layer."""
    d, heads, length = c["d_model"], c["num_heads"], 512
    head_dim = c["d_kv"]
    ff = "residual(rmsnorm %s relu %s)" % (call("dense", c["d_ff"], bias=False), call("dense", d, bias=False))
    def self_attention(first, causal):
        return "residual(rmsnorm %s)" % attention(heads, heads, head_dim, d, causal=causal or None,
                                                  relbias=c["relative_attention_num_buckets"] if first else None)
    cross = "residual(rmsnorm %s)" % attention(heads, heads, head_dim, d, cross=length)
    encoder = [self_attention(True, False) + " " + ff,
               repeat(c["num_layers"] - 1, self_attention(False, False) + " " + ff), "rmsnorm"]
    decoder = [" ".join([self_attention(True, True), cross, ff]),
               repeat(c["num_decoder_layers"] - 1, " ".join([self_attention(False, True), cross, ff])), "rmsnorm"]
    return " ".join([tokens(c, length), call("embedding", c["vocab_size"], d)] + encoder + decoder
                    + [lm_head(c, c["vocab_size"])])


def n_gemma3(c):
    """The text decoder: sandwich norms (before and after attention and MLP), GeGLU, q/k norms, five
    sliding-window (1024) layers to each global one."""
    t = text(c)
    d, heads, kv, head_dim = t["hidden_size"], t["num_attention_heads"], t["num_key_value_heads"], t["head_dim"]
    mlp = "residual(rmsnorm %s rmsnorm)" % call("glu", t["intermediate_size"], act="gelu")
    def block(sliding):
        return "residual(rmsnorm %s rmsnorm) %s" % (attention(heads, kv, head_dim, d, causal=True, sliding=sliding,
                                                              rope=True, qknorm=True), mlp)
    period = t["sliding_window_pattern"]
    local = block(t["sliding_window"] if t["sliding_window"] < DEFAULT_LENGTH else None)
    group = "%s %s" % (repeat(period - 1, local), block(None))
    layers = t["num_hidden_layers"]
    parts = [tokens(c, DEFAULT_LENGTH), call("embedding", t["vocab_size"], d), repeat(layers // period, group)]
    if layers % period:
        parts.append(repeat(layers % period, local))  # layer i is global when (i + 1) % period == 0
    return " ".join(parts + ["rmsnorm", lm_head(t, t["vocab_size"])])


NOTATION = {
    "bert": n_bert,
    "distilbert": n_bert,
    "roberta": n_bert,
    "gpt2": n_gpt2,
    "llama": n_decoder,
    "mistral": n_decoder,
    "qwen3": n_decoder,
    "phi3": n_decoder,
    "mixtral": n_decoder,
    "qwen3_moe": n_decoder,
    "gpt_oss": n_gpt_oss,
    "llama4": n_llama4,
    "deepseek_v3": n_deepseek_v3,
    "nemotron_h": n_nemotron_h,
    "gemma3": n_gemma3,
    "t5": n_t5,
}

# Model types whose notation needs a construct the runtime does not have, and which.
PENDING = {
}


# ---------------------------------------------------------------------------------------------------------


def mlenergy_models():
    """The model ids of The ML.ENERGY Benchmark data (issue 13) where shared/ is found beside the checkout."""
    for shared in (os.path.join(ROOT, "..", "shared"), os.path.join(ROOT, "..", "..", "shared")):
        path = os.path.join(shared, "data", "mlenergy-llm", "llm_runs.tsv")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                next(f)
                return path, sorted({line.split("\t")[0] for line in f if line.strip()})
    return None, []


def main(argv):
    models = read_table()
    failures = []
    data, measured = mlenergy_models()
    missing = sorted(set(measured) - {m.name for m in models})
    if missing:
        failures.append("models of %s missing from the table: %s" % (data, ", ".join(missing)))
    lines = []
    report = "--report" in argv
    for m in models:
        total, active, extras = count(m)
        derived = total + sum(extras.values())
        if not matches(m.published, derived) or total != m.entry:
            failures.append("%s: derived %d (entry %d + %s), published %s, entry column %d"
                            % (m.name, derived, total, extras, m.published, m.entry))
        if report:
            parts = " ".join("%s=%d" % kv for kv in extras.items())
            print("%-52s entry %16d  active %16d  %s" % (m.name, total, active, parts))
        written = notation(m)
        lines.append("%s\t%s" % (m.name, written) if written is not None
                     else "# pending %s: %s" % (m.name, pending(m)))
    if failures:
        sys.exit("parameters derived from the configs differ from the published counts:\n  " + "\n  ".join(failures))
    text = ("# huggingface/<org>/<model>: written by scripts/huggingface-catalogue.py from\n"
            "# runtime/core/src/test/resources/networks/huggingface-published.tsv (configs and published counts);\n"
            "# '# pending' lines name the models waiting for a construct of the notation, and which\n"
            + "\n".join(lines) + "\n")
    if "--check" in argv:
        with open(RESOURCE, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit(RESOURCE + " is not what the script writes: run scripts/huggingface-catalogue.py")
    elif not report:
        os.makedirs(os.path.dirname(RESOURCE), exist_ok=True)
        with open(RESOURCE, "w", encoding="utf-8") as f:
            f.write(text)
    waiting = [m.name for m in models if pending(m)]
    if data:
        print("all %d models of %s are in the table" % (len(measured), data), file=sys.stderr)
    print("%d models checked against their published counts; %d catalogue entries; %d pending:"
          % (len(models), len(models) - len(waiting), len(waiting)), file=sys.stderr)
    for m in models:
        if pending(m):
            print("  %s: %s" % (m.name, pending(m)), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
