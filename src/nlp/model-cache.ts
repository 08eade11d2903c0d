import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NlpModel } from './nlp-model.ts';
import { trainNlpModel } from './trainer.ts';

const NLP_DIR = fileURLToPath(new URL('./', import.meta.url));
const CACHE_DIR = fileURLToPath(new URL('../../node_modules/.cache/koze/', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : [full];
    })
    .sort();
}

/** A digest of everything a corpus-trained model depends on: corpus, lexicons and the NLP code itself. */
export function corpusFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(NLP_DIR)) {
    if (!/\.(ts|txt|json)$/.test(file)) continue;
    hash.update(path.relative(NLP_DIR, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The model trained from the in-repo corpus, cached on disk (node_modules/.cache/koze) so that command-line
 * tools start in a fraction of a second after the first run. Any change to the corpus, a lexicon or the NLP
 * code changes the fingerprint and retrains. The cache is best-effort: unreadable or unwritable, it is
 * ignored.
 */
export function corpusModel(log: (message: string) => void = () => {}): NlpModel {
  const file = path.join(CACHE_DIR, `nlp-model-${corpusFingerprint()}.json`);
  try {
    if (statSync(file).isFile()) {
      const { config, model } = JSON.parse(readFileSync(file, 'utf8')) as { config: unknown; model: unknown };
      const restored = NlpModel.restore(config, model);
      log(`loaded the corpus model from ${path.relative(process.cwd(), file)}`);
      return restored;
    }
  } catch {
    // No cache yet, or one this code cannot read: train.
  }
  const started = performance.now();
  const { model } = trainNlpModel();
  log(`trained the NLP model from the corpus in ${Math.round(performance.now() - started)} ms`);
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(model.serialise()));
    renameSync(temporary, file);
    for (const old of readdirSync(CACHE_DIR)) {
      if (old.startsWith('nlp-model-') && path.join(CACHE_DIR, old) !== file)
        rmSync(path.join(CACHE_DIR, old), { force: true });
    }
  } catch {
    // A read-only checkout still classifies; it just trains each time.
  }
  return model;
}
