import { normalise } from '../../src/nlp/normalise.ts';
import type { LabelledText } from '../../src/nlp/corpus.ts';

/** Distinct words of a message after normalisation (SMS and Creole spellings folded). */
export const words = (text: string) => new Set(normalise(text).split(' ').filter(Boolean));

export function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Pairs of messages sharing three quarters of their words: they would leak between cross-validation folds
 * and make the scores lie. Messages of fewer than four words ("bonjour", "stop") are allowed to repeat.
 */
export function nearDuplicates(corpus: readonly LabelledText[]): string[] {
  const sets = corpus.map((e) => words(e.text));
  const near: string[] = [];
  for (let i = 0; i < corpus.length; i++) {
    if (sets[i]!.size < 4) continue;
    for (let j = i + 1; j < corpus.length; j++) {
      if (sets[j]!.size < 4) continue;
      if (jaccard(sets[i]!, sets[j]!) >= 0.75) near.push(`${corpus[i]!.text} ~ ${corpus[j]!.text}`);
    }
  }
  return near;
}
