import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../src/storage/database.ts';
import { migrateToLatest } from '../../src/storage/migrator.ts';
import type { DatabaseHandle } from '../../src/storage/database.ts';
import { describeEachEngine } from '../helpers/engines.ts';
import { Chat, onboard } from './helpers.ts';

async function needsOf(database: DatabaseHandle, userId: string) {
  return database.db
    .selectFrom('contribution as c')
    .innerJoin('resident as r', 'r.id', 'c.resident_id')
    .where('r.channel_user_id', '=', userId)
    .select(['c.reference', 'c.text'])
    .execute();
}

describeEachEngine('resilience', (getDatabase) => {
  it('a message delivered twice never creates a second contribution', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'res-dup');
    await onboard(chat);
    await chat.send({ id: 'm-1', text: 'Le bus ne dessert plus le chemin Patate' });
    await chat.send({ id: 'm-2', text: 'oui' });
    await chat.send({ id: 'm-3', text: 'Passer' });
    await chat.send({ id: 'm-4', text: 'Passer' });
    await chat.send({ id: 'm-5', text: 'non' });
    const first = await chat.send({ id: 'm-6', text: 'Enregistrer' });
    expect(first[0]!.text).toMatch(/^C’est enregistré/);
    // The platform redelivers the last message (a reconnection, a restart): nothing happens.
    expect(await chat.send({ id: 'm-6', text: 'Enregistrer' })).toEqual([]);
    // Even through another bot instance (after a restart) and concurrently.
    const other = new Chat(database, 'res-dup');
    const again = await Promise.all([
      other.send({ id: 'm-6', text: 'Enregistrer' }),
      chat.send({ id: 'm-6', text: 'Enregistrer' }),
    ]);
    expect(again).toEqual([[], []]);
    expect(await needsOf(database, 'res-dup')).toHaveLength(1);
  });

  it('a dialog interrupted by a restart resumes where it was, at every step', async () => {
    const database = getDatabase();
    // A new bot for every message: as if Kozé restarted between each of them.
    const say = async (text: string) => new Chat(database, 'res-restart').say(text);
    await say('bonjour');
    await say('Français');
    expect(await say('J’accepte')).toMatch(/Dans quel quartier/);
    expect(await say('Bellevue')).toMatch(/Vous êtes/);
    await say('Passer');
    expect(await say('Passer')).toMatch(/Tout est prêt/);
    expect(await say('Le bus de 6 h ne passe plus au Centre-ville')).toMatch(/Mobilité et transports/);
    expect(await say('oui')).toMatch(/Où cela se passe-t-il/);
    expect(await say('Un autre quartier')).toMatch(/Dans quel quartier/);
    expect(await say('Centre-ville')).toMatch(/photo/);
    expect(await say('Pas de photo')).toMatch(/ajouter/);
    expect(await say('Il passe à 7 h maintenant')).toMatch(/Je récapitule/);
    expect(await say('Enregistrer')).toMatch(/C’est enregistré/);
    expect(await needsOf(database, 'res-restart')).toEqual([
      {
        reference: expect.stringMatching(/^B-/),
        text: 'Le bus de 6 h ne passe plus au Centre-ville\n\nIl passe à 7 h maintenant',
      },
    ]);
  });

  it('turns of one conversation run in arrival order even when they arrive together', async () => {
    const database = getDatabase();
    const chat = new Chat(database, 'res-order');
    await onboard(chat);
    const replies = await Promise.all(
      [
        'Signaler un besoin',
        'Le bus ne passe plus rue des Bambous',
        'oui',
        'Passer',
        'Passer',
        'non',
        'Enregistrer',
      ].map((text) => chat.say(text)),
    );
    expect(replies[1]).toMatch(/Mobilité et transports/);
    expect(replies[6]).toMatch(/^C’est enregistré/);
    expect(await needsOf(database, 'res-order')).toHaveLength(1);
  });

  it('a dialog left unanswered for more than a day is dropped when the resident comes back', async () => {
    let now = new Date('2026-03-01T08:00:00Z');
    const chat = new Chat(getDatabase(), 'res-stale', { now: () => now });
    await onboard(chat);
    await chat.say('Le bus ne passe plus à Paniandy');
    now = new Date('2026-03-03T08:00:00Z');
    const answer = await chat.send('Les lampadaires de ma rue sont éteints depuis une semaine');
    expect(answer[0]!.text).toBe(
      'Notre dernier échange était resté en suspens : je repars de votre nouveau message.',
    );
    expect(answer[1]!.text).toBe('Quel thème correspond le mieux ?');
  });
});

describe('restart on an embedded data directory', () => {
  it('resumes a need after the PGlite database is closed and reopened', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'koze-dialogs-'));
    const open = async () => {
      const database = openPglite(dir);
      await migrateToLatest(database.db);
      return database;
    };
    try {
      let database = await open();
      let chat = new Chat(database, 'res-pglite');
      await onboard(chat);
      await chat.say('Le bus ne passe plus à Rivière-du-Mât');
      expect(await chat.say('oui')).toMatch(/^Dans quel quartier/);
      await database.close();

      database = await open();
      chat = new Chat(database, 'res-pglite');
      expect(await chat.say('Passer')).toMatch(/photo/);
      await chat.say('Pas de photo');
      await chat.say('non');
      expect(await chat.say('Enregistrer')).toMatch(/^C’est enregistré/);
      expect(await needsOf(database, 'res-pglite')).toHaveLength(1);
      await database.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
