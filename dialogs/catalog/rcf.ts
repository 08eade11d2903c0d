import type { MessageKey } from './fr.ts';

/** Réunion Creole messages (kréol rényoné). */
export const rcf: Record<MessageKey, string> = {
  'error.apology':
    'Pardon, néna in ti problèm teknik dann mon koté. Sak ou la ékri lé pa perdi : rosséy dann in ti moman, oubien ékri « menu ».',
  'root.greeting':
    'Bonzour, mwin lé Kozé, lasistan Living Lab Bras-Panon. Ou pé di amwin in bézoin pou out kartié, propoz in lidé oubien donn out lavi.',
  'root.menu': 'Kosa ou vé fé ?',
  'root.menu.need': 'Di in bézoin',
  'root.menu.help': 'Lèd',
  'root.help': 'Ékri sak out kartié na bézoin, ek out mo. Ou pé ékri osi « menu » kan ou vé.',
  'need.describe': 'Dékri out bézoin an dé-troi mo.',
  'need.thanks': 'Mersi, lé noté : « {text} ».',
};
