import type { Db } from '../storage/database.ts';
import type { ContributionLine } from '../residents/resident.ts';
import {
  findContributionByIdempotencyKey,
  insertContribution,
  listContributionsByResident,
  nextReferenceNumber,
} from '../storage/contribution.repository.ts';
import type { ContributionTable } from '../storage/schema.ts';
import type { Insertable } from 'kysely';
import {
  formatReference,
  type ContributionKind,
  type Contributions,
  type NewFeedback,
  type NewIdea,
  type NewNeed,
  type SavedContribution,
  type SavedNeed,
} from './contribution.ts';
import type { SimilarNeedsIndex } from './similar-needs-index.ts';

type Values = Omit<Insertable<ContributionTable>, 'reference' | 'kind' | 'idempotency_key'>;

/** Saves residents' needs, ideas and feedback, each once, with its reference (B-0042, I-0007, A-0013). */
export class ContributionsService implements Contributions {
  constructor(
    private readonly db: Db,
    private readonly similar?: SimilarNeedsIndex,
  ) {}

  /**
   * Inserts once per idempotency key. The reference number is drawn inside the transaction; a sequence
   * number lost to a rolled-back or duplicate insert only leaves a gap in the numbering.
   */
  private async save(kind: ContributionKind, key: string, values: Values) {
    return this.db.transaction().execute(async (trx) => {
      const existing = await findContributionByIdempotencyKey(trx, key);
      if (existing) return { row: existing, created: false };
      const reference = formatReference(kind, await nextReferenceNumber(trx, kind));
      const row = await insertContribution(trx, { ...values, kind, reference, idempotency_key: key });
      if (row) return { row, created: true };
      // Another transaction saved the same draft between our check and our insert.
      return { row: (await findContributionByIdempotencyKey(trx, key))!, created: false };
    });
  }

  async listForResident(residentId: number, limit: number): Promise<ContributionLine[]> {
    return listContributionsByResident(this.db, residentId, limit);
  }

  async saveNeed(need: NewNeed): Promise<SavedNeed> {
    const { row, created } = await this.save('need', need.idempotencyKey, {
      resident_id: need.residentId,
      text: need.text,
      ...categoryColumns(need.category),
      quartier: need.quartier,
      location: need.location ? (JSON.stringify(need.location) as never) : null,
      attachments: JSON.stringify(need.attachments) as never,
      details: JSON.stringify(need.place ? { place: need.place } : {}) as never,
    });
    let similarResidents = 0;
    if (this.similar) {
      similarResidents = await this.similar.countOtherResidents(need.text, need.residentId, row.id);
      if (created) await this.similar.add(row.id, need.text, need.residentId);
    }
    return { reference: row.reference, created, similarResidents };
  }

  async saveIdea(idea: NewIdea): Promise<SavedContribution> {
    const { row, created } = await this.save('idea', idea.idempotencyKey, {
      resident_id: idea.residentId,
      text: idea.text,
      ...categoryColumns(idea.category),
      quartier: idea.quartier,
      details: JSON.stringify({ carrier: idea.carrier, wantsToTest: idea.wantsToTest }) as never,
    });
    return { reference: row.reference, created };
  }

  async saveFeedback(feedback: NewFeedback): Promise<SavedContribution> {
    const { row, created } = await this.save('feedback', feedback.idempotencyKey, {
      resident_id: feedback.residentId,
      text: feedback.text,
      ...categoryColumns(feedback.category),
      quartier: feedback.quartier,
      tested_service_id: feedback.serviceId,
      rating: feedback.rating,
      sentiment: feedback.sentiment,
      details: JSON.stringify({
        worked: feedback.worked,
        improve: feedback.improve,
        recommend: feedback.recommend,
      }) as never,
    });
    return { reference: row.reference, created };
  }
}

function categoryColumns(decision: NewNeed['category']) {
  if (!decision)
    return { category: null, category_source: 'model' as const, confidence: null, model_version: null };
  return {
    category: decision.category,
    category_source: decision.source,
    confidence: decision.confidence,
    model_version: decision.modelVersion,
  };
}
