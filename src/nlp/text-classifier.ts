import type { LabelledText } from './corpus.ts';
import { chooseUnsureThreshold, fitTemperature } from './calibration.ts';
import { stratifiedFolds } from './cross-validation.ts';
import { extractTerms, keywordIndex, Vocabulary, type FeatureConfig, type TextTerms } from './features.ts';
import { STEMMER_NAME, TOKENIZER_NAME } from './normalise.ts';
import {
  softmaxInPlace,
  softmaxLogits,
  trainSoftmax,
  type SoftmaxTrainOptions,
  type SoftmaxWeights,
} from './softmax-regression.ts';
import type { ScoredCategory } from './types.ts';

/** Bumped whenever the serialised form or the meaning of a config field changes. */
export const MODEL_FORMAT_VERSION = 1;
export const MODEL_KIND = 'koze-softmax';
/** Keyword lexicons a model may name; anything else is refused on restore. */
export const KNOWN_KEYWORD_LEXICONS = ['category-keywords.json', 'intent-cues.json'];

/** Everything needed to rebuild the exact same features and probabilities; travels with the weights. */
export interface ClassifierConfig {
  kind: typeof MODEL_KIND;
  formatVersion: number;
  tokenizer: string;
  stemmer: string;
  features: FeatureConfig;
  training: SoftmaxTrainOptions;
  labels: string[];
  /** Softmax temperature fitted on cross-validated log-loss. */
  temperature: number;
  /** Confidence below which a prediction is `unsure`, chosen from cross-validation. */
  unsureThreshold: number;
  /** Precision the unsure threshold was chosen for. */
  targetPrecision: number;
}

export interface SerialisedClassifier {
  config: ClassifierConfig;
  /** Keyword-lexicon groups, in feature order (the first features). */
  keywordGroups: string[];
  /** Terms in feature order, after the keyword features. */
  terms: string[];
  /** Float32 arrays in base64 (compact, and exact: predictions after restore are bit-identical). */
  idf: string;
  weights: string;
  bias: string;
}

/** Training settings; labels, temperature and threshold come from the data. */
export type ClassifierSettings = Pick<ClassifierConfig, 'features' | 'training'> & {
  /** Folds used to fit the temperature and the unsure threshold (0 = no calibration: T = 1). */
  calibrationFolds: number;
  targetPrecision: number;
};

export class ModelConfigError extends Error {
  constructor(readonly reason: string) {
    super(`Refusing to load NLP model: ${reason}`);
  }
}

/** Out-of-fold predictions of a k-fold cross-validation. */
export interface CrossValidation {
  labels: string[];
  gold: string[];
  /** Calibrated (with the fitted temperature) predictions for each example, by a model trained without its fold. */
  predictions: ScoredCategory[][];
  temperature: number;
  unsureThreshold: number;
}

/**
 * A multinomial logistic regression over Kozé's normalised, stemmed words (optionally word bigrams and
 * character n-grams, plus keyword-group features), with calibrated probabilities. natural's classifiers give scores that are not probabilities
 * and, for LogisticRegressionClassifier, do not scale; this model keeps natural's French stemmer and
 * tokenisation rules but owns its training and calibration.
 */
export class TextClassifier {
  private constructor(
    readonly config: ClassifierConfig,
    private readonly vocabulary: Vocabulary,
    private readonly model: SoftmaxWeights,
  ) {}

  /**
   * Trains on all examples. With `calibrationFolds` ≥ 2, first cross-validates to fit the temperature and
   * the unsure threshold; without, T = 1 and the threshold is 0.5 (for experiments only).
   */
  static train(examples: readonly LabelledText[], settings: ClassifierSettings): TextClassifier {
    if (settings.calibrationFolds >= 2) return TextClassifier.trainWithCv(examples, settings).classifier;
    const labels = labelsOf(examples);
    const docs = examples.map((e) => extractTerms(e.text, settings.features));
    return TextClassifier.fit(examples, docs, labels, settings, 1, 0.5);
  }

  /** Cross-validates (for calibration and metrics), then trains on all examples. */
  static trainWithCv(
    examples: readonly LabelledText[],
    settings: ClassifierSettings,
  ): { classifier: TextClassifier; cv: CrossValidation } {
    const labels = labelsOf(examples);
    if (labels.length < 2)
      throw new Error(`A classifier needs at least two labels, got ${labels.join(', ')}`);
    const docs = examples.map((e) => extractTerms(e.text, settings.features));
    const cv = TextClassifier.crossValidateDocs(examples, docs, labels, {
      ...settings,
      calibrationFolds: Math.max(2, settings.calibrationFolds),
    });
    const classifier = TextClassifier.fit(
      examples,
      docs,
      labels,
      settings,
      cv.temperature,
      cv.unsureThreshold,
    );
    return { classifier, cv };
  }

  private static fit(
    examples: readonly LabelledText[],
    docs: readonly TextTerms[],
    labels: string[],
    settings: ClassifierSettings,
    temperature: number,
    unsureThreshold: number,
  ): TextClassifier {
    const vocabulary = Vocabulary.build(docs, settings.features);
    const xs = docs.map((d) => vocabulary.vectorise(d, settings.features));
    const index = new Map(labels.map((label, i) => [label, i]));
    const model = trainSoftmax(
      xs,
      examples.map((e) => index.get(e.label)!),
      examples.map((e) => e.weight),
      labels.length,
      vocabulary.size,
      settings.training,
    );
    const config: ClassifierConfig = {
      kind: MODEL_KIND,
      formatVersion: MODEL_FORMAT_VERSION,
      tokenizer: TOKENIZER_NAME,
      stemmer: STEMMER_NAME,
      features: settings.features,
      training: settings.training,
      labels,
      temperature,
      unsureThreshold,
      targetPrecision: settings.targetPrecision,
    };
    return new TextClassifier(config, vocabulary, model);
  }

  /** True when the stem was a word feature in training. */
  knowsWord(stem: string): boolean {
    return this.vocabulary.terms.has(`w:${stem}`);
  }

  /** Uncalibrated scores and how many of the text's features the model knows. */
  logits(text: string): { logits: Float64Array; known: number } {
    return this.logitsOf(extractTerms(text, this.config.features));
  }

  private logitsOf(doc: TextTerms): { logits: Float64Array; known: number } {
    const x = this.vocabulary.vectorise(doc, this.config.features);
    return { logits: softmaxLogits(this.model, x), known: x.known };
  }

  /** Calibrated probabilities of every label, most probable first, and the number of known features. */
  predict(text: string): { ranked: ScoredCategory[]; known: number } {
    const { logits, known } = this.logits(text);
    return { ranked: rank(this.config.labels, softmaxInPlace(logits, this.config.temperature)), known };
  }

  toJSON(): SerialisedClassifier {
    const terms = new Array<string>(this.vocabulary.terms.size);
    const offset = this.vocabulary.keywordGroups.length;
    for (const [term, index] of this.vocabulary.terms) terms[index - offset] = term;
    return {
      config: this.config,
      keywordGroups: this.vocabulary.keywordGroups,
      terms,
      idf: toBase64(this.vocabulary.idf),
      weights: toBase64(this.model.weights),
      bias: toBase64(this.model.bias),
    };
  }

  /**
   * Rebuilds a classifier from `toJSON()`. Refuses anything whose tokenizer, stemmer, format or shape it
   * does not know: restoring with another stemmer would silently give other features and wrong answers.
   */
  static restore(json: unknown): TextClassifier {
    const data = json as Partial<SerialisedClassifier> | null;
    const config = data?.config;
    if (!config || typeof config !== 'object') throw new ModelConfigError('no config');
    if (config.kind !== MODEL_KIND) throw new ModelConfigError(`unknown model kind ${String(config.kind)}`);
    if (config.formatVersion !== MODEL_FORMAT_VERSION) {
      throw new ModelConfigError(
        `format version ${String(config.formatVersion)}, expected ${MODEL_FORMAT_VERSION}`,
      );
    }
    if (config.stemmer !== STEMMER_NAME)
      throw new ModelConfigError(`unknown stemmer ${String(config.stemmer)}`);
    if (config.tokenizer !== TOKENIZER_NAME) {
      throw new ModelConfigError(`unknown tokenizer ${String(config.tokenizer)}`);
    }
    const features = config.features;
    if (
      !features ||
      (features.tokens !== 'content' && features.tokens !== 'all') ||
      typeof features.bigrams !== 'boolean' ||
      !Array.isArray(features.charNgrams) ||
      typeof features.minCount !== 'number' ||
      typeof features.bigramMinCount !== 'number' ||
      typeof features.idf !== 'boolean' ||
      !(features.keywordLexicon === null || typeof features.keywordLexicon === 'string') ||
      typeof features.keywordWeight !== 'number' ||
      typeof features.shape !== 'boolean' ||
      typeof features.maxChars !== 'number'
    ) {
      throw new ModelConfigError('unknown feature configuration');
    }
    if (features.keywordLexicon !== null && !KNOWN_KEYWORD_LEXICONS.includes(features.keywordLexicon)) {
      throw new ModelConfigError(`unknown keyword lexicon ${features.keywordLexicon}`);
    }
    if (!Array.isArray(config.labels) || config.labels.length < 2) throw new ModelConfigError('no labels');
    if (!(config.temperature > 0) || typeof config.unsureThreshold !== 'number') {
      throw new ModelConfigError('missing calibration');
    }
    if (
      !Array.isArray(data.terms) ||
      !Array.isArray(data.keywordGroups) ||
      typeof data.idf !== 'string' ||
      typeof data.weights !== 'string' ||
      typeof data.bias !== 'string'
    ) {
      throw new ModelConfigError('missing weights');
    }
    const keywordGroups = data.keywordGroups;
    if (features.keywordLexicon !== null) {
      // The groups are taken from the lexicon file at feature time: it must still have the same ones.
      const current = keywordIndex(features.keywordLexicon, features.tokens).groups;
      if (current.join(',') !== keywordGroups.join(',')) {
        throw new ModelConfigError(
          `keyword lexicon ${features.keywordLexicon} no longer has the model's groups`,
        );
      }
    } else if (keywordGroups.length > 0) {
      throw new ModelConfigError('keyword groups without a keyword lexicon');
    }
    const terms = new Map(data.terms.map((term, i) => [term, keywordGroups.length + i]));
    const idf = fromBase64(data.idf);
    const weights = fromBase64(data.weights);
    const bias = fromBase64(data.bias);
    const size = keywordGroups.length + terms.size;
    const classes = config.labels.length;
    if (idf.length !== size || weights.length !== size * classes || bias.length !== classes) {
      throw new ModelConfigError('weights do not match the vocabulary');
    }
    return new TextClassifier(config, new Vocabulary(terms, idf, keywordGroups), {
      classes,
      features: size,
      weights,
      bias,
    });
  }

  /** Stratified k-fold cross-validation with this classifier's settings (temperature fitted inside). */
  static crossValidate(
    examples: readonly LabelledText[],
    settings: ClassifierSettings,
    folds = 5,
  ): CrossValidation {
    const labels = labelsOf(examples);
    const docs = examples.map((e) => extractTerms(e.text, settings.features));
    return TextClassifier.crossValidateDocs(examples, docs, labels, { ...settings, calibrationFolds: folds });
  }

  private static crossValidateDocs(
    examples: readonly LabelledText[],
    docs: readonly TextTerms[],
    labels: string[],
    settings: ClassifierSettings,
  ): CrossValidation {
    const k = settings.calibrationFolds;
    const fold = stratifiedFolds(
      examples.map((e) => e.label),
      k,
    );
    const oof = new Array<Float64Array>(examples.length);
    for (let f = 0; f < k; f++) {
      const train = examples.map((_, i) => i).filter((i) => fold[i] !== f);
      const model = TextClassifier.fit(
        train.map((i) => examples[i]!),
        train.map((i) => docs[i]!),
        labels,
        settings,
        1,
        0.5,
      );
      for (let i = 0; i < examples.length; i++) if (fold[i] === f) oof[i] = model.logitsOf(docs[i]!).logits;
    }
    const labelIndex = new Map(labels.map((label, i) => [label, i]));
    const gold = examples.map((e) => e.label);
    const temperature = fitTemperature(
      oof,
      gold.map((label) => labelIndex.get(label)!),
    );
    const predictions = oof.map((l) => rank(labels, softmaxInPlace(Float64Array.from(l), temperature)));
    const unsureThreshold = chooseUnsureThreshold(
      predictions.map((p, i) => ({ confidence: p[0]!.confidence, correct: p[0]!.category === gold[i] })),
      settings.targetPrecision,
    );
    return { labels, gold, predictions, temperature, unsureThreshold };
  }
}

function labelsOf(examples: readonly LabelledText[]): string[] {
  return [...new Set(examples.map((e) => e.label))].sort();
}

function rank(labels: readonly string[], probabilities: Float64Array): ScoredCategory[] {
  return labels
    .map((category, i) => ({ category, confidence: probabilities[i]! }))
    .sort((a, b) => b.confidence - a.confidence || a.category.localeCompare(b.category));
}

function toBase64(array: Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function fromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  // Copy into an aligned buffer: Buffer slices may start at an offset not divisible by 4.
  const copy = new Uint8Array(bytes.length - (bytes.length % 4));
  copy.set(bytes.subarray(0, copy.length));
  return new Float32Array(copy.buffer);
}
