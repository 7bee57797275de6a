#!/usr/bin/env python3
"""Prints torchvision's published figures of every classification model, read from a torchvision wheel.

For each builder (resnet50, efficientnet_b7, ...) of torchvision/models/*.py: the weights entry marked
DEFAULT (vit_h_14: IMAGENET1K_SWAG_LINEAR_V1), its crop size (the ImageClassification transform's
crop_size), "num_params" and "_ops" (GFLOPS, which torchvision counts as multiply-accumulates of
convolutions, linear layers and matrix products).
The wheel is read as a zip and the sources are parsed with the ast module: nothing is imported or run,
so neither torch nor torchvision needs to be installed.

    python3 scripts/torchvision-published.py /opt/pypi-more/files/torchvision-0.29.1-*.whl > published.tsv
"""
import ast
import sys
import zipfile

# The entry to use instead of DEFAULT: vit_h_14's DEFAULT (SWAG_E2E_V1) runs at 518; issue 11 ships it at
# 224, its IMAGENET1K_SWAG_LINEAR_V1 entry.
ENTRY = {"vit_h_14": "IMAGENET1K_SWAG_LINEAR_V1"}


def literal(node, names):
    """The value of a constant, a dict (with **spread of known names) or a name defined earlier."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Dict):
        out = {}
        for key, value in zip(node.keys, node.values):
            if key is None:
                spread = literal(value, names)
                if isinstance(spread, dict):
                    out.update(spread)
            else:
                out[literal(key, names)] = literal(value, names)
        return out
    return None


def crop_size(call):
    """crop_size from transforms=partial(ImageClassification, crop_size=N, ...)."""
    for kw in call.keywords:
        if kw.arg == "transforms" and isinstance(kw.value, ast.Call):
            for inner in kw.value.keywords:
                if inner.arg == "crop_size" and isinstance(inner.value, ast.Constant):
                    return inner.value.value
    return None


def weights_of(tree, names):
    """{weights class: {entry: (crop, meta)}, with DEFAULT resolved to its entry name}."""
    classes = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name.endswith("_Weights"):
            entries = {}
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
                    name = stmt.targets[0].id
                    if isinstance(stmt.value, ast.Call):
                        meta = next((literal(kw.value, names) for kw in stmt.value.keywords if kw.arg == "meta"), {})
                        entries[name] = (crop_size(stmt.value), meta or {})
                    elif isinstance(stmt.value, ast.Name):
                        entries[name] = stmt.value.id  # DEFAULT = IMAGENET1K_V2
            classes[node.name] = entries
    return classes


def main(wheel):
    rows = []
    with zipfile.ZipFile(wheel) as zf:
        files = sorted(n for n in zf.namelist()
                       if n.startswith("torchvision/models/") and n.count("/") == 2 and n.endswith(".py"))
        for name in files:
            tree = ast.parse(zf.read(name).decode("utf-8"))
            names = {}
            for node in tree.body:
                if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                    value = literal(node.value, names)
                    if value is not None:
                        names[node.targets[0].id] = value
            classes = weights_of(tree, names)
            for node in tree.body:
                if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                    continue
                weights = None
                for arg in node.args.kwonlyargs:
                    if arg.arg == "weights" and arg.annotation is not None:
                        weights = ast.unparse(arg.annotation).replace("Optional[", "").rstrip("]")
                if weights not in classes:
                    continue
                entries = classes[weights]
                default = ENTRY.get(node.name, entries.get("DEFAULT"))
                if not isinstance(default, str):
                    continue
                crop, meta = entries[default]
                rows.append((node.name, weights + "." + default, crop, meta.get("num_params"), meta.get("_ops")))
    print("model\tweights\tcrop\tnum_params\tgflops")
    for row in rows:
        print("\t".join(str(v) for v in row))


if __name__ == "__main__":
    main(sys.argv[1])
