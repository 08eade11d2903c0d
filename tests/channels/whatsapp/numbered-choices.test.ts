import { describe, expect, it } from 'vitest';
import {
  editDistance,
  matchChoice,
  renderNumberedChoices,
  type OfferedChoice,
} from '../../../src/channels/whatsapp/numbered-choices.ts';

const menu: OfferedChoice[] = [
  'Signaler un besoin',
  'Proposer une idée',
  'Donner mon avis sur un service testé',
  'Mes contributions',
  'Mes données',
  'Aide',
].map((title) => ({ title, value: title }));

const answer = (text: string, choices = menu) => matchChoice(text, choices)?.value;

describe('numbered choices', () => {
  it('renders the choices as a numbered list, numbers in bold', () => {
    expect(renderNumberedChoices(menu.slice(0, 2))).toBe('*1.* Signaler un besoin\n*2.* Proposer une idée');
  });

  it.each([
    ['2', 'Proposer une idée'],
    ['2.', 'Proposer une idée'],
    [' 2 ', 'Proposer une idée'],
    ['2)', 'Proposer une idée'],
    ['n°2', 'Proposer une idée'],
    ['numéro 2', 'Proposer une idée'],
    ['le 2', 'Proposer une idée'],
    ['2️⃣', 'Proposer une idée'],
    ['deux', 'Proposer une idée'],
    ['Deux !', 'Proposer une idée'],
    ['le deuxième', 'Proposer une idée'],
    ['2ème', 'Proposer une idée'],
    ['dé', 'Proposer une idée'],
    ['duex', 'Proposer une idée'],
    ['six', 'Aide'],
    ['1er', 'Signaler un besoin'],
    ['la première', 'Signaler un besoin'],
  ])('reads the number in %j', (text, expected) => {
    expect(answer(text)).toBe(expected);
  });

  it.each([
    ['Proposer une idée', 'Proposer une idée'],
    ['proposer une idee', 'Proposer une idée'],
    ['PROPOSER UNE IDEE', 'Proposer une idée'],
    ['Porposer une idé', 'Proposer une idée'],
    ['mes donnes', 'Mes données'],
    ['Mes donnees', 'Mes données'],
    ['aide', 'Aide'],
    ['aidee', 'Aide'],
    ['idée', 'Proposer une idée'],
    ['idee', 'Proposer une idée'],
    ['avis', 'Donner mon avis sur un service testé'],
    ['2. Proposer une idée', 'Proposer une idée'],
    ['3 - donner mon avis sur un service teste', 'Donner mon avis sur un service testé'],
  ])('reads the label in %j', (text, expected) => {
    expect(answer(text)).toBe(expected);
  });

  it.each([
    ['j’ai besoin d’un abribus devant l’école'], // a need written freely, not the "besoin" choice
    ['2 enfants à garder le mercredi'], // a number inside an answer of its own
    ['7'], // no seventh choice
    ['mes'], // in two labels: never guess
    ['merci'],
    [''],
    ['👍'],
  ])('leaves %j to the dialog', (text) => {
    expect(answer(text)).toBeUndefined();
  });

  it('takes a number for the label it starts, when labels are numbered themselves', () => {
    const rating = ['5 - Très bien', '4 - Bien', '3 - Moyen', '2 - Pas bien', '1 - Pas du tout'].map(
      (title) => ({
        title,
        value: title,
      }),
    );
    expect(answer('5', rating)).toBe('5 - Très bien');
    expect(answer('1', rating)).toBe('1 - Pas du tout');
  });

  it('answers with the value of the choice, which may differ from its title', () => {
    expect(
      matchChoice('oui', [
        { title: 'Oui', value: 'consent.yes' },
        { title: 'Non', value: 'consent.no' },
      ]),
    ).toEqual({
      title: 'Oui',
      value: 'consent.yes',
    });
    expect(
      answer('consent.no', [
        { title: 'Oui', value: 'consent.yes' },
        { title: 'Non', value: 'consent.no' },
      ]),
    ).toBe('consent.no');
  });

  it('counts a swapped pair of letters as one typo', () => {
    expect(editDistance('idee', 'idee')).toBe(0);
    expect(editDistance('duex', 'deux')).toBe(1);
    expect(editDistance('aide', 'aid')).toBe(1);
    expect(editDistance('besoin', 'bsoni')).toBe(2);
  });
});
