// Runs one benchmark suite (a module whose default export runs it) in this process: see index.ts.
const suite = process.argv[2];
if (!suite) throw new Error('usage: run-suite.ts ./name.bench.ts');
const module = (await import(suite)) as { default: () => Promise<void> };
await module.default();
