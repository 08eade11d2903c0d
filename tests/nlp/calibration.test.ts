import { describe, expect, it } from 'vitest';
import { chooseUnsureThreshold, fitTemperature, logLoss } from '../../src/nlp/calibration.ts';
import { mulberry32, stratifiedFolds } from '../../src/nlp/cross-validation.ts';
import { classificationReport } from '../../src/nlp/metrics.ts';
import { softmaxInPlace } from '../../src/nlp/softmax-regression.ts';

describe('softmax', () => {
  it('gives probabilities in [0, 1] summing to 1, even for huge scores', () => {
    for (const scores of [
      [1, 2, 3],
      [1000, -1000, 0],
      [0, 0, 0, 0],
    ]) {
      const p = softmaxInPlace(Float64Array.from(scores), 0.7);
      expect([...p].reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
      for (const x of p) expect(x >= 0 && x <= 1).toBe(true);
    }
  });
});

describe('fitTemperature', () => {
  it('finds the temperature that generated the labels', () => {
    // Labels drawn from softmax(logits / 2): the fitted temperature should come out near 2.
    const random = mulberry32(1);
    const logits: Float64Array[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const z = Float64Array.from({ length: 4 }, () => (random() - 0.5) * 12);
      const p = softmaxInPlace(Float64Array.from(z), 2);
      let u = random();
      let label = 0;
      while (label < 3 && u > p[label]!) u -= p[label++]!;
      logits.push(z);
      labels.push(label);
    }
    const t = fitTemperature(logits, labels);
    expect(t).toBeGreaterThan(1.7);
    expect(t).toBeLessThan(2.3);
    expect(logLoss(logits, labels, t)).toBeLessThanOrEqual(logLoss(logits, labels, 1));
  });
});

describe('chooseUnsureThreshold', () => {
  it('is the lowest confidence at which accepted predictions are still precise enough', () => {
    // Right above 0.6, wrong half of the time below it.
    const predictions = [
      ...Array.from({ length: 40 }, (_, i) => ({ confidence: 0.61 + i * 0.009, correct: true })),
      ...Array.from({ length: 40 }, (_, i) => ({ confidence: 0.2 + i * 0.01, correct: i % 2 === 0 })),
    ];
    const precisionAbove = (t: number) => {
      const accepted = predictions.filter((p) => p.confidence >= t);
      return accepted.filter((p) => p.correct).length / accepted.length;
    };
    const threshold = chooseUnsureThreshold(predictions, 0.85);
    expect(threshold).toBeLessThan(0.61);
    expect(precisionAbove(threshold)).toBeGreaterThanOrEqual(0.85);
    // Any lower cut would let too many mistakes through.
    for (const p of predictions.filter((p) => p.confidence < threshold)) {
      expect(precisionAbove(p.confidence)).toBeLessThan(0.85);
    }
  });

  it('never goes below its floor, and is 1 when nothing is precise enough', () => {
    expect(chooseUnsureThreshold([{ confidence: 0.1, correct: true }], 0.85, 0.3)).toBe(1);
    const allRight = Array.from({ length: 50 }, (_, i) => ({ confidence: 0.05 + i * 0.001, correct: true }));
    expect(chooseUnsureThreshold(allRight, 0.85, 0.3)).toBe(0.3);
  });
});

describe('stratifiedFolds', () => {
  it('spreads every label over the folds, deterministically', () => {
    const labels = [...Array(30).fill('a'), ...Array(10).fill('b')] as string[];
    const folds = stratifiedFolds(labels, 5);
    expect(stratifiedFolds(labels, 5)).toEqual(folds);
    for (let f = 0; f < 5; f++) {
      expect(labels.filter((l, i) => l === 'a' && folds[i] === f)).toHaveLength(6);
      expect(labels.filter((l, i) => l === 'b' && folds[i] === f)).toHaveLength(2);
    }
  });
});

describe('classificationReport', () => {
  it('computes per-label precision, recall, F1 and macro-F1 over gold labels', () => {
    const report = classificationReport(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'c']);
    const a = report.perLabel.find((s) => s.label === 'a')!;
    expect(a).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(a.f1).toBeCloseTo(2 / 3);
    expect(report.perLabel.map((s) => s.label)).toEqual(['a', 'b']);
    expect(report.macroF1).toBeCloseTo((2 / 3 + 0.5) / 2);
    expect(report.accuracy).toBe(0.5);
  });
});
