/** Sequential.summary(): one line per layer with its output shape and parameter count. */
import { RecurrentLayer } from '../layers/recurrent-layer.ts';
import { Dense } from '../layers/dense.ts';
import { Embedding } from '../layers/embedding.ts';
import type { Sequential } from './sequential.ts';
import { layerKind } from './sequential-layers.ts';

export function sequentialSummary(model: Sequential): string {
  const rows: string[][] = [['#', 'Layer', 'Output shape', 'Params']];
  const lead = model.batchFirst ? ['B', 'T'] : ['T', 'B'];
  let hasTime = true;
  let total = 0;
  model.layers.forEach((layer, i) => {
    const kind = layerKind(layer)!;
    let features = '';
    let detail: string = kind;
    if (layer instanceof RecurrentLayer) {
      const c = layer.config;
      detail = `${kind}(${c.hiddenSize}${c.numLayers > 1 ? `, layers ${c.numLayers}` : ''}${c.bidirectional ? ', bidirectional' : ''}${c.dropout > 0 ? `, dropout ${c.dropout}` : ''})`;
      features = String(layer.outputSize);
      hasTime = hasTime && layer.returnSequences;
    } else if (layer instanceof Dense) {
      features = String(layer.outputSize);
      detail = `Dense(${layer.outputSize})`;
    } else if (layer instanceof Embedding) {
      features = String(layer.embeddingSize);
      detail = `Embedding(${layer.numEmbeddings}, ${layer.embeddingSize})`;
    } else {
      features = rows[rows.length - 1][2].split(', ').pop()!.replace(']', '') || '?';
      detail = `Dropout(${layer.rate})`;
    }
    const n = layer.parameters().reduce((a, p) => a + p.param.size, 0);
    total += n;
    rows.push([String(i), detail, `[${[...(hasTime ? lead : ['B']), features].join(', ')}]`, String(n)]);
  });
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => (c === 3 ? v.padStart(widths[c]) : v.padEnd(widths[c]))).join('  ').trimEnd();
  const rule = '-'.repeat(line(rows[0]).length);
  return [`Sequential (${model.batchFirst ? 'batch-first' : 'time-major'}, ${model.dtype})`, line(rows[0]), rule, ...rows.slice(1).map(line), rule, `Total params: ${total}`].join('\n');
}
