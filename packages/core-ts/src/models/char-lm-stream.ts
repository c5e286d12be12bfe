/**
 * Generation from a CharLM one symbol per call: the recurrent stack runs as a layer stream
 * (state kept between calls, no tape), then the Dense head gives the next-symbol logits.
 */
import type { Dense } from '../layers/dense.ts';
import { oneHot, type Embedding } from '../layers/embedding.ts';
import type { RecurrentLayer } from '../layers/recurrent-layer.ts';
import type { RecurrentStream } from '../layers/recurrent-stream.ts';
import type { Tensor, DType } from '../tensor.ts';

export class CharLMStream {
  readonly batchSize: number;
  private readonly rnn: RecurrentStream;

  /** Use `model.stream(batchSize)`. */
  constructor(
    private readonly parts: { embedding: Embedding | null; rnn: RecurrentLayer; head: Dense; vocabSize: number; dtype: DType },
    batchSize: number,
  ) {
    this.rnn = parts.rnn.stream({ batchSize });
    this.batchSize = this.rnn.batchSize;
  }

  /** Feeds one symbol id per example; returns the logits of the next symbol [B, vocabSize]. */
  step(ids: ArrayLike<number>): Tensor {
    const { embedding, head, vocabSize, dtype } = this.parts;
    const B = this.batchSize;
    if (ids.length !== B) throw new RangeError(`CharLM.stream: ids has ${ids.length} entries but the stream's batchSize is ${B}`);
    const x = embedding ? embedding.forward(ids, [B]).output : oneHot(ids, [B], vocabSize, dtype);
    return head.forward(this.rnn.step(x)).output;
  }

  /** Back to the zero state. */
  reset(): void {
    this.rnn.reset();
  }
}
