/** Command-line options of `npm run bench` (all optional). */
import { join } from 'node:path';
import { CELLS, DTYPES, RECURRENT_SHAPES, type Cell, type Dtype } from './plan.js';
import type { RatioBasis } from './results.js';
import type { TimingOptions } from './timing.js';

export interface CliOptions {
  smoke: boolean;
  systems: string[] | null;
  shapes: string[];
  cells: Cell[];
  dtypes: Dtype[];
  gemm: boolean;
  timing: TimingOptions;
  basis: RatioBasis;
  /** results/latest.json and results/chart.svg go here. */
  resultsDir: string;
  /** RESULTS.md path, or null to not write it. */
  markdown: string | null;
  verbose: boolean;
  /** Re-render RESULTS.md and the chart from this results JSON instead of running. */
  fromJson: string | null;
}

export const USAGE = `npm run bench [-- options]
  --smoke             tiny shape and a 64³ GEMM only, 1 call per item, no warm-up
  --systems a,b       only these system ids (native-1t, native-2t, ts, numpy-1t, numpy-2t,
                      torch-1t, torch-2t, wasm, tfjs-wasm, tfjs-cpu, ort-1t, ort-2t, ort-web); native-1t is
                      always added;
                      torch-2t runs only when named here
  --shapes a,b        recurrent shapes: ${RECURRENT_SHAPES.map((s) => s.name).join(', ')}
  --cells a,b         ${CELLS.join(', ')}
  --dtypes a,b        ${DTYPES.join(', ')}
  --no-gemm           skip the GEMM items
  --budget S          seconds of timed calls per item (default 0.25)
  --cap S             a call longer than this is timed once only (default 4)
  --hard-cap S        a call longer than this is killed: timeout (default 6)
  --reps N            fixed N calls per item, no warm-up
  --ratio-basis B     best (default) or median: the time GFLOP/s and ratios use
  --results-dir DIR   where latest.json and chart.svg go (default packages/bench/results)
  --markdown PATH     where RESULTS.md goes (default packages/bench/RESULTS.md; 'none' to skip)
  --verbose           show the workers' own output
  --from-json PATH    only re-render RESULTS.md and chart.svg from a results JSON`;

function list<T extends string>(value: string, allowed: readonly T[], name: string): T[] {
  const xs = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const x of xs) if (!allowed.includes(x as T)) throw new RangeError(`${name}: '${x}' is not one of ${allowed.join(', ')}`);
  return xs as T[];
}

export function parseOptions(argv: readonly string[], packageDir: string): CliOptions {
  const o: CliOptions = {
    smoke: false,
    systems: null,
    shapes: RECURRENT_SHAPES.map((s) => s.name),
    cells: [...CELLS],
    dtypes: [...DTYPES],
    gemm: true,
    timing: { itemBudgetSec: 0.25, capSec: 4, hardCapSec: 6, minReps: 3, maxReps: 10, minSampleSec: 0.005 },
    basis: 'best',
    resultsDir: join(packageDir, 'results'),
    markdown: join(packageDir, 'RESULTS.md'),
    verbose: false,
    fromJson: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new RangeError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--smoke':
        o.smoke = true;
        o.shapes = ['tiny'];
        o.timing.fixedReps = 1;
        break;
      case '--systems':
        o.systems = value().split(',').map((s) => s.trim());
        break;
      case '--shapes':
        o.shapes = list(value(), RECURRENT_SHAPES.map((s) => s.name), '--shapes');
        break;
      case '--cells':
        o.cells = list(value(), CELLS, '--cells');
        break;
      case '--dtypes':
        o.dtypes = list(value(), DTYPES, '--dtypes');
        break;
      case '--no-gemm':
        o.gemm = false;
        break;
      case '--budget':
        o.timing.itemBudgetSec = Number(value());
        break;
      case '--cap':
        o.timing.capSec = Number(value());
        break;
      case '--hard-cap':
        o.timing.hardCapSec = Number(value());
        break;
      case '--ratio-basis':
        o.basis = list(value(), ['best', 'median'] as const, '--ratio-basis')[0] ?? 'best';
        break;
      case '--reps':
        o.timing.fixedReps = Math.max(1, Math.floor(Number(value())));
        break;
      case '--results-dir':
        o.resultsDir = value();
        break;
      case '--markdown': {
        const v = value();
        o.markdown = v === 'none' ? null : v;
        break;
      }
      case '--from-json':
        o.fromJson = value();
        break;
      case '--verbose':
        o.verbose = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new RangeError(`unknown option '${arg}'\n${USAGE}`);
    }
  }
  return o;
}
