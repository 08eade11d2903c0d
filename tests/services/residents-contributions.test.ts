import { expect, it } from 'vitest';
import { ContributionsService } from '../../src/contributions/contributions.service.ts';
import { formatReference, type NewNeed } from '../../src/contributions/contribution.ts';
import { SimilarNeedsIndex } from '../../src/contributions/similar-needs-index.ts';
import { ResidentsService } from '../../src/residents/residents.service.ts';
import { describeEachEngine } from '../helpers/engines.ts';

const reference = (conversation: string) => ({
  activityId: 'a-1',
  channelId: 'test',
  serviceUrl: 'test',
  user: { id: conversation },
  bot: { id: 'koze' },
  conversation: { id: conversation },
});

function need(residentId: number, key: string, text: string): NewNeed {
  return {
    residentId,
    idempotencyKey: key,
    text,
    category: { category: 'environnement', source: 'resident', confidence: 0.7, modelVersion: null },
    quartier: 'Bellevue',
    place: null,
    location: { latitude: -21, longitude: 55.6 },
    attachments: [{ kind: 'image', ref: 'telegram-file:x', contentType: 'image/jpeg' }],
  };
}

it('formats references with four digits at least', () => {
  expect(formatReference('need', 42)).toBe('B-0042');
  expect(formatReference('idea', 7)).toBe('I-0007');
  expect(formatReference('feedback', 12345)).toBe('A-12345');
});

describeEachEngine('residents and contributions services', (getDatabase) => {
  it('records consent and a refusal on one identity, and drops the conversation reference only when erased', async () => {
    const { db } = getDatabase();
    const residents = new ResidentsService(db);
    const key = { channel: 'test', channelUserId: 'svc-1' };
    await residents.refuse({ ...key, language: 'rcf' });
    expect(await residents.find(key)).toMatchObject({ consentAt: null, language: 'rcf' });
    const resident = await residents.consent({
      ...key,
      language: 'fr',
      locale: 'fr-FR',
      version: 'v1',
      reference: reference('c-1'),
    });
    expect(resident).toMatchObject({ consentVersion: 'v1', consentRefusedAt: null, language: 'fr' });
    const stored = await db
      .selectFrom('conversation_reference')
      .selectAll()
      .where('resident_id', '=', resident.id)
      .executeTakeFirstOrThrow();
    expect(stored.reference).not.toHaveProperty('activityId');
    expect(stored.conversation_id).toBe('c-1');

    // Unchanged reference: nothing written (the row keeps its update time); changed: updated.
    const found = (await residents.find(key))!;
    await residents.rememberConversation(found, { ...reference('c-1'), activityId: 'a-2' });
    const same = await db
      .selectFrom('conversation_reference')
      .selectAll()
      .where('resident_id', '=', resident.id)
      .executeTakeFirstOrThrow();
    expect(same.updated_at).toEqual(stored.updated_at);
    await residents.rememberConversation(found, reference('c-2'));
    const moved = await db
      .selectFrom('conversation_reference')
      .selectAll()
      .where('resident_id', '=', resident.id)
      .executeTakeFirstOrThrow();
    expect(moved.conversation_id).toBe('c-2');
  });

  it('saves a need once per idempotency key, with its reference', async () => {
    const { db } = getDatabase();
    const resident = await new ResidentsService(db).consent({
      channel: 'test',
      channelUserId: 'svc-2',
      language: 'fr',
      locale: 'fr-FR',
      version: 'v1',
      reference: reference('c-3'),
    });
    const contributions = new ContributionsService(db);
    const first = await contributions.saveNeed(
      need(resident.id, 'draft-1', 'Les caniveaux débordent rue des Letchis'),
    );
    expect(first).toMatchObject({ reference: expect.stringMatching(/^B-\d{4}$/), created: true });
    const replay = await contributions.saveNeed(
      need(resident.id, 'draft-1', 'Les caniveaux débordent rue des Letchis'),
    );
    expect(replay).toEqual({ ...first, created: false });
    const concurrent = await Promise.all([
      contributions.saveIdea({
        residentId: resident.id,
        idempotencyKey: 'draft-2',
        text: 'Un jardin',
        category: null,
        quartier: null,
        carrier: 'moi',
        wantsToTest: 'oui',
      }),
      contributions.saveIdea({
        residentId: resident.id,
        idempotencyKey: 'draft-2',
        text: 'Un jardin',
        category: null,
        quartier: null,
        carrier: 'moi',
        wantsToTest: 'oui',
      }),
    ]);
    expect(concurrent[0]!.reference).toBe(concurrent[1]!.reference);
    expect(concurrent.map((c) => c.created).sort()).toEqual([false, true]);
    const rows = await db
      .selectFrom('contribution')
      .select('reference')
      .where('resident_id', '=', resident.id)
      .execute();
    expect(rows).toHaveLength(2);
    expect((await contributions.listForResident(resident.id, 5)).map((c) => c.kind).sort()).toEqual([
      'idea',
      'need',
    ]);
  });

  it('counts other residents with a close need, and forgets erased needs', async () => {
    const { db } = getDatabase();
    const index = new SimilarNeedsIndex(db);
    const residents = new ResidentsService(db, { onContributionsAnonymised: (ids) => index.remove(ids) });
    const contributions = new ContributionsService(db, index);
    const people = await Promise.all(
      ['svc-a', 'svc-b', 'svc-c'].map((id) =>
        residents.consent({
          channel: 'test',
          channelUserId: id,
          language: 'fr',
          locale: 'fr-FR',
          version: 'v1',
          reference: reference(id),
        }),
      ),
    );
    const [a, b, c] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
    expect(
      (
        await contributions.saveNeed(
          need(a.id, 'n-a1', 'Le ramassage des encombrants ne passe plus à La Paix'),
        )
      ).similarResidents,
    ).toBe(0);
    // The same resident again is not "another resident".
    expect(
      (await contributions.saveNeed(need(a.id, 'n-a2', 'Plus de ramassage des encombrants à La Paix')))
        .similarResidents,
    ).toBe(0);
    expect(
      (await contributions.saveNeed(need(b.id, 'n-b', 'Les encombrants ne sont plus ramassés à La Paix')))
        .similarResidents,
    ).toBe(1);
    await residents.erase(b.id, []);
    expect(
      (await contributions.saveNeed(need(c.id, 'n-c', 'Ramassage des encombrants à La Paix : plus rien')))
        .similarResidents,
    ).toBe(1);
  });

  it('erases a resident in one transaction and describes what is held before', async () => {
    const { db } = getDatabase();
    const residents = new ResidentsService(db);
    const resident = await residents.consent({
      channel: 'test',
      channelUserId: 'svc-erase',
      language: 'fr',
      locale: 'fr-FR',
      version: 'v1',
      reference: reference('c-e'),
    });
    await residents.updateProfile(resident.id, { quartier: 'Paniandy', role: 'habitant', ageBand: '30-44' });
    await new ContributionsService(db).saveNeed(
      need(resident.id, 'n-e', 'Un nid-de-poule énorme devant la mairie'),
    );
    await db
      .insertInto('bot_state')
      .values({
        id: 'test/conversations/c-e/',
        data: JSON.stringify({ x: 'Un nid-de-poule' }) as never,
        etag: '1',
      })
      .execute();
    const described = (await residents.describe(resident.id))!;
    expect(described).toMatchObject({
      reachable: true,
      contributionCount: 1,
      resident: { quartier: 'Paniandy', role: 'habitant', ageBand: '30-44' },
    });
    expect(described.contributions[0]!.text).toBe('Un nid-de-poule énorme devant la mairie');

    expect(await residents.erase(resident.id, ['test/conversations/c-e/'])).toEqual({ contributions: 1 });
    expect(await residents.describe(resident.id)).toBeUndefined();
    expect(
      await db.selectFrom('bot_state').select('id').where('id', '=', 'test/conversations/c-e/').execute(),
    ).toEqual([]);
    const left = await db
      .selectFrom('contribution')
      .selectAll()
      .where('idempotency_key', 'is', null)
      .where('kind', '=', 'need')
      .where('quartier', '=', 'Bellevue')
      .execute();
    expect(
      left.some((row) => row.text === null && row.location === null && row.category === 'environnement'),
    ).toBe(true);
  });
});
