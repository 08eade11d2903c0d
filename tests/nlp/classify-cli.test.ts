import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { loadCategoryCorpus, loadIntentCorpus, type LabelledText } from '../../src/nlp/corpus.ts';
import { saveModel } from '../../src/nlp/model-store.ts';
import { CATEGORY_SETTINGS, INTENT_SETTINGS, trainNlpModel } from '../../src/nlp/trainer.ts';
import { openPostgres } from '../../src/storage/database.ts';
import { migrateToLatest } from '../../src/storage/migrator.ts';
import { createPostgresDatabase } from '../helpers/engines.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KEYS = ['id', 'category', 'confidence', 'alternatives', 'unsure', 'intent', 'sentiment', 'language'];

/** Runs `npm run --silent classify` as scripts do, feeding `input` on stdin. */
function classify(input: string, env: Record<string, string | undefined> = {}) {
  return new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    const childEnv = { ...process.env, ...env };
    if (env.DATABASE_URL === undefined) delete childEnv.DATABASE_URL;
    const child = spawn('npm', ['run', '--silent', 'classify'], { cwd: ROOT, env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

const lines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('npm run --silent classify', () => {
  it(
    'answers every input line with exactly one JSON line, in order, and nothing else',
    { timeout: 180_000 },
    async () => {
      const input = [
        JSON.stringify({ id: 1, text: 'ya pa d bus pr monté' }),
        'this is not JSON',
        JSON.stringify({ id: 'b', text: "Néna in gro problèm d'lo dann nout kartié" }),
        JSON.stringify({ id: 3, text: 42 }),
        '',
        JSON.stringify([1, 2]),
        JSON.stringify({ id: 4, text: 'STOP' }),
        JSON.stringify({ id: 5, text: '' }),
        JSON.stringify({ text: 'sans identifiant' }),
      ].join('\n');
      const { stdout, code } = await classify(`${input}\n`);
      expect(code).toBe(0);
      // Every stdout line is JSON (JSON.parse would throw on a log line).
      const out = lines(stdout);
      expect(out.map((o) => o.id)).toEqual([1, null, 'b', 3, null, 4, 5, null]);

      for (const i of [0, 2, 5, 6, 7]) {
        expect(Object.keys(out[i]!)).toEqual(KEYS);
        const alternatives = out[i]!.alternatives as { category: string; confidence: number }[];
        expect(alternatives.length).toBeLessThanOrEqual(3);
        for (const a of alternatives) expect(Object.keys(a)).toEqual(['category', 'confidence']);
        const total = (out[i]!.confidence as number) + alternatives.reduce((s, a) => s + a.confidence, 0);
        expect(total).toBeLessThanOrEqual(1 + 1e-9);
      }
      expect(out[0]).toMatchObject({ category: 'mobilite', intent: 'need', language: 'fr' });
      expect(out[2]).toMatchObject({ language: 'rcf' });
      expect(out[5]).toMatchObject({ intent: 'stop' });
      expect(out[6]).toMatchObject({ category: 'autre', unsure: true });
      for (const i of [1, 3, 4]) expect(out[i]).toEqual({ id: out[i]!.id, error: expect.any(String) });
    },
  );

  describe.runIf(inject('postgresUrl'))('with DATABASE_URL', () => {
    let url: string;
    let version: number;

    beforeAll(async () => {
      url = await createPostgresDatabase();
      const database = openPostgres(url);
      try {
        await migrateToLatest(database.db);
        const few = (corpus: LabelledText[], n: number) =>
          corpus.filter((e, i, all) => all.slice(0, i).filter((x) => x.label === e.label).length < n);
        const trained = trainNlpModel({
          categoryCorpus: few(loadCategoryCorpus(), 20),
          intentCorpus: few(loadIntentCorpus(), 10),
          categorySettings: { ...CATEGORY_SETTINGS, calibrationFolds: 2 },
          intentSettings: { ...INTENT_SETTINGS, calibrationFolds: 2 },
        });
        version = (await saveModel(database.db, trained.model, trained.metrics)).version!;
      } finally {
        await database.close();
      }
    }, 120_000);

    it('uses the current stored model', { timeout: 120_000 }, async () => {
      const { stdout, stderr, code } = await classify(`${JSON.stringify({ id: 1, text: 'pas de bus' })}\n`, {
        DATABASE_URL: url,
      });
      expect(code).toBe(0);
      expect(stderr).toContain(`stored NLP model version ${version}`);
      expect(lines(stdout)).toHaveLength(1);
    });
  });
});
