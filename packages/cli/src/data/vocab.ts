/**
 * Symbols (Unicode code points) <-> ids. Id 0 is the boundary token: it starts every line as
 * the first input and ends it as the last target, so the model learns where names begin and end.
 */
import { CliError } from '../cli-error.js';

export const BOUNDARY = 0;

export class Vocab {
  /** Symbols in id order, starting at id 1. */
  readonly symbols: readonly string[];
  private readonly ids: ReadonlyMap<string, number>;

  constructor(symbols: readonly string[]) {
    this.symbols = [...symbols];
    this.ids = new Map(this.symbols.map((s, i) => [s, i + 1]));
    if (this.ids.size !== this.symbols.length) throw new RangeError('Vocab: symbols must be distinct');
  }

  /** Every distinct code point of the lines, sorted by code point (so the ids are reproducible). */
  static fromLines(lines: readonly string[]): Vocab {
    const set = new Set<string>();
    for (const line of lines) for (const ch of line) set.add(ch);
    return new Vocab([...set].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!));
  }

  /** Symbols plus the boundary token. */
  get size(): number {
    return this.symbols.length + 1;
  }

  /** Ids of the symbols of `text`; `what` names the text in the error for an unknown symbol. */
  encode(text: string, what: string): Int32Array {
    const chars = [...text];
    const out = new Int32Array(chars.length);
    chars.forEach((ch, i) => {
      const id = this.ids.get(ch);
      if (id === undefined) throw new CliError(`${what}: ${JSON.stringify(ch)} is not in the model's vocabulary (${this.symbols.length} symbols seen in training)`);
      out[i] = id;
    });
    return out;
  }

  decode(ids: ArrayLike<number>): string {
    let s = '';
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] !== BOUNDARY) s += this.symbols[ids[i] - 1];
    }
    return s;
  }
}
