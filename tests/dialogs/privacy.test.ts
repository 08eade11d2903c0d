import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Db } from '../../src/storage/database.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { Chat, onboard, photo } from './helpers.ts';

async function residentOf(db: Db, userId: string) {
  return db.selectFrom('resident').selectAll().where('channel_user_id', '=', userId).executeTakeFirst();
}

/** A need saved through the conversation; returns its reference. */
async function saveNeed(chat: Chat, text: string, place = 'Passer') {
  await chat.say(text);
  await chat.say('oui');
  await chat.say(place);
  await chat.say(photo());
  await chat.say('non');
  const saved = await chat.say('Enregistrer');
  return /B-\d{4,}/.exec(saved)![0];
}

describeEachEngine('privacy and contributions', (getDatabase) => {
  it('lists my latest contributions with reference, date, category and status', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'priv-list');
    await onboard(chat);
    expect(await chat.say('Mes contributions')).toBe(
      'Vous n’avez encore rien partagé. Écrivez-moi un besoin ou une idée quand vous voulez !\n\nPuis-je faire autre chose pour vous ?',
    );
    const first = await saveNeed(chat, 'Le bus de 7 h ne passe plus à Paniandy');
    const second = await saveNeed(chat, 'Il manque un trottoir sur la route de Bellevue');
    await database.db
      .updateTable('contribution')
      .set({ status: 'in_review' })
      .where('reference', '=', first)
      .execute();
    const [list] = await chat.send('mes contributions');
    const today = new Date().toLocaleDateString('fr-FR', { timeZone: 'Indian/Reunion' });
    expect(list!.text).toBe(
      `Vos dernières contributions :\n• ${second} du ${today} · Mobilité et transports · reçu\n• ${first} du ${today} · Mobilité et transports · en cours d’étude`,
    );
  });

  it('shows in the chat everything Kozé holds about me', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'priv-data');
    await onboard(chat, { quartier: 'La Paix' });
    const reference = await saveNeed(chat, 'Le bus ne s’arrête plus devant la poste');
    const bubbles = (await chat.send('mes données')).map((b) => b.text);
    const today = new Date().toLocaleDateString('fr-FR', { timeZone: 'Indian/Reunion' });
    expect(bubbles[0]).toBe(
      [
        'Voici tout ce que Kozé garde sur vous :',
        '• Messagerie : console',
        '• Langue : Français',
        `• Accord donné le ${today} (notice 2026-01)`,
        '• Quartier : La Paix',
        '• Vous êtes : non renseigné',
        '• Âge : non renseigné',
        '• Messages du Living Lab (enquêtes, nouvelles) : oui',
        '• Un identifiant technique pour vous écrire sur cette messagerie',
        '• Contributions : 1',
      ].join('\n'),
    );
    expect(bubbles[1]).toBe(`${reference} du ${today} : « Le bus ne s’arrête plus devant la poste »`);
    expect(bubbles[2]).toBe('Ces données sont gardées 24 mois. Pour tout effacer, écrivez SUPPRIMER.');
    expect(bubbles[3]).toBe('Puis-je faire autre chose pour vous ?');
  });

  it('STOP stops proactive messages, confirmed; REPRENDRE undoes it', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'priv-stop');
    await onboard(chat);
    expect(await chat.say('STOP')).toMatch(
      /^C’est noté : Kozé ne vous enverra plus de messages de lui-même.*REPRENDRE/,
    );
    expect((await residentOf(database.db, 'priv-stop'))!.opted_out).toBe(true);
    // Still able to talk to Kozé.
    expect(await chat.say('mes données')).toMatch(/Messages du Living Lab : non \(STOP\)/);
    expect(await chat.say('reprendre')).toMatch(/^C’est reparti/);
    expect((await residentOf(database.db, 'priv-stop'))!.opted_out).toBe(false);
    expect(await chat.say('REPRENDRE')).toMatch(/^Vous recevez déjà les messages/);
  });

  it('keeps the conversation reference of each resident up to date', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'priv-ref');
    await onboard(chat);
    const resident = (await residentOf(database.db, 'priv-ref'))!;
    const before = await database.db
      .selectFrom('conversation_reference')
      .selectAll()
      .where('resident_id', '=', resident.id)
      .executeTakeFirstOrThrow();
    expect(before.reference).not.toHaveProperty('activityId');
    await database.db
      .updateTable('conversation_reference')
      .set({ conversation_id: 'old', reference: JSON.stringify({ stale: true }) as never })
      .where('resident_id', '=', resident.id)
      .execute();
    await chat.say('menu');
    const after = await database.db
      .selectFrom('conversation_reference')
      .selectAll()
      .where('resident_id', '=', resident.id)
      .executeTakeFirstOrThrow();
    expect(after.conversation_id).toBe('console:priv-ref');
    expect(after.reference).toEqual(before.reference);
  });

  it('SUPPRIMER asks first, and "non" keeps everything', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'priv-keep');
    await onboard(chat);
    const [confirm] = await chat.send('supprimer');
    expect(confirm!.text).toMatch(/^Voulez-vous vraiment effacer toutes vos données \?/);
    expect(confirm!.buttons).toEqual(['Oui, tout effacer', 'Non, garder']);
    expect(await chat.say('Non, garder')).toBe(
      'D’accord, je n’efface rien.\n\nPuis-je faire autre chose pour vous ?',
    );
    expect(await residentOf(database.db, 'priv-keep')).toBeDefined();
  });

  it('SUPPRIMER erases identity, profile, reference, state and texts; statistics keep kind, category, quartier, month', async () => {
    const database = getDatabase();
    const { db } = database;
    const chat = new Chat(database, 'priv-erase');
    await onboard(chat, { quartier: 'Bellevue' });
    const reference = await saveNeed(
      chat,
      'Le bus scolaire oublie l’arrêt de la rue des Letchis',
      'Bellevue (mon quartier)',
    );
    const resident = (await residentOf(db, 'priv-erase'))!;
    // An unfinished need in progress, to be erased with the rest.
    await chat.say('Signaler un besoin');
    await chat.say('Le bus de nuit sent la fumée rue des Goyaviers');
    await chat.say('supprimer');
    const done = await chat.say('oui');
    expect(done).toMatch(
      /^C’est fait : vos données sont effacées, et votre contribution n’est plus liée à vous/,
    );

    expect(await residentOf(db, 'priv-erase')).toBeUndefined();
    expect(
      await db
        .selectFrom('conversation_reference')
        .selectAll()
        .where('resident_id', '=', resident.id)
        .execute(),
    ).toEqual([]);
    const state = await sql<{
      id: string;
    }>`select id from bot_state where id like ${'%priv-erase%'} or data::text like ${'%Goyaviers%'}`.execute(
      db,
    );
    expect(state.rows).toEqual([]);
    const row = await db
      .selectFrom('contribution')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      kind: 'need',
      category: 'mobilite',
      quartier: 'Bellevue',
      resident_id: null,
      text: null,
      location: null,
      attachments: [],
      details: {},
      rating: null,
      idempotency_key: null,
    });
    // Only the month is kept: the first of the month, midnight in La Réunion.
    expect(row.created_at.toLocaleString('fr-FR', { timeZone: 'Indian/Reunion' })).toMatch(
      /^01\/\d\d\/\d{4} 00:00:00$/,
    );
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'resident.erased')
      .execute();
    const entry = audit.at(-1)!;
    expect(entry.subject).toBeNull();
    expect(entry.details).toEqual({ channel: 'console', contributions: 1, consented: true });
    expect(JSON.stringify(entry)).not.toMatch(/priv-erase|Letchis/);

    // Writing again is a first contact.
    expect(await chat.say('bonjour')).toMatch(/Je suis Kozé/);
  });
});
