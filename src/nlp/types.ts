/** What a resident's free message is for. */
export type Intent = 'need' | 'idea' | 'feedback' | 'greeting' | 'help' | 'menu' | 'stop';

/** One category with its calibrated probability. */
export interface ScoredCategory {
  category: string;
  confidence: number;
}

/** The category of a message, as the model sees it. */
export interface Classification {
  category: string;
  /** Calibrated probability of `category`, in [0, 1]; the probabilities of all categories sum to 1. */
  confidence: number;
  /** The next (at most) three categories, most probable first. */
  alternatives: ScoredCategory[];
  /** True when `confidence` is below the model's threshold: the contribution goes to the admin review queue. */
  unsure: boolean;
  /** Version of the stored model that labelled the message, or null for a model trained in memory. */
  modelVersion: number | null;
}

export type Sentiment = 'negative' | 'neutral' | 'positive';

/** French or Réunion Creole. */
export type Language = 'fr' | 'rcf';

/** The language a message is written in, as far as it can be told. */
export type DetectedLanguage = Language | 'other' | 'unknown';

/** Everything Kozé reads in one message. */
export interface MessageAnalysis extends Classification {
  intent: Intent;
  sentiment: Sentiment;
  /** `other` for another language (English, Spanish…), `unknown` when there is nothing to tell it by. */
  language: DetectedLanguage;
}

/** What dialogs see: an interface so a dialog test needs no model or database. */
export interface TextAnalyzer {
  analyse(text: string): MessageAnalysis;
  classify(text: string): Classification;
  intent(text: string): Intent;
}
