import { CardFactory, MessageFactory } from 'botbuilder';
import { ChoiceFactory } from 'botbuilder-dialogs';
import { describe, expect, it } from 'vitest';
import {
  renderActivity,
  splitIntoBubbles,
  toWhatsAppMarkup,
} from '../../../src/channels/whatsapp/outbound-rendering.ts';

describe('WhatsApp rendering', () => {
  it('renders suggested actions as a numbered list under the question, and returns the choices', () => {
    const prompt = ChoiceFactory.suggestedAction(
      ['Signaler un besoin', 'Aide'],
      'Que souhaitez-vous faire ?',
    );
    expect(renderActivity(prompt)).toEqual({
      bubbles: ['Que souhaitez-vous faire ?\n\n*1.* Signaler un besoin\n*2.* Aide'],
      choices: [
        { title: 'Signaler un besoin', value: 'Signaler un besoin' },
        { title: 'Aide', value: 'Aide' },
      ],
    });
  });

  it('renders hero card buttons the same way', () => {
    const card = MessageFactory.attachment(CardFactory.heroCard('', undefined, ['Oui', 'Non']));
    card.text = "C'est bien ça ?";
    expect(renderActivity(card).bubbles).toEqual(["C'est bien ça ?\n\n*1.* Oui\n*2.* Non"]);
  });

  it('sends a plain text as it is, with no choices', () => {
    expect(renderActivity(MessageFactory.text('Merci !'))).toEqual({
      bubbles: ['Merci !'],
      choices: undefined,
    });
  });

  it('writes Markdown bold and italics the WhatsApp way', () => {
    expect(toWhatsAppMarkup('Votre référence : **B-0042**, __merci__ !')).toBe(
      'Votre référence : *B-0042*, _merci_ !',
    );
  });

  it('splits a long text at paragraphs, then sentences, then words, never beyond the limit', () => {
    const paragraph = (n: number) =>
      `Paragraphe ${n}. ` + 'Une phrase assez longue pour remplir. '.repeat(8).trim();
    const text = [1, 2, 3, 4].map(paragraph).join('\n\n');
    const bubbles = splitIntoBubbles(text, 700);
    expect(bubbles.length).toBeGreaterThan(1);
    for (const bubble of bubbles) expect(bubble.length).toBeLessThanOrEqual(700);
    expect(bubbles.join('\n\n')).toBe(text);
    expect(bubbles[0]!.endsWith('remplir.')).toBe(true);

    const oneSentence = 'mot '.repeat(400).trim();
    const byWords = splitIntoBubbles(oneSentence, 300);
    for (const bubble of byWords) expect(bubble.length).toBeLessThanOrEqual(300);
    expect(byWords.join(' ')).toBe(oneSentence);
  });

  it('keeps the numbered list whole in the last bubble of a long question', () => {
    const long = ChoiceFactory.suggestedAction(
      ['Oui', 'Non'],
      `${'Voici le récapitulatif. '.repeat(60).trim()}\n\nC'est bon ?`,
    );
    const { bubbles } = renderActivity(long, 1000);
    expect(bubbles.length).toBe(2);
    expect(bubbles.at(-1)).toMatch(/C'est bon \?\n\n\*1\.\* Oui\n\*2\.\* Non$/);
  });
});
