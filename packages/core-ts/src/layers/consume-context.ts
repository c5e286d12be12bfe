/**
 * A forward pass's ctx may be backpropagated once: gradients accumulate, so a second
 * backward on the same ctx would silently double them. Contexts are marked here, not on
 * the ctx objects, so their shape stays as documented.
 */
const consumed = new WeakSet<object>();

/** Marks ctx as used by a backward pass; throws if it already was. */
export function consumeContext(ownerName: string, ctx: object): void {
  if (consumed.has(ctx)) {
    throw new TypeError(`${ownerName}.backward: this ctx was already backpropagated (gradients accumulate, so a second backward would double them); run forward again for a new ctx`);
  }
  consumed.add(ctx);
}
