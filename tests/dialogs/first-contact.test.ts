import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { CONSENT_VERSION } from '../../dialogs/deps.ts';
import type { Db } from '../../src/storage/database.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { Chat, MENU, onboard } from './helpers.ts';

async function residentOf(db: Db, userId: string) {
  return db.selectFrom('resident').selectAll().where('channel_user_id', '=', userId).executeTakeFirst();
}

/** Every row anywhere that mentions a text (a crude but honest "was it stored?"). */
async function rowsMentioning(db: Db, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const table of ['resident', 'conversation_reference', 'contribution', 'bot_state', 'audit_log']) {
    const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(db);
    for (const { row } of rows) if (row.includes(needle)) found.push(`${table}: ${row.slice(0, 120)}`);
  }
  return found;
}

describeEachEngine('first contact', (getDatabase) => {
  it('presents the Living Lab, asks the language, shows the versioned notice and records consent', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'fc-accept');
    const [welcome, language] = await chat.send('bonjour');
    expect(welcome!.text).toMatch(/Kozé/);
    expect(welcome!.text).toMatch(/commune de Bras-Panon/);
    expect(welcome!.text).toMatch(/Université de La Réunion/);
    expect(welcome!.text).toMatch(/économie sociale et solidaire/);
    expect(welcome!.text.split('\n')).toHaveLength(3);
    expect(language!.buttons).toEqual(['Français', 'Kréol réyoné']);
    expect(await residentOf(database.db, 'fc-accept')).toBeUndefined();

    const [notice, question] = await chat.send('francais');
    expect(notice!.text).toContain(`notice ${CONSENT_VERSION}`);
    expect(notice!.text).toMatch(/24 mois/);
    for (const word of ['MES DONNÉES', 'SUPPRIMER', 'STOP', 'Pourquoi', 'Qui les lit'])
      expect(notice!.text).toContain(word);
    expect(question!.buttons).toEqual(['J’accepte', 'Je refuse', 'En savoir plus']);

    const afterConsent = await chat.say('oui');
    expect(afterConsent).toMatch(/Merci pour votre confiance/);
    expect(afterConsent).toMatch(/Dans quel quartier habitez-vous/);
    expect(chat.lastButtons()).toEqual([
      'Centre-ville',
      'Bellevue',
      'Paniandy',
      'La Paix',
      'Autre quartier',
      'Je préfère ne pas dire',
      'Plus tard',
    ]);
    const resident = (await residentOf(database.db, 'fc-accept'))!;
    expect(resident.consent_version).toBe(CONSENT_VERSION);
    expect(resident.consent_at).toBeInstanceOf(Date);
    expect(resident.language).toBe('fr');
    const reference = await database.db
      .selectFrom('conversation_reference')
      .selectAll()
      .where('resident_id', '=', resident.id)
      .executeTakeFirst();
    expect(reference?.conversation_id).toBe('console:fc-accept');
    expect(reference?.reference).toMatchObject({
      channelId: 'console',
      user: { id: 'fc-accept' },
      bot: { id: 'koze' },
    });
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'consent.given')
      .execute();
    expect(audit.some((a) => a.subject === `resident:${resident.id}`)).toBe(true);

    expect(await chat.say('paniandy')).toMatch(/Vous êtes/);
    expect(await chat.say('association')).toMatch(/tranche d’âge/);
    const done = await chat.say('34 ans');
    expect(done).toMatch(/Merci, c’est noté/);
    expect(done).toMatch(/Tout est prêt/);
    expect(chat.lastButtons()).toEqual(MENU);
    expect(await residentOf(database.db, 'fc-accept')).toMatchObject({
      quartier: 'Paniandy',
      role: 'association',
      age_band: '30-44',
    });
  });

  it('lets the resident skip the whole profile, or one question at a time', async () => {
    const database = getDatabase();
    const skipper = new Chat(database, 'fc-skip');
    await skipper.say('salut');
    await skipper.say('Français');
    await skipper.say('J’accepte');
    expect(await skipper.say('Plus tard')).toMatch(/Tout est prêt/);
    expect(await residentOf(database.db, 'fc-skip')).toMatchObject({
      quartier: null,
      role: null,
      age_band: null,
    });

    const partial = new Chat(database, 'fc-partial');
    await partial.say('salut');
    await partial.say('1');
    await partial.say('1');
    expect(await partial.say('Je préfère ne pas dire')).toMatch(/Vous êtes/);
    expect(await partial.say('passer')).toMatch(/tranche d’âge/);
    expect(await partial.say('60-74 ans')).toMatch(/Tout est prêt/);
    expect(await residentOf(database.db, 'fc-partial')).toMatchObject({
      quartier: null,
      role: null,
      age_band: '60-74',
    });
  });

  it('explains more on request, then asks again without repeating the notice', async () => {
    const chat = new Chat(getDatabase(), 'fc-more');
    await chat.say('bonjour');
    await chat.say('Français');
    const more = await chat.send('En savoir plus');
    expect(more.map((b) => b.text)).toEqual([
      expect.stringMatching(/imaginent et testent ensemble/),
      'Êtes-vous d’accord ?',
    ]);
    expect(await chat.say('J’accepte')).toMatch(/Merci pour votre confiance/);
  });

  it('stores nothing but the refusal, still says what the Living Lab is, and asks again next time', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'fc-refuse');
    // The first message is a need: it waits in the conversation state during the first contact…
    await chat.say('Il manque un bus le dimanche pour descendre au marché');
    expect(await rowsMentioning(database.db, 'descendre au marché')).toHaveLength(1);
    await chat.say('Français');
    const refused = await chat.say('non');
    expect(refused).toMatch(/je n’enregistre rien/);
    expect(refused).toMatch(/Living Lab de Bras-Panon reste ouvert à tous/);

    // …and is forgotten with the rest of the conversation when the resident refuses.
    expect(await rowsMentioning(database.db, 'descendre au marché')).toEqual([]);
    expect(await rowsMentioning(database.db, 'fc-refuse')).toEqual([expect.stringMatching(/^resident: /)]);
    const resident = (await residentOf(database.db, 'fc-refuse'))!;
    expect(resident).toMatchObject({
      consent_at: null,
      consent_version: null,
      quartier: null,
      role: null,
      age_band: null,
      display_name: null,
    });
    expect(resident.consent_refused_at).toBeInstanceOf(Date);
    const contributions = await database.db
      .selectFrom('contribution')
      .select('id')
      .where('resident_id', '=', resident.id)
      .execute();
    expect(contributions).toEqual([]);

    const [again, notice, question] = await chat.send('bonjour');
    expect(again!.text).toMatch(/La dernière fois, vous n’avez pas souhaité/);
    expect(notice!.text).toMatch(/Vos données/);
    expect(question!.buttons).toContain('J’accepte');
    expect(await chat.say('mes données')).toMatch(/votre refus du \d\d\/\d\d\/\d{4}/);
    expect(await chat.say('J’accepte')).toMatch(/Merci pour votre confiance/);
    expect((await residentOf(database.db, 'fc-refuse'))!.consent_refused_at).toBeNull();
  });

  it('comes back to the first message once the resident has agreed', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'fc-pending');
    await chat.say('Il manque un abri de bus devant l’école de La Paix');
    await chat.say('Français');
    await chat.say('J’accepte');
    const back = await chat.send('Plus tard');
    expect(back.map((b) => b.text)).toEqual([
      'Merci, c’est noté.',
      'Revenons à votre premier message.',
      'Je comprends que cela concerne : Mobilité et transports. C’est bien ça ?',
    ]);
  });

  it('speaks Creole from the first answer when the resident chooses it', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'fc-rcf');
    await chat.say('bonzour');
    const [notice, question] = await chat.send('kreol');
    expect(notice!.text).toMatch(/Out bann done/);
    expect(notice!.text).toMatch(/24 mwa/);
    expect(question!.buttons).toEqual(['Mi aksèpt', 'Mi réfiz', 'Konèt plis']);
    expect(await chat.say('wi')).toMatch(/Mersi pou out konfians/);
    expect(chat.lastButtons()).toContain('Ot kartié');
    expect((await residentOf(database.db, 'fc-rcf'))!.language).toBe('rcf');
  });

  it('asks again when the notice has changed since the resident agreed', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'fc-renew');
    await chat.say('bonjour');
    await chat.say('Français');
    await chat.say('J’accepte');
    await chat.say('Plus tard');
    await database.db
      .updateTable('resident')
      .set({ consent_version: '2025-01' })
      .where('channel_user_id', '=', 'fc-renew')
      .execute();
    const [renewal, notice] = await chat.send('bonjour');
    expect(renewal!.text).toMatch(/Les règles sur vos données ont changé/);
    expect(notice!.text).toContain(`notice ${CONSENT_VERSION}`);
    // What was held under the old notice is still shown, and STOP still works.
    expect(await chat.say('mes données')).toMatch(
      /Voici tout ce que Kozé garde sur vous[\s\S]*notice 2025-01[\s\S]*Êtes-vous d’accord/,
    );
    expect(await chat.say('stop')).toMatch(/^C’est noté : Kozé ne vous enverra plus de messages/);
    expect((await residentOf(database.db, 'fc-renew'))!.opted_out).toBe(true);
    await chat.say('bonjour');
    // Consent renewed: no profile questions again, straight to the menu.
    expect(await chat.say('J’accepte')).toMatch(/Tout est prêt/);
    expect((await residentOf(database.db, 'fc-renew'))!.consent_version).toBe(CONSENT_VERSION);
  });

  it('tells a resident who refuses a new notice that what they shared before is kept, and how to erase it', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'fc-renew-refuse');
    await onboard(chat);
    await database.db
      .updateTable('resident')
      .set({ consent_version: '2025-01' })
      .where('channel_user_id', '=', 'fc-renew-refuse')
      .execute();
    await chat.say('bonjour');
    expect(await chat.say('Je refuse')).toMatch(
      /^Entendu : je n’enregistrerai plus rien de nouveau.*SUPPRIMER/,
    );
    expect((await residentOf(database.db, 'fc-renew-refuse'))!.consent_at).toBeNull();
  });

  it('tells the retention configured', async () => {
    const chat = new Chat(getDatabase(), 'fc-retention', { settings: { retentionMonths: 36 } });
    await chat.say('bonjour');
    expect(await chat.say('Français')).toMatch(/36 mois/);
  });

  it('handles STOP, SUPPRIMER, MES DONNÉES, aide and menu before consent', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'fc-words');
    await chat.say('bonjour');
    await chat.say('Français');
    expect(await chat.say('aide')).toMatch(/j’ai besoin de votre accord[\s\S]*Êtes-vous d’accord/);
    expect(await chat.say('menu')).toMatch(
      /Avant de continuer, j’ai besoin de votre réponse[\s\S]*Êtes-vous d’accord/,
    );
    expect(await chat.say('mes donnees')).toMatch(/Je ne garde rien à votre sujet[\s\S]*Êtes-vous d’accord/);
    expect(await chat.say('STOP')).toMatch(/je ne vous écrirai pas. Je n’ai rien enregistré/);
    expect(await residentOf(database.db, 'fc-words')).toBeUndefined();
    expect(await rowsMentioning(database.db, 'fc-words')).toEqual([]);

    const refuser = new Chat(database, 'fc-erase-refusal');
    await refuser.say('bonjour');
    await refuser.say('Français');
    await refuser.say('Je refuse');
    expect(await residentOf(database.db, 'fc-erase-refusal')).toBeDefined();
    expect(await refuser.say('supprimer')).toMatch(/pas même un refus/);
    expect(await residentOf(database.db, 'fc-erase-refusal')).toBeUndefined();
  });

  it('after three answers it cannot read during the first contact, lets go without a menu and keeps nothing', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'fc-giveup');
    await chat.say('bonjour');
    await chat.say('Français');
    expect(await chat.say('hein ?')).toMatch(/^Je n’ai pas compris votre réponse[\s\S]*Êtes-vous d’accord/);
    await chat.say('🤷');
    const last = await chat.send('quoi');
    expect(last.map((b) => b.text)).toEqual([
      'Je crois que je ne vous comprends pas bien, désolé. Écrivez-moi quand vous voulez : je vous réexpliquerai tout.',
    ]);
    expect(await residentOf(database.db, 'fc-giveup')).toBeUndefined();
    expect(await rowsMentioning(database.db, 'fc-giveup')).toEqual([]);
    expect(await chat.say('bonjour')).toMatch(/Je suis Kozé/);
  });
});
