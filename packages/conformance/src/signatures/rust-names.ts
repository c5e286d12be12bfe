import type { KernelArg } from '@recur/core';

/** The Rust spelling of an argument: its `rust` alias, else snake_case (resetAfter -> reset_after, dhT -> dh_t, T -> t). */
export function rustArgName(arg: KernelArg): string {
  return arg.rust ?? arg.name.replace(/(?<=.)([A-Z])/g, '_$1').toLowerCase();
}
