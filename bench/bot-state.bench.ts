import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PostgresStorage } from '../src/storage/bot-state.storage.ts';
import { openPglite, openPostgres, type DatabaseHandle } from '../src/storage/database.ts';
import { migrateToLatest } from '../src/storage/migrator.ts';
import { startBenchPostgres } from './postgres-cluster.ts';
import { formatMs, percentile } from './stats.ts';

const CONVERSATIONS = 200;
const ROUNDS = 10;
const CONCURRENCY = 20;

/** A dialog state of realistic size: a stack of two dialogs with a few values. */
function dialogState(i: number, round: number) {
  return {
    DialogState: {
      dialogStack: [
        {
          id: 'root',
          state: {
            dialogs: {
              dialogStack: [{ id: 'need', state: { values: { text: `besoin ${i} `.repeat(20), round } } }],
            },
          },
        },
      ],
    },
  };
}

/** Read + write of one conversation's state, as every turn does, by CONCURRENCY workers at once. */
async function measure(database: DatabaseHandle) {
  await migrateToLatest(database.db);
  const storage = new PostgresStorage(database.db);
  const latencies: number[] = [];
  const started = performance.now();
  let next = 0;
  const jobs = CONVERSATIONS * ROUNDS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs) {
        const job = next++;
        const key = `console/conversations/c${job % CONVERSATIONS}/`;
        const t0 = performance.now();
        const current = (await storage.read([key]))[key] ?? {};
        await storage.write({ [key]: { ...current, ...dialogState(job % CONVERSATIONS, job), eTag: '*' } });
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { throughput: jobs / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export default async function runBotStateBench(): Promise<void> {
  console.log(
    `\n## Bot state (read + write per turn; ${CONVERSATIONS} conversations × ${ROUNDS} turns, ${CONCURRENCY} concurrent)`,
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'koze-bench-'));
  const engines: Array<[string, () => Promise<DatabaseHandle>, () => void]> = [
    [
      'PGlite (embedded, on disk)',
      async () => openPglite(dir),
      () => rmSync(dir, { recursive: true, force: true }),
    ],
  ];
  const cluster = await startBenchPostgres();
  if (cluster)
    engines.push([
      cluster.version,
      async () => openPostgres(cluster.url, { max: CONCURRENCY }),
      () => cluster.stop(),
    ]);
  else console.log('(no PostgreSQL server found: PGlite only)');
  for (const [name, open, cleanup] of engines) {
    const database = await open();
    try {
      const r = await measure(database);
      console.log(
        `${name.padEnd(28)} ${r.throughput.toFixed(0).padStart(6)} turns/s   p50 ${formatMs(r.p50)}   p99 ${formatMs(r.p99)}`,
      );
    } finally {
      await database.close();
      cleanup();
    }
  }
}
