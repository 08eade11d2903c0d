// `npm run bench [-- name…]`: every benchmark of Kozé (or those whose file name contains a name), one after
// the other, each in a process of its own: in one process, a suite's heap and JIT state would disturb the
// next one's timings (the NLP suite alone leaves ~100 MB for the garbage collector to walk).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const suites = ['./bot-state.bench.ts', './nlp.bench.ts', './conversation.bench.ts', './telegram.bench.ts'];
const only = process.argv.slice(2);
const runSuite = fileURLToPath(new URL('./run-suite.ts', import.meta.url));

console.log(`# Kozé benchmarks — ${new Date().toISOString()} — Node ${process.version}`);
let failed = false;
for (const suite of suites) {
  if (only.length > 0 && !only.some((name) => suite.includes(name))) continue;
  // process.execArgv carries tsx's loader into the child.
  const { status } = spawnSync(process.execPath, [...process.execArgv, runSuite, suite], {
    stdio: 'inherit',
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
  });
  if (status !== 0) {
    console.error(`${suite} failed (exit code ${status})`);
    failed = true;
  }
}
if (failed) process.exitCode = 1;
