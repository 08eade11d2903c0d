import { beforeAll, describe, expect, it } from 'vitest';
import { categoryLabel } from '../../dialogs/labels.ts';
import { t } from '../../dialogs/catalog/catalog.ts';
import type { Db } from '../../src/storage/database.ts';
import { createTestDatabase, describeEachEngine } from '../helpers/engines.ts';
import { Chat, location, onboard, photo, trainedAnalyzer } from './helpers.ts';
import type { TurnContext } from 'botbuilder';

async function contribution(db: Db, reference: string) {
  return db
    .selectFrom('contribution')
    .selectAll()
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
}

function referenceIn(text: string): string {
  const match = /\b(B-\d{4,})\b/.exec(text);
  if (!match) throw new Error(`no reference in: ${text}`);
  return match[1]!;
}

describeEachEngine('need', (getDatabase) => {
  it('free text first: description → category → own quartier → photo → more → recap → saved with a reference', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'need-full');
    await onboard(chat, { quartier: 'Bellevue' });

    const [confirm] = await chat.send('Le bus ne passe plus à Bellevue le dimanche');
    expect(confirm!.text).toBe('Je comprends que cela concerne : Mobilité et transports. C’est bien ça ?');
    expect(confirm!.buttons).toEqual([
      'Oui, c’est ça',
      'Environnement, eau et propreté',
      'Sécurité et tranquillité',
      'Autre chose',
    ]);

    const [place] = await chat.send('oui');
    expect(place!.text).toMatch(/Où cela se passe-t-il/);
    expect(place!.buttons).toEqual(['Bellevue (mon quartier)', 'Un autre quartier', 'Passer']);

    expect(await chat.say('1')).toMatch(/Avez-vous une photo/);
    expect(chat.lastButtons()).toEqual(['Pas de photo']);
    expect(await chat.say(photo())).toBe('Voulez-vous ajouter quelque chose ?');
    const [recap] = await chat.send('Surtout le matin, pour aller au travail');
    expect(recap!.text).toBe(
      'Je récapitule :\n📝 Le bus ne passe plus à Bellevue le dimanche — Surtout le matin, pour aller au travail\n🏷️ Mobilité et transports\n📍 Bellevue\n📷 Photos : 1\nJe l’enregistre ?',
    );
    expect(recap!.buttons).toEqual(['Enregistrer', 'Corriger', 'Annuler']);

    const saved = await chat.send('Enregistrer');
    expect(saved[0]!.text).toMatch(
      /^C’est enregistré ✅ Référence : B-\d{4,}\.\nL’équipe du Living Lab lit chaque besoin/,
    );
    expect(saved.at(-1)!.text).toBe('Puis-je faire autre chose pour vous ?');
    const row = await contribution(database.db, referenceIn(saved[0]!.text));
    expect(row).toMatchObject({
      kind: 'need',
      text: 'Le bus ne passe plus à Bellevue le dimanche\n\nSurtout le matin, pour aller au travail',
      category: 'mobilite',
      category_source: 'resident',
      confidence: 0.8,
      model_version: 7,
      quartier: 'Bellevue',
      location: null,
      status: 'received',
    });
    expect(row.attachments).toEqual([
      { kind: 'image', ref: 'console-file:abc/photo.jpg', contentType: 'image/jpeg', name: 'photo.jpg' },
    ]);
    const resident = await database.db
      .selectFrom('resident')
      .select('id')
      .where('channel_user_id', '=', 'need-full')
      .executeTakeFirstOrThrow();
    expect(row.resident_id).toBe(resident.id);
  });

  it('offers the quartier the description names, before the resident’s own', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'need-named-quartier');
    await onboard(chat, { quartier: 'La Paix' });
    await chat.say('ya pa d bus pr monté a bellevue le dimanche');
    const [place] = await chat.send('oui');
    expect(place!.text).toMatch(/Où cela se passe-t-il/);
    expect(place!.buttons).toEqual(['Bellevue', 'Un autre quartier', 'Passer']);
    expect(await chat.say('oui')).toMatch(/Avez-vous une photo/);
    await chat.say('Pas de photo');
    expect(await chat.say('Non, c’est tout')).toMatch(/📍 Bellevue\n/);
    const row = await contribution(database.db, referenceIn(await chat.say('Enregistrer')));
    expect(row).toMatchObject({ category: 'mobilite', quartier: 'Bellevue' });

    // The resident's own quartier is still one tap away when the place is another one.
    await chat.say('Signaler un besoin');
    await chat.say('Le bus de Bellevue passe sans s’arrêter');
    await chat.say('oui');
    expect(await chat.say('Un autre quartier')).toMatch(/^Dans quel quartier/);
    expect(chat.lastButtons()).toContain('La Paix');
  });

  it('from the menu, with a corrected category, a shared location and no photo', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'need-menu');
    await onboard(chat);
    expect(await chat.say('Signaler un besoin')).toMatch(/^Décrivez votre besoin/);
    await chat.say('Il faudrait une route plus sûre pour les enfants');
    const [list] = await chat.send('Autre chose');
    expect(list!.text).toBe('Quel thème correspond le mieux ?');
    expect(list!.buttons).toHaveLength(13);
    expect(list!.buttons.at(-1)).toBe('Autre chose');
    // No quartier in the profile: the list of quartiers, and a location works too.
    expect(await chat.say('jeunesse')).toMatch(/Dans quel quartier/);
    expect(await chat.say(location(-20.998, 55.677))).toMatch(/photo/);
    expect(await chat.say('pas de photo')).toMatch(/ajouter/);
    const recap = await chat.say('non');
    expect(recap).toMatch(/🏷️ Jeunesse et éducation\n📍 position partagée\n📷 Photos : 0/);
    const row = await contribution(database.db, referenceIn(await chat.say('oui')));
    expect(row).toMatchObject({
      category: 'jeunesse_education',
      category_source: 'resident',
      confidence: null,
      quartier: null,
    });
    expect(row.location).toEqual({ latitude: -20.998, longitude: 55.677 });
  });

  it('goes straight to the list of themes when Kozé cannot tell, and keeps a place written in words', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'need-unknown');
    await onboard(chat);
    expect(await chat.say('Les chiens errants font peur aux enfants')).toBe(
      'Quel thème correspond le mieux ?',
    );
    // No quartier in the profile: the list of quartiers at once; a place in words works too.
    expect(await chat.say('Sécurité et tranquillité')).toMatch(/^Dans quel quartier/);
    await chat.say('devant la pharmacie de Paniandy');
    await chat.say('Pas de photo');
    expect(await chat.say('Non, c’est tout')).toMatch(/📍 devant la pharmacie de Paniandy/);
    const row = await contribution(database.db, referenceIn(await chat.say('Enregistrer')));
    expect(row).toMatchObject({ category: 'securite', quartier: 'Paniandy' });
    expect(row.details).toEqual({ place: 'devant la pharmacie de Paniandy' });
  });

  it('keeps a photo sent instead of the description, then asks for the words', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'need-photo-first');
    await onboard(chat);
    const answer = await chat.send(photo());
    expect(answer.map((b) => b.text)).toEqual([
      'Merci ! Je le garde pour un nouveau besoin.',
      'Bien reçu. Décrivez maintenant votre besoin en quelques mots.',
    ]);
    await chat.say('Le trottoir est cassé devant chez moi');
    await chat.say('oui');
    // The photo is already there: no photo question.
    expect(await chat.say('Passer')).toBe('Voulez-vous ajouter quelque chose ?');
    expect(await chat.say('passer')).toMatch(
      /📝 Le trottoir est cassé devant chez moi\n🏷️ Mobilité et transports\n📍 non précisé\n📷 Photos : 1/,
    );
  });

  it('starts again on "Corriger" and saves nothing on "Annuler"', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'need-restart');
    await onboard(chat);
    const before = await database.db.selectFrom('contribution').select('id').execute();
    await chat.say('Le bus passe trop tôt le matin');
    await chat.say('oui');
    await chat.say('Passer');
    await chat.say('Passer');
    await chat.say('non');
    expect(await chat.say('Corriger')).toBe(
      'D’accord, reprenons depuis le début.\n\nDécrivez votre besoin en quelques mots : que se passe-t-il, et pour qui ?',
    );
    await chat.say('Le bus passe trop tard le soir');
    await chat.say('oui');
    await chat.say('Passer');
    await chat.say('Passer');
    expect(await chat.say('non')).toMatch(/trop tard le soir/);
    expect(await chat.say('Annuler')).toBe(
      'C’est annulé, rien n’a été enregistré.\n\nPuis-je faire autre chose pour vous ?',
    );
    expect(await database.db.selectFrom('contribution').select('id').execute()).toHaveLength(before.length);
  });

  it('says how many other residents reported a close need', async () => {
    const database = getDatabase();
    const report = async (userId: string, text: string) => {
      const chat = new Chat(database, userId);
      await onboard(chat);
      // Kozé (the fake analyser) cannot tell: the resident picks the theme.
      expect(await chat.say(text)).toBe('Quel thème correspond le mieux ?');
      await chat.say('environnement');
      await chat.say('Passer');
      await chat.say('Passer');
      await chat.say('non');
      return chat.send('Enregistrer');
    };
    const first = await report(
      'need-similar-1',
      'Les poubelles du lotissement des Cocotiers ne sont plus ramassées le lundi',
    );
    expect(first.map((b) => b.text).join('\n')).not.toMatch(/besoin proche/);
    const second = await report(
      'need-similar-2',
      'Plus de ramassage des poubelles le lundi au lotissement des Cocotiers',
    );
    expect(second[1]!.text).toBe('Un autre habitant a signalé un besoin proche : vous n’êtes pas seul·e.');
    const third = await report(
      'need-similar-3',
      'Au lotissement des Cocotiers les poubelles du lundi ne sont pas ramassées',
    );
    expect(third[1]!.text).toBe('2 autres habitants ont signalé un besoin proche : vous n’êtes pas seul·e.');
  });
});

describe('need with the trained NLP model', () => {
  const analyzer = trainedAnalyzer();
  let chat: Chat;
  beforeAll(async () => {
    chat = new Chat(await createTestDatabase('pglite'), 'need-nlp', { analyzer });
    await onboard(chat);
  });

  it('routes free text to the need dialog and says plainly the category the model chose', async () => {
    const text = 'Il n’y a plus de bus le dimanche pour descendre au centre-ville';
    expect(analyzer.intent(text)).toBe('need');
    const { category } = analyzer.classify(text);
    const label = categoryLabel(t, { turnState: new Map() } as unknown as TurnContext, category);
    const [confirm] = await chat.send(text);
    expect(confirm!.text).toMatch(
      new RegExp(
        `^Je (comprends que cela concerne : |ne suis pas tout à fait sûr : est-ce que cela concerne )${label}`,
      ),
    );
    expect(confirm!.buttons[0]).toBe('Oui, c’est ça');
    expect(confirm!.buttons.at(-1)).toBe('Autre chose');
    await chat.say('oui');
    await chat.say('Passer');
    await chat.say('Passer');
    await chat.say('non');
    const row = await contribution(chat.database.db, referenceIn(await chat.say('Enregistrer')));
    expect(row.category).toBe(category);
    expect(row.category_source).toBe('resident');
    expect(row.confidence).toBeGreaterThan(0);
    // Trained in memory, not stored: no model version to record.
    expect(row.model_version).toBeNull();
  });
});

describeEachEngine('need in Réunion Creole', (getDatabase) => {
  it('runs the whole need path in kréol', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'need-rcf');
    await chat.say('bonzour');
    await chat.say('Kréol réyoné');
    await chat.say('Mi aksèpt');
    expect(chat.lastButtons()).toEqual([
      'Centre-ville',
      'Bellevue',
      'Paniandy',
      'La Paix',
      'Ot kartié',
      'Mi préfèr pa dir',
      'Pli tar',
    ]);
    expect(await chat.say('La Paix')).toBe('Ou lé… ?');
    expect(await chat.say('Pasé')).toBe('Ou na ki laz ?');
    expect(await chat.say('Pasé')).toMatch(/^Mersi, lé noté\.\n\nTout lé paré/);
    expect(chat.lastButtons()).toEqual([
      'Di in bézoin',
      'Propoz in lidé',
      'Donn mon lavi su in sèrvis tèsté',
      'Mon bann kontribision',
      'Mon bann done',
      'Lèd',
    ]);

    expect(await chat.say('Di in bézoin')).toMatch(/^Dékri out bézoin/);
    const [confirm] = await chat.send('Néna pi bus pou désann Bras-Panon lo dimans');
    expect(confirm!.text).toBe('Mi konpran sa i konsèrn : Déplasman ék transpor. Lé bien sa ?');
    expect(confirm!.buttons).toEqual([
      'Wi, lé sa',
      'Lanvironnman, dolo ék lapropté',
      'Sékirité ék trankilité',
      'Ot zafèr',
    ]);
    const [place] = await chat.send('wi');
    expect(place!.text).toMatch(/^Ousa sa i passe/);
    expect(place!.buttons).toEqual(['La Paix (mon kartié)', 'In ot kartié', 'Pasé']);
    expect(await chat.say('La Paix (mon kartié)')).toMatch(/^Ou na in foto/);
    expect(await chat.say('Na poin foto')).toBe('Ou vé azout in n’afèr ?');
    const recap = await chat.say('non');
    expect(recap).toBe(
      'Mi rékapitil :\n📝 Néna pi bus pou désann Bras-Panon lo dimans\n🏷️ Déplasman ék transpor\n📍 La Paix\n📷 Foto : 0\nMi anrézistr ali ?',
    );
    expect(chat.lastButtons()).toEqual(['Anrézistré', 'Korizé', 'Anilé']);
    const saved = await chat.send('wi');
    expect(saved[0]!.text).toMatch(/^Lé anrézistré ✅ Référans : B-\d{4,}\./);
    expect(saved.at(-1)!.text).toBe('Mi pé fé ot soz pou ou ?');
    const row = await contribution(database.db, referenceIn(saved[0]!.text));
    expect(row).toMatchObject({
      category: 'mobilite',
      quartier: 'La Paix',
      text: 'Néna pi bus pou désann Bras-Panon lo dimans',
    });
  });
});
