import type { TurnContext } from 'botbuilder';
import type { Catalog, MessageKey } from './catalog/catalog.ts';
import type { ChoiceSpec } from './choices.ts';
import { withButtons } from './prompt.ts';

export type MenuAction = 'need' | 'idea' | 'feedback' | 'contributions' | 'mydata' | 'help';

/** The menu, for residents who prefer buttons to writing. Its labels also work typed, at any time. */
export const MENU_CHOICES: ChoiceSpec[] = [
  {
    value: 'need',
    label: { key: 'menu.need' },
    synonyms: [
      'besoin',
      'un besoin',
      'signaler',
      'signaler un besoin',
      'bezoin',
      'in bezoin',
      'di in bezoin',
    ],
  },
  {
    value: 'idea',
    label: { key: 'menu.idea' },
    synonyms: ['idee', 'une idee', 'proposer', 'proposer une idee', 'lide', 'in lide', 'propoz in lide'],
  },
  {
    value: 'feedback',
    label: { key: 'menu.feedback' },
    synonyms: [
      'avis',
      'mon avis',
      'donner mon avis',
      'service teste',
      'services testes',
      'service en test',
      'lavi',
      'mon lavi',
    ],
  },
  {
    value: 'contributions',
    label: { key: 'menu.contributions' },
    synonyms: [
      'contributions',
      'mes contributions',
      'mes besoins',
      'mes idees',
      'mes avis',
      'suivi',
      'mon bann kontribision',
      'kontribision',
    ],
  },
  { value: 'mydata', label: { key: 'menu.mydata' }, synonyms: ['mes donnees', 'donnees', 'mon bann done'] },
  { value: 'help', label: { key: 'menu.help' }, synonyms: ['aide', 'led', 'lede'] },
];

/** Sends the menu: `intro` is the sentence above the buttons. */
export async function sendMenu(
  t: Catalog,
  context: TurnContext,
  intro: MessageKey = 'menu.prompt',
): Promise<void> {
  await context.sendActivity(withButtons(t, context, t(context, intro), MENU_CHOICES));
}
