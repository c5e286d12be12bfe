/** Where things are in the monorepo, from this package. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const INTEGRATION_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_DIR = join(INTEGRATION_DIR, '..', '..');
export const CORE_DIR = join(REPO_DIR, 'packages', 'core-ts');
export const NATIVE_DIR = join(REPO_DIR, 'packages', 'native');
export const SMOKE_DIR = join(INTEGRATION_DIR, 'smoke');
export const TSC = join(REPO_DIR, 'node_modules', 'typescript', 'bin', 'tsc');
