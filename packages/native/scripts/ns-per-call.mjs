// Nanoseconds per call of fn, the best of many short rounds (~0.2 ms each, so few are
// preempted): on a shared, loaded machine the minimum is the stable figure. The iteration
// count doubles until one round takes 0.2 ms or reaches maxIterations.
export function nsPerCall(fn, { budgetMs, maxIterations }) {
  let iterations = 1;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    if (Number(process.hrtime.bigint() - start) > 200_000 || iterations >= maxIterations) break;
    iterations *= 2;
  }
  let best = Infinity;
  const end = performance.now() + budgetMs;
  while (performance.now() < end) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / iterations);
  }
  return best;
}
