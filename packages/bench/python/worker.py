"""Worker process for the Python peers: `python3 worker.py numpy|torch THREADS`.
Speaks the JSON-lines protocol of ../src/protocol.ts: requests on stdin, replies on stdout
prefixed by MARKER. The thread count is fixed per process (OPENBLAS_NUM_THREADS is read
when NumPy loads; torch.set_num_threads for PyTorch)."""
import json
import os
import sys
import time
import traceback

MARKER = '@@recur-bench '
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def send(reply):
    sys.stdout.write(MARKER + json.dumps(reply) + '\n')
    sys.stdout.flush()


def load(name, threads):
    try:
        if name == 'numpy':
            import numpy_system as system
            version, details = system.hello()
        elif name == 'torch':
            import torch_system as system
            version, details = system.hello(threads)
        else:
            return None, {'ok': False, 'missing': f"unknown system '{name}'"}
    except ImportError as e:
        return None, {'ok': False, 'missing': f'{name} is not importable by {sys.executable}: {e}'}
    details['python'] = f'{sys.executable} {sys.version.split()[0]}'
    return system, {'ok': True, 'version': version, 'details': details}


def main():
    name, threads = sys.argv[1], int(sys.argv[2])
    system, run = None, None
    for line in sys.stdin:
        req = json.loads(line)
        op = req['op']
        try:
            if op == 'hello':
                system, reply = load(name, threads)
                send(reply)
            elif op == 'prepare':
                run = None
                run = system.prepare(req['item'])
                if isinstance(run, dict):
                    send({'ok': False, 'unsupported': run['unsupported']})
                    run = None
                else:
                    send({'ok': True})
            elif op == 'time':
                samples = []
                for _ in range(req['reps']):
                    t0 = time.perf_counter()
                    for _ in range(req['inner']):
                        run()
                    samples.append((time.perf_counter() - t0) / req['inner'])
                send({'ok': True, 'samples': samples})
            elif op == 'release':
                run = None
                send({'ok': True})
            elif op == 'exit':
                return
        except Exception:
            send({'ok': False, 'error': traceback.format_exc(limit=3)})


if __name__ == '__main__':
    main()
