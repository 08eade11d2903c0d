// `npm run bench`: every benchmark of Kozé, one after the other (they would disturb each other's timings).
process.env.DOTENV_CONFIG_QUIET = 'true';

const suites = ['./bot-state.bench.ts', './nlp.bench.ts', './conversation.bench.ts', './telegram.bench.ts'];
const only = process.argv.slice(2);

console.log(`# Kozé benchmarks — ${new Date().toISOString()} — Node ${process.version}`);
for (const suite of suites) {
  if (only.length > 0 && !only.some((name) => suite.includes(name))) continue;
  const module = (await import(suite)) as { default: () => Promise<void> };
  await module.default();
}
