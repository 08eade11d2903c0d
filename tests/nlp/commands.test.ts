import { describe, expect, it } from 'vitest';
import { detectCommand, type Command } from '../../src/nlp/commands.ts';

const cases: [Command, string[]][] = [
  [
    'stop',
    [
      'STOP',
      'stop',
      'Stop!!!',
      '/stop',
      'stop svp',
      'Stop merci',
      'stoppp',
      'stpo',
      'Arrêtez',
      'arèt sa',
      'bonjour, stop',
      'désabonnez-moi',
    ],
  ],
  ['delete', ['supprimer mes données', 'suprimer mes donées', 'Effacer mes données svp', 'oublie moi']],
  ['mydata', ['mes données', 'Mes infos ?']],
  [
    'help',
    [
      'aide',
      'AIDE',
      '/aide',
      'Aide moi stp',
      'aidde',
      'Aidez',
      'help',
      '?',
      '???',
      'mi konpran pa',
      'jcomprend pa',
    ],
  ],
  ['menu', ['menu', 'MENU.', 'mneu', 'Menu svp', 'retour au menu']],
  ['cancel', ['annuler', 'anuller', 'laisse tomber']],
  ['resume', ['reprendre', 'kontinie']],
  ['greeting', ['bonjour', 'Bonjour Kozé', 'slt', 'bjr', 'Salut !', 'koman i lé']],
];

describe('detectCommand', () => {
  for (const [command, messages] of cases) {
    it(`recognises ${command}`, () => {
      for (const message of messages)
        expect({ message, command: detectCommand(message) }).toEqual({ message, command });
    });
  }

  it('does not fire on sentences that merely contain a command word', () => {
    for (const message of [
      "le bus ne s'arrête pas au stop",
      'il faut un arrêt de bus devant l’école',
      'stop au bruit des scooters la nuit',
      "aide aux devoirs pour les enfants du quartier, c'est possible ?",
      'le menu de la cantine est toujours le même',
      'bonjour, il y a un trou dans la route',
      'je voudrais de l’aide pour remplir mon dossier de retraite svp',
    ]) {
      expect({ message, command: detectCommand(message) }).toEqual({ message, command: null });
    }
  });

  it('does not take a real word for a typo of a command', () => {
    // "bien" is one letter away from "rien" (cancel), "homme" from "home" (menu): both are words.
    expect(detectCommand('bien')).toBeNull();
    expect(detectCommand('homme')).toBeNull();
    expect(detectCommand('merci')).toBeNull();
  });

  it('never throws on bad input', () => {
    for (const input of [
      '',
      '   ',
      '🚌',
      '\u0000\uFFFD',
      'x'.repeat(10_000),
      undefined as unknown as string,
    ]) {
      expect(detectCommand(input)).toBeNull();
    }
  });
});
