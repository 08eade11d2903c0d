import type { NlpAnalyzer } from './analyzer.ts';
import type { LabelledText } from './corpus.ts';
import { stratifiedFolds } from './cross-validation.ts';
import type { EvalFeedback, EvalNeed } from './eval-data.ts';
import type { HeldoutSet } from './heldout.ts';
import { routeIntent } from './intent-router.ts';
import { classificationReport, quantile, type ClassificationReport } from './metrics.ts';
import { TextClassifier, type ClassifierSettings } from './text-classifier.ts';
import type { Sentiment } from './types.ts';

export interface Latency {
  p50: number;
  p99: number;
  max: number;
}

export interface CategoryCvResult {
  report: ClassificationReport;
  temperature: number;
  unsureThreshold: number;
  unsureRate: number;
  acceptedPrecision: number;
}

/** k-fold cross-validation of the category classifier on a corpus (temperature fitted inside). */
export function crossValidateCategories(
  corpus: readonly LabelledText[],
  settings: ClassifierSettings,
  folds = 5,
): CategoryCvResult {
  const cv = TextClassifier.crossValidate(corpus, settings, folds);
  const top = cv.predictions.map((p) => p[0]!);
  const accepted = top
    .map((p, i) => ({ p, gold: cv.gold[i] }))
    .filter(({ p }) => p.confidence >= cv.unsureThreshold);
  return {
    report: classificationReport(
      cv.gold,
      top.map((p) => p.category),
    ),
    temperature: cv.temperature,
    unsureThreshold: cv.unsureThreshold,
    unsureRate: 1 - accepted.length / Math.max(1, top.length),
    acceptedPrecision:
      accepted.filter(({ p, gold }) => p.category === gold).length / Math.max(1, accepted.length),
  };
}

/**
 * k-fold cross-validation of intent routing as it runs in Kozé: commands first, then the intent classifier
 * trained on the other folds. Also reports the classifier alone.
 */
export function crossValidateIntents(
  corpus: readonly LabelledText[],
  settings: ClassifierSettings,
  folds = 5,
): { routed: ClassificationReport; classifierOnly: ClassificationReport } {
  const fold = stratifiedFolds(
    corpus.map((e) => e.label),
    folds,
  );
  const routed = new Array<string>(corpus.length);
  const alone = new Array<string>(corpus.length);
  for (let f = 0; f < folds; f++) {
    const model = TextClassifier.train(
      corpus.filter((_, i) => fold[i] !== f),
      { ...settings, calibrationFolds: 0 },
    );
    corpus.forEach((example, i) => {
      if (fold[i] !== f) return;
      routed[i] = routeIntent(example.text, model);
      alone[i] = model.predict(example.text).ranked[0]!.category;
    });
  }
  const gold = corpus.map((e) => e.label);
  return { routed: classificationReport(gold, routed), classifierOnly: classificationReport(gold, alone) };
}

export interface NeedsEvaluation {
  report: ClassificationReport;
  latency: Latency;
  unsureRate: number;
  /** Accuracy of the predictions that were not unsure. */
  acceptedPrecision: number;
  /** Texts the bad-input guard kept from the model, by reason (too long, other language…). */
  guarded: Record<string, number>;
}

/** Categories of real texts through the full analyser (bad-input guards included), with latency. */
export function evaluateNeeds(analyzer: NlpAnalyzer, rows: readonly EvalNeed[]): NeedsEvaluation {
  for (const row of rows.slice(0, 20)) analyzer.classify(row.text); // warm-up: JIT and caches
  const times: number[] = [];
  const predicted = rows.map((row) => {
    const started = performance.now();
    const result = analyzer.classify(row.text);
    times.push(performance.now() - started);
    return result;
  });
  const accepted = predicted.map((p, i) => ({ p, gold: rows[i]!.category })).filter(({ p }) => !p.unsure);
  const guarded: Record<string, number> = {};
  for (const row of rows) {
    const reason = analyzer.badInput(row.text);
    if (reason) guarded[reason] = (guarded[reason] ?? 0) + 1;
  }
  return {
    guarded,
    report: classificationReport(
      rows.map((r) => r.category),
      predicted.map((p) => p.category),
    ),
    latency: latencyOf(times),
    unsureRate: 1 - accepted.length / Math.max(1, rows.length),
    acceptedPrecision:
      accepted.filter(({ p, gold }) => p.category === gold).length / Math.max(1, accepted.length),
  };
}

/** Categories, intents and sentiment of the held-out messages, as residents meet them. */
export function evaluateHeldout(
  analyzer: NlpAnalyzer,
  heldout: HeldoutSet,
  sentiment: (text: string) => Sentiment,
): { categories: ClassificationReport; intents: ClassificationReport; sentiment: ClassificationReport } {
  return {
    sentiment: classificationReport(
      heldout.sentiment.map((m) => m.label),
      heldout.sentiment.map((m) => sentiment(m.text)),
    ),
    categories: classificationReport(
      heldout.categories.map((m) => m.label),
      heldout.categories.map((m) => analyzer.classify(m.text).category),
    ),
    intents: classificationReport(
      heldout.intents.map((m) => m.label),
      heldout.intents.map((m) => analyzer.intent(m.text)),
    ),
  };
}

/** 3-class sentiment accuracy on real feedback (the author's own rating is the gold label). */
export function evaluateFeedback(
  sentiment: (text: string) => Sentiment,
  rows: readonly EvalFeedback[],
): { report: ClassificationReport; latency: Latency } {
  const times: number[] = [];
  const predicted = rows.map((row) => {
    const started = performance.now();
    const label = sentiment(row.text);
    times.push(performance.now() - started);
    return label;
  });
  return {
    report: classificationReport(
      rows.map((r) => r.sentiment),
      predicted,
    ),
    latency: latencyOf(times),
  };
}

export function latencyOf(times: readonly number[]): Latency {
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: Math.max(...times) };
}

const f3 = (x: number) => x.toFixed(3);

/** Per-label precision/recall/F1, macro-F1 and accuracy as an aligned text table. */
export function formatReport(report: ClassificationReport): string {
  const width = Math.max(10, ...report.perLabel.map((s) => s.label.length));
  const lines = [`${'label'.padEnd(width)}  precision  recall     F1  support`];
  for (const s of report.perLabel) {
    lines.push(
      `${s.label.padEnd(width)}  ${f3(s.precision).padStart(9)}  ${f3(s.recall).padStart(6)}  ${f3(s.f1).padStart(5)}  ${String(s.support).padStart(7)}`,
    );
  }
  lines.push(
    `${'macro-F1'.padEnd(width)}  ${f3(report.macroF1)}    accuracy ${f3(report.accuracy)}  (n=${report.total})`,
  );
  return lines.join('\n');
}

/** Confusion matrix, rows = gold, columns = predicted, labels abbreviated to keep it readable. */
export function formatConfusion(report: ClassificationReport): string {
  const short = report.labels.map((l) => l.slice(0, 6));
  const width = Math.max(...report.labels.map((l) => l.length));
  const header = `${'gold \\ predicted'.padEnd(width)} ${short.map((s) => s.padStart(6)).join(' ')}`;
  const rows = report.labels.map(
    (label, i) =>
      `${label.padEnd(width)} ${report.confusion[i]!.map((n) => String(n || '.').padStart(6)).join(' ')}`,
  );
  return [header, ...rows].join('\n');
}

export function formatLatency(latency: Latency): string {
  return `p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms, max ${latency.max.toFixed(2)} ms`;
}
