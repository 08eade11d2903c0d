import { canonicalJson } from '../canonical-json.ts';
import { STEMMER_NAME, TOKENIZER_NAME } from './normalise.ts';
import {
  MODEL_FORMAT_VERSION,
  ModelConfigError,
  TextClassifier,
  type ClassifierConfig,
  type SerialisedClassifier,
} from './text-classifier.ts';

/** Bumped when the bundle's layout changes (the classifiers carry their own format version too). */
export const BUNDLE_FORMAT_VERSION = 1;

/**
 * The `config` column of a stored model: everything that decides how text becomes features and
 * probabilities, readable without the weights (and checked again against them on load).
 */
export interface NlpModelConfig {
  formatVersion: number;
  tokenizer: string;
  stemmer: string;
  category: ClassifierConfig;
  intent: ClassifierConfig;
}

/** The `model` column: the weights, each classifier with its own config embedded. */
export interface NlpModelWeights {
  formatVersion: number;
  category: SerialisedClassifier;
  intent: SerialisedClassifier;
}

/** A category classifier and an intent classifier trained together, versioned once stored. */
export class NlpModel {
  constructor(
    readonly category: TextClassifier,
    readonly intent: TextClassifier,
    /** Version in the `nlp_model` table, null for a model trained in memory and not stored. */
    readonly version: number | null = null,
  ) {}

  withVersion(version: number): NlpModel {
    return new NlpModel(this.category, this.intent, version);
  }

  get categories(): string[] {
    return this.category.config.labels;
  }

  serialise(): { config: NlpModelConfig; model: NlpModelWeights } {
    return {
      config: {
        formatVersion: BUNDLE_FORMAT_VERSION,
        tokenizer: TOKENIZER_NAME,
        stemmer: STEMMER_NAME,
        category: this.category.config,
        intent: this.intent.config,
      },
      model: {
        formatVersion: BUNDLE_FORMAT_VERSION,
        category: this.category.toJSON(),
        intent: this.intent.toJSON(),
      },
    };
  }

  /**
   * Rebuilds a stored model. Refuses (ModelConfigError) a bundle whose format, tokenizer or stemmer this
   * code does not know, or whose config column disagrees with the weights: a model must never be read with
   * another stemmer than the one it was trained with.
   */
  static restore(config: unknown, model: unknown, version: number | null = null): NlpModel {
    const c = config as Partial<NlpModelConfig> | null;
    const m = model as Partial<NlpModelWeights> | null;
    if (!c || typeof c !== 'object') throw new ModelConfigError('no config');
    if (c.formatVersion !== BUNDLE_FORMAT_VERSION) {
      throw new ModelConfigError(
        `bundle format ${String(c.formatVersion)}, expected ${BUNDLE_FORMAT_VERSION}`,
      );
    }
    if (c.stemmer !== STEMMER_NAME) throw new ModelConfigError(`unknown stemmer ${String(c.stemmer)}`);
    if (c.tokenizer !== TOKENIZER_NAME)
      throw new ModelConfigError(`unknown tokenizer ${String(c.tokenizer)}`);
    if (!m || typeof m !== 'object' || m.formatVersion !== BUNDLE_FORMAT_VERSION) {
      throw new ModelConfigError('weights missing or of another format');
    }
    for (const part of ['category', 'intent'] as const) {
      if (canonicalJson(c[part]) !== canonicalJson(m[part]?.config)) {
        throw new ModelConfigError(`${part} config does not match its weights`);
      }
    }
    return new NlpModel(TextClassifier.restore(m.category), TextClassifier.restore(m.intent), version);
  }
}

export { MODEL_FORMAT_VERSION, ModelConfigError };
