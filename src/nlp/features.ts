import { KeywordIndex } from './keywords.ts';
import { stems, stemWord, STOPWORDS, tokenise } from './normalise.ts';
import type { SparseVector } from './softmax-regression.ts';

/** How a text becomes features; stored in every serialised model. */
export interface FeatureConfig {
  /** `content` drops stopwords (topics); `all` keeps them (intents live in "je voudrais", "merci pour"). */
  tokens: 'content' | 'all';
  bigrams: boolean;
  /**
   * Character n-gram sizes taken inside each word (with boundary marks), e.g. [3, 4]; [] for none. They let
   * short messages in SMS or Creole spelling share features with the corpus.
   */
  charNgrams: number[];
  /** A word must appear in at least this many training texts to become a feature. */
  minCount: number;
  /** Same for bigrams and character n-grams: seen once, they say more about one message than a topic. */
  bigramMinCount: number;
  /** Scale term weights by inverse document frequency. */
  idf: boolean;
  /**
   * A lexicon of src/nlp/lexicons grouping phrases by label (topic keywords, intent cues), or null. Each
   * group becomes one feature, so a phrase the corpus never used still counts for its group.
   */
  keywordLexicon: string | null;
  /** Weight of the keyword features relative to the (unit-length) word features. */
  keywordWeight: number;
  /** Coarse message-shape features: length bucket, question mark. */
  shape: boolean;
  /** Only the beginning of longer texts is read: enough to know the topic, and bounds latency. */
  maxChars: number;
}

/** Terms of a text with their raw counts, plus keyword hits per group. */
export interface TextTerms {
  terms: Map<string, number>;
  keywordHits: Map<string, number>;
}

const keywordIndexes = new Map<string, KeywordIndex>();

const allWords = (text: string) => tokenise(text).map(stemWord);

export function keywordIndex(lexicon: string, tokens: FeatureConfig['tokens']): KeywordIndex {
  const key = `${lexicon}|${tokens}`;
  let index = keywordIndexes.get(key);
  if (!index) {
    index = KeywordIndex.fromLexicon(lexicon, tokens === 'content' ? stems : allWords);
    keywordIndexes.set(key, index);
  }
  return index;
}

function lengthBucket(words: number): string {
  if (words <= 2) return 's:len1';
  if (words <= 6) return 's:len2';
  if (words <= 15) return 's:len3';
  return 's:len4';
}

const AUXILIARIES = new Set([
  'ai',
  'as',
  'a',
  'avons',
  'avez',
  'ont',
  'suis',
  'es',
  'est',
  'sommes',
  'etes',
  'sont',
  'etait',
  'etaient',
  'avait',
  'avaient',
]);
const PARTICIPLE_RE = /(?:e|es|ee|ees|i|is|ie|u|us|ue|ues|it|te|ts|ert|ort)$/;
const CONDITIONAL_RE = /(?:rais|rait|rions|riez|raient)$/;
const IMPERFECT_RE = /(?:ais|ait|ions|iez|aient)$/;
const NEGATIONS = new Set(['pas', 'plus', 'jamais', 'aucun', 'aucune', 'rien', 'personne', 'manque']);

/**
 * Tense and mood in French grammar, which carry much of a message's intent: an idea is often in the
 * conditional ("il faudrait", "on pourrait"), feedback in the past ("j'ai testé", "c'était"), a need in the
 * negative present ("il n'y a pas"). Rough on purpose: a cue, not a parser.
 */
function grammarMarks(tokens: readonly string[]): string[] {
  const marks = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!;
    if (word.length > 5 && CONDITIONAL_RE.test(word)) marks.add('s:conditional');
    else if (word.length > 4 && IMPERFECT_RE.test(word)) marks.add('s:imperfect');
    if (AUXILIARIES.has(word) && i + 1 < tokens.length) {
      const next = tokens[i + 1]!;
      if (next.length > 3 && PARTICIPLE_RE.test(next)) marks.add('s:past');
    }
    if (NEGATIONS.has(word)) marks.add('s:negative');
  }
  return [...marks];
}

export function extractTerms(text: string, config: FeatureConfig): TextTerms {
  const input = text.length > config.maxChars ? text.slice(0, config.maxChars) : text;
  const tokens = tokenise(input);
  const words =
    config.tokens === 'content'
      ? tokens.filter((t) => !STOPWORDS.has(t)).map(stemWord)
      : tokens.map(stemWord);
  const terms = new Map<string, number>();
  const add = (term: string) => terms.set(term, (terms.get(term) ?? 0) + 1);
  for (let i = 0; i < words.length; i++) {
    add(`w:${words[i]}`);
    if (config.bigrams && i + 1 < words.length) add(`b:${words[i]} ${words[i + 1]}`);
  }
  // Character n-grams come from the unstemmed words: endings carry tense and mood ("faudrait", "testé").
  for (const n of config.charNgrams) {
    for (const word of config.tokens === 'content' ? tokens.filter((t) => !STOPWORDS.has(t)) : tokens) {
      const marked = `<${word}>`;
      for (let i = 0; i + n <= marked.length; i++) add(`c:${marked.slice(i, i + n)}`);
    }
  }
  if (config.shape) {
    add(lengthBucket(words.length));
    if (input.includes('?')) add('s:question');
    for (const mark of grammarMarks(tokens)) add(mark);
  }
  const keywordHits = config.keywordLexicon
    ? keywordIndex(config.keywordLexicon, config.tokens).hits(words)
    : new Map<string, number>();
  return { terms, keywordHits };
}

/**
 * The learned vocabulary: term → feature index, with IDF weights. Keyword features come first, one per
 * lexicon group, so that every model has them whatever its corpus.
 */
export class Vocabulary {
  constructor(
    readonly terms: Map<string, number>,
    readonly idf: Float32Array,
    readonly keywordGroups: string[],
  ) {}

  get size(): number {
    return this.keywordGroups.length + this.terms.size;
  }

  static build(docs: readonly TextTerms[], config: FeatureConfig): Vocabulary {
    const df = new Map<string, number>();
    for (const doc of docs) for (const term of doc.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    const keywordGroups = config.keywordLexicon
      ? keywordIndex(config.keywordLexicon, config.tokens).groups
      : [];
    const terms = new Map<string, number>();
    const idf: number[] = keywordGroups.map(() => 1);
    // Sorted so the same corpus always gives the same feature numbering.
    for (const term of [...df.keys()].sort()) {
      const count = df.get(term)!;
      if (count < (term.startsWith('w:') || term.startsWith('s:') ? config.minCount : config.bigramMinCount))
        continue;
      terms.set(term, keywordGroups.length + terms.size);
      idf.push(config.idf ? Math.log((1 + docs.length) / (1 + count)) + 1 : 1);
    }
    return new Vocabulary(terms, Float32Array.from(idf), [...keywordGroups]);
  }

  /**
   * Sublinear term frequency, IDF, then L2 normalisation: a 2,000-character opinion and a ten-word SMS land
   * on the same scale, which is what lets a model trained on short messages read long ones.
   * Keyword features are the share of the text's keyword hits that belong to each group.
   * `known` counts the features the vocabulary knows (0 = the model has nothing to go on).
   */
  vectorise(doc: TextTerms, config: FeatureConfig): SparseVector & { known: number } {
    const indices: number[] = [];
    const values: number[] = [];
    let norm = 0;
    let known = 0;
    for (const [term, count] of doc.terms) {
      const index = this.terms.get(term);
      if (index === undefined) continue;
      if (!term.startsWith('s:')) known++;
      const value = (1 + Math.log(count)) * this.idf[index]!;
      indices.push(index);
      values.push(value);
      norm += value * value;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < values.length; k++) values[k] = values[k]! / norm;
    let totalHits = 0;
    for (const hits of doc.keywordHits.values()) totalHits += hits;
    if (totalHits > 0) {
      for (let g = 0; g < this.keywordGroups.length; g++) {
        const hits = doc.keywordHits.get(this.keywordGroups[g]!) ?? 0;
        if (hits === 0) continue;
        known++;
        indices.push(g);
        values.push((config.keywordWeight * hits) / totalHits);
      }
    }
    return { indices: Int32Array.from(indices), values: Float32Array.from(values), known };
  }
}
