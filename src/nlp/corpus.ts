import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { normalise } from './normalise.ts';

/** One training example: a text, its label and how much it counts (1 for the corpus). */
export interface LabelledText {
  text: string;
  label: string;
  weight: number;
}

export const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));

/**
 * Reads `<dir>/<label>.txt` files (one example per line, `#` comments skipped). Lines that normalise to
 * the same text as an earlier line are dropped: a duplicate would count twice in training and leak
 * between cross-validation folds.
 */
export function readLabelledDir(dir: string): LabelledText[] {
  if (!existsSync(dir)) throw new Error(`NLP corpus folder ${dir} does not exist`);
  const seen = new Set<string>();
  const out: LabelledText[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.txt')) continue;
    const label = file.slice(0, -'.txt'.length);
    for (const line of readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/)) {
      const text = line.trim();
      if (text === '' || text.startsWith('#')) continue;
      const key = normalise(text);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      out.push({ text, label, weight: 1 });
    }
  }
  return out;
}

export function loadCategoryCorpus(root = CORPUS_DIR): LabelledText[] {
  return readLabelledDir(path.join(root, 'categories'));
}

export function loadIntentCorpus(root = CORPUS_DIR): LabelledText[] {
  return readLabelledDir(path.join(root, 'intents'));
}
