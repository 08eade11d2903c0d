import { expect, it } from 'vitest';
import { TestedServicesService } from '../../src/services/tested-services.service.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { Chat, MENU, onboard, type Bubble } from './helpers.ts';

/** A resident in the middle of a need, at the step named. Returns the question they are being asked. */
async function needAt(
  chat: Chat,
  step: 'description' | 'category' | 'place' | 'photo' | 'more' | 'recap',
): Promise<Bubble> {
  await onboard(chat, { quartier: 'Bellevue' });
  const steps: Array<[typeof step, string]> = [
    ['description', 'Signaler un besoin'],
    ['category', 'Le bus ne passe plus le dimanche à La Paix'],
    ['place', 'oui'],
    ['photo', 'Passer'],
    ['more', 'Pas de photo'],
    ['recap', 'non'],
  ];
  let question: Bubble | undefined;
  for (const [name, message] of steps) {
    question = (await chat.send(message)).at(-1);
    if (name === step) break;
  }
  return question!;
}

async function contributionsOf(chat: Chat) {
  return chat.database.db
    .selectFrom('contribution as c')
    .innerJoin('resident as r', 'r.id', 'c.resident_id')
    .where('r.channel_user_id', '=', chat.userId)
    .select('c.reference')
    .execute();
}

describeEachEngine('interruptions', (getDatabase) => {
  for (const [step, word] of [
    ['description', 'aide'],
    ['category', 'AIDE'],
    ['place', 'èd'],
    ['photo', 'aid'],
    ['recap', '/aide'],
  ] as const) {
    it(`"${word}" at the ${step} step explains, then asks the same question again`, async () => {
      const chat = new Chat(getDatabase(), `int-help-${step}`);
      const question = await needAt(chat, step);
      const answer = await chat.send(word);
      expect(answer[0]!.text).toMatch(/^Vous signalez un besoin\./);
      expect(answer.at(-1)).toEqual(question);
    });
  }

  for (const [step, word] of [
    ['category', 'menu'],
    ['photo', 'MENU'],
    ['more', 'mneu'],
    ['recap', 'retour'],
  ] as const) {
    it(`"${word}" at the ${step} step leaves the need and shows the menu`, async () => {
      const chat = new Chat(getDatabase(), `int-menu-${step}`);
      await needAt(chat, step);
      const answer = await chat.send(word);
      expect(answer.map((b) => b.text)).toEqual([
        'D’accord, on laisse ça de côté (rien n’a été enregistré).',
        'Que souhaitez-vous faire ? Vous pouvez aussi m’écrire directement, avec vos mots.',
      ]);
      expect(answer[1]!.buttons).toEqual(MENU);
      expect(await contributionsOf(chat)).toEqual([]);
      // The need is over: a yes now is an old button, not an answer.
      expect(await chat.say('oui')).toMatch(/^Ce bouton appartient à un ancien message\./);
    });
  }

  for (const [step, word] of [
    ['description', 'annuler'],
    ['place', 'anuler'],
    ['more', 'anilé'],
    ['recap', 'Annulé !'],
  ] as const) {
    it(`"${word}" at the ${step} step cancels, saves nothing, and offers the menu`, async () => {
      const chat = new Chat(getDatabase(), `int-cancel-${step}`);
      await needAt(chat, step);
      const answer = await chat.send(word);
      expect(answer.map((b) => b.text)).toEqual([
        'C’est annulé, rien n’a été enregistré.',
        'Puis-je faire autre chose pour vous ?',
      ]);
      expect(await contributionsOf(chat)).toEqual([]);
    });
  }

  it('"annuler" with nothing in progress says so', async () => {
    const chat = new Chat(getDatabase(), 'int-cancel-idle');
    await onboard(chat);
    expect(await chat.say('annuler')).toBe(
      'Il n’y a rien à annuler.\n\nPuis-je faire autre chose pour vous ?',
    );
  });

  for (const [step, word] of [
    ['category', 'stop'],
    ['photo', 'arèt'],
    ['recap', 'STOP svp'],
  ] as const) {
    it(`"${word}" at the ${step} step stops proactive messages and ends the dialog`, async () => {
      const chat = new Chat(getDatabase(), `int-stop-${step}`);
      await needAt(chat, step);
      expect(await chat.say(word)).toMatch(/^C’est noté : Kozé ne vous enverra plus de messages/);
      const resident = await chat.database.db
        .selectFrom('resident')
        .select('opted_out')
        .where('channel_user_id', '=', chat.userId)
        .executeTakeFirstOrThrow();
      expect(resident.opted_out).toBe(true);
      expect(await contributionsOf(chat)).toEqual([]);
    });
  }

  it('"mes données", "bonjour" and "reprendre" in the middle of a need answer, then ask the same question', async () => {
    const chat = new Chat(getDatabase(), 'int-data');
    const question = await needAt(chat, 'place');
    const data = await chat.send('mes donnees');
    expect(data[0]!.text).toMatch(/^Voici tout ce que Kozé garde sur vous/);
    expect(data.at(-1)).toEqual(question);
    const hello = await chat.send('bonjour');
    expect(hello.map((b) => b.text)).toEqual([
      'Bonjour ! Nous étions en train d’échanger, je reprends ma question :',
      question.text,
    ]);
    const resume = await chat.send('reprendre');
    expect(resume[0]!.text).toMatch(/^Vous recevez déjà/);
    expect(resume.at(-1)).toEqual(question);
    // And the need goes on.
    expect(await chat.say('Bellevue (mon quartier)')).toMatch(/Avez-vous une photo/);
  });

  it('"supprimer" in the middle of a need asks for confirmation; "non" keeps everything', async () => {
    const chat = new Chat(getDatabase(), 'int-delete');
    await needAt(chat, 'more');
    expect(await chat.say('suprimer')).toMatch(/^Voulez-vous vraiment effacer/);
    expect(await chat.say('non')).toBe(
      'D’accord, je n’efface rien.\n\nPuis-je faire autre chose pour vous ?',
    );
  });

  it('interrupts an idea, a feedback, the profile and the erasure question too', async () => {
    const database = getDatabase();
    await new TestedServicesService(database.db).add({ code: 'INT-NAV', name: 'Navette test' });
    const chat = new Chat(database, 'int-others');
    await chat.say('bonjour');
    await chat.say('Français');
    await chat.say('J’accepte');
    // Profile question: help, then the same question; menu leaves the profile.
    const profile = chat.history.at(-1)!;
    expect((await chat.send('aide')).at(-1)).toEqual(profile);
    expect(await chat.say('menu')).toMatch(/rien n’a été enregistré/);

    await chat.say('Proposer une idée');
    await chat.say('Des bancs à l’ombre le long du chemin du stade');
    const carrier = chat.history.at(-1)!;
    const help = await chat.send('aide');
    expect(help[0]!.text).toMatch(/^Vous proposez une idée/);
    expect(help.at(-1)).toEqual(carrier);
    expect(await chat.say('annuler')).toMatch(/^C’est annulé/);

    await chat.say('Donner mon avis sur un service testé');
    await chat.say('Navette test');
    const help2 = await chat.send('aide');
    expect(help2[0]!.text).toMatch(/^Vous donnez votre avis/);
    expect(help2.at(-1)!.text).toMatch(/^Quelle note/);
    expect(await chat.say('stop')).toMatch(/^C’est noté/);

    await chat.say('supprimer');
    const help3 = await chat.send('aide');
    expect(help3[0]!.text).toMatch(/^Vous avez demandé à effacer vos données/);
    expect(help3.at(-1)!.buttons).toEqual(['Oui, tout effacer', 'Non, garder']);
    expect(await chat.say('annuler')).toMatch(/^C’est annulé/);
    expect(await contributionsOf(chat)).toEqual([]);
  });

  it('works in Creole too', async () => {
    const chat = new Chat(getDatabase(), 'int-rcf');
    await chat.say('bonzour');
    await chat.say('kreol');
    await chat.say('wi');
    await chat.say('Pli tar');
    await chat.say('Di in bézoin');
    const help = await chat.send('aide');
    expect(help[0]!.text).toMatch(/^Ou lé an trin di in bézoin/);
    expect(help.at(-1)!.text).toMatch(/^Dékri out bézoin/);
    expect(await chat.say('anile')).toBe('Lé anilé, arien la pa été anrézistré.\n\nMi pé fé ot soz pou ou ?');
  });
});
