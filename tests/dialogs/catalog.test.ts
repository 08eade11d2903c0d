import { describe, expect, it } from 'vitest';
import { catalogs, format, type Language } from '../../dialogs/catalog/catalog.ts';
import { fr } from '../../dialogs/catalog/fr.ts';
import { detectCommand } from '../../src/nlp/commands.ts';

const languages = Object.keys(catalogs) as Language[];
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

/** Plausible, long values for every placeholder: a bubble must stay short even with them. */
const LONG_VALUES: Record<string, string | number> = {
  reference: 'B-12345',
  date: '31/12/2026',
  months: 120,
  version: '2026-01',
  count: 1234,
  max: '4 000',
  category: 'Environnement, eau et propreté',
  quartier: 'Rivière-du-Mât-les-Hauts',
  language: 'Kréol réyoné',
  channel: 'WhatsApp',
  role: 'Une institution',
  age: '75 ans et plus',
  topic: 'Solidarité et action sociale',
  status: 'suivi par le Living Lab',
  service: 'Navette solidaire des Hauts de Bras-Panon',
  name: 'Navette solidaire des Hauts de Bras-Panon',
  // The dialogs cut what the resident wrote before quoting it.
  text: 'x'.repeat(220),
  example: '« Il n’y a pas d’abribus devant l’école de La Paix, les enfants attendent sous la pluie. »',
  place: 'y'.repeat(80),
  photos: 3,
};

describe('message catalogs', () => {
  it('has French and Réunion Creole', () => {
    expect(languages.sort()).toEqual(['fr', 'rcf']);
  });

  for (const language of languages) {
    describe(language, () => {
      const catalog = catalogs[language] as Record<string, string>;

      it('has every key of the French catalog, and no other', () => {
        expect(Object.keys(catalog).sort()).toEqual(Object.keys(fr).sort());
      });

      it('has no empty message', () => {
        for (const [key, value] of Object.entries(catalog)) expect(value.trim(), key).not.toBe('');
      });

      it('uses the same placeholders as French in every message', () => {
        for (const [key, value] of Object.entries(fr)) {
          expect(placeholders(catalog[key] ?? ''), `${language} ${key}`).toEqual(placeholders(value));
        }
      });

      it('keeps every bubble under 600 characters, even with long values', () => {
        for (const [key, value] of Object.entries(catalog)) {
          const filled = format(value, LONG_VALUES);
          expect(filled, `${key}: unknown placeholder`).not.toMatch(/\{\w+\}/);
          expect(filled.length, key).toBeLessThan(600);
        }
      });

      it('never makes a button that reads as a command, except the menu’s own', () => {
        const buttonKeys = Object.keys(catalog).filter((key) =>
          /^(choice|consent\.(accept|refuse|more)|save\.|erase\.(yes|no)|need\.(category\.(yes|other)|place\.other|photo\.skip|more\.no)|profile\.(skipAll|quartier\.)|idea\.carrier\.|role\.|age\.|category\.|language\.(fr|rcf)$)/.test(
            key,
          ),
        );
        expect(buttonKeys.length).toBeGreaterThan(30);
        for (const key of buttonKeys) {
          const command = detectCommand(catalog[key]!);
          // "Annuler" is a button that means exactly the cancel command.
          if (key === 'choice.cancel') expect(command).toBe('cancel');
          else expect(command, `${key} «${catalog[key]}»`).toBeNull();
        }
      });
    });
  }
});
