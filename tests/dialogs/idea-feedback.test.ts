import { expect, it } from 'vitest';
import { TestedServicesService } from '../../src/services/tested-services.service.ts';
import type { Db } from '../../src/storage/database.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { Chat, onboard } from './helpers.ts';

async function contribution(db: Db, text: string) {
  const reference = /\b([BIA]-\d{4,})\b/.exec(text)?.[1];
  if (!reference) throw new Error(`no reference in: ${text}`);
  return db
    .selectFrom('contribution')
    .selectAll()
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
}

describeEachEngine('idea', (getDatabase) => {
  it('description → who could carry it → would you test it → saved as I-…', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'idea-1');
    await onboard(chat, { quartier: 'Paniandy' });
    expect(await chat.say('Proposer une idée')).toBe('Quelle est votre idée ? Décrivez-la en quelques mots.');
    const [carrier] = await chat.send('Un atelier de réparation de vélos tenu par les jeunes du quartier');
    expect(carrier!.text).toBe('Qui pourrait la porter ?');
    expect(carrier!.buttons).toEqual([
      'Moi',
      'Une association',
      'Une entreprise',
      'La commune',
      'Je ne sais pas',
    ]);
    const [testing] = await chat.send('une asso');
    expect(testing!.text).toBe('Aimeriez-vous participer aux tests si elle est expérimentée ?');
    expect(testing!.buttons).toEqual(['Oui', 'Non', 'Peut-être']);
    const saved = await chat.send('peut etre');
    expect(saved[0]!.text).toMatch(
      /^Merci pour votre idée 💡 Référence : I-\d{4,}\. .*vous recontactera ici/,
    );
    const row = await contribution(database.db, saved[0]!.text);
    expect(row).toMatchObject({
      kind: 'idea',
      text: 'Un atelier de réparation de vélos tenu par les jeunes du quartier',
      category_source: 'model',
      model_version: 7,
      quartier: 'Paniandy',
      details: { carrier: 'association', wantsToTest: 'peut_etre' },
    });
  });

  it('starts from free text when the resident writes an idea', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'idea-2');
    await onboard(chat);
    expect(await chat.say('J’ai une idée : un jardin partagé derrière l’école')).toBe(
      'Qui pourrait la porter ?',
    );
    await chat.say('je sais pas');
    const saved = await chat.say('non');
    expect(saved).toMatch(
      /^Merci pour votre idée 💡 Référence : I-\d{4,}\. L’équipe du Living Lab l’étudiera avec les autres propositions\./,
    );
    expect(await contribution(database.db, saved)).toMatchObject({
      text: 'J’ai une idée : un jardin partagé derrière l’école',
      details: { carrier: 'ne_sait_pas', wantsToTest: 'non' },
    });
  });
});

describeEachEngine('feedback on a tested service', (getDatabase) => {
  it('tells the resident when no service is being tested', async () => {
    const chat = new Chat(getDatabase(), 'fb-none');
    await onboard(chat);
    expect(await chat.say('Donner mon avis sur un service testé')).toBe(
      'Aucun service n’est en test en ce moment. Je vous préviendrai quand il y en aura un !\n\nPuis-je faire autre chose pour vous ?',
    );
  });

  it('keeps an opinion written freely as a need when no service is being tested', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'fb-none-text');
    await onboard(chat);
    const replies = await chat.send('La navette c’est nul, le bus était en retard ce matin');
    expect(replies.map((r) => r.text)).toEqual([
      'Aucun service n’est en test en ce moment : j’enregistre votre message comme un besoin, pour que l’équipe du Living Lab le lise.',
      'Je comprends que cela concerne : Mobilité et transports. C’est bien ça ?',
    ]);
    await chat.say('oui');
    await chat.say('Passer');
    await chat.say('Pas de photo');
    expect(await chat.say('Non, c’est tout')).toMatch(
      /^Je récapitule :\n📝 La navette c’est nul, le bus était en retard ce matin\n/,
    );
    const row = await contribution(database.db, await chat.say('Enregistrer'));
    expect(row).toMatchObject({
      kind: 'need',
      text: 'La navette c’est nul, le bus était en retard ce matin',
      category: 'mobilite',
    });
  });

  it('picks a service → rating → what worked → what to improve → recommend → saved as A-… with a sentiment', async () => {
    const database = getDatabase();
    const services = new TestedServicesService(database.db);
    const navette = await services.add({ code: 'navette', name: 'Navette des Hauts' });
    await services.add({ code: 'ATELIER-NUM', name: 'Atelier numérique' });
    const chat = new Chat(database, 'fb-1');
    await onboard(chat, { quartier: 'Bellevue' });
    const [pick] = await chat.send('Donner mon avis sur un service testé');
    expect(pick!.text).toBe('Sur quel service en test voulez-vous donner votre avis ?');
    expect(pick!.buttons).toEqual(['Atelier numérique', 'Navette des Hauts']);
    const [rating] = await chat.send('navette');
    expect(rating!.text).toBe(
      'Quelle note donnez-vous à « Navette des Hauts », de 1 (pas du tout satisfait) à 5 (très satisfait) ?',
    );
    expect(rating!.buttons).toEqual(['1', '2', '3', '4', '5']);
    const [worked] = await chat.send('⭐⭐⭐⭐');
    expect(worked!.text).toBe('Qu’est-ce qui a bien marché ?');
    expect(worked!.buttons).toEqual(['Passer']);
    expect(await chat.say('Le chauffeur est super gentil et toujours à l’heure')).toBe(
      'Et qu’est-ce qui pourrait être amélioré ?',
    );
    expect(await chat.say('passer')).toBe('Le recommanderiez-vous à un proche ?');
    const saved = await chat.say('oui');
    expect(saved).toMatch(/^Merci pour votre avis sur « Navette des Hauts » 🙏 Référence : A-\d{4,}\./);
    const row = await contribution(database.db, saved);
    expect(row).toMatchObject({
      kind: 'feedback',
      tested_service_id: navette.id,
      rating: 4,
      sentiment: 'positive',
      text: 'Le chauffeur est super gentil et toujours à l’heure',
      quartier: 'Bellevue',
      details: {
        worked: 'Le chauffeur est super gentil et toujours à l’heure',
        improve: null,
        recommend: 'oui',
      },
    });
  });

  it('starts directly on one service from a start code, and derives the sentiment from the rating without words', async () => {
    const database = getDatabase();
    await new TestedServicesService(database.db).add({ code: 'COMPOST', name: 'Composteur collectif' });
    const chat = new Chat(database, 'fb-start');
    await onboard(chat);
    expect(await chat.say({ text: '', value: { type: 'start', service: 'COMPOST' } })).toMatch(
      /^Quelle note donnez-vous à « Composteur collectif »/,
    );
    await chat.say('2');
    await chat.say('Passer');
    await chat.say('Passer');
    const row = await contribution(database.db, await chat.say('non'));
    expect(row).toMatchObject({
      rating: 2,
      sentiment: 'negative',
      text: '',
      category: null,
      details: { recommend: 'non' },
    });
  });

  it('a start code wins over a question left open', async () => {
    const database = getDatabase();
    await new TestedServicesService(database.db).add({ code: 'QR-WIN', name: 'Service du QR' });
    const chat = new Chat(database, 'fb-qr-open');
    await onboard(chat);
    await chat.say('Proposer une idée');
    expect(await chat.say({ text: '', value: { type: 'start', service: 'QR-WIN' } })).toMatch(
      /^Quelle note donnez-vous à « Service du QR »/,
    );
  });

  it('says so when the service of a start code is closed or unknown, and offers the active ones', async () => {
    const database = getDatabase();
    const services = new TestedServicesService(database.db);
    await services.add({ code: 'VELO', name: 'Vélos partagés' });
    await services.close('VELO');
    await services.add({ code: 'MARCHE', name: 'Marché du soir' });
    const chat = new Chat(database, 'fb-closed');
    await onboard(chat);
    const closed = await chat.send({ text: '', value: { type: 'start', service: 'VELO' } });
    expect(closed[0]!.text).toBe(
      'Le test de « Vélos partagés » est terminé, merci ! Voici les services en test en ce moment.',
    );
    expect(closed[1]!.buttons).not.toContain('Vélos partagés');
    expect(closed[1]!.buttons).toContain('Marché du soir');
    await chat.say('menu');
    const unknown = await chat.send({ text: '', value: { type: 'start', service: 'NOPE' } });
    expect(unknown[0]!.text).toBe(
      'Je ne trouve pas le service « NOPE ». Voici les services en test en ce moment.',
    );
  });

  it('a start code from someone new goes through the first contact, then straight to that service', async () => {
    const database = getDatabase();
    await new TestedServicesService(database.db).add({ code: 'NAVETTE2', name: 'Navette du marché' });
    const chat = new Chat(database, 'fb-new');
    expect(await chat.say({ text: '', value: { type: 'start', service: 'NAVETTE2' } })).toMatch(
      /Je suis Kozé/,
    );
    await chat.say('Français');
    await chat.say('J’accepte');
    const back = await chat.say('Plus tard');
    expect(back).toMatch(
      /Revenons à votre premier message\.\n\nQuelle note donnez-vous à « Navette du marché »/,
    );
  });
});
