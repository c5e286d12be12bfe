/**
 * The napi-rs packaging convention: each platform's binary ships as its own npm package,
 * @recur/native-<triple> (e.g. @recur/native-linux-x64-gnu), whose package.json declares
 * os/cpu/libc. @recur/native lists them all in optionalDependencies (added at release by
 * `napi pre-publish`), so npm installs only the one that fits the machine.
 */
import { createRequire } from 'node:module';

/** The platform package that carries the binary for `triple`. */
export function platformPackageName(triple: string): string {
  return `@recur/native-${triple}`;
}

/** The binary inside the installed platform package (its `main`), or undefined when it is not installed. */
export function resolvePlatformPackageBinary(triple: string, from: string | URL): string | undefined {
  try {
    return createRequire(from).resolve(platformPackageName(triple));
  } catch {
    return undefined;
  }
}
