import { NEGATORS, stems } from './normalise.ts';

/** A need close to the one asked about, with its cosine similarity in [0, 1]. */
export interface SimilarNeed {
  id: string;
  score: number;
}

/** Needs that say the same thing; `ids` is sorted with the earliest added first. */
export interface NeedGroup {
  ids: string[];
  /** Average pairwise similarity inside the group (1 for identical texts). */
  cohesion: number;
}

/*
 * Defaults chosen on the hand-made pairs of tests/nlp/similar-needs.test.ts (paraphrases of one need vs
 * different needs of the same category), not on real residents' data:
 * - SIMILAR_MIN_SCORE: on those pairs, 0.3 kept precision ≈ 0.96 with recall ≈ 0.84; precision comes
 *   first, since a wrong "others asked this too" is worse than a missed one (0.2: P 0.82, R 0.97).
 * - GROUP_MIN_SCORE: the lowest average-linkage threshold at which every group was pure (0.25 let one
 *   unrelated need join a group).
 */
export const SIMILAR_MIN_SCORE = 0.3;
export const GROUP_MIN_SCORE = 0.3;

/** Character cap per text: a 10,000-character message is indexed on its beginning only. */
const MAX_CHARS = 2000;

type Vector = Map<string, number>;

/**
 * TF-IDF index of residents' needs over normalised stems (accents folded, SMS and Creole mapped to
 * French, stopwords removed by `stems`), compared by cosine similarity.
 *
 * IDF changes as needs are added, so document vectors are weighted lazily and cached until the next
 * change. An inverted index keeps `similar` proportional to the needs that share a stem with the query.
 */
export class SimilarNeeds {
  /** Raw term counts per need, in insertion order. */
  private readonly counts = new Map<string, Map<string, number>>();
  private readonly documentFrequency = new Map<string, number>();
  private readonly postings = new Map<string, Set<string>>();
  private readonly order = new Map<string, number>();
  private sequence = 0;
  private cache: { vectors: Map<string, Vector>; norms: Map<string, number> } | undefined;

  get size(): number {
    return this.counts.size;
  }

  has(id: string): boolean {
    return this.counts.has(id);
  }

  /** Index a need; adding an id again replaces its text. */
  add(id: string, text: string): void {
    if (this.counts.has(id)) this.remove(id);
    const tf = termCounts(text);
    this.counts.set(id, tf);
    this.order.set(id, this.sequence++);
    for (const term of tf.keys()) {
      this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      let ids = this.postings.get(term);
      if (!ids) this.postings.set(term, (ids = new Set()));
      ids.add(id);
    }
    this.cache = undefined;
  }

  /** Forget a need (e.g. deleted at the resident's request); unknown ids are ignored. */
  remove(id: string): void {
    const tf = this.counts.get(id);
    if (!tf) return;
    for (const term of tf.keys()) {
      const df = (this.documentFrequency.get(term) ?? 1) - 1;
      if (df <= 0) this.documentFrequency.delete(term);
      else this.documentFrequency.set(term, df);
      const ids = this.postings.get(term);
      ids?.delete(id);
      if (ids && ids.size === 0) this.postings.delete(term);
    }
    this.counts.delete(id);
    this.order.delete(id);
    this.cache = undefined;
  }

  /**
   * The k indexed needs most similar to `text`, best first, with score ≥ minScore.
   * Pass `excludeId` to leave out the need itself when `text` is already indexed.
   */
  similar(text: string, k = 5, minScore = SIMILAR_MIN_SCORE, excludeId?: string): SimilarNeed[] {
    if (k <= 0) return [];
    const query = this.weigh(termCounts(text));
    const queryNorm = norm(query);
    if (queryNorm === 0) return [];
    const { vectors, norms } = this.weighted();
    const dots = new Map<string, number>();
    for (const [term, w] of query) {
      for (const id of this.postings.get(term) ?? []) {
        if (id === excludeId) continue;
        dots.set(id, (dots.get(id) ?? 0) + w * (vectors.get(id)?.get(term) ?? 0));
      }
    }
    const results: SimilarNeed[] = [];
    for (const [id, dot] of dots) {
      const score = roundScore(dot / (queryNorm * (norms.get(id) ?? 1)));
      if (score >= minScore) results.push({ id, score });
    }
    return results.sort((a, b) => b.score - a.score || this.rank(a.id) - this.rank(b.id)).slice(0, k);
  }

  /**
   * Groups of near-duplicate needs (two or more), largest first, by average-linkage agglomerative
   * clustering: two groups merge while the mean similarity between their members is ≥ minScore.
   * Average rather than single linkage so that A≈B and B≈C do not pull an unrelated C into A's group.
   */
  groups(minScore = GROUP_MIN_SCORE): NeedGroup[] {
    const { vectors, norms } = this.weighted();
    const ids = [...this.counts.keys()];
    // Pairwise similarities, sparse: only pairs sharing at least one stem.
    const clusters = new Map<number, { members: string[]; links: Map<number, number>; internal: number }>();
    const clusterOf = new Map<string, number>();
    ids.forEach((id, i) => {
      clusters.set(i, { members: [id], links: new Map(), internal: 0 });
      clusterOf.set(id, i);
    });
    const heap = new MaxHeap<{ score: number; a: number; b: number; sa: number; sb: number }>();
    for (const [i, id] of ids.entries()) {
      const v = vectors.get(id)!;
      const n = norms.get(id)!;
      if (n === 0) continue;
      const dots = new Map<number, number>();
      for (const [term, w] of v) {
        for (const other of this.postings.get(term) ?? []) {
          const j = clusterOf.get(other)!;
          if (j <= i) continue;
          dots.set(j, (dots.get(j) ?? 0) + w * (vectors.get(other)!.get(term) ?? 0));
        }
      }
      for (const [j, dot] of dots) {
        const sim = dot / (n * norms.get(ids[j]!)!);
        if (sim <= 0) continue;
        clusters.get(i)!.links.set(j, sim);
        clusters.get(j)!.links.set(i, sim);
        if (sim >= minScore) heap.push({ score: sim, a: i, b: j, sa: 1, sb: 1 });
      }
    }
    // `links` hold the SUM of pairwise similarities between two clusters; the average divides by sizes.
    let next = ids.length;
    while (heap.size > 0) {
      const top = heap.pop()!;
      const a = clusters.get(top.a);
      const b = clusters.get(top.b);
      // Stale entry: one side has merged since it was pushed.
      if (!a || !b || a.members.length !== top.sa || b.members.length !== top.sb) continue;
      const merged = {
        members: [...a.members, ...b.members],
        links: new Map<number, number>(),
        internal: a.internal + b.internal + (a.links.get(top.b) ?? 0),
      };
      const id = next++;
      for (const [source, other] of [
        [a, top.b],
        [b, top.a],
      ] as const) {
        for (const [c, sum] of source.links) {
          if (c === other) continue;
          merged.links.set(c, (merged.links.get(c) ?? 0) + sum);
        }
      }
      clusters.delete(top.a);
      clusters.delete(top.b);
      clusters.set(id, merged);
      for (const [c, sum] of merged.links) {
        const cluster = clusters.get(c)!;
        cluster.links.delete(top.a);
        cluster.links.delete(top.b);
        cluster.links.set(id, sum);
        const average = sum / (merged.members.length * cluster.members.length);
        if (average >= minScore) {
          heap.push({ score: average, a: id, b: c, sa: merged.members.length, sb: cluster.members.length });
        }
      }
    }
    const result: NeedGroup[] = [];
    for (const cluster of clusters.values()) {
      const n = cluster.members.length;
      if (n < 2) continue;
      result.push({
        ids: cluster.members.sort((x, y) => this.rank(x) - this.rank(y)),
        cohesion: roundScore(cluster.internal / ((n * (n - 1)) / 2)),
      });
    }
    return result.sort((x, y) => y.ids.length - x.ids.length || this.rank(x.ids[0]!) - this.rank(y.ids[0]!));
  }

  private rank(id: string): number {
    return this.order.get(id) ?? Number.MAX_SAFE_INTEGER;
  }

  /** Smoothed IDF: a stem in every need still counts a little, an unseen one counts most. */
  private idf(term: string): number {
    const n = this.counts.size;
    return Math.log((1 + n) / (1 + (this.documentFrequency.get(term) ?? 0))) + 1;
  }

  /** Sublinear TF (1 + log tf) so a word repeated in a rant does not dominate. */
  private weigh(tf: Map<string, number>): Vector {
    const v: Vector = new Map();
    for (const [term, count] of tf) v.set(term, (1 + Math.log(count)) * this.idf(term));
    return v;
  }

  private weighted(): { vectors: Map<string, Vector>; norms: Map<string, number> } {
    if (!this.cache) {
      const vectors = new Map<string, Vector>();
      const norms = new Map<string, number>();
      for (const [id, tf] of this.counts) {
        const v = this.weigh(tf);
        vectors.set(id, v);
        norms.set(id, norm(v));
      }
      this.cache = { vectors, norms };
    }
    return this.cache;
  }
}

/*
 * Terms of a text: its stems, plus the character 4-grams of each stem, so that spellings that escape the
 * stemmer still meet ("ramassage"/"ramassées", "lampadaires"/"lampadair", SMS and Creole spellings).
 * On the hand-made pairs of the tests this raised recall at equal precision over stems alone.
 * Negators are kept by `stems` (they matter for sentiment) but almost every need says "il n'y a pas /
 * plus de…": for similarity they are noise.
 */
function termCounts(text: string): Map<string, number> {
  const tf = new Map<string, number>();
  if (typeof text !== 'string') return tf;
  const add = (term: string) => tf.set(term, (tf.get(term) ?? 0) + 1);
  for (const stem of stems(text.slice(0, MAX_CHARS))) {
    if (stem.length < 2 || NEGATORS.has(stem)) continue;
    add(stem);
    const padded = `<${stem}>`;
    for (let i = 0; i + NGRAM <= padded.length; i++) add(`#${padded.slice(i, i + NGRAM)}`);
  }
  return tf;
}
const NGRAM = 4;

function norm(v: Vector): number {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  return Math.sqrt(sum);
}

function roundScore(x: number): number {
  return Math.round(Math.min(1, x) * 1e4) / 1e4;
}

/** Binary max-heap on `score`; small enough not to need a dependency. */
class MaxHeap<T extends { score: number }> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.score >= items[i]!.score) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && items[l]!.score > items[best]!.score) best = l;
        if (r < items.length && items[r]!.score > items[best]!.score) best = r;
        if (best === i) break;
        [items[best], items[i]] = [items[i]!, items[best]!];
        i = best;
      }
    }
    return top;
  }
}
