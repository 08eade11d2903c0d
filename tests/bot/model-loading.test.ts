import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../../dialogs/catalog/catalog.ts';
import type { TextAnalyzer } from '../../src/nlp/types.ts';
import type { DatabaseHandle } from '../../src/storage/database.ts';
import { Chat, FakeAnalyzer } from '../dialogs/helpers.ts';
import { createTestDatabase } from '../helpers/engines.ts';

/** A model still loading, finished (or failed) by the test. */
function loadingModel() {
  let finish!: (analyzer: TextAnalyzer) => void;
  let fail!: (error: Error) => void;
  const loading = new Promise<TextAnalyzer>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { loading, finish, fail };
}

describe('a bot whose language model is still loading', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(() => database.close());

  it('lets messages wait for the model, then answers them in order', async () => {
    const model = loadingModel();
    const chat = new Chat(database, 'early-bird', { analyzer: model.loading });
    let answered = 0;
    const first = chat.send('bonjour').then((bubbles) => (answered++, bubbles));
    const second = chat.send('Français').then((bubbles) => (answered++, bubbles));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(0);

    model.finish(new FakeAnalyzer());
    const [greeting, consent] = await Promise.all([first, second]);
    expect(greeting.map((b) => b.text).join('\n')).toMatch(/Je suis Kozé/);
    expect(consent.map((b) => b.text).join('\n')).toMatch(/Vos données/);
  });

  it('apologises when the model cannot be loaded', async () => {
    const model = loadingModel();
    const chat = new Chat(database, 'unlucky', { analyzer: model.loading });
    const reply = chat.say('bonjour');
    model.fail(new Error('database gone'));
    expect(await reply).toBe(catalogs.fr['error.apology']);
  });
});
