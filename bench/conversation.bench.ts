// Conversation benchmark: complete need conversations (first contact, consent, a need from free text to
// its reference) by 50 residents at once, through the real bot (middleware, dialogs, NLP, storage) on real
// PostgreSQL. Channel time is excluded: the console adapter hands turns to the bot in-process.
//
// Two runs. "Paced": each resident reads and types between messages (THINK_MS), as people do; 50 of them
// at once is a busy evening for a town of 13,000, and the p99 target applies here. "Saturated": the same
// conversations with no pause at all, to find the throughput ceiling; there, a turn's latency is mostly
// its wait behind the 49 others (latency ≈ residents / throughput), reported for information.
import '../src/nlp/quiet-dotenv.ts';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { pino } from 'pino';
import { buildBot } from '../src/bot/build-bot.ts';
import { LocalChatAdapter } from '../src/channels/local/local-chat.adapter.ts';
import { NlpAnalyzer } from '../src/nlp/analyzer.ts';
import { trainNlpModel } from '../src/nlp/trainer.ts';
import { openPostgres, type DatabaseHandle } from '../src/storage/database.ts';
import { migrateToLatest } from '../src/storage/migrator.ts';
import { startBenchPostgres } from './postgres-cluster.ts';
import { formatMs, percentile } from './stats.ts';

const RESIDENTS = 50;
const POOL = 20;
const TARGET_P99_MS = 50;
/** Pause between a reply and the resident's next message in the paced run: uniform in this range. */
const THINK_MS: [number, number] = [500, 2500];

const NEEDS = [
  'Il n’y a plus de bus le dimanche pour descendre au centre-ville',
  'Le lampadaire de notre impasse est en panne depuis trois semaines',
  'Les poubelles jaunes n’ont pas été ramassées depuis deux passages',
  'Ma mère ne trouve plus de médecin qui se déplace à domicile',
  'Le radier est impraticable depuis les fortes pluies',
  'Il manque un abribus devant l’école de La Paix',
  'Les jeunes du quartier n’ont aucun terrain de sport',
  'Le wifi de la médiathèque ne marche jamais',
  'Les chiens errants font peur aux enfants le soir',
  'Il faudrait un marché de producteurs à Bellevue',
];

/** What a resident types, in order: the first contact, then one need from free text to its reference. */
function firstConversation(i: number): string[] {
  return ['bonjour', 'Français', 'J’accepte', 'Plus tard', ...needTurns(i)];
}

let needs = NEEDS;

/** "1" confirms Kozé's category, or picks the first theme when it could not tell. */
function needTurns(i: number): string[] {
  return [needs[i % needs.length]!, '1', 'Passer', 'Pas de photo', 'non', 'Enregistrer'];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Run {
  latencies: number[];
  seconds: number;
  conversations: number;
  failures: number;
}

async function runResidents(
  say: (userId: string, text: string) => Promise<string[]>,
  prefix: string,
  script: (i: number) => string[],
  expectSaved: boolean,
  think?: [number, number],
): Promise<Run> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: RESIDENTS }, async (_, i) => {
      let last: string[] = [];
      for (const text of script(i)) {
        if (think) await sleep(think[0] + Math.random() * (think[1] - think[0]));
        const t0 = performance.now();
        last = await say(`${prefix}-${i}`, text);
        latencies.push(performance.now() - t0);
      }
      if (expectSaved && !last.some((reply) => /Référence : B-\d+/.test(reply))) failures++;
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000, conversations: RESIDENTS, failures };
}

function report(label: string, run: Run) {
  const { latencies, seconds } = run;
  const p99 = percentile(latencies, 99);
  console.log(
    `${label.padEnd(34)} ${String(latencies.length).padStart(5)} turns  ${(latencies.length / seconds).toFixed(0).padStart(5)} turns/s  ` +
      `${(run.conversations / seconds).toFixed(1).padStart(5)} conv/s   p50 ${formatMs(percentile(latencies, 50))}   ` +
      `p90 ${formatMs(percentile(latencies, 90))}   p99 ${formatMs(p99)}   max ${formatMs(Math.max(...latencies))}` +
      (run.failures ? `   ${run.failures} conversations NOT saved` : ''),
  );
  return p99;
}

function merge(a: Run, b: Run): Run {
  return {
    latencies: [...a.latencies, ...b.latencies],
    seconds: a.seconds + b.seconds,
    conversations: a.conversations + b.conversations,
    failures: a.failures + b.failures,
  };
}

/** A database of its own on the cluster, dropped afterwards, so that a DATABASE_URL is left as it was. */
async function scratchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `koze_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name}`);
      } finally {
        await client.end();
      }
    },
  };
}

export default async function runConversationBench(): Promise<void> {
  console.log(
    `\n## Conversations (${RESIDENTS} residents at once, complete need conversations, real bot, channel excluded)`,
  );
  const cluster = await startBenchPostgres();
  if (!cluster) {
    console.log('(no PostgreSQL server found and DATABASE_URL unset: skipped)');
    return;
  }
  const trainingStarted = performance.now();
  const analyzer = new NlpAnalyzer(trainNlpModel().model);
  console.log(
    `NLP model trained in memory in ${((performance.now() - trainingStarted) / 1000).toFixed(1)} s (not measured)`,
  );
  // Only texts the model reads as needs, so every conversation is the need path (the others are skipped).
  needs = NEEDS.filter((text) => analyzer.intent(text) === 'need');
  let scratch: Awaited<ReturnType<typeof scratchDatabase>> | undefined;
  let database: DatabaseHandle | undefined;
  try {
    scratch = await scratchDatabase(cluster.url);
    database = openPostgres(scratch.url, { max: POOL });
    await migrateToLatest(database.db);
    const bot = buildBot({ db: database.db, logger: pino({ level: 'error' }), analyzer });
    const adapter = bot.attach(new LocalChatAdapter());
    const say = async (userId: string, text: string) =>
      (await adapter.process({ userId, text }, bot.logic)).map((activity) => activity.text ?? '');

    // Warm-up (JIT, lazy indexes, the similar-needs index), not measured.
    await runResidents(say, 'warmup', firstConversation, true);

    console.log(
      `${cluster.version}, pool of ${POOL} connections, Node ${process.version}, load average before: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(`Paced: ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s between a reply and the next message`);
    const first = await runResidents(say, 'paced', firstConversation, true, THINK_MS);
    const returning = await runResidents(say, 'paced', needTurns, true, THINK_MS);
    report('  first contact + need (10 turns)', first);
    report('  returning resident, need (6 turns)', returning);
    const p99 = report('  all turns', merge(first, returning));
    console.log('Saturated: no pause, each resident sends as soon as Kozé answers');
    const fast = merge(
      await runResidents(say, 'saturated', firstConversation, true),
      await runResidents(say, 'saturated', needTurns, true),
    );
    report('  all turns', fast);
    console.log(
      `target p99 < ${TARGET_P99_MS} ms per turn (paced): ${p99 < TARGET_P99_MS ? 'met' : 'MISSED'}; load average after: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    await bot.idle();
  } finally {
    await database?.close();
    await scratch?.drop().catch(() => {});
    cluster.stop();
  }
}
