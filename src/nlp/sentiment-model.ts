import { mulberry32 } from './cross-validation.ts';
import type { Sentiment } from './types.ts';

/*
 * The statistical half of sentiment: a small Naive Bayes over stems (with negation-marked tokens such as
 * NOT_bien) and a multinomial logistic regression that weighs the lexicon's evidence against the Bayes
 * evidence. The lexicon half lives in sentiment.ts; this file only sees numbers and tokens, so it can be
 * trained on any labelled texts (the corpus today, admin-reviewed feedback later).
 */

export const SENTIMENTS: readonly Sentiment[] = ['negative', 'neutral', 'positive'];

/**
 * What sentiment.ts extracts from a text. The numbers are additive over sentences, so the features of a
 * multi-sentence account are the sums of its sentences' features (see `combineFeatures`).
 */
export interface SentimentFeatures {
  /** Stems, negation-marked (NOT_…) inside a negation scope, plus cue tokens (__sarcasm, __excl…). */
  tokens: string[];
  /** Weighted mass of positive and of negative words and phrases in our lexicon (both ≥ 0). */
  positive: number;
  negative: number;
  /** Net polarity from natural's French adjective lexicon, for words ours lacks. */
  patternNet: number;
  sarcasm: boolean;
  question: boolean;
  /**
   * Net lexical polarity of each sentence, in order (0 when a sentence has no polar word). An account's
   * ending ("au final, merci") and opening weigh differently from its middle.
   */
  sentenceNets?: number[];
  /** Number of words read: a 15-word message and a 150-word account do not add up evidence alike. */
  words?: number;
  /** Mass of strong praise and of strong complaint (lexicon weight ≥ 2). */
  strongPositive?: number;
  strongNegative?: number;
  /** Emphasis: polar words in capitals, "!!!", "?!". */
  emphasis?: number;
}

export interface LabelledFeatures {
  features: SentimentFeatures;
  label: Sentiment;
}

/** Hyper-parameters, chosen by cross-validation on the training corpus (see sentiment-eval.ts). */
export interface SentimentModelOptions {
  /** Additive smoothing of the Bayes token counts. */
  alpha: number;
  /** L2 penalty of the logistic regression. */
  l2: number;
  /** Folds used to produce out-of-fold Bayes features for the regression (stacking). */
  stackingFolds: number;
  /**
   * Synthetic multi-sentence accounts added to the regression's training set, per training example
   * (0 = none). See `synthesiseAccounts`.
   */
  syntheticRatio: number;
  /** Give the regression the account's length and its length-scaled polarity. */
  lengthFeatures: boolean;
  /** Give the regression the polarity of the opening and closing sentences and the share of polar sentences. */
  positionFeatures: boolean;
  /**
   * L2 penalty of a second token model, a logistic regression over the same tokens as the Bayes model,
   * stacked like it; 0 = no such model.
   */
  tokenL2: number;
  /** Give the regression the mass of strong words and the emphasis, apart from mild ones. */
  intensityFeatures: boolean;
}

export const DEFAULT_MODEL_OPTIONS: SentimentModelOptions = {
  alpha: 1,
  l2: 0.01,
  stackingFolds: 5,
  syntheticRatio: 0,
  lengthFeatures: true,
  positionFeatures: true,
  tokenL2: 0.001,
  intensityFeatures: true,
};

interface NaiveBayes {
  /** log P(token | class) for each class, in SENTIMENTS order. */
  logLikelihood: Map<string, [number, number, number]>;
}

/** Logistic regression over token presence; `weights.get(token)` is one weight per class. */
interface TokenLogistic {
  weights: Map<string, [number, number, number]>;
  bias: [number, number, number];
}

/** The models over tokens whose out-of-fold outputs feed the regression. */
interface TokenModels {
  bayes: NaiveBayes;
  logistic?: TokenLogistic;
}

/** A trained model; plain data apart from the Bayes Map. */
export interface SentimentModel {
  options: SentimentModelOptions;
  bayes: NaiveBayes;
  logistic?: TokenLogistic;
  /** Per-feature mean and standard deviation, to standardise regression inputs. */
  mean: number[];
  scale: number[];
  /** Regression weights, one row per class (SENTIMENTS order), last column is the bias. */
  weights: number[][];
}

/** Names of the regression's inputs, in order (for reports); the optional groups come last. */
export const FEATURE_NAMES = [
  'compound',
  'log1p(positive)',
  'log1p(negative)',
  'balance',
  'mixed',
  'pattern compound',
  'sarcasm',
  'question',
  'bayes negative',
  'bayes positive',
  // lengthFeatures
  'long (0–1)',
  'net per √words',
  'bayes negative × long',
  'bayes positive × long',
  // positionFeatures
  'ending',
  'opening',
  'share of positive sentences',
  'share of negative sentences',
  // intensityFeatures
  'log1p(strong positive)',
  'log1p(strong negative)',
  'log1p(emphasis)',
  // tokenL2 > 0
  'token regression negative',
  'token regression positive',
] as const;

function labelIndex(label: Sentiment): number {
  return SENTIMENTS.indexOf(label);
}

/** The features of several sentences read as one account. */
export function combineFeatures(parts: SentimentFeatures[]): SentimentFeatures {
  return {
    tokens: parts.flatMap((p) => p.tokens),
    positive: parts.reduce((s, p) => s + p.positive, 0),
    negative: parts.reduce((s, p) => s + p.negative, 0),
    patternNet: parts.reduce((s, p) => s + p.patternNet, 0),
    sarcasm: parts.some((p) => p.sarcasm),
    question: parts.some((p) => p.question),
    sentenceNets: parts.flatMap((p) => p.sentenceNets ?? [p.positive - p.negative]),
    words: parts.reduce((s, p) => s + (p.words ?? p.tokens.length), 0),
    strongPositive: parts.reduce((s, p) => s + (p.strongPositive ?? 0), 0),
    strongNegative: parts.reduce((s, p) => s + (p.strongNegative ?? 0), 0),
    emphasis: parts.reduce((s, p) => s + (p.emphasis ?? 0), 0),
  };
}

/*
 * Binarised multinomial Naive Bayes (a token counts once per text): for short opinions, presence matters
 * more than repetition, and a long rant repeating "retard" must not drown everything else.
 */
function trainBayes(examples: LabelledFeatures[], alpha: number): NaiveBayes {
  const counts = new Map<string, [number, number, number]>();
  const totals: [number, number, number] = [0, 0, 0];
  for (const { features, label } of examples) {
    const c = labelIndex(label) as 0 | 1 | 2;
    for (const token of new Set(features.tokens)) {
      let row = counts.get(token);
      if (!row) counts.set(token, (row = [0, 0, 0]));
      row[c]++;
      totals[c]++;
    }
  }
  const vocabulary = counts.size;
  const logLikelihood = new Map<string, [number, number, number]>();
  for (const [token, row] of counts) {
    logLikelihood.set(
      token,
      row.map((n, c) => Math.log((n + alpha) / (totals[c]! + alpha * vocabulary))) as [
        number,
        number,
        number,
      ],
    );
  }
  return { logLikelihood };
}

/*
 * The Bayes evidence is given to the regression as MEAN log-likelihood ratios per known token (negative vs
 * neutral, positive vs neutral), not sums: real accounts of a public service are often several times
 * longer than the corpus' messages, and a sum would make the Bayes side overconfident on them.
 */
function bayesFeatures(bayes: NaiveBayes, tokens: string[]): [number, number] {
  let pos = 0;
  let neg = 0;
  let known = 0;
  for (const token of new Set(tokens)) {
    const row = bayes.logLikelihood.get(token);
    if (!row) continue;
    known++;
    neg += row[0] - row[1];
    pos += row[2] - row[1];
  }
  if (known === 0) return [0, 0];
  return [neg / known, pos / known];
}

/*
 * Token presence is scaled by 1/√(distinct tokens), so that a 150-word account and a 10-word message
 * give logits of the same order; Adam, full batch, deterministic.
 */
function trainTokenLogistic(examples: LabelledFeatures[], l2: number, iterations = 120): TokenLogistic {
  const vocabulary = new Map<string, number>();
  const documentFrequency = new Map<string, number>();
  for (const { features } of examples)
    for (const token of new Set(features.tokens))
      documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
  // A token seen once teaches nothing that generalises.
  for (const [token, n] of documentFrequency) if (n >= 2) vocabulary.set(token, vocabulary.size);
  const C = SENTIMENTS.length;
  const rows = examples.map(({ features }) => {
    const indices = [...new Set(features.tokens)]
      .map((t) => vocabulary.get(t))
      .filter((i): i is number => i !== undefined);
    return { indices, value: 1 / Math.sqrt(Math.max(1, indices.length)) };
  });
  const ys = examples.map((e) => labelIndex(e.label));
  const W = new Float64Array(vocabulary.size * C);
  const M = new Float64Array(W.length);
  const V = new Float64Array(W.length);
  const G = new Float64Array(W.length);
  const bias = new Float64Array(C);
  const gBias = new Float64Array(C);
  const z = new Float64Array(C);
  const n = Math.max(1, rows.length);
  for (let t = 1; t <= iterations; t++) {
    G.fill(0);
    gBias.fill(0);
    rows.forEach(({ indices, value }, i) => {
      let max = -Infinity;
      for (let c = 0; c < C; c++) {
        let s = bias[c]!;
        for (const j of indices) s += W[j * C + c]! * value;
        z[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < C; c++) sum += z[c] = Math.exp(z[c]! - max);
      for (let c = 0; c < C; c++) {
        const error = (z[c]! / sum - (ys[i] === c ? 1 : 0)) / n;
        gBias[c]! += error;
        for (const j of indices) G[j * C + c]! += error * value;
      }
    });
    const rate = (0.05 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
    for (let k = 0; k < W.length; k++) {
      const g = G[k]! + l2 * W[k]!;
      M[k] = 0.9 * M[k]! + 0.1 * g;
      V[k] = 0.999 * V[k]! + 0.001 * g * g;
      W[k]! -= (rate * M[k]!) / (Math.sqrt(V[k]!) + 1e-8);
    }
    for (let c = 0; c < C; c++) bias[c]! -= 0.05 * gBias[c]!;
  }
  const weights = new Map<string, [number, number, number]>();
  for (const [token, j] of vocabulary) weights.set(token, [W[j * C]!, W[j * C + 1]!, W[j * C + 2]!]);
  return { weights, bias: [bias[0]!, bias[1]!, bias[2]!] };
}

/** Logit differences (negative − neutral, positive − neutral) of the token regression. */
function logisticFeatures(model: TokenLogistic, tokens: string[]): number[] {
  const rows: Array<[number, number, number]> = [];
  for (const token of new Set(tokens)) {
    const row = model.weights.get(token);
    if (row) rows.push(row);
  }
  const value = 1 / Math.sqrt(Math.max(1, rows.length));
  const z = [...model.bias];
  for (const row of rows) for (let c = 0; c < 3; c++) z[c]! += row[c]! * value;
  return [z[0]! - z[1]!, z[2]! - z[1]!];
}

function trainTokenModels(examples: LabelledFeatures[], options: SentimentModelOptions): TokenModels {
  return {
    bayes: trainBayes(examples, options.alpha),
    logistic: options.tokenL2 > 0 ? trainTokenLogistic(examples, options.tokenL2) : undefined,
  };
}

const squash = (x: number) => x / Math.sqrt(x * x + 4);

/** Sentences whose net polarity is at least this are counted as praising (or, negated, complaining). */
const POLAR_SENTENCE = 0.75;

function featureVector(models: TokenModels, f: SentimentFeatures, options: SentimentModelOptions): number[] {
  const net = f.positive - f.negative;
  const [bayesNegative, bayesPositive] = bayesFeatures(models.bayes, f.tokens);
  const x = [
    squash(net),
    Math.log1p(f.positive),
    Math.log1p(f.negative),
    net / (f.positive + f.negative + 1),
    // Praise and complaint together: a mixed account, which people often rate as neutral.
    Math.log1p(Math.min(f.positive, f.negative)),
    squash(f.patternNet),
    f.sarcasm ? 1 : 0,
    f.question ? 1 : 0,
    bayesNegative,
    bayesPositive,
  ];
  if (options.lengthFeatures) {
    const words = f.words ?? f.tokens.length;
    // 0 for a one-line message, → 1 for an account of a hundred words and more.
    const long = Math.min(
      1,
      Math.max(0, (Math.log1p(words) - Math.log1p(15)) / (Math.log1p(100) - Math.log1p(15))),
    );
    // Bounded on purpose: real accounts can be far longer than any in the corpus, and an unbounded length
    // feature would extrapolate there.
    x.push(long, squash((3 * net) / Math.sqrt(words + 1)), bayesNegative * long, bayesPositive * long);
  }
  if (options.positionFeatures) {
    const nets = f.sentenceNets ?? [net];
    const n = Math.max(1, nets.length);
    // The ending of an account is how the writer sums it up, the opening often how they felt; both are
    // read over about a third of the sentences, since the very last ones are often a courtesy formula.
    const reach = Math.max(1, Math.ceil(0.3 * nets.length));
    let ending = 0;
    let opening = 0;
    for (let i = 0; i < reach && i < nets.length; i++) {
      opening += nets[i]!;
      ending += nets[nets.length - 1 - i]!;
    }
    x.push(
      squash(ending),
      squash(opening),
      nets.filter((v) => v >= POLAR_SENTENCE).length / n,
      nets.filter((v) => v <= -POLAR_SENTENCE).length / n,
    );
  }
  if (options.intensityFeatures) {
    x.push(Math.log1p(f.strongPositive ?? 0), Math.log1p(f.strongNegative ?? 0), Math.log1p(f.emphasis ?? 0));
  }
  if (models.logistic) x.push(...logisticFeatures(models.logistic, f.tokens));
  return x;
}

function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

function logits(weights: number[][], x: number[]): number[] {
  return weights.map((row) => {
    let s = row[row.length - 1]!;
    for (let i = 0; i < x.length; i++) s += row[i]! * x[i]!;
    return s;
  });
}

/**
 * Full-batch gradient descent on the L2-penalised cross-entropy; deterministic, ~30 weights. Written over
 * flat typed arrays because it runs on the first call of `sentiment()` (training is lazy).
 */
function trainRegression(xs: number[][], ys: number[], l2: number): number[][] {
  const d = xs[0]?.length ?? 0;
  const n = xs.length;
  const C = SENTIMENTS.length;
  const width = d + 1;
  const X = new Float64Array(n * d);
  xs.forEach((x, i) => X.set(x, i * d));
  const W = new Float64Array(C * width);
  const G = new Float64Array(C * width);
  const z = new Float64Array(C);
  const rate = 0.5;
  for (let iteration = 0; iteration < 300; iteration++) {
    G.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * d;
      let max = -Infinity;
      for (let c = 0; c < C; c++) {
        let s = W[c * width + d]!;
        for (let j = 0; j < d; j++) s += W[c * width + j]! * X[row + j]!;
        z[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < C; c++) sum += z[c] = Math.exp(z[c]! - max);
      for (let c = 0; c < C; c++) {
        const error = z[c]! / sum - (ys[i] === c ? 1 : 0);
        for (let j = 0; j < d; j++) G[c * width + j]! += error * X[row + j]!;
        G[c * width + d]! += error;
      }
    }
    for (let k = 0; k < W.length; k++) {
      const penalty = k % width < d ? l2 * W[k]! : 0;
      W[k]! -= rate * (G[k]! / Math.max(1, n) + penalty);
    }
  }
  return SENTIMENTS.map((_, c) => Array.from(W.subarray(c * width, (c + 1) * width)));
}

function standardiser(xs: number[][]): { mean: number[]; scale: number[] } {
  const d = xs[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(1);
  if (xs.length === 0) return { mean, scale };
  for (let j = 0; j < d; j++) {
    let sum = 0;
    for (const x of xs) sum += x[j]!;
    mean[j] = sum / xs.length;
    let sq = 0;
    for (const x of xs) sq += (x[j]! - mean[j]!) ** 2;
    scale[j] = Math.sqrt(sq / xs.length) || 1;
  }
  return { mean, scale };
}

function standardise(x: number[], mean: number[], scale: number[]): number[] {
  return x.map((v, j) => (v - mean[j]!) / scale[j]!);
}

/** Deterministic fold assignment (round-robin within each class) so that results are reproducible. */
export function stratifiedFolds(labels: Sentiment[], k: number): number[] {
  const seen: Record<Sentiment, number> = { negative: 0, neutral: 0, positive: 0 };
  return labels.map((label) => seen[label]++ % k);
}

/*
 * Residents (and the evaluation's public-service accounts) often write several sentences where the corpus
 * has one. To teach the regression how evidence adds up over an account, short labelled messages are put
 * together into synthetic accounts of 2–5 sentences, labelled by a rule fixed in advance:
 * - praise (≥ 1 positive message) with facts (neutral messages) and no complaint → positive;
 * - complaint (≥ 1 negative) with facts and no praise → negative;
 * - facts only, or as many praises as complaints → neutral (a mixed experience);
 * - one side outnumbering the other by two or more → that side.
 */
export function synthesiseAccounts(
  examples: LabelledFeatures[],
  count: number,
  seed = 1,
): LabelledFeatures[] {
  const byClass: Record<Sentiment, SentimentFeatures[]> = { negative: [], neutral: [], positive: [] };
  for (const e of examples) byClass[e.label].push(e.features);
  if (SENTIMENTS.some((s) => byClass[s].length === 0)) return [];
  const rnd = mulberry32(seed); // deterministic: training must give the same model every time
  const pick = (s: Sentiment) => byClass[s][Math.floor(rnd() * byClass[s].length)]!;
  const out: LabelledFeatures[] = [];
  for (let i = 0; i < count; i++) {
    const length = 2 + Math.floor(rnd() * 4);
    const kind = i % 5;
    let pos = 0;
    let neg = 0;
    if (kind === 0) pos = 1 + Math.floor(rnd() * Math.min(2, length));
    else if (kind === 1) neg = 1 + Math.floor(rnd() * Math.min(2, length));
    else if (kind === 2) {
      if (length >= 2 && rnd() < 0.7) pos = neg = 1 + Math.floor(rnd() * Math.floor(length / 2));
    } else if (kind === 3 && length >= 3) {
      neg = 1;
      pos = Math.min(length - 1, 3);
    } else if (kind === 4 && length >= 3) {
      pos = 1;
      neg = Math.min(length - 1, 3);
    } else {
      pos = 1;
    }
    const parts: SentimentFeatures[] = [];
    for (let p = 0; p < pos; p++) parts.push(pick('positive'));
    for (let n = 0; n < neg; n++) parts.push(pick('negative'));
    while (parts.length < length) parts.push(pick('neutral'));
    const label: Sentiment =
      pos - neg >= 2 || (pos > 0 && neg === 0)
        ? 'positive'
        : neg - pos >= 2 || (neg > 0 && pos === 0)
          ? 'negative'
          : 'neutral';
    out.push({ features: combineFeatures(parts), label });
  }
  return out;
}

/**
 * Trains the Bayes model on all examples and the regression on out-of-fold Bayes features, so the
 * regression learns how much the Bayes evidence is worth on texts the Bayes model has not seen.
 * Synthetic accounts are built inside each fold from that fold's messages, for the same reason.
 */
export function trainSentimentModel(
  examples: LabelledFeatures[],
  options: SentimentModelOptions = DEFAULT_MODEL_OPTIONS,
): SentimentModel {
  const k = options.stackingFolds;
  const folds = stratifiedFolds(
    examples.map((e) => e.label),
    k,
  );
  const xs: number[][] = [];
  const ys: number[] = [];
  for (let f = 0; f < k; f++) {
    const inFold = examples.filter((_, i) => folds[i] === f);
    const models = trainTokenModels(
      examples.filter((_, i) => folds[i] !== f),
      options,
    );
    const synthetic = synthesiseAccounts(inFold, Math.round(inFold.length * options.syntheticRatio), f + 1);
    for (const e of [...inFold, ...synthetic]) {
      xs.push(featureVector(models, e.features, options));
      ys.push(labelIndex(e.label));
    }
  }
  const { mean, scale } = standardiser(xs);
  const weights = trainRegression(
    xs.map((x) => standardise(x, mean, scale)),
    ys,
    options.l2,
  );
  const { bayes, logistic } = trainTokenModels(examples, options);
  return { options, bayes, logistic, mean, scale, weights };
}

/** Class probabilities (sum to 1) for one text's features. */
export function predictSentiment(
  model: SentimentModel,
  features: SentimentFeatures,
): Record<Sentiment, number> {
  const x = standardise(featureVector(model, features, model.options), model.mean, model.scale);
  const p = softmax(logits(model.weights, x));
  return { negative: p[0]!, neutral: p[1]!, positive: p[2]! };
}
