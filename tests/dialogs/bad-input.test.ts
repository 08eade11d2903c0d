import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { TestedServicesService } from '../../src/services/tested-services.service.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { Chat, FakeAnalyzer, file, location, onboard, photo, sticker, voice } from './helpers.ts';

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, stream), lines };
}

/** An analyser that fails on one word, as a bug in the NLP would. */
class ExplodingAnalyzer extends FakeAnalyzer {
  override intent(text: string) {
    if (text.includes('BOOM')) throw new Error('analyser exploded');
    return super.intent(text);
  }
}

describeEachEngine('bad input', (getDatabase) => {
  it('a voice note, a sticker, a file, a photo or a location where text is expected: a polite word, the same question', async () => {
    const database = getDatabase();
    await new TestedServicesService(database.db).add({ code: 'BAD-NAV', name: 'Navette bad' });
    const chat = new Chat(database, 'bad-media');
    await onboard(chat);
    const description = (await chat.send('Proposer une idée')).at(-1)!;
    for (const [message, notice] of [
      [
        voice(),
        'Je ne peux pas encore écouter les messages vocaux 🙏 Pourriez-vous l’écrire en quelques mots ?',
      ],
      [sticker(), 'Joli autocollant 🙂 Mais j’ai besoin d’une réponse écrite.'],
      [file(), 'Je ne peux pas lire les fichiers. Pourriez-vous répondre par écrit ?'],
      [photo(), 'Merci pour la photo ! Ici, j’ai besoin d’une réponse écrite.'],
      [location(), 'Merci pour la position ! Ici, j’ai besoin d’une réponse écrite.'],
    ] as const) {
      const answer = await chat.send(message);
      expect(answer.map((b) => b.text)).toEqual([notice, description.text]);
    }
    // Not counted against the resident: the idea goes on.
    expect(await chat.say('Un marché de producteurs le samedi')).toBe('Qui pourrait la porter ?');
    const carrier = chat.history.at(-1)!;
    expect((await chat.send(sticker())).at(-1)).toEqual(carrier);
    expect(await chat.say('La commune')).toMatch(/participer aux tests/);
    await chat.say('non');

    await chat.say('Donner mon avis sur un service testé');
    await chat.say('1');
    expect(await chat.say('5')).toBe('Qu’est-ce qui a bien marché ?');
    expect(await chat.say(voice())).toMatch(
      /^Je ne peux pas encore écouter[\s\S]*Qu’est-ce qui a bien marché \?$/,
    );
  });

  it('empty or emoji-only answers: asked again with an example, twice, then the menu', async () => {
    const chat = new Chat(getDatabase(), 'bad-empty');
    await onboard(chat);
    const question = (await chat.send('Signaler un besoin')).at(-1)!;
    for (const empty of ['👍', '']) {
      const answer = await chat.send(empty);
      expect(answer.map((b) => b.text)).toEqual([
        'Je n’ai pas reçu de texte. Par exemple : « Il n’y a pas d’abribus devant l’école de La Paix, les enfants attendent sous la pluie. »',
        question.text,
      ]);
    }
    const third = await chat.send('🙏🙏');
    expect(third.map((b) => b.text)).toEqual([
      'Je crois que je ne vous comprends pas bien, désolé. Repartons du menu.',
      'Que souhaitez-vous faire ? Vous pouvez aussi m’écrire directement, avec vos mots.',
    ]);
    expect(third[1]!.buttons[0]).toBe('Signaler un besoin');
  });

  it('an answer that matches no button: asked again, twice, then the menu', async () => {
    const chat = new Chat(getDatabase(), 'bad-choice');
    await onboard(chat);
    await chat.say('Proposer une idée');
    const question = (await chat.send('Une boîte à livres devant la mairie')).at(-1)!;
    for (const wrong of ['bof', '42']) {
      const answer = await chat.send(wrong);
      expect(answer.map((b) => b.text)).toEqual([
        'Je n’ai pas compris votre réponse. Touchez un des boutons, ou écrivez son numéro.',
        question.text,
      ]);
      expect(answer[1]!.buttons).toEqual(question.buttons);
    }
    expect(await chat.say('…')).toMatch(/^Je crois que je ne vous comprends pas bien/);
  });

  it('a message over 4,000 characters is kept up to the limit, and the resident told', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'bad-long');
    await onboard(chat);
    const long = `Le bus ne passe plus. ${'Vraiment très long. '.repeat(300)}`;
    expect(long.length).toBeGreaterThan(4000);
    const answer = await chat.send(long);
    expect(answer[0]!.text).toBe(
      'Votre message était très long : j’en ai gardé les 4 000 premiers caractères.',
    );
    expect(answer[1]!.text).toMatch(/^Je comprends que cela concerne : Mobilité et transports/);
    await chat.say('oui');
    await chat.say('Passer');
    await chat.say('Passer');
    const recap = await chat.say('non');
    expect(recap.length).toBeLessThan(600);
    const saved = await chat.say('Enregistrer');
    const reference = /B-\d{4,}/.exec(saved)![0];
    const row = await database.db
      .selectFrom('contribution')
      .select('text')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(row.text!.length).toBeLessThanOrEqual(4000);
    expect(long.startsWith(row.text!)).toBe(true);
  });

  it('old buttons and unknown values are handled, never a crash', async () => {
    const chat = new Chat(getDatabase(), 'bad-stale');
    await onboard(chat);
    for (const stale of ['Oui, c’est ça', 'Enregistrer', 'Wi, lé sa', 'Pas de photo', 'Je refuse', '9']) {
      const answer = await chat.send(stale);
      expect(answer.map((b) => b.text)).toEqual([
        'Ce bouton appartient à un ancien message.',
        'Que souhaitez-vous faire ? Vous pouvez aussi m’écrire directement, avec vos mots.',
      ]);
    }
    expect(await chat.say('merci')).toBe('Avec plaisir 🙂 Écrivez-moi quand vous voulez.');
    // An old button in the middle of another question: that question again.
    await chat.say('Le bus ne passe plus rue des Manguiers');
    await chat.say('oui');
    const photoQuestion = (await chat.send('Passer')).at(-1)!;
    expect((await chat.send('Oui, tout effacer')).at(-1)).toEqual(photoQuestion);
    expect((await chat.send({ text: 'cb:7f3a:stale' })).at(-1)).toEqual(photoQuestion);
  });

  it('an internal error: an apology in the resident’s language, a clean state, the error logged with context', async () => {
    const { logger, lines } = capturingLogger();
    const chat = new Chat(getDatabase(), 'bad-error', { analyzer: new ExplodingAnalyzer(), logger });
    await chat.say('bonzour');
    await chat.say('kreol');
    await chat.say('wi');
    await chat.say('Pli tar');
    const apology = await chat.say('BOOM sa i pète');
    expect(apology).toBe(
      'Pardon, néna in ti problèm teknik dann mon koté, mi la pa pu réponn aou. Nou rokomans : di amwin ankor sak ou vé, oubien ékri « menu ».',
    );
    const error = lines.find((l) => l.msg === 'turn failed')!;
    expect(error).toMatchObject({ channel: 'console', conversation: 'console:bad-error', type: 'message' });
    expect((error.err as { message: string }).message).toMatch(/analyser exploded/);
    // The conversation starts cleanly again; the resident and their consent are kept.
    expect(await chat.say('menu')).toMatch(/^Kosa ou vé fé/);
  });

  it('a failed save keeps what was written and offers to try again', async () => {
    const database = getDatabase();
    const { logger, lines } = capturingLogger();
    const chat = new Chat(database, 'bad-save', { logger });
    await onboard(chat);
    await chat.say('Le bus scolaire est toujours en retard');
    await chat.say('oui');
    await chat.say('Passer');
    await chat.say('Passer');
    await chat.say('non');
    await sql`alter table contribution rename to contribution_away`.execute(database.db);
    let failed;
    try {
      failed = await chat.send('Enregistrer');
    } finally {
      await sql`alter table contribution_away rename to contribution`.execute(database.db);
    }
    expect(failed[0]!.text).toBe(
      'Désolé, je n’ai pas réussi à enregistrer à cause d’un souci technique. Ce que vous avez écrit est gardé : voulez-vous réessayer ?',
    );
    expect(failed[0]!.buttons).toEqual(['Réessayer', 'Annuler']);
    expect(lines.find((l) => l.msg === 'saving a contribution failed')).toMatchObject({
      dialog: 'need.save',
      conversation: 'console:bad-save',
    });
    const saved = await chat.say('Réessayer');
    expect(saved).toMatch(/^C’est enregistré ✅ Référence : B-\d{4,}/);
    const reference = /B-\d{4,}/.exec(saved)![0];
    const row = await database.db
      .selectFrom('contribution')
      .select('text')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(row.text).toBe('Le bus scolaire est toujours en retard');
  });
});
