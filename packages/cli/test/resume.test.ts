/**
 * The resume contract: N steps, then `--resume` to 2N, gives bit-for-bit the weights, Adam
 * moments and losses of one uninterrupted 2N-step run (float64, same backend), also when
 * the first session is stopped by an interrupt part-way and prints samples on another schedule.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FloatArray } from '@recur/core';
import { decodeCheckpoint, type Checkpoint } from '../src/checkpoint/checkpoint-codec.js';
import { backendsUnderTest, captureIO, cli, tempDir, TINY } from './helpers.js';
import { main } from '../src/main.js';

async function load(dir: string): Promise<Checkpoint> {
  return decodeCheckpoint(new Uint8Array(await readFile(join(dir, 'checkpoint.safetensors'))));
}

function bytes(a: FloatArray | Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Every weight, optimizer slot and loss, bit for bit. */
function expectBitIdentical(a: Checkpoint, b: Checkpoint): void {
  expect(b.run.step).toBe(a.run.step);
  const sa = a.model.state();
  const sb = b.model.state();
  expect(Object.keys(sb.params)).toEqual(Object.keys(sa.params));
  for (const name of Object.keys(sa.params)) {
    expect(sb.params[name] instanceof Float64Array, name).toBe(true);
    expect(bytes(sb.params[name]), name).toEqual(bytes(sa.params[name]));
  }
  expect(Object.keys(sb.optimizer.slots).sort()).toEqual(Object.keys(sa.optimizer.slots).sort());
  for (const key of Object.keys(sa.optimizer.slots)) expect(bytes(sb.optimizer.slots[key]), key).toEqual(bytes(sa.optimizer.slots[key]));
  expect(sb.optimizer.step).toBe(sa.optimizer.step);
  expect(bytes(b.losses)).toEqual(bytes(a.losses));
}

const backends = await backendsUnderTest();
const N = 6;

describe.each(backends)('resume on %s', (backend) => {
  for (const cell of ['lstm', 'gru', 'rnn'] as const) {
    it(`${cell}: ${N} steps + --resume to ${2 * N} equals ${2 * N} uninterrupted steps, bit for bit`, async () => {
      const root = await tempDir();
      const flags = [...TINY, '--cell', cell, '--seed', '11', '--backend', backend, '--layers', cell === 'gru' ? '2' : '1'];
      const whole = join(root, 'whole');
      const split = join(root, 'split');
      const first = await cli(['train', '--out', whole, '--steps', String(2 * N), ...flags]);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(`backend ${backend}`);
      expect((await cli(['train', '--out', split, '--steps', String(N), ...flags])).code).toBe(0);
      const half = await load(split);
      expect(half.run.step).toBe(N);
      const resumed = await cli(['train', '--resume', split, '--steps', String(2 * N), '--backend', backend, '--sample-every', '0']);
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toContain(`resuming ${split} at step ${N} of ${2 * N}`);
      const a = await load(whole);
      const b = await load(split);
      expectBitIdentical(a, b);
      // And the loss curve files agree too.
      expect(await readFile(join(split, 'loss.csv'), 'utf8')).toBe(await readFile(join(whole, 'loss.csv'), 'utf8'));
    });
  }

  for (const optimizer of ['adamw', 'rmsprop', 'adagrad'] as const) {
    it(`--optimizer ${optimizer}: ${N} steps + --resume to ${2 * N} equals ${2 * N} uninterrupted steps, bit for bit`, async () => {
      const root = await tempDir();
      const flags = [...TINY, '--optimizer', optimizer, '--seed', '5', '--backend', backend];
      const whole = join(root, 'whole');
      const split = join(root, 'split');
      const first = await cli(['train', '--out', whole, '--steps', String(2 * N), ...flags]);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/(AdamW|RMSprop|Adagrad) lr/);
      expect((await cli(['train', '--out', split, '--steps', String(N), ...flags])).code).toBe(0);
      expect((await cli(['train', '--resume', split, '--steps', String(2 * N), '--backend', backend, '--sample-every', '0'])).code).toBe(0);
      const a = await load(whole);
      expect(a.model.state().optimizer.kind).toBe(optimizer);
      expectBitIdentical(a, await load(split));
    });
  }

  it('an interrupt saves at the current step; resuming without --steps finishes the run identically', async () => {
    const root = await tempDir();
    const flags = ['--hidden', '8', '--batch', '6', '--seq-len', '10', '--seed', '3', '--backend', backend, '--steps', '10'];
    const whole = join(root, 'whole');
    const cut = join(root, 'cut');
    expect((await cli(['train', '--out', whole, ...flags, '--sample-every', '0'])).code).toBe(0);

    // Stop the second run when it prints the samples of step 4 (as Ctrl-C would, between steps).
    const controller = new AbortController();
    const { io, out } = captureIO();
    const write = io.stdout;
    io.stdout = (t) => {
      write(t);
      if (t.startsWith('step 4 samples')) controller.abort();
    };
    const code = await main(['train', '--out', cut, ...flags, '--sample-every', '4', '--checkpoint-every', '3'], io, { signal: controller.signal });
    expect(code).toBe(130);
    expect(out.join('')).toContain(`interrupted at step 4 of 10; checkpoint saved. Continue with: recur train --resume ${cut}`);
    expect((await load(cut)).run.step).toBe(4);
    expect((await load(cut)).run.totalSteps).toBe(10);

    const resumed = await cli(['train', '--resume', cut, '--backend', backend]);
    expect(resumed.code).toBe(0);
    expectBitIdentical(await load(whole), await load(cut));
  });

  it('resuming a finished run does nothing and writes nothing', async () => {
    const root = await tempDir();
    const dir = join(root, 'done');
    expect((await cli(['train', '--out', dir, ...TINY, '--steps', '3', '--backend', backend])).code).toBe(0);
    const before = await readFile(join(dir, 'checkpoint.safetensors'));
    const again = await cli(['train', '--resume', dir, '--backend', backend]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`the run in ${dir} is already at step 3 of 3; nothing to do`);
    expect(await readFile(join(dir, 'checkpoint.safetensors'))).toEqual(before);
  });
});
