/**
 * Which prebuilt binary fits this process: the `<binaryName>.<triple>.node` names that
 * `napi build --platform` writes (recur.linux-x64-gnu.node, recur.darwin-arm64.node, ...).
 */
import { readdirSync } from 'node:fs';

export const BINARY_NAME = 'recur';

/** True on a musl libc (Alpine): node's own report has no glibc version there. */
export function isMusl(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    if (report?.header) return !report.header.glibcVersionRuntime;
  } catch {
    // fall through to the file-system check
  }
  try {
    return readdirSync('/lib').some((f) => f.startsWith('ld-musl-'));
  } catch {
    return false;
  }
}

/** The platform triple as napi-rs names it, or undefined for an unsupported platform. */
export function platformTriple(platform: string = process.platform, arch: string = process.arch, musl: boolean = isMusl()): string | undefined {
  const archs: Record<string, string> = { x64: 'x64', arm64: 'arm64' };
  const a = archs[arch];
  if (a === undefined) return undefined;
  switch (platform) {
    case 'linux':
      return `linux-${a}-${musl ? 'musl' : 'gnu'}`;
    case 'darwin':
      return `darwin-${a}`;
    case 'win32':
      return `win32-${a}-msvc`;
    default:
      return undefined;
  }
}

/** File name of the binary for this process, e.g. recur.linux-x64-gnu.node. */
export function binaryFileName(platform?: string, arch?: string, musl?: boolean): string | undefined {
  const triple = platformTriple(platform, arch, musl);
  return triple === undefined ? undefined : `${BINARY_NAME}.${triple}.node`;
}
