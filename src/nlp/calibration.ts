import { softmaxInPlace } from './softmax-regression.ts';

/** Weighted mean negative log-likelihood of the true labels under softmax(logits / T). */
export function logLoss(
  logits: readonly Float64Array[],
  labels: readonly number[],
  temperature: number,
): number {
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const p = softmaxInPlace(Float64Array.from(logits[i]!), temperature);
    total -= Math.log(Math.max(p[labels[i]!]!, 1e-12));
  }
  return total / Math.max(1, logits.length);
}

/**
 * The temperature that minimises the log-loss of out-of-fold logits (golden-section search on log T):
 * temperature scaling keeps the ranking of categories and only makes the confidences honest.
 */
export function fitTemperature(logits: readonly Float64Array[], labels: readonly number[]): number {
  if (logits.length === 0) return 1;
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = logLoss(logits, labels, Math.exp(a));
  let fb = logLoss(logits, labels, Math.exp(b));
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = logLoss(logits, labels, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = logLoss(logits, labels, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * The lowest confidence at which the predictions we accept are still right often enough: scanning
 * out-of-fold predictions from the most confident down, the threshold is the last confidence where the
 * precision of everything accepted so far is at least `targetPrecision`. Below it, a message goes to the
 * admin review queue. Never below `floor`, so that a near-uniform answer is always unsure.
 */
export function chooseUnsureThreshold(
  predictions: readonly { confidence: number; correct: boolean }[],
  targetPrecision = 0.85,
  floor = 0.3,
): number {
  const sorted = [...predictions].sort((x, y) => y.confidence - x.confidence);
  let correct = 0;
  let threshold = 1;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.correct) correct++;
    // Only cut between distinct confidences, and ignore the noisy first few predictions.
    const next = sorted[i + 1];
    if (next && next.confidence === sorted[i]!.confidence) continue;
    if (i + 1 >= 10 && correct / (i + 1) >= targetPrecision) threshold = sorted[i]!.confidence;
  }
  return Math.max(floor, threshold);
}
