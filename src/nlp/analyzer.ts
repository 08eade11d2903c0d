import { FALLBACK_CATEGORY } from './categories.ts';
import { detectLanguageDetailed } from './language.ts';
import { routeIntent } from './intent-router.ts';
import type { NlpModel } from './nlp-model.ts';
import { STOPWORDS, stemWord, tokenise } from './normalise.ts';
import { sentiment } from './sentiment.ts';
import type {
  Classification,
  DetectedLanguage,
  Intent,
  MessageAnalysis,
  Sentiment,
  TextAnalyzer,
} from './types.ts';

/**
 * Longer than any message a resident types (Telegram caps messages at 4,096 characters): a paste or
 * spam, which an admin should look at rather than the model.
 */
export const MAX_MESSAGE_CHARS = 5000;

/** Why a message was not given to the model. */
export type BadInputReason = 'empty' | 'no-letters' | 'garbage' | 'too-long' | 'other-language';

/** Shortest message whose words are checked for being French or Creole; shorter ones get the benefit of the doubt. */
const MIN_WORDS_FOR_LANGUAGE_CHECK = 4;
/**
 * Share of words that must be French/Creole stopwords or known to the model. Measured with a model trained
 * on 4/5 of the corpus: held-out corpus messages (French, SMS, Creole) are all at 0.5 or above (1st
 * percentile 0.69); hand-written English, Spanish and German sentences at 0.43 or below.
 */
const MIN_KNOWN_WORD_SHARE = 0.47;
const READABLE_SAMPLE_CHARS = 600;

/** The pieces the analyser needs besides the model; replaceable in tests. */
export interface AnalyzerDeps {
  sentiment: (text: string) => Sentiment;
  detectLanguage: (text: string) => DetectedLanguage;
}

const DEFAULT_DEPS: AnalyzerDeps = {
  sentiment,
  // Reported as it is: an English message is `other`, not French (replies still go out in French).
  detectLanguage: (text) => detectLanguageDetailed(text).language,
};

/**
 * Kozé's reading of a message: category (calibrated, with alternatives and an unsure flag), intent,
 * sentiment and language. Dialogs see it through the `TextAnalyzer` interface.
 */
export class NlpAnalyzer implements TextAnalyzer {
  private readonly deps: AnalyzerDeps;

  constructor(
    readonly model: NlpModel,
    deps: Partial<AnalyzerDeps> = {},
  ) {
    this.deps = { ...DEFAULT_DEPS, ...deps };
  }

  /** Model version to record with each contribution (null when the model was trained in memory). */
  get modelVersion(): number | null {
    return this.model.version;
  }

  classify(text: string): Classification {
    const input = typeof text === 'string' ? text : '';
    if (this.badInput(input)) return this.fallback();
    const { ranked, known } = this.model.category.predict(input);
    if (known === 0) return this.fallback();
    const [best, ...rest] = ranked;
    return {
      category: best!.category,
      confidence: best!.confidence,
      alternatives: rest.slice(0, 3),
      unsure: best!.confidence < this.model.category.config.unsureThreshold,
      modelVersion: this.model.version,
    };
  }

  intent(text: string): Intent {
    const input = typeof text === 'string' ? text : '';
    return routeIntent(input, this.model.intent);
  }

  analyse(text: string): MessageAnalysis {
    const input = typeof text === 'string' ? text : '';
    const classification = this.classify(input);
    return {
      ...classification,
      intent: routeIntent(input, this.model.intent),
      sentiment: safe(() => this.deps.sentiment(input), 'neutral'),
      language: safe(() => this.deps.detectLanguage(input), 'unknown'),
    };
  }

  /** Why the model should not be asked about this text, or null when it should. */
  badInput(text: string): BadInputReason | null {
    if (text.trim() === '') return 'empty';
    if (text.length > MAX_MESSAGE_CHARS) return 'too-long';
    const letters = text.match(/\p{L}/gu)?.length ?? 0;
    if (letters === 0) return 'no-letters';
    const visible = text.replace(/\s+/g, '').length;
    if (letters / visible < 0.5) return 'garbage';
    if (!this.readable(text)) return 'other-language';
    return null;
  }

  /*
   * French or Creole enough to classify? After normalisation (SMS and Creole rewritten into French), most
   * words of a French message are stopwords or words the model learnt; in English or Spanish few are. This
   * costs a fraction of a language detector's time, and asks exactly what matters here: can the model read it.
   */
  private readable(text: string): boolean {
    const words = tokenise(text.length > READABLE_SAMPLE_CHARS ? text.slice(0, READABLE_SAMPLE_CHARS) : text);
    if (words.length < MIN_WORDS_FOR_LANGUAGE_CHECK) return true;
    let known = 0;
    for (const word of words)
      if (STOPWORDS.has(word) || this.model.category.knowsWord(stemWord(word))) known++;
    return known / words.length >= MIN_KNOWN_WORD_SHARE;
  }

  /**
   * "We do not know": the fallback category, slightly ahead of an otherwise uniform distribution, so the
   * confidences still sum to 1 and stay far below any threshold. Always unsure: an admin decides.
   */
  private fallback(): Classification {
    const labels = this.model.categories;
    const fallback = labels.includes(FALLBACK_CATEGORY) ? FALLBACK_CATEGORY : labels[0]!;
    const share = 1 / (labels.length + 1);
    const others = labels
      .filter((label) => label !== fallback)
      .map((category) => ({ category, confidence: share }));
    return {
      category: fallback,
      confidence: 2 * share,
      alternatives: others.slice(0, 3),
      unsure: true,
      modelVersion: this.model.version,
    };
  }
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
