/**
 * Stratified k-fold split: each fold gets its share of every label, in a deterministic shuffled order
 * (seeded), so that two runs on the same corpus give the same numbers.
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed = 42): number[] {
  const random = mulberry32(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => byLabel.set(label, [...(byLabel.get(label) ?? []), i]));
  const fold = new Array<number>(labels.length).fill(0);
  let offset = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const indices = byLabel.get(label)!;
    for (let i = indices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    // Continue the round-robin across labels so small labels do not all start in fold 0.
    indices.forEach((index, i) => (fold[index] = (offset + i) % k));
    offset += indices.length;
  }
  return fold;
}

/** A small, fast, seedable PRNG (public domain). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
