// Child process of test/non-regular-files.test.ts.
//
//   node non-regular-files.mjs
//
// Hands every file-reading entry point of @recur/node-io and @recur/cli a path that is not a
// regular file: a FIFO (opening it for reading waits for a writer: a hang), a directory,
// /dev/zero (endless), and symlinks to each; for the CLI, also as the checkpoint inside a run
// directory. Each call must reject with a TypeError / RangeError (the CLI: exit 1 with one
// line) naming the path, within SLOW_MS, and leave the path as it was. A hang is caught by
// the parent's timeout. Prints one JSON line: counts and the first violations.
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, readBoundedFile, readSafetensorsFile } from '@recur/node-io';
import { main } from '@recur/cli';

const SLOW_MS = 5_000;
const root = mkdtempSync(join(tmpdir(), 'recur-nonregular-'));
const violations = [];
let calls = 0;
let rejected = 0;

function makeKinds(dir) {
  mkdirSync(dir, { recursive: true });
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const sub = join(dir, 'dir');
  mkdirSync(sub);
  writeFileSync(join(sub, 'inside'), 'x');
  const kinds = { fifo, directory: sub, 'dev-zero': '/dev/zero' };
  for (const [k, target] of Object.entries({ ...kinds })) {
    const link = join(dir, `link-to-${k}`);
    symlinkSync(target, link);
    kinds[`symlink to ${k}`] = link;
  }
  return kinds;
}

/** What is at `p` (without following a link), to see it unchanged afterwards. */
function describe(p) {
  const s = lstatSync(p);
  return `${s.mode}:${s.isDirectory() ? readdirSync(p).join(',') : s.size}`;
}

const captured = () => {
  const out = [];
  const err = [];
  return { io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTTY: false, columns: 80, now: () => performance.now(), env: {} }, out, err };
};

async function check(entry, kind, path, call, names) {
  calls++;
  const before = describe(path);
  const t0 = performance.now();
  let problem = null;
  try {
    const r = await call();
    if (r !== 'refused') problem = `returned ${String(r).slice(0, 200)}`;
  } catch (err) {
    if (!(err instanceof TypeError || err instanceof RangeError)) problem = `threw ${err?.constructor?.name}: ${err?.message}`;
    else if (!String(err.message).includes(names)) problem = `message does not name ${names}: ${err.message}`;
  }
  const ms = performance.now() - t0;
  if (problem === null && ms > SLOW_MS) problem = `took ${Math.round(ms)} ms`;
  if (problem === null && describe(path) !== before) problem = `${path} changed`;
  if (problem === null) rejected++;
  else if (violations.length < 20) violations.push({ entry, kind, problem });
}

/** The CLI returns an exit code and writes one line; a refusal is exit 1 with "recur: ..." naming `names`. */
async function cliRefuses(argv, names) {
  const { io, out, err } = captured();
  const code = await main(argv, io);
  const text = err.join('');
  if (code === 1 && /^recur: [^\n]*\n$/.test(text) && text.includes(names)) return 'refused';
  return `exit ${code}, stderr ${JSON.stringify(text)}, stdout ${JSON.stringify(out.join('').slice(0, 200))}`;
}

const kinds = makeKinds(join(root, 'kinds'));
for (const [kind, path] of Object.entries(kinds)) {
  await check('readSafetensorsFile', kind, path, () => readSafetensorsFile(path), path);
  await check('loadModel', kind, path, () => loadModel(path), path);
  await check('readBoundedFile', kind, path, () => readBoundedFile(path, 1024), path);
  await check('recur train --data', kind, path, async () => {
    const r = await cliRefuses(['train', '--out', join(root, 'never'), '--data', path, '--hidden', '4', '--steps', '1', '--backend', 'ts'], path);
    if (r === 'refused') throw new RangeError(`refused ${path}`);
    return r;
  }, path);
}

// The checkpoint of a run directory replaced by each kind (the run dir itself is a real directory).
for (const kind of Object.keys(kinds)) {
  const dir = join(root, `run-${kind.replace(/ /g, '-')}`);
  const local = makeKinds(join(root, `k-${kind.replace(/ /g, '-')}`));
  mkdirSync(dir);
  const ckpt = join(dir, 'checkpoint.safetensors');
  symlinkSync(local[kind], ckpt);
  for (const [entry, argv] of [['recur sample --from', ['sample', '--from', dir, '--backend', 'ts']], ['recur train --resume', ['train', '--resume', dir, '--steps', '2', '--backend', 'ts']]]) {
    await check(entry, `checkpoint is a ${kind}`, ckpt, async () => {
      const r = await cliRefuses(argv, ckpt);
      if (r === 'refused') throw new RangeError(`refused ${ckpt}`);
      return r;
    }, ckpt);
  }
}
// A FIFO as the checkpoint itself (not behind a link).
{
  const dir = join(root, 'run-fifo-direct');
  mkdirSync(dir);
  const ckpt = join(dir, 'checkpoint.safetensors');
  execFileSync('mkfifo', [ckpt]);
  await check('recur sample --from', 'checkpoint is a FIFO', ckpt, async () => {
    const r = await cliRefuses(['sample', '--from', dir], ckpt);
    if (r === 'refused') throw new RangeError(`refused ${ckpt}`);
    return r;
  }, ckpt);
}

rmSync(root, { recursive: true, force: true });
console.log(JSON.stringify({ calls, rejected, kinds: Object.keys(kinds).length, violations }));
