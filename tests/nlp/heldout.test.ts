import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES, INTENTS } from '../../src/nlp/categories.ts';
import { loadCategoryCorpus, loadIntentCorpus, type LabelledText } from '../../src/nlp/corpus.ts';
import { readHeldout, type HeldoutMessage } from '../../src/nlp/heldout.ts';
import { normalise } from '../../src/nlp/normalise.ts';
import { loadSentimentCorpus } from '../../src/nlp/sentiment.ts';
import { SENTIMENTS } from '../../src/nlp/sentiment-model.ts';
import { jaccard, words } from './corpus-helpers.ts';

/** Held-out messages that repeat a training line: they would measure memory, not generalisation. */
function leaks(
  heldout: readonly HeldoutMessage[],
  corpus: ReadonlyArray<Pick<LabelledText, 'text'>>,
): string[] {
  const training = corpus.map((e) => ({ text: e.text, key: normalise(e.text), words: words(e.text) }));
  return heldout.flatMap((m) => {
    const key = normalise(m.text);
    const w = words(m.text);
    const twin = training.find(
      (t) => t.key === key || (w.size >= 4 && t.words.size >= 4 && jaccard(w, t.words) >= 0.75),
    );
    return twin ? [`${m.text} ~ ${twin.text}`] : [];
  });
}

describe('held-out messages', () => {
  const heldout = readHeldout()!;

  it('cover every category, intent and sentiment, 20 messages each at least', () => {
    const count = (messages: HeldoutMessage[], label: string) =>
      messages.filter((m) => m.label === label).length;
    for (const category of DEFAULT_CATEGORIES)
      expect({ category, n: count(heldout.categories, category) >= 20 }).toEqual({ category, n: true });
    for (const intent of INTENTS)
      expect({ intent, n: count(heldout.intents, intent) >= 20 }).toEqual({ intent, n: true });
    for (const sentiment of SENTIMENTS)
      expect({ sentiment, n: count(heldout.sentiment, sentiment) >= 20 }).toEqual({ sentiment, n: true });
    const labels = new Set<string>([...DEFAULT_CATEGORIES, ...INTENTS, ...SENTIMENTS]);
    const all = [...heldout.categories, ...heldout.intents, ...heldout.sentiment];
    expect(all.filter((m) => !labels.has(m.label))).toEqual([]);
  });

  it('never repeat a training line', () => {
    expect(leaks(heldout.categories, loadCategoryCorpus())).toEqual([]);
    expect(leaks(heldout.intents, loadIntentCorpus())).toEqual([]);
    expect(leaks(heldout.sentiment, loadSentimentCorpus())).toEqual([]);
  });
});
