// Every program in examples/ runs to completion and prints what it reached; the thresholds are
// what each one is meant to show (a learned task, a forecast better than the naive ones, a
// round trip within float32 precision), so a regression in training or conversion fails here.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

async function example(name: string): Promise<string> {
  const { stdout } = await run(process.execPath, [`examples/${name}`], { cwd: root, timeout: 200_000 });
  return stdout;
}

describe('examples/', () => {
  it('sequence-classification.mjs learns to name the first symbol (> 90% held out)', async () => {
    const out = await example('sequence-classification.mjs');
    const acc = Number(/accuracy on 1000 held-out sequences: ([\d.]+)%/.exec(out)?.[1]);
    expect(acc, out).toBeGreaterThan(90);
  });

  it('time-series-forecasting.mjs beats both naive forecasts on 2001-2010', async () => {
    const out = await example('time-series-forecasting.mjs');
    const m = /LSTM ([\d.]+) °C \| same as last month ([\d.]+) °C \| same as a year ago ([\d.]+) °C/.exec(out);
    expect(m, out).not.toBeNull();
    const [lstm, lastMonth, lastYear] = m!.slice(1).map(Number);
    expect(lstm, out).toBeLessThan(Math.min(lastMonth, lastYear));
  });

  it('char-level-model.mjs lowers the loss well below a uniform guess and samples names', async () => {
    const out = await example('char-level-model.mjs');
    const m = /loss ([\d.]+) -> ([\d.]+) nats/.exec(out);
    expect(m, out).not.toBeNull();
    expect(Number(m![2]), out).toBeLessThan(2.6);
    expect(out).toMatch(/samples \(temperature 0.8\): \w+/);
  });

  it('pytorch-roundtrip.mjs: PyTorch -> recur -> ONNX Runtime within 1e-5, state dict back bit-identical', async () => {
    const out = await example('pytorch-roundtrip.mjs');
    expect(out).toContain('bit-identical');
    expect(out).toContain('ONNX Runtime');
    expect(out).toContain('the numbers survive');
  });
});
