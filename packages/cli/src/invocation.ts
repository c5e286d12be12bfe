/**
 * How recur was started, so what it prints works where it runs. Inside a clone of the repo
 * there is no `recur` on PATH: it runs as `npm run recur -- ...`, and npm runs scripts from
 * the repo root while the caller may be in a subdirectory (npm records it in INIT_CWD).
 */
import { isAbsolute, resolve } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/** The root package.json name of the recur repository. */
const REPO_PACKAGE_NAME = 'recur-monorepo';

/** The command that runs recur the way it was run now: `npm run recur --`, `npx recur` or `recur`. */
export function recurCommand(env: Env): string {
  if (env.npm_lifecycle_event !== undefined && env.npm_package_name === REPO_PACKAGE_NAME) return 'npm run recur --';
  if (env.npm_command === 'exec') return 'npx recur';
  return 'recur';
}

/**
 * A path flag's value as the caller meant it: relative to the directory the command was run
 * from (INIT_CWD under npm), not to the package root npm runs scripts in. Unchanged when
 * both are the same directory, so messages show what was typed.
 */
export function callerPath(path: string, env: Env): string {
  const from = env.INIT_CWD;
  if (from === undefined || from === '' || isAbsolute(path)) return path;
  const meant = resolve(from, path);
  return resolve(path) === meant ? path : meant;
}
