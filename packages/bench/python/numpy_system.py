"""The NumPy peer: the optimized RNN/LSTM/GRU of numpy_rnn.py, and matmul for the GEMM."""
import numpy as np

import numpy_rnn as nr
import numpy_seed as ns

GATES = {'lstm': 4, 'gru': 3, 'rnn': 1}
DTYPES = {'f32': np.float32, 'f64': np.float64}


def hello():
    info = {'numpy': np.__version__}
    try:
        deps = np.show_config(mode='dicts')['Build Dependencies']
        info['blas'] = f"{deps['blas'].get('name')} {deps['blas'].get('version')}"
    except Exception:  # numpy < 1.25 has no mode='dicts'
        info['blas'] = 'unknown'
    return np.__version__, info


def _uniform(rng, shape, scale, dtype):
    return rng.uniform(-scale, scale, size=shape).astype(dtype)


def prepare(item):
    dtype = DTYPES[item['dtype']]
    rng = np.random.default_rng(1)
    if item['kind'] == 'stream':
        return {'unsupported': 'no NumPy streaming peer (ONNX Runtime is the one-step peer)'}
    if item['kind'] == 'seed':
        X, H, nY, m, T = item['X'], item['H'], item['nY'], item['B'], item['T']
        p = {}
        for g in ns.GATES:
            p['W' + g] = _uniform(rng, (H, H + X), 1 / np.sqrt(H + X), dtype)
            p['b' + g] = _uniform(rng, (H, 1), 0.1, dtype)
        p['Wy'] = _uniform(rng, (nY, H), 1 / np.sqrt(H), dtype)
        p['by'] = _uniform(rng, (nY, 1), 0.1, dtype)
        x = _uniform(rng, (X, m, T), 1, dtype)
        a0 = _uniform(rng, (H, m), 0.1, dtype)
        da = _uniform(rng, (H, m, T), 1, dtype)
        if item['work'] == 'forward':
            return lambda: ns.lstm_forward(x, a0, p)
        return lambda: ns.lstm_backward(da, ns.lstm_forward(x, a0, p)[3])
    if item['kind'] == 'gemm':
        a = _uniform(rng, (item['M'], item['K']), 1, dtype)
        b = _uniform(rng, (item['K'], item['N']), 1, dtype)
        c = np.empty((item['M'], item['N']), dtype)
        return lambda: np.matmul(a, b, out=c)
    T, B, X, H, cell = item['T'], item['B'], item['X'], item['H'], item['cell']
    GH = GATES[cell] * H
    x = _uniform(rng, (T, B, X), 1, dtype)
    h0 = _uniform(rng, (B, H), 0.1, dtype)
    c0 = _uniform(rng, (B, H), 0.1, dtype)
    wx = _uniform(rng, (X, GH), 1 / np.sqrt(X), dtype)
    wh = _uniform(rng, (H, GH), 1 / np.sqrt(H), dtype)
    bx = _uniform(rng, (GH,), 0.1, dtype)
    bh = _uniform(rng, (GH,), 0.1, dtype)
    dhs = _uniform(rng, (T, B, H), 1, dtype)
    backward = item['work'] == 'forward+backward'
    if cell == 'lstm':
        def run():
            hs, cs, acts = nr.lstm_forward(x, h0, c0, wx, wh, bx)
            if backward:
                nr.lstm_backward(x, h0, c0, wx, wh, hs, cs, acts, dhs)
    elif cell == 'gru':
        def run():
            hs, store = nr.gru_forward(x, h0, wx, wh, bx, bh)
            if backward:
                nr.gru_backward(x, h0, wx, wh, hs, store, dhs)
    else:
        def run():
            hs = nr.rnn_forward(x, h0, wx, wh, bx)
            if backward:
                nr.rnn_backward(x, h0, wx, wh, hs, dhs)
    return run
