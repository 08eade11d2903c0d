import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { pino } from 'pino';
import { buildBot, loadAnalyzer } from '../src/bot/build-bot.ts';
import { TelegramChannel } from '../src/channels/telegram/telegram.channel.ts';
import type { TelegramConfig } from '../src/config.ts';
import { openPostgres, type DatabaseHandle } from '../src/storage/database.ts';
import { migrateToLatest } from '../src/storage/migrator.ts';
import { startBenchPostgres } from './postgres-cluster.ts';
import { formatMs, percentile } from './stats.ts';
import { ROUND_NAMES, type WorkerResult, type WorkerSettings } from './telegram-fake-worker.ts';

const RESIDENTS = Number(process.env.KOZE_BENCH_RESIDENTS ?? 100);

type Pacing = Pick<TelegramConfig, 'maxPerSecond' | 'maxPerChatPerSecond' | 'chatBurst'>;
type Analyzer = Awaited<ReturnType<typeof loadAnalyzer>>;

/**
 * One run: the fake Bot API and 100 residents in a worker thread (their own clock and event loop), Kozé here
 * with the real dialogs on PostgreSQL, polling the fake through the real library. Every round, all residents
 * write at once; each turn is timed from the update's creation to the first and the last message of the reply.
 */
async function run(
  database: DatabaseHandle,
  pacing: Pacing,
  strict: boolean,
  firstUserId: number,
  analyzer: Analyzer,
) {
  const settings: WorkerSettings = {
    residents: RESIDENTS,
    firstUserId,
    // The fake enforces the same limits as Telegram would: a 429 means the pacing failed.
    ...(strict
      ? {
          rateLimit: {
            global: pacing.maxPerSecond,
            perChat: pacing.maxPerChatPerSecond,
            chatBurst: pacing.chatBurst,
          },
        }
      : {}),
  };
  // TypeScript in the worker too: tsx's loader is not inherited by worker threads, so it registers it first.
  const entry = new URL('./telegram-fake-worker.ts', import.meta.url).href;
  const worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData: settings },
  );
  const [ready] = (await once(worker, 'message')) as [{ apiRoot: string; token: string }];
  const logger = pino({ level: 'error' });
  const channel = new TelegramChannel({
    token: ready.token,
    config: {
      apiRoot: ready.apiRoot,
      mode: 'polling',
      webhookUrl: undefined,
      webhookSecret: undefined,
      ...pacing,
    },
    db: database.db,
    bot: buildBot({ db: database.db, logger, analyzer }),
    logger,
  });
  await channel.start();
  const started = performance.now();
  worker.postMessage('go');
  const [{ result }] = (await once(worker, 'message')) as [{ result: WorkerResult }];
  const seconds = (performance.now() - started) / 1000;
  await channel.stop();
  worker.postMessage('close');
  await once(worker, 'message');
  await worker.terminate();
  return { ...result, seconds };
}

/** The most messages Telegram received within any one second. */
function busiestSecond(times: number[]): number {
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1_000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

export default async function runTelegramBench(): Promise<void> {
  console.log(
    `\n## Telegram (fake Bot API through the real library, real dialogs on PostgreSQL; ${RESIDENTS} residents ` +
      `writing at once, rounds: ${ROUND_NAMES.join(', ')})`,
  );
  const cluster = await startBenchPostgres();
  if (!cluster) {
    console.log('(no PostgreSQL server found: skipped — this benchmark runs on real PostgreSQL)');
    return;
  }
  const name = `koze_bench_telegram_${process.pid}`;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const database = openPostgres(cluster.url.replace(/\/postgres$/, `/${name}`), { max: 20 });
  try {
    await migrateToLatest(database.db);
    const analyzer = await loadAnalyzer(database.db);
    const configurations: Array<[string, Pacing, boolean]> = [
      [
        'at Telegram’s limits (30/s, 1/s per chat, burst 3)',
        { maxPerSecond: 30, maxPerChatPerSecond: 1, chatBurst: 3 },
        true,
      ],
      [
        'unpaced (processing alone)',
        { maxPerSecond: 100_000, maxPerChatPerSecond: 100_000, chatBurst: 1_000 },
        false,
      ],
    ];
    let firstUserId = 9_000_000;
    for (const [label, pacing, strict] of configurations) {
      // New residents each run: every run starts with first contacts.
      const r = await run(database, pacing, strict, firstUserId, analyzer);
      firstUserId += 10_000;
      console.log(`\n${label}`);
      for (const round of r.rounds) {
        console.log(
          `  ${round.name.padEnd(24)} first message p50 ${formatMs(percentile(round.firstReply, 50)).padStart(10)}  p99 ${formatMs(percentile(round.firstReply, 99)).padStart(10)}` +
            `   whole reply p50 ${formatMs(percentile(round.fullReply, 50)).padStart(10)}  p99 ${formatMs(percentile(round.fullReply, 99)).padStart(10)}` +
            `   (${round.firstReply.length}/${RESIDENTS} answered)`,
        );
      }
      const all = r.rounds.flatMap((round) => round.firstReply);
      const sent = r.sentAt.length;
      const span = sent > 1 ? (r.sentAt.at(-1)! - r.sentAt[0]!) / 1000 : 0;
      console.log(
        `  ${'all turns'.padEnd(24)} first message p50 ${formatMs(percentile(all, 50)).padStart(10)}  p99 ${formatMs(percentile(all, 99)).padStart(10)}`,
      );
      console.log(
        `  sending: ${sent} messages, ${span > 0 ? (sent / span).toFixed(1) : '–'} msg/s while sending, busiest second ${busiestSecond(r.sentAt)} ` +
          `(limit ${strict ? `${pacing.maxPerSecond}/s` : 'none'}), 429 answers: ${r.tooManyRequests}; total ${r.seconds.toFixed(1)} s`,
      );
    }
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name}`).catch(() => undefined);
    await admin.end();
    cluster.stop();
  }
}
