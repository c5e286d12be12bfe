// Chromium entry: the workload with @recur/core and @recur/wasm resolved by the page's
// import map, and recur.wasm fetched by URL beside @recur/wasm's own module file.
import { runWorkload } from './workload.ts';

const w = window as unknown as { __recur: { done: boolean; report?: unknown; error?: string } };
w.__recur = { done: false };
runWorkload().then(
  (report) => (w.__recur = { done: true, report }),
  (e: unknown) => (w.__recur = { done: true, error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) }),
);
