/** A short real training run per backend: the loss falls, the files appear, the output reads right. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '../src/checkpoint/checkpoint-codec.js';
import { backendsUnderTest, cli, tempDir, writeText } from './helpers.js';

const backends = await backendsUnderTest();

describe.each(backends)('recur train on %s', (backend) => {
  it('80 steps on the bundled names lower the loss; prints samples, the loss change and the plot path', async () => {
    const root = await tempDir();
    const dir = join(root, 'names');
    let t = 0;
    const now = (): number => (t += 1); // a fake clock: the 15 s log rule never fires, the line count is fixed
    const r = await cli(['train', '--out', dir, '--steps', '80', '--hidden', '16', '--batch', '16', '--seq-len', '16', '--sample-every', '40', '--backend', backend], { now });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('recur train: LSTM 16x1 (float64) on bundled names: 8422 lines, 53 symbols');
    expect(lines[1]).toMatch(new RegExp(`^  batch 16, seq-len 16, Adam lr 0.01, seed 0; backend ${backend}`));
    expect(lines[2]).toBe(`  80 steps, writing to ${dir}`);
    expect(r.stdout).toMatch(/^step 40 samples: [A-Za-z-]*(, [A-Za-z-]*){7}$/m);
    const m = /^loss (\d+\.\d\d) -> (\d+\.\d\d) \(step 1 -> mean of the last 50 steps of 80, nats per symbol\)$/m.exec(r.stdout);
    expect(m).not.toBeNull();
    const [start, end] = [Number(m![1]), Number(m![2])];
    // Step 1 is near ln(54) = 3.99 (uniform guess); 80 steps must get clearly below it.
    expect(start).toBeGreaterThan(3.8);
    expect(end).toBeLessThan(start - 0.8);
    const samples = lines.slice(lines.indexOf('samples (temperature 0.8):') + 1, lines.indexOf(m![0]));
    expect(samples).toHaveLength(10);
    for (const s of samples) expect(s).toMatch(/^ {2}[A-Za-z-]*$/);
    expect(r.stdout).toContain(`plot:       ${join(dir, 'loss.svg')} (data in ${join(dir, 'loss.csv')})`);
    expect(r.stdout).toContain(`checkpoint: ${join(dir, 'checkpoint.safetensors')}`);
    expect(r.stdout).toMatch(new RegExp(`^trained 80 steps in \\d+\\.\\d s \\([\\d.]+ steps/s\\) on ${backend}$`, 'm'));

    // Non-TTY progress: plain lines every 4 steps (5% of 80), ending at the last step.
    const progress = r.stderr.trimEnd().split('\n');
    expect(progress).toHaveLength(20);
    progress.forEach((l, i) => expect(l).toMatch(new RegExp(`^step ${4 * (i + 1)}/80  loss \\d\\.\\d{3}  smooth \\d\\.\\d{3}  [\\d.]+ steps/s  ETA \\d+:\\d\\d$`)));

    const ckpt = decodeCheckpoint(new Uint8Array(await readFile(join(dir, 'checkpoint.safetensors'))));
    expect(ckpt.run.step).toBe(80);
    expect(ckpt.run.backend).toBe(backend);
    expect(ckpt.run.data).toMatchObject({ source: 'bundled', path: '', lines: 8422 });
    const csv = (await readFile(join(dir, 'loss.csv'), 'utf8')).trimEnd().split('\n');
    expect(csv[0]).toBe('step,loss,smoothed_loss');
    expect(csv).toHaveLength(81);
    // The CSV carries every loss exactly (shortest round-trip decimals).
    csv.slice(1).forEach((row, i) => {
      const [step, loss] = row.split(',').map(Number);
      expect(step).toBe(i + 1);
      expect(loss).toBe(ckpt.losses[i]);
    });
    const svg = await readFile(join(dir, 'loss.svg'), 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('recur: LSTM 16x1 on bundled names');
    expect(svg.match(/<polyline /g)).toHaveLength(2);
  });

  it('trains on a user file (GRU, 2 layers, float32) and learns its one pattern', async () => {
    const root = await tempDir();
    const data = await writeText(root, 'pattern.txt', Array.from({ length: 40 }, (_, i) => 'abc'.repeat(1 + (i % 4))).join('\n'));
    const dir = join(root, 'pattern');
    const r = await cli(['train', '--out', dir, '--data', data, '--cell', 'gru', '--layers', '2', '--dtype', 'float32', '--hidden', '12', '--batch', '8', '--steps', '60', '--lr', '0.03', '--sample-every', '0', '--backend', backend]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`recur train: GRU 12x2 (float32) on ${data}: 40 lines, 3 symbols`);
    const ckpt = decodeCheckpoint(new Uint8Array(await readFile(join(dir, 'checkpoint.safetensors'))));
    expect(ckpt.run.data).toMatchObject({ source: 'file', path: data, lines: 40 });
    // a -> b -> c -> (a or end): only the step after 'c' is uncertain, so the loss ends far below ln 4.
    const tail = Array.from(ckpt.losses.slice(-10));
    expect(Math.max(...tail)).toBeLessThan(0.5);
    const s = await cli(['sample', '--from', dir, '--n', '5', '--temperature', '0', '--backend', backend]);
    expect(s.code).toBe(0);
    for (const line of s.stdout.trimEnd().split('\n')) expect(line).toMatch(/^(abc)+$/);
  });
});

describe('recur train, TTY progress', () => {
  it('draws one live line (\\r, clear, counter, bar, stats) and prints samples above it', async () => {
    const root = await tempDir();
    let t = 0;
    const r = await cli(['train', '--out', join(root, 'tty'), '--steps', '6', '--hidden', '4', '--batch', '4', '--sample-every', '3', '--backend', 'ts'], {
      isTTY: true,
      columns: 100,
      now: () => (t += 100), // 100 ms per call: every update redraws
    });
    expect(r.code).toBe(0);
    const frames = r.stderr.split('\r\x1b[2K').filter((f) => f.length > 0 && f !== '\n');
    expect(frames.at(-1)).toMatch(/^6\/6 \[#{30}\] loss \d\.\d{3} {2}smooth \d\.\d{3} {2}[\d.]+ steps\/s {2}ETA 0:00\n$/);
    expect(frames[0]).toMatch(/^1\/6 \[#{5}-{25}\] loss /);
    for (const f of frames) expect(f.replace(/\n$/, '').length).toBeLessThanOrEqual(99);
    expect(r.stdout).toMatch(/^step 3 samples: /m);
  });
});
