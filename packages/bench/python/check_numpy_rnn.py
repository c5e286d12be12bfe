"""Finite-difference check of numpy_rnn.py's hand-written backward passes (float64), so the
NumPy peer is timed doing the right work. Run by hand: python3 check_numpy_rnn.py."""
import numpy as np

import numpy_rnn as nr

T, B, X, H = 3, 2, 4, 5
rng = np.random.default_rng(0)


def r(*shape):
    return rng.uniform(-0.8, 0.8, size=shape)


def check(name, loss, params, grads):
    worst = 0.0
    for key, p in params.items():
        g = grads[key]
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + 1e-6
            up = loss()
            p[idx] = old - 1e-6
            down = loss()
            p[idx] = old
            worst = max(worst, abs((up - down) / 2e-6 - g[idx]) / max(1.0, abs(g[idx])))
    print(f'{name}: worst relative gradient error {worst:.2e}')
    assert worst < 1e-7, name


G = r(T, B, H)
x, h0, c0 = r(T, B, X), r(B, H), r(B, H)

wx, wh, b = r(X, 4 * H), r(H, 4 * H), r(4 * H)
hs, cs, acts = nr.lstm_forward(x, h0, c0, wx, wh, b)
dwx, dwh, db, dx, dh0, dc0 = nr.lstm_backward(x, h0, c0, wx, wh, hs, cs, acts, G)
check('lstm', lambda: float((nr.lstm_forward(x, h0, c0, wx, wh, b)[0] * G).sum()),
      {'x': x, 'h0': h0, 'c0': c0, 'wx': wx, 'wh': wh, 'b': b},
      {'x': dx, 'h0': dh0, 'c0': dc0, 'wx': dwx, 'wh': dwh, 'b': db})

wx, wh, bx, bh = r(X, 3 * H), r(H, 3 * H), r(3 * H), r(3 * H)
hs, store = nr.gru_forward(x, h0, wx, wh, bx, bh)
dwx, dwh, dbx, dbh, dx, dh0 = nr.gru_backward(x, h0, wx, wh, hs, store, G)
check('gru', lambda: float((nr.gru_forward(x, h0, wx, wh, bx, bh)[0] * G).sum()),
      {'x': x, 'h0': h0, 'wx': wx, 'wh': wh, 'bx': bx, 'bh': bh},
      {'x': dx, 'h0': dh0, 'wx': dwx, 'wh': dwh, 'bx': dbx, 'bh': dbh})

wx, wh, b = r(X, H), r(H, H), r(H)
hs = nr.rnn_forward(x, h0, wx, wh, b)
dwx, dwh, db, dx, dh0 = nr.rnn_backward(x, h0, wx, wh, hs, G)
check('rnn', lambda: float((nr.rnn_forward(x, h0, wx, wh, b) * G).sum()),
      {'x': x, 'h0': h0, 'wx': wx, 'wh': wh, 'b': b},
      {'x': dx, 'h0': dh0, 'wx': dwx, 'wh': dwh, 'b': db})
