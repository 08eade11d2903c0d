import { describe, expect, it } from 'vitest';
import { GROUP_MIN_SCORE, SIMILAR_MIN_SCORE, SimilarNeeds } from '../../src/nlp/similar-needs.ts';
import { NEED_GROUPS, SINGLE_NEEDS } from './similar-needs-fixtures.ts';

/** Indexes the fixtures; ids are "g<group>-<n>" for grouped needs and "s<n>" for single ones. */
function fixtureIndex(): { index: SimilarNeeds; texts: Map<string, string>; groupOf: Map<string, number> } {
  const index = new SimilarNeeds();
  const texts = new Map<string, string>();
  const groupOf = new Map<string, number>();
  NEED_GROUPS.forEach((group, g) =>
    group.forEach((text, n) => {
      const id = `g${g}-${n}`;
      index.add(id, text);
      texts.set(id, text);
      groupOf.set(id, g);
    }),
  );
  SINGLE_NEEDS.forEach((text, n) => {
    index.add(`s${n}`, text);
    texts.set(`s${n}`, text);
  });
  return { index, texts, groupOf };
}

describe('SimilarNeeds.similar', () => {
  it('finds the same need said differently, and rarely a different one (default threshold)', () => {
    const { index, texts, groupOf } = fixtureIndex();
    let found = 0;
    let grouped = 0;
    let returned = 0;
    let right = 0;
    for (const [id, text] of texts) {
      const results = index.similar(text, 5, SIMILAR_MIN_SCORE, id);
      const g = groupOf.get(id);
      returned += results.length;
      right += results.filter((r) => g !== undefined && groupOf.get(r.id) === g).length;
      if (g !== undefined) {
        grouped++;
        if (results.some((r) => groupOf.get(r.id) === g)) found++;
      }
    }
    // Measured when the threshold was chosen: every need but one finds a twin; precision ≈ 0.96.
    expect(found / grouped).toBeGreaterThanOrEqual(0.85);
    expect(right / returned).toBeGreaterThanOrEqual(0.9);
  });

  it('ranks results by score and respects k and minScore', () => {
    const { index } = fixtureIndex();
    const results = index.similar('Pas de bus le dimanche pour Saint-Benoît', 3, 0);
    expect(results.length).toBeLessThanOrEqual(3);
    expect(results[0]!.id.startsWith('g0-')).toBe(true);
    for (let i = 1; i < results.length; i++)
      expect(results[i]!.score).toBeLessThanOrEqual(results[i - 1]!.score);
    expect(index.similar('Pas de bus le dimanche pour Saint-Benoît', 10, 0.99)).toEqual([]);
    expect(index.similar('Pas de bus le dimanche', 0)).toEqual([]);
  });

  it('scores an identical text 1 and an unrelated one 0', () => {
    const index = new SimilarNeeds();
    index.add('a', 'Les lampadaires de la rue des Letchis sont éteints');
    index.add('b', 'Un terrain de football pour les jeunes');
    expect(index.similar('Les lampadaires de la rue des Letchis sont éteints', 5, 0)[0]).toEqual({
      id: 'a',
      score: 1,
    });
    expect(index.similar('médiathèque fermée le samedi', 5, 0)).toEqual([]);
  });

  it('matches Creole and SMS spellings through normalisation', () => {
    const index = new SimilarNeeds();
    index.add('fr', "Il n'y a pas de bus pour monter dans les Hauts le soir");
    index.add('other', 'Les trottoirs sont sales près du marché');
    expect(index.similar('ya pa d bus pr monter ds les hauts le soir', 1)[0]?.id).toBe('fr');
    expect(index.similar('néna pwin bis pou monte dann lé o le soir', 1, 0.1)[0]?.id).toBe('fr');
  });

  it('forgets removed needs and replaces a need added again', () => {
    const index = new SimilarNeeds();
    index.add('a', 'Les poubelles débordent à Bellevue');
    index.add('b', 'Les poubelles ne sont pas ramassées à Bellevue');
    index.remove('a');
    expect(index.has('a')).toBe(false);
    expect(index.size).toBe(1);
    expect(index.similar('poubelles Bellevue', 5, 0).map((r) => r.id)).toEqual(['b']);
    index.add('b', 'Un terrain de foot à Rivière-du-Mât');
    expect(index.size).toBe(1);
    expect(index.similar('poubelles Bellevue', 5, 0)).toEqual([]);
    expect(() => index.remove('unknown')).not.toThrow();
  });
});

describe('SimilarNeeds.groups', () => {
  it('groups the fixtures into pure groups of near-duplicates (default threshold)', () => {
    const { index, groupOf } = fixtureIndex();
    const groups = index.groups();
    for (const group of groups) {
      const labels = new Set(group.ids.map((id) => groupOf.get(id) ?? id));
      expect(labels.size, group.ids.join(', ')).toBe(1);
      expect(group.cohesion).toBeGreaterThanOrEqual(GROUP_MIN_SCORE);
    }
    // Every hand-made group is found, at least in part.
    const found = new Set(groups.map((g) => groupOf.get(g.ids[0]!)));
    expect(found.size).toBe(NEED_GROUPS.length);
  });

  it('counts "12 residents asked for the same thing", largest group first', () => {
    const index = new SimilarNeeds();
    const variants = [
      'Pas de bus le dimanche à Bras-Panon',
      'Aucun bus le dimanche à Bras-Panon',
      'Le dimanche il n’y a pas de bus à Bras-Panon',
      'ya pa de bus le dimanche a bras panon',
      'Bras-Panon : pas de bus le dimanche',
      'Le dimanche, plus aucun bus ne passe à Bras-Panon',
      'Pas un seul bus le dimanche sur Bras-Panon',
      'Bus du dimanche à Bras-Panon supprimés',
      'Il faudrait des bus le dimanche à Bras-Panon',
      'Le dimanche aucun bus ne dessert Bras-Panon',
      'Remettre des bus le dimanche à Bras-Panon svp',
      'Dimanche : zéro bus à Bras-Panon',
    ];
    variants.forEach((text, i) => index.add(`bus${i}`, text));
    index.add('x1', 'Les poubelles débordent à Bellevue');
    index.add('x2', 'Les poubelles ne sont pas ramassées à Bellevue');
    index.add('x3', 'Un terrain de football pour les jeunes');
    const groups = index.groups();
    expect(groups[0]!.ids).toHaveLength(12);
    expect(groups[0]!.ids[0]).toBe('bus0');
    expect(groups[1]!.ids.sort()).toEqual(['x1', 'x2']);
    expect(groups).toHaveLength(2);
  });

  it('does not chain loosely related needs into one group (average linkage)', () => {
    const index = new SimilarNeeds();
    index.add('a', 'bus dimanche Saint-Benoît');
    index.add('b', 'bus dimanche soir');
    index.add('c', 'soir lampadaires éteints');
    index.add('d', 'lampadaires éteints rue des Letchis');
    // b and c share only "soir" (similarity ≈ 0.25): at 0.2 single linkage would chain a-b-c-d.
    expect(index.similar('bus dimanche soir', 5, 0.2, 'b').map((r) => r.id)).toContain('c');
    const ids = index.groups(0.2).map((g) => g.ids);
    expect(ids).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
});

describe('bad input', () => {
  it('never throws and indexes nothing meaningful from empty or garbage text', () => {
    const index = new SimilarNeeds();
    const inputs = ['', '   ', '👍👍', '\u0000\u0001\uFFFD', 'x'.repeat(10_000), 'Le bus. '.repeat(2000)];
    inputs.forEach((text, i) => expect(() => index.add(`bad${i}`, text)).not.toThrow());
    expect(() => index.add('null', null as unknown as string)).not.toThrow();
    expect(index.similar('', 5)).toEqual([]);
    expect(index.similar('\u0000\u0001', 5)).toEqual([]);
    expect(() => index.similar(undefined as unknown as string, 5)).not.toThrow();
    expect(() => index.groups()).not.toThrow();
  });

  it('works on an empty index', () => {
    const index = new SimilarNeeds();
    expect(index.similar('bus', 5)).toEqual([]);
    expect(index.groups()).toEqual([]);
  });
});
