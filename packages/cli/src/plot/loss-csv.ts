/** loss.csv: one row per step, full precision (shortest round-trip decimal). */
export function lossCsv(losses: ArrayLike<number>, smoothed: ArrayLike<number>): string {
  const rows = ['step,loss,smoothed_loss'];
  for (let i = 0; i < losses.length; i++) rows.push(`${i + 1},${losses[i]},${smoothed[i]}`);
  return rows.join('\n') + '\n';
}
