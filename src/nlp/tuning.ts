import type { LabelledText } from './corpus.ts';
import { mulberry32, stratifiedFolds } from './cross-validation.ts';
import { crossValidateCategories, crossValidateIntents } from './evaluation.ts';
import { classificationReport } from './metrics.ts';
import { TextClassifier, type ClassifierSettings } from './text-classifier.ts';

/*
 * Hyper-parameters are chosen here, on the training corpus only (never on the evaluation files): each
 * candidate is cross-validated on the short messages as written, and on "long" texts made by joining four
 * held-out messages of one category — a stand-in for the long opinions residents also send, since the
 * corpus has few of them. `koze nlp tune` prints the table the defaults in trainer.ts were chosen from.
 */

export interface Candidate {
  name: string;
  settings: ClassifierSettings;
}

export interface TuningRow {
  name: string;
  /** Macro-F1 (categories) or routed accuracy (intents) on cross-validated short messages. */
  short: number;
  /** Macro-F1 on cross-validated synthetic long texts (categories only). */
  long: number | null;
  score: number;
  seconds: number;
}

export function variants(
  base: ClassifierSettings,
  changes: Record<
    string,
    { features?: Partial<ClassifierSettings['features']>; training?: Partial<ClassifierSettings['training']> }
  >,
): Candidate[] {
  return Object.entries(changes).map(([name, change]) => ({
    name,
    settings: {
      ...base,
      features: { ...base.features, ...change.features },
      training: { ...base.training, ...change.training },
    },
  }));
}

/** Macro-F1 on texts of `parts` held-out messages of the same category, k-fold. */
export function longTextCv(
  corpus: readonly LabelledText[],
  settings: ClassifierSettings,
  folds = 5,
  parts = 4,
): number {
  const fold = stratifiedFolds(
    corpus.map((e) => e.label),
    folds,
  );
  const random = mulberry32(7);
  const gold: string[] = [];
  const predicted: string[] = [];
  for (let f = 0; f < folds; f++) {
    const model = TextClassifier.train(
      corpus.filter((_, i) => fold[i] !== f),
      { ...settings, calibrationFolds: 0 },
    );
    const byLabel = new Map<string, string[]>();
    corpus.forEach((e, i) => {
      if (fold[i] === f) byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), e.text]);
    });
    for (const [label, texts] of byLabel) {
      for (let r = 0; r < 8; r++) {
        const text = Array.from({ length: parts }, () => texts[Math.floor(random() * texts.length)]!).join(
          ' ',
        );
        gold.push(label);
        predicted.push(model.predict(text).ranked[0]!.category);
      }
    }
  }
  return classificationReport(gold, predicted).macroF1;
}

/** Cross-validates category candidates; score = mean of short and long macro-F1. */
export function tuneCategories(
  corpus: readonly LabelledText[],
  candidates: readonly Candidate[],
  folds = 5,
): TuningRow[] {
  return candidates.map(({ name, settings }) => {
    const started = performance.now();
    const short = crossValidateCategories(corpus, settings, folds).report.macroF1;
    const long = longTextCv(corpus, settings, folds);
    return { name, short, long, score: (short + long) / 2, seconds: (performance.now() - started) / 1000 };
  });
}

/** Cross-validates intent candidates on routed accuracy (commands first, as in Kozé). */
export function tuneIntents(
  corpus: readonly LabelledText[],
  candidates: readonly Candidate[],
  folds = 5,
): TuningRow[] {
  return candidates.map(({ name, settings }) => {
    const started = performance.now();
    const short = crossValidateIntents(corpus, settings, folds).routed.accuracy;
    return { name, short, long: null, score: short, seconds: (performance.now() - started) / 1000 };
  });
}

/** Differences smaller than this are within fold-to-fold noise on a corpus of this size. */
export const NOISE = 0.005;

/**
 * The first row is the current default; another candidate replaces it only when it beats it by more than
 * NOISE. (When the defaults were set, the cheaper of near-equal candidates was preferred: no word bigrams
 * for categories, fewer iterations.)
 */
export function chooseCandidate(rows: readonly TuningRow[]): TuningRow {
  const best = rows.reduce((a, r) => (r.score > a.score ? r : a), rows[0]!);
  return best.score > rows[0]!.score + NOISE ? best : rows[0]!;
}

export function formatTuning(rows: readonly TuningRow[]): string {
  const width = Math.max(10, ...rows.map((r) => r.name.length));
  const chosen = chooseCandidate(rows);
  return [
    `${'candidate'.padEnd(width)}   short    long   score   time`,
    ...rows.map(
      (r) =>
        `${r.name.padEnd(width)}  ${r.short.toFixed(3).padStart(6)}  ${(r.long === null ? '—' : r.long.toFixed(3)).padStart(6)}  ${r.score.toFixed(3).padStart(6)}  ${r.seconds.toFixed(1).padStart(4)} s${r === chosen ? '  ← chosen' : ''}`,
    ),
  ].join('\n');
}
