/**
 * The names list shipped in this package's data/ folder (see data/README.md for where it
 * comes from). Resolved next to the module, so it works from src/ (tests) and dist/ alike.
 */
import { fileURLToPath } from 'node:url';

export const BUNDLED_LABEL = 'bundled names';

export function bundledNamesPath(): string {
  return fileURLToPath(new URL('../../data/names.txt', import.meta.url));
}
