"""PyTorch side of `java -jar target/optlab.jar bench dense`: the same workload, in float64, timed the same way.

Usage: python3 dense_pytorch.py WORKLOAD DATA.csv STEPS
  WORKLOAD: mlp:<sizes>:<activation>:<optimizer>:<batch> (sizes like 2-16-16-1), softmax:<optimizer>:<batch>,
            or newton-logistic:<weight decay>
  DATA.csv: the training set OptLab uses, one example a line: the standardised features, then the label.
Prints one line: the best steps per second over 1 and 2 intra-op threads (best of 3 timings each), and the thread count.
Updates only (no loss recording), minibatches drawn without replacement from a fresh permutation every epoch, gathered
with index_select, as OptLab does.
"""
import sys
import time

import numpy as np
import torch

torch.set_default_dtype(torch.float64)


def load(path):
    data = np.loadtxt(path, delimiter=",", ndmin=2)
    x = torch.from_numpy(np.ascontiguousarray(data[:, :-1]))
    y = torch.from_numpy(data[:, -1].astype(np.int64))
    return x, y


def first_order(spec, x, y):
    kind = spec[0]
    if kind == "mlp":
        sizes = [int(s) for s in spec[1].split("-")]
        act = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU, "sigmoid": torch.nn.Sigmoid}[spec[2]]
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
            if i < len(sizes) - 2:
                layers.append(act())
        model = torch.nn.Sequential(*layers)
        algorithm, batch = spec[3], int(spec[4])
    else:
        classes = int(y.max().item()) + 1
        model = torch.nn.Linear(x.shape[1], classes)
        algorithm, batch = spec[1], int(spec[2])
    outputs = model[-1].out_features if isinstance(model, torch.nn.Sequential) else model.out_features
    if outputs == 1:
        target = y.to(torch.float64).unsqueeze(1)
        loss_fn = torch.nn.BCEWithLogitsLoss()
    else:
        target = y
        loss_fn = torch.nn.CrossEntropyLoss()
    if algorithm == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=0.001)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    n = x.shape[0]
    state = {"perm": torch.randperm(n), "pos": n}

    def step():
        if state["pos"] >= n:
            state["perm"] = torch.randperm(n)
            state["pos"] = 0
        idx = state["perm"][state["pos"]:state["pos"] + batch]
        state["pos"] += batch
        xb = x.index_select(0, idx)
        yb = target.index_select(0, idx)
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()

    return step


def newton(weight_decay, x, y):
    n, d = x.shape
    xt = torch.cat([x, torch.ones(n, 1)], dim=1)
    yf = y.to(torch.float64)
    theta = torch.zeros(d + 1)
    decay = torch.full((d + 1,), weight_decay)
    decay[d] = 0

    def step():
        nonlocal theta
        p = torch.sigmoid(xt @ theta)
        g = xt.T @ (p - yf) / n + decay * theta
        h = (xt.T * (p * (1 - p))) @ xt / n + torch.diag(decay)
        torch.linalg.eigvalsh(h)
        theta = theta - torch.linalg.solve(h, g)

    return step


def rate(make, steps):
    step = make()
    for _ in range(max(steps // 10, 10)):
        step()
    best = 0.0
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        best = max(best, steps / (time.perf_counter() - start))
    return best


def main():
    spec = sys.argv[1].split(":")
    x, y = load(sys.argv[2])
    steps = int(sys.argv[3])
    torch.manual_seed(0)
    if spec[0] == "newton-logistic":
        make = lambda: newton(float(spec[1]), x, y)
    else:
        make = lambda: first_order(spec, x, y)
    results = []
    for threads in (1, 2):
        torch.set_num_threads(threads)
        results.append((rate(make, steps), threads))
    best = max(results)
    print("%.1f %d" % best)


if __name__ == "__main__":
    main()
