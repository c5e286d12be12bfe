"""The seed API's work in NumPy, the optimized way (issue 14's peer): lstm_forward(x, a0,
params) on x (n_x, m, T) with the seed's parameters W* (n_a, n_a + n_x), b* (n_a, 1),
Wy (n_y, n_a), by (n_y, 1): the gates stacked once per call, x made time-major, the
optimized whole-sequence LSTM of numpy_rnn.py, the softmax head over all steps at once,
and a, c, y_pred returned in the seed layout (as NumPy views of the time-major arrays).
lstm_backward takes da (n_a, m, T) and returns dx, da0 and the per-gate dW*, db*.
"""
import numpy as np

import numpy_rnn as nr

GATES = ('i', 'f', 'c', 'o')  # stacked in recur's order i, f, g, o


def pack(p, H):
    W = np.concatenate([p['W' + g] for g in GATES], axis=0)  # (4H, H + X)
    wh = np.ascontiguousarray(W[:, :H].T)
    wx = np.ascontiguousarray(W[:, H:].T)
    b = np.concatenate([p['b' + g][:, 0] for g in GATES])
    return wx, wh, b


def lstm_forward(x, a0, p):
    X, m, T = x.shape
    H = a0.shape[0]
    wx, wh, b = pack(p, H)
    xt = np.ascontiguousarray(x.transpose(2, 1, 0))  # [T, m, X]
    h0 = np.ascontiguousarray(a0.T)
    c0 = np.zeros_like(h0)
    hs, cs, acts = nr.lstm_forward(xt, h0, c0, wx, wh, b)
    logits = hs.reshape(T * m, H) @ p['Wy'].T
    logits += p['by'][:, 0]
    logits -= logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    logits /= logits.sum(axis=1, keepdims=True)
    y = logits.reshape(T, m, -1).transpose(2, 1, 0)
    caches = (xt, h0, c0, wx, wh, hs, cs, acts)
    return hs.transpose(2, 1, 0), y, cs.transpose(2, 1, 0), caches


def lstm_backward(da, caches):
    xt, h0, c0, wx, wh, hs, cs, acts = caches
    H = h0.shape[1]
    dhs = np.ascontiguousarray(da.transpose(2, 1, 0))
    dwx, dwh, db, dx, dh0, _ = nr.lstm_backward(xt, h0, c0, wx, wh, hs, cs, acts, dhs)
    grads = {'dx': dx.transpose(2, 1, 0), 'da0': dh0.T}
    for k, g in enumerate(GATES):
        grads['dW' + g] = np.concatenate([dwh[:, k * H:(k + 1) * H].T, dwx[:, k * H:(k + 1) * H].T], axis=1)
        grads['db' + g] = db[k * H:(k + 1) * H, None]
    return grads
