// `npm run --silent classify`: JSON lines in on stdin, one JSON line out per input on stdout.
import './console-to-stderr.ts';
import { classifyStream } from './classify-stream.ts';
import { loadAnalyzer } from './load-analyzer.ts';

const log = (message: string) => process.stderr.write(`[classify] ${message}\n`);

// A consumer that stops reading (`| head -1`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  const { analyzer } = await loadAnalyzer(process.env.DATABASE_URL || undefined, log);
  const count = await classifyStream(process.stdin, process.stdout, analyzer);
  log(`${count} line(s) classified`);
} catch (error) {
  log(`failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
}
