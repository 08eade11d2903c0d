/** A sparse feature vector: parallel arrays of feature indices and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** Weights of a multinomial logistic regression, feature-major (`weights[f * classes + c]`). */
export interface SoftmaxWeights {
  classes: number;
  features: number;
  weights: Float32Array;
  bias: Float32Array;
}

export interface SoftmaxTrainOptions {
  /** L2 penalty on the weights (not on the bias). */
  l2: number;
  iterations: number;
  learningRate: number;
}

/**
 * Full-batch Adam on the weighted mean log-loss plus an L2 penalty. Full batch rather than SGD: the
 * corpus is small (a few thousand messages), the result is deterministic (same data → same model, which
 * the model round-trip relies on) and there is no learning-rate schedule to tune.
 */
export function trainSoftmax(
  xs: readonly SparseVector[],
  ys: readonly number[],
  exampleWeights: readonly number[],
  classes: number,
  features: number,
  options: SoftmaxTrainOptions,
): SoftmaxWeights {
  const size = classes * features;
  const w = new Float64Array(size);
  const b = new Float64Array(classes);
  const gw = new Float64Array(size);
  const gb = new Float64Array(classes);
  const mw = new Float64Array(size);
  const vw = new Float64Array(size);
  const mb = new Float64Array(classes);
  const vb = new Float64Array(classes);
  const logits = new Float64Array(classes);
  const totalWeight = exampleWeights.reduce((a, x) => a + x, 0) || 1;
  const beta1 = 0.9;
  const beta2 = 0.999;
  const eps = 1e-8;

  // One flat (CSR) copy of the examples: the inner loops then walk contiguous memory.
  const start = new Int32Array(xs.length + 1);
  for (let i = 0; i < xs.length; i++) start[i + 1] = start[i]! + xs[i]!.indices.length;
  const bases = new Int32Array(start[xs.length]!);
  const values = new Float64Array(start[xs.length]!);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    for (let k = 0; k < x.indices.length; k++) {
      bases[start[i]! + k] = x.indices[k]! * classes;
      values[start[i]! + k] = x.values[k]!;
    }
  }
  const scales = Float64Array.from(exampleWeights, (weight) => weight / totalWeight);

  for (let t = 1; t <= options.iterations; t++) {
    gw.fill(0);
    gb.fill(0);
    for (let i = 0; i < xs.length; i++) {
      const from = start[i]!;
      const to = start[i + 1]!;
      for (let c = 0; c < classes; c++) logits[c] = b[c]!;
      for (let k = from; k < to; k++) {
        const base = bases[k]!;
        const v = values[k]!;
        for (let c = 0; c < classes; c++) logits[c] = logits[c]! + v * w[base + c]!;
      }
      softmaxInPlace(logits);
      const scale = scales[i]!;
      const y = ys[i]!;
      for (let c = 0; c < classes; c++) {
        const diff = (logits[c]! - (c === y ? 1 : 0)) * scale;
        logits[c] = diff;
        gb[c] = gb[c]! + diff;
      }
      for (let k = from; k < to; k++) {
        const base = bases[k]!;
        const v = values[k]!;
        for (let c = 0; c < classes; c++) gw[base + c] = gw[base + c]! + v * logits[c]!;
      }
    }
    const lr = (options.learningRate * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    for (let j = 0; j < size; j++) {
      const g = gw[j]! + options.l2 * w[j]!;
      mw[j] = beta1 * mw[j]! + (1 - beta1) * g;
      vw[j] = beta2 * vw[j]! + (1 - beta2) * g * g;
      w[j] = w[j]! - (lr * mw[j]!) / (Math.sqrt(vw[j]!) + eps);
    }
    for (let c = 0; c < classes; c++) {
      const g = gb[c]!;
      mb[c] = beta1 * mb[c]! + (1 - beta1) * g;
      vb[c] = beta2 * vb[c]! + (1 - beta2) * g * g;
      b[c] = b[c]! - (lr * mb[c]!) / (Math.sqrt(vb[c]!) + eps);
    }
  }
  return { classes, features, weights: Float32Array.from(w), bias: Float32Array.from(b) };
}

function computeLogits(
  x: SparseVector,
  w: ArrayLike<number>,
  b: ArrayLike<number>,
  classes: number,
  out: Float64Array,
): void {
  for (let c = 0; c < classes; c++) out[c] = b[c]!;
  for (let k = 0; k < x.indices.length; k++) {
    const base = x.indices[k]! * classes;
    const v = x.values[k]!;
    for (let c = 0; c < classes; c++) out[c] = out[c]! + v * w[base + c]!;
  }
}

/** Raw scores (logits) of every class for one example. */
export function softmaxLogits(model: SoftmaxWeights, x: SparseVector): Float64Array {
  const out = new Float64Array(model.classes);
  computeLogits(x, model.weights, model.bias, model.classes, out);
  return out;
}

/** Turns scores into probabilities in place (numerically stable). */
export function softmaxInPlace(scores: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) max = Math.max(max, scores[c]!);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp((scores[c]! - max) / temperature);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) scores[c] = scores[c]! / sum;
  return scores;
}
