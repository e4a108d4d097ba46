/**
 * Redraw the convergence plot from the data a bench run wrote beside it, without running the bench:
 * `node dist/bench/fleet/src/plot.js convergence.json convergence.svg`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { type ConvergencePlot, convergenceSvg } from './convergence-svg.js';

const [from = 'convergence.json', to = 'convergence.svg'] = process.argv.slice(2);
writeFileSync(to, convergenceSvg(JSON.parse(readFileSync(from, 'utf8')) as ConvergencePlot));
