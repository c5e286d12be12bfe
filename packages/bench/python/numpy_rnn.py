"""LSTM / GRU / RNN whole-sequence forward and backward in NumPy, the optimized way:
one input-projection GEMM for all T steps, stacked gate weights (wx [X, G*H], wh [H, G*H],
gate order as recur's: lstm i,f,g,o; gru r,z,n), one recurrent GEMM per step, and the
weight gradients as large GEMMs over all T after the backward loop. Time-major [T, B, X].
The GRU is the reset-after form (PyTorch's, and recur's default):
n = tanh(x.wx_n + bx_n + r*(h.wh_n + bh_n)), h_t = z*h_{t-1} + (1-z)*n.
"""
import numpy as np


def sigmoid(z, out=None):
    # 1/(1+exp(-z)) in place; exp overflow for very negative z gives the right limit 0.
    out = np.negative(z, out=out)
    np.exp(out, out=out)
    out += 1
    return np.reciprocal(out, out=out)


def lstm_forward(x, h0, c0, wx, wh, b):
    T, B, X = x.shape
    H = h0.shape[1]
    xp = (x.reshape(T * B, X) @ wx).reshape(T, B, 4 * H)
    xp += b
    hs = np.empty((T, B, H), x.dtype)
    cs = np.empty((T, B, H), x.dtype)
    acts = np.empty((T, B, 4 * H), x.dtype)
    h, c = h0, c0
    for t in range(T):
        z = h @ wh
        z += xp[t]
        a = acts[t]
        sigmoid(z[:, :2 * H], out=a[:, :2 * H])
        np.tanh(z[:, 2 * H:3 * H], out=a[:, 2 * H:3 * H])
        sigmoid(z[:, 3 * H:], out=a[:, 3 * H:])
        i, f, g, o = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
        c = cs[t]
        np.multiply(f, cs[t - 1] if t else c0, out=c)
        c += i * g
        h = hs[t]
        np.tanh(c, out=h)
        h *= o
    return hs, cs, acts


def lstm_backward(x, h0, c0, wx, wh, hs, cs, acts, dhs):
    T, B, X = x.shape
    H = h0.shape[1]
    dz_all = np.empty((T, B, 4 * H), x.dtype)
    dh_next = np.zeros((B, H), x.dtype)
    dc_next = np.zeros((B, H), x.dtype)
    wh_t = wh.T
    for t in range(T - 1, -1, -1):
        a = acts[t]
        i, f, g, o = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
        c_prev = cs[t - 1] if t else c0
        tc = np.tanh(cs[t])
        dh = dhs[t] + dh_next
        dc = dh * o
        dc *= 1 - tc * tc
        dc += dc_next
        dz = dz_all[t]
        np.multiply(dc * g, i * (1 - i), out=dz[:, :H])
        np.multiply(dc * c_prev, f * (1 - f), out=dz[:, H:2 * H])
        np.multiply(dc * i, 1 - g * g, out=dz[:, 2 * H:3 * H])
        np.multiply(dh * tc, o * (1 - o), out=dz[:, 3 * H:])
        dc_next = dc * f
        dh_next = dz @ wh_t
    return _weight_grads(x, h0, hs, wx, dz_all, dz_all) + (dh_next, dc_next)


def gru_forward(x, h0, wx, wh, bx, bh):
    T, B, X = x.shape
    H = h0.shape[1]
    xp = (x.reshape(T * B, X) @ wx).reshape(T, B, 3 * H)
    xp += bx
    hs = np.empty((T, B, H), x.dtype)
    store = np.empty((T, B, 4 * H), x.dtype)  # r, z, n and the recurrent candidate projection
    h = h0
    for t in range(T):
        rec = h @ wh
        rec += bh
        s = store[t]
        np.add(xp[t, :, :2 * H], rec[:, :2 * H], out=s[:, :2 * H])
        sigmoid(s[:, :2 * H], out=s[:, :2 * H])
        r, z = s[:, :H], s[:, H:2 * H]
        s[:, 3 * H:] = rec[:, 2 * H:]
        n = s[:, 2 * H:3 * H]
        np.multiply(r, rec[:, 2 * H:], out=n)
        n += xp[t, :, 2 * H:]
        np.tanh(n, out=n)
        h_new = hs[t]
        np.subtract(h, n, out=h_new)
        h_new *= z
        h_new += n
        h = h_new
    return hs, store


def gru_backward(x, h0, wx, wh, hs, store, dhs):
    T, B, X = x.shape
    H = h0.shape[1]
    dxp_all = np.empty((T, B, 3 * H), x.dtype)  # gradient of the input-side pre-activations
    drec_all = np.empty((T, B, 3 * H), x.dtype)  # gradient of the recurrent projection (+ bh)
    dh_next = np.zeros((B, H), x.dtype)
    wh_t = wh.T
    for t in range(T - 1, -1, -1):
        s = store[t]
        r, z, n, hn = s[:, :H], s[:, H:2 * H], s[:, 2 * H:3 * H], s[:, 3 * H:]
        h_prev = hs[t - 1] if t else h0
        dh = dhs[t] + dh_next
        dan = dh * (1 - z)
        dan *= 1 - n * n
        dxp, drec = dxp_all[t], drec_all[t]
        np.multiply(dan * hn, r * (1 - r), out=dxp[:, :H])
        np.multiply(dh * (h_prev - n), z * (1 - z), out=dxp[:, H:2 * H])
        dxp[:, 2 * H:] = dan
        drec[:, :2 * H] = dxp[:, :2 * H]
        np.multiply(dan, r, out=drec[:, 2 * H:])
        dh_next = drec @ wh_t
        dh_next += dh * z
    dwx, dwh, dbx, dx = _weight_grads(x, h0, hs, wx, dxp_all, drec_all)
    dbh = drec_all.reshape(T * B, 3 * H).sum(axis=0)
    return dwx, dwh, dbx, dbh, dx, dh_next


def rnn_forward(x, h0, wx, wh, b):
    T, B, X = x.shape
    H = h0.shape[1]
    xp = (x.reshape(T * B, X) @ wx).reshape(T, B, H)
    xp += b
    hs = np.empty((T, B, H), x.dtype)
    h = h0
    for t in range(T):
        z = h @ wh
        z += xp[t]
        h = np.tanh(z, out=hs[t])
    return hs


def rnn_backward(x, h0, wx, wh, hs, dhs):
    T, B, X = x.shape
    H = h0.shape[1]
    da_all = np.empty((T, B, H), x.dtype)
    dh_next = np.zeros((B, H), x.dtype)
    wh_t = wh.T
    for t in range(T - 1, -1, -1):
        h = hs[t]
        da = da_all[t]
        np.add(dhs[t], dh_next, out=da)
        da *= 1 - h * h
        dh_next = da @ wh_t
    return _weight_grads(x, h0, hs, wx, da_all, da_all) + (dh_next,)


def _weight_grads(x, h0, hs, wx, dxp_all, drec_all):
    """dwx = X^T.dXP, dwh = Hprev^T.dREC, db = sum dXP, dx = dXP.wx^T: big GEMMs over all T."""
    T, B, X = x.shape
    G = dxp_all.shape[2]
    dxp2 = dxp_all.reshape(T * B, G)
    drec2 = drec_all.reshape(T * B, G)
    h_prev = np.concatenate([h0[None], hs[:-1]]).reshape(T * B, -1)
    dwx = x.reshape(T * B, X).T @ dxp2
    dwh = h_prev.T @ drec2
    db = dxp2.sum(axis=0)
    dx = (dxp2 @ wx.T).reshape(T, B, X)
    return dwx, dwh, db, dx
