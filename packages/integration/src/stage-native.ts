/**
 * Packs @recur/native the way a release does, with the napi-rs tools on a staged copy (the
 * package directory itself is never touched):
 *   artifacts/<job>/recur.<triple>.node  --napi artifacts-->  npm/<triple>/ (the platform package)
 *   napi pre-publish -t npm --skip-optional-publish --no-gh-release  -> optionalDependencies
 * then `npm pack` of the main package and of each platform package.
 */
import { cp, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { npmEnv, npmPack, type Packed } from './npm-pack.js';
import { REPO_DIR } from './paths.js';
import { run } from './run.js';

const NAPI = join(REPO_DIR, 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js');

export interface StagedNative {
  main: Packed;
  /** One per platform binary found, keyed by triple (e.g. linux-x64-gnu). */
  platforms: Record<string, Packed>;
  /** The staged main package.json after napi pre-publish. */
  manifest: { version: string; optionalDependencies?: Record<string, string> };
}

export async function stageAndPackNative(nativeDir: string, binaries: readonly string[], workDir: string): Promise<StagedNative> {
  const stage = join(workDir, 'native-stage');
  await rm(stage, { recursive: true, force: true });
  await mkdir(stage, { recursive: true });
  for (const entry of ['package.json', 'README.md', 'dist', 'src', 'npm']) {
    if (existsSync(join(nativeDir, entry))) await cp(join(nativeDir, entry), join(stage, entry), { recursive: true });
  }
  // A locally built binary may sit in npm/<triple>/; the release takes binaries from artifacts/ only.
  await rm(join(stage, 'dist', 'tsconfig.tsbuildinfo'), { force: true });
  for (const triple of await readdir(join(stage, 'npm'))) {
    for (const f of await readdir(join(stage, 'npm', triple))) if (f.endsWith('.node')) await rm(join(stage, 'npm', triple, f));
  }
  for (const binary of binaries) {
    const job = join(stage, 'artifacts', `bindings-${binary.split('/').pop()}`);
    await mkdir(job, { recursive: true });
    await cp(binary, join(job, binary.split('/').pop()!));
  }
  const napi = (args: string[]) => run(process.execPath, [NAPI, ...args], { cwd: stage, env: npmEnv() });
  await napi(['artifacts']);
  await napi(['pre-publish', '-t', 'npm', '--skip-optional-publish', '--no-gh-release']);
  await rm(join(stage, 'artifacts'), { recursive: true });
  // `napi artifacts` also drops each binary beside the main package (for local loading); in
  // the napi-rs convention the published main package carries none: they are in npm/<triple>.
  for (const f of await readdir(stage)) if (f.endsWith('.node')) await rm(join(stage, f));

  const tarballs = join(workDir, 'tarballs');
  const platforms: Record<string, Packed> = {};
  for (const triple of await readdir(join(stage, 'npm'))) {
    const dir = join(stage, 'npm', triple);
    if ((await readdir(dir)).some((f) => f.endsWith('.node'))) platforms[triple] = await npmPack(dir, tarballs);
  }
  const main = await npmPack(stage, tarballs);
  const manifest = JSON.parse(await readFile(join(stage, 'package.json'), 'utf8')) as StagedNative['manifest'];
  return { main, platforms, manifest };
}
