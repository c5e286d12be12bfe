/**
 * Finds and loads the platform binary. Never throws: the result says what was loaded, or
 * why nothing was. RECUR_NATIVE_PATH=<file> loads that file instead of the packaged one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADDON_FUNCTIONS, type RawAddon } from './addon.js';
import { binaryFileName, platformTriple } from './platform.js';
import { platformPackageName, resolvePlatformPackageBinary } from './platform-package.js';

export interface LoadResult {
  addon: RawAddon | null;
  /** Why the addon is not available (undefined when it loaded). */
  reason: string | undefined;
  /** The file that was (or would have been) loaded. */
  path: string | undefined;
}

const PACKAGE_NAME = '@recur/native';

/** The package directory: the nearest ancestor whose package.json is @recur/native
 *  (this file runs from src/ under vitest and from dist/src/ when built). */
function packageRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
      } catch {
        // unreadable package.json: keep walking up
      }
    }
    dir = dirname(dir);
  }
  return undefined;
}

function missingFunctions(addon: unknown): string[] {
  if (typeof addon !== 'object' || addon === null) return [...ADDON_FUNCTIONS];
  const a = addon as Record<string, unknown>;
  return ADDON_FUNCTIONS.filter((name) => typeof a[name] !== 'function');
}

export function loadAddon(env: NodeJS.ProcessEnv = process.env): LoadResult {
  let path: string | undefined;
  const override = env.RECUR_NATIVE_PATH;
  if (override) {
    path = override;
  } else {
    const file = binaryFileName();
    if (file === undefined) {
      return { addon: null, reason: `no native binary is built for ${process.platform}-${process.arch}`, path: undefined };
    }
    const root = packageRoot();
    if (root === undefined) return { addon: null, reason: `cannot find the ${PACKAGE_NAME} package directory`, path: undefined };
    path = join(root, file);
    if (!existsSync(path)) {
      // Not beside the package (a local build puts it there): try the platform package.
      const triple = platformTriple()!;
      const packaged = resolvePlatformPackageBinary(triple, import.meta.url);
      if (packaged === undefined) {
        return {
          addon: null,
          reason: `${path} does not exist and ${platformPackageName(triple)} is not installed (build it with \`npm run build -w @recur/native\`, which needs cargo)`,
          path,
        };
      }
      path = packaged;
    }
  }
  let addon: unknown;
  try {
    addon = createRequire(import.meta.url)(path);
  } catch (err) {
    const via = override ? ' (from RECUR_NATIVE_PATH)' : '';
    return { addon: null, reason: `loading ${path}${via} failed: ${err instanceof Error ? err.message : String(err)}`, path };
  }
  const missing = missingFunctions(addon);
  if (missing.length > 0) {
    return { addon: null, reason: `${path} is not the recur addon: it lacks ${missing.join(', ')}`, path };
  }
  return { addon: addon as RawAddon, reason: undefined, path };
}
