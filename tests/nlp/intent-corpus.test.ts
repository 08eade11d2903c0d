import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, loadIntentCorpus } from '../../src/nlp/corpus.ts';
import { normalise } from '../../src/nlp/normalise.ts';
import { nearDuplicates } from './corpus-helpers.ts';

const INTENTS = ['feedback', 'greeting', 'help', 'idea', 'menu', 'need', 'stop'];

describe('intent corpus', () => {
  const corpus = loadIntentCorpus();

  it('has every intent, each with enough messages to cross-validate', () => {
    const counts = new Map<string, number>();
    for (const e of corpus) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(INTENTS);
    for (const intent of INTENTS)
      expect({ intent, n: counts.get(intent)! >= 100 }).toEqual({ intent, n: true });
  });

  it('never gives the same message two intents', () => {
    // The loader keeps the first of two lines that normalise alike: across files that would hide a conflict.
    const seen = new Map<string, string>();
    const conflicts: string[] = [];
    const dir = path.join(CORPUS_DIR, 'intents');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      const label = file.slice(0, -4);
      for (const line of readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/)) {
        const key = normalise(line.trim());
        if (key === '' || line.startsWith('#')) continue;
        const other = seen.get(key);
        if (other && other !== label) conflicts.push(`${line} (${other} / ${label})`);
        seen.set(key, label);
      }
    }
    expect(conflicts).toEqual([]);
  });

  it('has no near-duplicates, which would leak between cross-validation folds', () => {
    expect(nearDuplicates(corpus)).toEqual([]);
  });
});
