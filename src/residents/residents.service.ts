import { canonicalJson } from '../canonical-json.ts';
import type { Language } from '../nlp/types.ts';
import { recordAudit } from '../storage/audit.repository.ts';
import {
  anonymiseContributionsOfResident,
  countContributionsByResident,
  listContributionsByResident,
} from '../storage/contribution.repository.ts';
import {
  deleteConversationReference,
  findConversationReference,
  upsertConversationReference,
} from '../storage/conversation-reference.repository.ts';
import type { Db } from '../storage/database.ts';
import {
  deleteBotStateItems,
  deleteResident,
  findResidentById,
  findResidentWithReference,
  updateResident,
  upsertConsent,
  upsertRefusal,
  type ResidentRow,
} from '../storage/resident.repository.ts';
import type { ProfilePatch, Resident, ResidentData, ResidentKey, Residents } from './resident.ts';

/** How many contributions "mes données" lists (the count is always complete). */
const DESCRIBE_LIMIT = 50;

function toResident(row: ResidentRow): Resident {
  return {
    id: row.id,
    channel: row.channel,
    channelUserId: row.channel_user_id,
    language: row.language,
    consentVersion: row.consent_version,
    consentAt: row.consent_at,
    consentRefusedAt: row.consent_refused_at,
    optedOut: row.opted_out,
    quartier: row.quartier,
    role: row.role,
    ageBand: row.age_band,
    createdAt: row.created_at,
  };
}

/** Where a reference says the conversation is; the same reference without the id of the last message. */
function stableReference(reference: object): { conversationId: string; reference: object } {
  const { activityId: _activityId, ...rest } = reference as Record<string, unknown> & {
    activityId?: unknown;
  };
  const conversation = rest.conversation as { id?: string } | undefined;
  return { conversationId: conversation?.id ?? '', reference: rest };
}

export class ResidentsService implements Residents {
  constructor(
    private readonly db: Db,
    private readonly hooks: { onContributionsAnonymised?: (ids: number[]) => void } = {},
  ) {}

  /** The conversation reference stored when each resident was read, to skip writing it again unchanged. */
  private readonly storedReferences = new WeakMap<Resident, string>();

  async find(key: ResidentKey): Promise<Resident | undefined> {
    const row = await findResidentWithReference(this.db, key.channel, key.channelUserId);
    if (!row) return undefined;
    const resident = toResident(row);
    if (row.stored_reference) this.storedReferences.set(resident, canonicalJson(row.stored_reference));
    return resident;
  }

  async consent(
    input: ResidentKey & { language: Language; locale: string; version: string; reference: object },
  ): Promise<Resident> {
    return this.db.transaction().execute(async (trx) => {
      const row = await upsertConsent(trx, { ...input, at: new Date() });
      const { conversationId, reference } = stableReference(input.reference);
      await upsertConversationReference(trx, {
        residentId: row.id,
        channel: input.channel,
        conversationId,
        reference,
      });
      await recordAudit(trx, {
        actor: 'resident',
        action: 'consent.given',
        subject: `resident:${row.id}`,
        details: { version: input.version, channel: input.channel },
      });
      return toResident(row);
    });
  }

  async refuse(input: ResidentKey & { language: Language }): Promise<void> {
    await upsertRefusal(this.db, { ...input, at: new Date() });
  }

  async updateProfile(id: number, patch: ProfilePatch): Promise<void> {
    const set: Record<string, unknown> = {};
    if (patch.quartier !== undefined) set.quartier = patch.quartier;
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.ageBand !== undefined) set.age_band = patch.ageBand;
    if (Object.keys(set).length > 0) await updateResident(this.db, id, set);
  }

  async setLanguage(id: number, language: Language): Promise<void> {
    await updateResident(this.db, id, { language });
  }

  async setOptedOut(id: number, optedOut: boolean): Promise<void> {
    await updateResident(this.db, id, { opted_out: optedOut });
  }

  async rememberConversation(resident: Resident, reference: object): Promise<void> {
    const stable = stableReference(reference);
    // Nearly every turn: a write (even one that changes nothing locks the row) only when it changed.
    const json = canonicalJson(stable.reference);
    if (this.storedReferences.get(resident) === json) return;
    await upsertConversationReference(this.db, {
      residentId: resident.id,
      channel: resident.channel,
      ...stable,
    });
    this.storedReferences.set(resident, json);
  }

  async describe(id: number): Promise<ResidentData | undefined> {
    const row = await findResidentById(this.db, id);
    if (!row) return undefined;
    const reference = await findConversationReference(this.db, id);
    const contributions = await listContributionsByResident(this.db, id, DESCRIBE_LIMIT);
    const contributionCount = await countContributionsByResident(this.db, id);
    return {
      resident: toResident(row),
      reachable: reference !== undefined,
      contributionCount,
      contributions,
    };
  }

  async erase(id: number, botStateKeys: string[]): Promise<{ contributions: number }> {
    const anonymised = await this.db.transaction().execute(async (trx) => {
      const row = await findResidentById(trx, id);
      const ids = await anonymiseContributionsOfResident(trx, id);
      await deleteConversationReference(trx, id);
      await deleteBotStateItems(trx, botStateKeys);
      await deleteResident(trx, id);
      // No identity in the audit trail: the channel and the counts say what happened, not to whom.
      await recordAudit(trx, {
        actor: 'resident',
        action: 'resident.erased',
        subject: null,
        details: {
          channel: row?.channel ?? null,
          contributions: ids.length,
          consented: row?.consent_at != null,
        },
      });
      return ids;
    });
    this.hooks.onContributionsAnonymised?.(anonymised);
    return { contributions: anonymised.length };
  }
}
