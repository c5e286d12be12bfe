/**
 * Runs one worker under workerd (Cloudflare's runtime, from the npm package) on 127.0.0.1,
 * sends it one request and stops it. The worker is an ES module plus the wasm module
 * binding './recur.wasm', as a Cloudflare deployment would upload them.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** `dir` holds worker.js and recur.wasm. Resolves to the response's status and body. */
export async function fetchFromWorker(workerd: string, dir: string, timeoutMs = 120_000): Promise<{ status: number; body: string; log: string }> {
  const port = await freePort();
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "recur.wasm", wasm = embed "recur.wasm"),
  ],
  compatibilityDate = "2025-09-01",
);
`;
  await writeFile(join(dir, 'config.capnp'), config);
  const child = spawn(workerd, ['serve', 'config.capnp'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`workerd exited (${code}) before answering:\n${log}`))));
  exited.catch(() => {}); // it also settles when we stop workerd below
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        const res = await Promise.race([fetch(`http://127.0.0.1:${port}/`), exited]);
        return { status: res.status, body: await res.text(), log };
      } catch (e) {
        if (Date.now() > deadline || String(e).includes('workerd exited')) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    child.kill('SIGTERM');
  }
}
