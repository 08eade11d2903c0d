import { describe, expect, it } from 'vitest';
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { escapeHtml, markdownToHtml } from '../../../src/channels/telegram/html.ts';
import { layoutButtons, renderActivity } from '../../../src/channels/telegram/render.ts';
import { splitText } from '../../../src/channels/telegram/split-text.ts';
import { parseTelegramHtml } from './fake-bot-api.ts';

describe('splitText', () => {
  it('leaves a text that fits alone', () => {
    expect(splitText('Bonjour', 4096)).toEqual(['Bonjour']);
    const exact = 'a'.repeat(4096);
    expect(splitText(exact)).toEqual([exact]);
  });

  it('cuts between paragraphs first, then lines, sentences, words', () => {
    expect(splitText('Premier paragraphe ici.\n\nSecond paragraphe là.', 30)).toEqual([
      'Premier paragraphe ici.',
      'Second paragraphe là.',
    ]);
    expect(splitText('Ligne une assez longue\nLigne deux', 30)).toEqual([
      'Ligne une assez longue',
      'Ligne deux',
    ]);
    expect(splitText('Une phrase assez longue. Une autre phrase.', 30)).toEqual([
      'Une phrase assez longue.',
      'Une autre phrase.',
    ]);
    expect(splitText('mot '.repeat(20).trim(), 30).every((p) => p.length <= 30 && !p.startsWith(' '))).toBe(
      true,
    );
  });

  it('cuts a text without any boundary hard, never inside an emoji', () => {
    const url = `https://example.org/${'x'.repeat(50)}`;
    expect(splitText(url, 20).join('')).toBe(url);
    const emojis = '😀'.repeat(10); // 20 UTF-16 code units
    const parts = splitText(emojis, 5);
    expect(parts.join('')).toBe(emojis);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(5);
      expect([...part].every((c) => c === '😀')).toBe(true);
    }
  });

  it('keeps every part within the limit on a long French text', () => {
    const text = Array.from(
      { length: 400 },
      (_, i) => `Phrase numéro ${i}, avec des virgules et des mots.`,
    ).join(' ');
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(4);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    expect(parts.join(' ')).toBe(text);
  });
});

describe('HTML for Telegram', () => {
  it('escapes what Telegram HTML reserves, and the fake parses it back to the original', () => {
    const text = 'Prix < 5 € & "qualité" > tout, <b>pas du gras</b>';
    expect(escapeHtml(text)).toBe(
      'Prix &lt; 5 € &amp; &quot;qualité&quot; &gt; tout, &lt;b&gt;pas du gras&lt;/b&gt;',
    );
    expect(parseTelegramHtml(escapeHtml(text))).toBe(text);
  });

  it('renders the little Markdown dialogs use, and nothing else', () => {
    expect(
      markdownToHtml(
        'Votre besoin **B-0042** est _noté_, voir `/aide` ou [le site](https://example.org/a?b=1&c=2)',
      ),
    ).toBe(
      'Votre besoin <b>B-0042</b> est <i>noté</i>, voir <code>/aide</code> ou <a href="https://example.org/a?b=1&amp;c=2">le site</a>',
    );
    // Snake case and lone stars stay as written.
    expect(parseTelegramHtml(markdownToHtml('avis_NAVETTE et 2 * 3 = 6'))).toBe('avis_NAVETTE et 2 * 3 = 6');
    expect(parseTelegramHtml(markdownToHtml('**gras <dangereux>**'))).toBe('gras <dangereux>');
  });

  it('the fake refuses bad HTML like Telegram', () => {
    expect(() => parseTelegramHtml('a < b')).toThrow(/can't parse entities/);
    expect(() => parseTelegramHtml('Tom & Jerry')).toThrow(/can't parse entities/);
    expect(() => parseTelegramHtml('<b>gras')).toThrow(/can't parse entities/);
    expect(() => parseTelegramHtml('<div>x</div>')).toThrow(/Unsupported start tag/);
  });
});

describe('renderActivity', () => {
  it('renders text as HTML, suggested actions as buttons under the last message', () => {
    const [message] = renderActivity(MessageFactory.suggestedActions(['Oui', 'Non'], 'Vous confirmez ?'));
    expect(message).toEqual({
      html: 'Vous confirmez ?',
      buttons: [
        [
          { title: 'Oui', value: 'Oui' },
          { title: 'Non', value: 'Non' },
        ],
      ],
    });
  });

  it('puts short buttons side by side and long ones alone', () => {
    const rows = layoutButtons(
      ['1', '2', '3', '4', '5', 'Signaler un besoin de mon quartier', 'Aide', 'Menu'].map((t) => ({
        title: t,
        value: t,
      })),
    );
    expect(rows.map((r) => r.map((b) => b.title))).toEqual([
      ['1', '2', '3', '4', '5'],
      ['Signaler un besoin de mon quartier'],
      ['Aide', 'Menu'],
    ]);
  });

  it('keeps the value of postBack and messageBack buttons, and opens URLs', () => {
    const [message] = renderActivity({
      type: 'message',
      text: 'Choisissez',
      suggestedActions: {
        to: [],
        actions: [
          { type: 'postBack', title: 'Trois étoiles', value: '3' },
          { type: 'messageBack', title: 'Annuler', text: 'annuler', value: { x: 1 } },
          { type: 'openUrl', title: 'Le site', value: 'https://braspanon.example' },
        ],
      },
    });
    expect(message!.buttons!.flat()).toEqual([
      { title: 'Trois étoiles', value: '3' },
      { title: 'Annuler', value: 'annuler' },
      { title: 'Le site', url: 'https://braspanon.example' },
    ]);
  });

  it('asks for a location with a reply keyboard instead of inline buttons', () => {
    const activity: Partial<Activity> = {
      ...MessageFactory.suggestedActions(['Passer'], 'Où ?'),
      channelData: { askLocation: true },
    };
    expect(renderActivity(activity)).toEqual([{ html: 'Où ?', askLocation: { labels: ['Passer'] } }]);
  });

  it('renders hero cards (ListStyle.heroCard) as text and buttons', () => {
    const card = CardFactory.heroCard(
      'Navette',
      'Votre avis ?',
      undefined,
      CardFactory.actions(['Bien', 'Pas bien']),
    );
    const [message] = renderActivity(MessageFactory.attachment(card));
    expect(message!.html).toBe('<b>Navette</b>\nVotre avis ?');
    expect(message!.buttons!.flat().map((b) => b.title)).toEqual(['Bien', 'Pas bien']);
  });

  it('hangs buttons without text on a pointer, and renders nothing for an empty message', () => {
    expect(renderActivity(MessageFactory.suggestedActions(['OK']))[0]!.html).toBe('👇');
    expect(renderActivity({ type: 'message', text: '  ' })).toEqual([]);
  });
});
