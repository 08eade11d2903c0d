export interface LabelScores {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  /** How many examples truly have this label. */
  support: number;
}

export interface ClassificationReport {
  labels: string[];
  perLabel: LabelScores[];
  /** Mean F1 over the labels present in the gold data. */
  macroF1: number;
  accuracy: number;
  /** confusion[gold][predicted] over `labels` (predicted labels absent from the gold data are included). */
  confusion: number[][];
  total: number;
}

/** Precision, recall, F1 per label, macro-F1 over the labels that occur in `gold`, and the confusion matrix. */
export function classificationReport(
  gold: readonly string[],
  predicted: readonly string[],
): ClassificationReport {
  const goldLabels = [...new Set(gold)].sort();
  const labels = [...new Set([...gold, ...predicted])].sort();
  const at = new Map(labels.map((label, i) => [label, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    confusion[at.get(gold[i]!)!]![at.get(predicted[i]!)!]! += 1;
    if (gold[i] === predicted[i]) correct++;
  }
  const perLabel = goldLabels.map((label) => {
    const j = at.get(label)!;
    const tp = confusion[j]![j]!;
    const support = confusion[j]!.reduce((a, x) => a + x, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[j]!, 0);
    const precision = predictedCount ? tp / predictedCount : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const macroF1 = perLabel.reduce((a, s) => a + s.f1, 0) / Math.max(1, perLabel.length);
  return {
    labels,
    perLabel,
    macroF1,
    accuracy: correct / Math.max(1, gold.length),
    confusion,
    total: gold.length,
  };
}

/** Value at quantile q (0..1) of a list of numbers, nearest-rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
