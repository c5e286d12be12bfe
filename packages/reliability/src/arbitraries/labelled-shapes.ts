/**
 * Shapes written with size labels, as the seed API documents them: x is (n_x, m, T_x),
 * the LSTM gate weights (n_a, n_a + n_x). After a fuzz case changes one axis of one
 * argument, `consistent` says whether some choice of sizes still fits every argument (then
 * the call is valid, e.g. a different T_x), or none does (then it must throw).
 */

/** An axis: a fixed size, one label, or a sum of labels ('na+nx'). */
export type Axis = number | string;

export interface LabelledArg {
  name: string;
  axes: readonly Axis[];
}

export type Sizes = Record<string, number>;

export function shapeOf(axes: readonly Axis[], sizes: Sizes): number[] {
  return axes.map((a) => (typeof a === 'number' ? a : a.split('+').reduce((s, l) => s + sizes[l], 0)));
}

/** Whether non-negative sizes exist that give every argument its actual shape (ranks must already match). */
export function consistent(args: readonly LabelledArg[], shapes: readonly (readonly number[])[]): boolean {
  const known = new Map<string, number>();
  const sums: [string[], number][] = [];
  for (let i = 0; i < args.length; i++) {
    const axes = args[i].axes;
    if (axes.length !== shapes[i].length) return false;
    for (let k = 0; k < axes.length; k++) {
      const a = axes[k];
      const v = shapes[i][k];
      if (typeof a === 'number') {
        if (a !== v) return false;
      } else if (!a.includes('+')) {
        if (known.has(a) && known.get(a) !== v) return false;
        known.set(a, v);
      } else {
        sums.push([a.split('+'), v]);
      }
    }
  }
  // Sums: each has at most one label not fixed elsewhere (true of the seed's n_a + n_x).
  for (const [labels, v] of sums) {
    const free = labels.filter((l) => !known.has(l));
    const fixed = labels.filter((l) => known.has(l)).reduce((s, l) => s + known.get(l)!, 0);
    if (free.length === 0) {
      if (fixed !== v) return false;
    } else if (free.length === 1) {
      if (v - fixed < 0) return false;
      known.set(free[0], v - fixed);
    } else {
      throw new Error(`labelled-shapes: ${labels.join('+')} has more than one free label`);
    }
  }
  return true;
}
