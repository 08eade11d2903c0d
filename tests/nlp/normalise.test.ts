import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  foldAccents,
  normalise,
  porterStemmerFr,
  stems,
  STOPWORDS,
  tokenise,
} from '../../src/nlp/normalise.ts';

describe('foldAccents', () => {
  it('folds French diacritics and ligatures, keeping case', () => {
    expect(foldAccents('éèêëàâäîïôöùûüç')).toBe('eeeeaaaiioouuuc');
    expect(foldAccents('Œuvre, cœur, Ærodrome')).toBe('OEuvre, coeur, AErodrome');
    expect(foldAccents('Élève À Noël')).toBe('Eleve A Noel');
  });
});

describe('normalise', () => {
  it('lowercases, folds accents, turns punctuation into spaces and collapses whitespace', () => {
    expect(normalise('  Où   est LA Mairie ?!…  ')).toBe('ou est la mairie');
    expect(normalise('L’hôpital, c’était « loin ».')).toBe('l hopital c etait loin');
  });

  it('expands SMS abbreviations', () => {
    expect(normalise('ya pa d bus pr monté')).toBe('il y a pas d bus pour monte');
    expect(normalise('bcp de monde tt le tps')).toContain('beaucoup');
    expect(normalise('jsp qd le bus passe')).toMatch(/^je sais pas quand /);
    expect(normalise('slt, pk ya pa de lumière ?')).toMatch(/^salut pourquoi il y a pas /);
    expect(normalise('aide moi svp')).toBe('aide moi s il vous plait');
  });

  it('squeezes letter elongations without touching real double letters', () => {
    expect(normalise('troooop')).toBe('trop');
    expect(normalise('merciiiii')).toBe('merci');
    expect(normalise('elle est belllle')).toBe('elle est belle');
    expect(normalise('sltttt')).toBe('salut');
    // "créée" has é é e: no letter is repeated three times before accents are folded.
    expect(normalise('créée')).toBe('creee');
    expect(normalise('appelle la commission')).toBe('appelle la commission');
  });

  it('maps emojis to words', () => {
    expect(normalise('🚌')).toBe('bus');
    expect(normalise('🗑️')).toContain('poubelle');
    expect(normalise('💧💧')).toBe('eau eau');
    expect(normalise('🐕 dans la rue')).toBe('chien dans la rue');
    // Skin tones and variation selectors do not prevent the match; unknown pictographs disappear.
    expect(normalise('🚌\uFE0F')).toBe('bus');
    expect(normalise('🫨')).toBe('');
  });

  it('rewrites Réunion Creole into French', () => {
    expect(normalise("Néna in gro problèm d'lo dann nout kartié")).toBe(
      'il y a un gros probleme eau dans notre quartier',
    );
    expect(normalise('bann marmay i sa lékol')).toContain('enfants');
    expect(normalise('lékol')).toBe('ecole');
    expect(normalise('lopital')).toBe('hopital');
    expect(normalise('zot travay')).toBe('vous travail');
    expect(normalise('mon loto lé an pann')).toContain('voiture');
  });

  it('never throws, whatever it is given', () => {
    expect(normalise('')).toBe('');
    expect(normalise('\u0000\u0007\uFFFD\uD800')).toBe('');
    expect(normalise(undefined as unknown as string)).toBe('');
    expect(normalise('a'.repeat(10_000))).toBe('a');
  });
});

describe('tokenise and stems', () => {
  it('tokenise splits the normalised text without removing anything', () => {
    expect(tokenise('Ya pa de bus !')).toEqual(['il', 'y', 'a', 'pas', 'de', 'bus']);
    expect(tokenise('   ')).toEqual([]);
  });

  it('stems drop French and Creole stopwords but keep negators', () => {
    const result = stems("Il n'y a pas de bus pour l'école");
    expect(result).toContain('pas');
    expect(result).toContain('bus');
    expect(result).toContain('ecol');
    expect(result).not.toContain('pour');
    expect(result).not.toContain('il');
    for (const negator of ['pas', 'jamais', 'rien', 'aucun', 'plus', 'sans'])
      expect(STOPWORDS.has(negator)).toBe(false);
  });

  it('uses natural’s own PorterStemmerFr', () => {
    process.env.DOTENV_CONFIG_QUIET = 'true';
    const natural = createRequire(import.meta.url)('natural') as { PorterStemmerFr: unknown };
    expect(porterStemmerFr).toBe(natural.PorterStemmerFr);
    expect(stems('transports')).toEqual(['transport']);
  });
});
