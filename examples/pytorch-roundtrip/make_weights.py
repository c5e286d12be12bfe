"""Trains a small PyTorch model and writes what the round-trip example starts from.

Run once with Debian's PyTorch (apt-get install python3-torch):
    /usr/bin/python3 examples/pytorch-roundtrip/make_weights.py
The example itself (../pytorch-roundtrip.mjs) needs neither Python nor PyTorch.

The model: nn.LSTM(4, 24, num_layers=2) (time-major, batch_first=False) and nn.Linear(24, 4)
on every step, trained for 300 Adam steps to output, at each step, the one-hot symbol seen two
steps earlier. Written here:
  - model.safetensors: its state_dict (keys lstm.* and head.*), float32, in the safetensors
    layout (written by hand with struct + json, as safetensors.torch.save_file lays it out);
  - reference.json: a fixed input x [T, B, 4] and PyTorch's output logits [T, B, 4] for it,
    as exact float32 values, so the example can prove recur (and ONNX Runtime) match them.
"""
import json
import os
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
T, B, V, H = 10, 8, 4, 24


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(V, H, num_layers=2)
        self.head = torch.nn.Linear(H, V)

    def forward(self, x):
        y, _ = self.lstm(x)
        return self.head(y)


def task(gen, batch):
    ids = torch.randint(0, V, (T, batch), generator=gen)
    x = torch.nn.functional.one_hot(ids, V).float()
    target = torch.zeros_like(ids)
    target[2:] = ids[:-2]
    return x, target


def safetensors_bytes(tensors):
    header = {"__metadata__": {"source": "examples/pytorch-roundtrip/make_weights.py"}}
    offset, blobs = 0, []
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous().float()
        blob = struct.pack("<%df" % t.numel(), *t.reshape(-1).tolist())
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def main():
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(1)
    model = Model()
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    for step in range(300):
        x, target = task(gen, 32)
        loss = torch.nn.functional.cross_entropy(model(x).reshape(-1, V), target.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
    x, target = task(gen, B)
    with torch.no_grad():
        logits = model(x)
    acc = (logits.argmax(-1)[2:] == target[2:]).float().mean().item()
    with open(os.path.join(HERE, "model.safetensors"), "wb") as f:
        f.write(safetensors_bytes(model.state_dict()))
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump({"torch": torch.__version__, "final_loss": loss.item(), "accuracy": acc,
                   "x": {"shape": list(x.shape), "data": x.reshape(-1).tolist()},
                   "logits": {"shape": list(logits.shape), "data": logits.reshape(-1).tolist()}}, f)
        f.write("\n")
    print(f"trained: loss {loss.item():.4f}, accuracy {acc:.3f} on the reference batch; wrote model.safetensors, reference.json")


if __name__ == "__main__":
    main()
