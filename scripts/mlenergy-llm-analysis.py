#!/usr/bin/env python3
"""What drives GPU joules per generated token in the ML.ENERGY LLM serving runs (issue 13).

Reads the repository's copy, runtime/refit/src/test/resources/measurements/mlenergy-llm/llm_runs.tsv,
and prints the tables behind the "LLM serving: what the features are" section of docs/accuracy.md.
Needs Python 3.9+ and numpy. Run from the repository root:

    python3 scripts/mlenergy-llm-analysis.py

This is exploration only: the shipped h100/b200 profiles are fitted by runtime/refit (Java), with
features the runtime computes from each model's network. Here the same quantities are approximated
from the rows and the small table below, taken from each model's published config.json.
"""
import collections
import csv
import math
import os
import statistics

import numpy as np

DATA = os.path.join(os.path.dirname(__file__), "..", "runtime", "refit", "src", "test", "resources",
                    "measurements", "mlenergy-llm", "llm_runs.tsv")

# Bytes per weight: bf16 2, FP8 E4M3 1, MXFP4 17 bytes per 32 (docs/method.md).
BYTES = {"bfloat16": 2.0, "fp8": 1.0, "mxfp4": 17 / 32}
# TOs of one MAC in the weights' format, default cmos model (docs/method.md, "Circuits per number format").
TO_MAC = {"bfloat16": 4592, "fp8": 6048, "mxfp4": 5534}
# Routed experts and experts per token (config.json: num_experts / n_routed_experts, num_experts_per_tok).
EXPERTS = {"Qwen3-235B": (128, 8), "Qwen3-30B": (128, 8), "Qwen3-Coder-30B": (128, 8),
           "Qwen3-Coder-480B": (160, 8), "DeepSeek": (256, 8), "Maverick": (128, 1), "gpt-oss": (128, 4)}
# Cache values per token position: 2 x attention layers x KV heads x head dim (MLA: latent 512 + rope 64 per
# layer; the Nemotron hybrids: only their attention layers), from config.json.
KV_PER_POSITION = {
    "Qwen3-8B": 2 * 36 * 8 * 128, "Qwen3-32B": 2 * 64 * 8 * 128, "Qwen3-30B": 2 * 48 * 4 * 128,
    "Qwen3-Coder-30B": 2 * 48 * 4 * 128, "Qwen3-235B": 2 * 94 * 4 * 128, "Qwen3-Coder-480B": 2 * 62 * 8 * 128,
    "Llama-3.1-8B": 2 * 32 * 8 * 128, "70B": 2 * 80 * 8 * 128, "405B": 2 * 126 * 8 * 128,
    "Maverick": 2 * 48 * 8 * 128, "DeepSeek": 61 * 576, "gemma-3-12b": 2 * 48 * 8 * 256,
    "Nano-12B": 2 * 6 * 8 * 128, "Nano-9B": 2 * 4 * 8 * 128, "gpt-oss": 2 * 36 * 8 * 64}
# Mamba-2 state values per sequence, read and written once per generated token: layers x heads x head dim x
# state size (Nemotron-Nano-v2: 27 and 28 Mamba-2 layers of 128 heads x 80 x 128).
STATE = {"Nano-9B": 27 * 128 * 80 * 128, "Nano-12B": 28 * 128 * 80 * 128}
# Assumed mean prompt tokens per task (the files do not give them): GPQA questions, chat turns, code contexts.
PROMPT = {"gpqa": 300, "lm-arena-chat": 1000, "sourcegraph-fim": 2000}


def lookup(table, model_id):
    """The entry whose key is the longest one contained in the model id."""
    keys = [k for k in table if k in model_id]
    return table[max(keys, key=len)] if keys else None


def load():
    rows = []
    with open(DATA, newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            for k in ("total_params_billions", "activated_params_billions", "avg_batch_size", "avg_output_len",
                      "energy_per_token_joules", "avg_power_watts", "median_itl_ms"):
                r[k] = float(r[k])
            for k in ("num_gpus", "max_num_seqs", "expert_parallel"):
                r[k] = int(r[k])
            r["model"] = r["model_id"][:-4] if r["model_id"].endswith("-FP8") else r["model_id"]
            rows.append(r)
    return rows


def weights_read(r, routed=True):
    """Parameters read per decode step: all of a dense model; of a MoE, the shared part and the experts that
    at least one of the batch's tokens is routed to, E(1 - (1 - k/E)^B) per layer."""
    total = r["total_params_billions"] * 1e9
    active = r["activated_params_billions"] * 1e9
    if r["architecture"] != "MoE" or not routed:
        return total
    e, k = lookup(EXPERTS, r["model_id"])
    experts = (total - active) / (1 - k / e)
    return total - experts + experts * (1 - (1 - k / e) ** r["avg_batch_size"])


FEATURES = {
    # joules per token = sum of coefficient x feature, each feature per generated token
    "active params": lambda r: r["activated_params_billions"],
    "GPUs / batch": lambda r: r["num_gpus"] / r["avg_batch_size"],
    "weight GB / batch (all experts)": lambda r: weights_read(r, False) * BYTES[r["weight_precision"]] / r[
        "avg_batch_size"] / 1e9,
    "weight GB / batch (routed)": lambda r: weights_read(r) * BYTES[r["weight_precision"]] / r["avg_batch_size"] / 1e9,
    "TOs (1e12)": lambda r: r["activated_params_billions"] * 1e9 * TO_MAC[r["weight_precision"]] / 1e12,
    "KV GB": lambda r: lookup(KV_PER_POSITION, r["model_id"]) * 2 * (PROMPT[r["task"]] + r["avg_output_len"] / 2)
    / 1e9,
    "KV + state GB": lambda r: (lookup(KV_PER_POSITION, r["model_id"]) * (PROMPT[r["task"]] + r["avg_output_len"] / 2)
                                + 2 * (lookup(STATE, r["model_id"]) or 0)) * 2 / 1e9,
    "expert-parallel GPUs / batch": lambda r: (r["expert_parallel"] / r["avg_batch_size"]
                                               if r["expert_parallel"] > 1 else 0.0),
    "MoE GPUs beyond the first / batch": lambda r: ((r["num_gpus"] - 1) / r["avg_batch_size"]
                                                    if r["architecture"] == "MoE" else 0.0),
    "intercept": lambda r: 1.0,
}


def nnls(a, b, iterations=200):
    """Non-negative least squares by projected coordinate descent (small problems only)."""
    x = np.zeros(a.shape[1])
    gram = a.T @ a
    atb = a.T @ b
    for _ in range(iterations):
        for j in range(len(x)):
            if gram[j, j] > 0:
                x[j] = max(0.0, x[j] + (atb[j] - gram[j] @ x) / gram[j, j])
    return x


def fit(rows, names):
    """Least squares on relative error (weights 1/y), coefficients >= 0."""
    a = np.array([[FEATURES[n](r) for n in names] for r in rows])
    y = np.array([r["energy_per_token_joules"] for r in rows])
    return nnls(a / y[:, None], np.ones(len(y)))


def leave_one_model_out(rows, names):
    """Median APE of each model's runs predicted by a fit without that model (bf16 and FP8 builds together)."""
    per_model = collections.defaultdict(list)
    for held in sorted({r["model"] for r in rows}):
        c = fit([r for r in rows if r["model"] != held], names)
        for r in rows:
            if r["model"] == held:
                predicted = sum(ci * FEATURES[n](r) for ci, n in zip(c, names))
                per_model[held].append(abs(predicted / r["energy_per_token_joules"] - 1))
    everything = [e for v in per_model.values() for e in v]
    return statistics.median(everything), {m: statistics.median(v) for m, v in per_model.items()}


def main():
    rows = load()
    print(f"{len(rows)} runs, {len({r['model'] for r in rows})} models\n")

    print("1. Prefill share per task: 1 - P x ITL / (batch x J), P the replica's mean power, ITL the median")
    print("   inter-token latency (decode only); J/token divides all energy, prompt processing included, by the")
    print("   generated tokens (J x output length = J/request exactly in every row).")
    for task in PROMPT:
        t = [r for r in rows if r["task"] == task]
        share = [1 - r["avg_power_watts"] * r["median_itl_ms"] / 1000 / r["avg_batch_size"]
                 / r["energy_per_token_joules"] for r in t]
        print(f"   {task:16s} {len(t):3d} runs  mean output {statistics.mean(r['avg_output_len'] for r in t):6.0f}"
              f" tokens  prefill share median {statistics.median(share):5.1%}  (10-90%: "
              f"{np.percentile(share, 10):5.1%} .. {np.percentile(share, 90):5.1%})")

    print("\n2. Batch: slope of log J/token against log batch, per served configuration (model, task, GPUs)")
    for gpu in ("H100", "B200"):
        groups = collections.defaultdict(list)
        for r in rows:
            if r["gpu_model"] == gpu:
                groups[(r["model_id"], r["task"], r["num_gpus"])].append(r)
        slopes = [np.polyfit(np.log([r["avg_batch_size"] for r in g]), np.log([r["energy_per_token_joules"]
                                                                                 for r in g]), 1)[0]
                  for g in groups.values() if len(g) >= 4]
        span = [max(r["energy_per_token_joules"] for r in g) / min(r["energy_per_token_joules"] for r in g)
                for g in groups.values() if len(g) >= 4]
        watts = [r["avg_power_watts"] / r["num_gpus"] for r in rows if r["gpu_model"] == gpu]
        print(f"   {gpu}: {len(slopes)} configurations, slope median {statistics.median(slopes):+.2f} (range "
              f"{min(slopes):+.2f} .. {max(slopes):+.2f}); J/token max/min within one configuration median "
              f"{statistics.median(span):.1f}x; power per GPU median {statistics.median(watts):.0f} W")

    def pairs(title, key, differ):
        print(f"\n{title}")
        index = collections.defaultdict(dict)
        for r in rows:
            index[key(r)][differ(r)] = r
        ratios = collections.defaultdict(list)
        for k, v in index.items():
            if len(v) == 2:
                (da, a), (db, b) = sorted(v.items())
                ratios[(k[0], k[1], da, db)].append(b["energy_per_token_joules"] / a["energy_per_token_joules"])
        for (model, gpu, da, db), rs in sorted(ratios.items()):
            print(f"   {model.split('/')[1]:36s} {gpu}  {db} / {da}: median {statistics.median(rs):.2f} over "
                  f"{len(rs)} batch caps (range {min(rs):.2f} .. {max(rs):.2f})")

    pairs("3. Precision: the FP8 build against the bf16 one, same GPU, GPU count, task and batch cap",
          lambda r: (r["model"], r["gpu_model"], r["num_gpus"], r["task"], r["max_num_seqs"]),
          lambda r: r["weight_precision"])
    pairs("4. GPUs: the same build on more GPUs, same task and batch cap",
          lambda r: (r["model_id"], r["gpu_model"], r["task"], r["max_num_seqs"]),
          lambda r: f"{r['num_gpus']} GPUs")
    pairs("5. Output length: gpqa (long reasoning answers) against chat, same build, GPUs and batch cap",
          lambda r: (r["model"], r["gpu_model"], r["num_gpus"], r["max_num_seqs"]),
          lambda r: r["task"])

    print("\n6. Leave-one-model-out median APE (bf16 and FP8 builds held out together), linear fits on relative")
    print("   error with non-negative coefficients; the feature sets in the order the findings add them")
    ladders = [["active params"],
               ["weight GB / batch (all experts)"],
               ["GPUs / batch", "weight GB / batch (all experts)"],
               ["GPUs / batch", "weight GB / batch (routed)"],
               ["GPUs / batch", "weight GB / batch (routed)", "TOs (1e12)"],
               ["GPUs / batch", "weight GB / batch (routed)", "TOs (1e12)", "KV GB"],
               ["GPUs / batch", "weight GB / batch (routed)", "TOs (1e12)", "KV GB", "intercept"],
               ["GPUs / batch", "weight GB / batch (routed)", "TOs (1e12)", "KV GB", "intercept",
                "expert-parallel GPUs / batch"],
               ["GPUs / batch", "weight GB / batch (routed)", "TOs (1e12)", "KV GB", "intercept",
                "MoE GPUs beyond the first / batch"],
               ["GPUs / batch", "weight GB / batch (routed)", "TOs (1e12)", "KV + state GB", "intercept",
                "MoE GPUs beyond the first / batch"]]
    for gpu in ("H100", "B200"):
        subset = [r for r in rows if r["gpu_model"] == gpu]
        for names in ladders:
            median, per_model = leave_one_model_out(subset, names)
            worst = max(per_model, key=per_model.get)
            print(f"   {gpu} {median:6.1%}  worst {worst.split('/')[1][:28]:28s} {per_model[worst]:6.1%}  "
                  f"{' + '.join(names)}")


if __name__ == "__main__":
    main()
