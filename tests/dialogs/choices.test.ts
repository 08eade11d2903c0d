import { describe, expect, it } from 'vitest';
import { fold, recognizeChoice, type ChoiceSpec } from '../../dialogs/choices.ts';
import { categoryChoice, no, quartierNamedIn, yes } from '../../dialogs/labels.ts';
import { isBlank, readInput } from '../../dialogs/input.ts';

const yesNo: ChoiceSpec[] = [yes('choice.yes'), no('choice.no')];
const categories = ['mobilite', 'environnement', 'sante', 'autre'].map(categoryChoice);

describe('recognizeChoice', () => {
  it('folds case, accents and punctuation', () => {
    expect(fold('  Propreté, ÉCOLE !! 👍 ')).toBe('proprete ecole');
    expect(recognizeChoice('SANTÉ', categories)?.value).toBe('category:sante');
    expect(recognizeChoice('sante', categories)?.value).toBe('category:sante');
    expect(recognizeChoice('Environnement, eau et proprete', categories)?.value).toBe(
      'category:environnement',
    );
  });

  it('understands yes and no in French and Creole, whatever the locale', () => {
    for (const word of ['oui', 'Oui !', 'wi', 'ok', 'OK', 'd’accord', 'dakor', 'ouais']) {
      expect(recognizeChoice(word, yesNo)?.value, word).toBe('yes');
    }
    for (const word of ['non', 'Non.', 'nan', 'non merci'])
      expect(recognizeChoice(word, yesNo)?.value, word).toBe('no');
  });

  it('never reads a negative sentence as a yes', () => {
    expect(recognizeChoice('pas d’accord', yesNo)?.value).toBe('no');
    expect(recognizeChoice('je ne suis pas ok', yesNo)?.value).not.toBe('yes');
  });

  it('takes a number as the position of a button, in digits, words or keycap emoji', () => {
    expect(recognizeChoice('2', categories)?.value).toBe('category:environnement');
    expect(recognizeChoice('3️⃣', categories)?.value).toBe('category:sante');
    expect(recognizeChoice('deux', categories)?.value).toBe('category:environnement');
    expect(recognizeChoice('9', categories)).toBeUndefined();
  });

  it('finds a label or a synonym inside a sentence, unless two choices match as well', () => {
    expect(recognizeChoice('c’est plutôt la santé', categories)?.value).toBe('category:sante');
    expect(recognizeChoice('un problème de bus', categories)?.value).toBe('category:mobilite');
    expect(recognizeChoice('santé et bus', categories)).toBeUndefined();
    expect(recognizeChoice('rien à voir', categories)).toBeUndefined();
  });

  it('with exactOnly, takes only the whole answer', () => {
    expect(recognizeChoice('non', yesNo, { exactOnly: true })?.value).toBe('no');
    expect(recognizeChoice('non il manque aussi un trottoir', yesNo, { exactOnly: true })).toBeUndefined();
  });
});

describe('readInput', () => {
  it('reads a shared location from the value or from an attachment', () => {
    expect(
      readInput({ text: '', value: { type: 'location', latitude: -21, longitude: 55.6 } }).location,
    ).toEqual({ latitude: -21, longitude: 55.6 });
    expect(
      readInput({
        attachments: [
          {
            contentType: 'application/vnd.koze.location+json',
            content: { latitude: '-21.0', longitude: '55.6' },
          },
        ],
      }).location,
    ).toEqual({ latitude: -21, longitude: 55.6 });
    expect(readInput({ value: { type: 'location', latitude: 200, longitude: 0 } }).location).toBeUndefined();
  });

  it('tells photos, voice notes, stickers and files apart by MIME type', () => {
    const input = readInput({
      text: ' légende ',
      attachments: [
        { contentType: 'image/jpeg', contentUrl: 'a' },
        { contentType: 'audio/ogg', contentUrl: 'b' },
        { contentType: 'application/x-sticker', contentUrl: 'c' },
        { contentType: 'application/vnd.koze.sticker', contentUrl: 'd' },
        { contentType: 'application/pdf', contentUrl: 'e', name: 'plan.pdf' },
      ],
    });
    expect(input.text).toBe('légende');
    expect(input.attachments.map((a) => a.kind)).toEqual([
      'image',
      'audio',
      'sticker',
      'sticker',
      'document',
    ]);
  });

  it('reads a start code', () => {
    expect(readInput({ text: '', value: { type: 'start', service: 'NAVETTE' } }).start).toEqual({
      service: 'NAVETTE',
    });
  });

  it('calls blank what has no letter or digit', () => {
    expect(isBlank('')).toBe(true);
    expect(isBlank('  👍🙏 !!')).toBe(true);
    expect(isBlank('ok 👍')).toBe(false);
  });
});

describe('quartierNamedIn', () => {
  const quartiers = [
    'Centre-ville',
    'Rivière-du-Mât-les-Bas',
    'Rivière-du-Mât-les-Hauts',
    'Bellevue',
    'La Paix',
  ];

  it('finds a quartier named as a whole phrase, whatever the accents, case and hyphens', () => {
    expect(quartierNamedIn('plus de bus à BELLEVUE le dimanche', quartiers)).toBe('Bellevue');
    expect(quartierNamedIn('la route de riviere du mat les hauts est abîmée', quartiers)).toBe(
      'Rivière-du-Mât-les-Hauts',
    );
    expect(quartierNamedIn('au centre ville, les trottoirs', quartiers)).toBe('Centre-ville');
  });

  it('names nothing when no quartier, only part of a name, or several quartiers are written', () => {
    expect(quartierNamedIn('les chiens errants font peur', quartiers)).toBeUndefined();
    expect(quartierNamedIn('à Rivière-du-Mât il manque un abri bus', quartiers)).toBeUndefined();
    expect(quartierNamedIn('Bellevuette', quartiers)).toBeUndefined();
    expect(quartierNamedIn('un bus entre Bellevue et La Paix', quartiers)).toBeUndefined();
  });
});
