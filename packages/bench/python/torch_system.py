"""The PyTorch CPU peer: nn.LSTM / nn.GRU / nn.RNN (tanh), time-major, returning all hidden
states. Forward runs under no_grad (inference); forward+backward backpropagates
sum(outputs * G) into the weights and the input. GEMM: torch.matmul."""
import re

import torch

MODULES = {'lstm': torch.nn.LSTM, 'gru': torch.nn.GRU, 'rnn': torch.nn.RNN}
DTYPES = {'f32': torch.float32, 'f64': torch.float64}


def hello(threads):
    torch.set_num_threads(threads)
    config = torch.__config__.show()
    blas = re.search(r'BLAS_INFO=([^,\s]+)', config)
    info = {
        'torch': torch.__version__,
        'blas': blas.group(1) if blas else 'unknown',
        'threads': torch.get_num_threads(),
    }
    return torch.__version__, info


def prepare(item):
    dtype = DTYPES[item['dtype']]
    torch.manual_seed(1)
    if item['kind'] in ('seed', 'stream'):
        return {'unsupported': 'the seed and stream items are recur API items (NumPy, ONNX Runtime and recur only)'}
    if item['kind'] == 'gemm':
        a = torch.rand(item['M'], item['K'], dtype=dtype) * 2 - 1
        b = torch.rand(item['K'], item['N'], dtype=dtype) * 2 - 1
        c = torch.empty(item['M'], item['N'], dtype=dtype)
        return lambda: torch.matmul(a, b, out=c)
    T, B, X, H, cell = item['T'], item['B'], item['X'], item['H'], item['cell']
    module = MODULES[cell](X, H).to(dtype)
    x = torch.rand(T, B, X, dtype=dtype) * 2 - 1
    h0 = torch.rand(1, B, H, dtype=dtype) * 0.2 - 0.1
    state = (h0, torch.rand(1, B, H, dtype=dtype) * 0.2 - 0.1) if cell == 'lstm' else h0
    g = torch.rand(T, B, H, dtype=dtype) * 2 - 1
    if item['work'] == 'forward':
        def run():
            with torch.no_grad():
                module(x, state)
        return run
    x.requires_grad_(True)

    def run():
        out, _ = module(x, state)
        out.backward(g)
        module.zero_grad(set_to_none=True)
        x.grad = None
    return run
