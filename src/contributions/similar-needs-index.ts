import { SimilarNeeds } from '../nlp/similar-needs.ts';
import type { Db } from '../storage/database.ts';
import { listNeedTexts } from '../storage/contribution.repository.ts';

/** How many neighbours to look at when counting residents with a close need. */
const NEIGHBOURS = 200;

/**
 * The needs residents have written, indexed for "N other residents reported a close need". Loaded from the
 * database on first use, then kept up to date by this process (needs saved here, erasures). A second Kozé
 * process on the same database would not see this one's new needs until it restarts: Kozé runs as one
 * process per database.
 */
export class SimilarNeedsIndex {
  private readonly index = new SimilarNeeds();
  /** Author of each indexed need (null once erased or anonymous). */
  private readonly authors = new Map<string, number | null>();
  private loading: Promise<void> | undefined;

  constructor(private readonly db: Db) {}

  private load(): Promise<void> {
    this.loading ??= (async () => {
      for (const row of await listNeedTexts(this.db)) {
        if (row.text) this.addLoaded(String(row.id), row.text, row.resident_id);
      }
    })().catch((error) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  private addLoaded(id: string, text: string, residentId: number | null) {
    this.index.add(id, text);
    this.authors.set(id, residentId);
  }

  /** Counts the other residents whose needs are close to `text` (each anonymous need counts as one person). */
  async countOtherResidents(text: string, residentId: number, excludeId?: number): Promise<number> {
    await this.load();
    const people = new Set<string>();
    for (const { id } of this.index.similar(
      text,
      NEIGHBOURS,
      undefined,
      excludeId === undefined ? undefined : String(excludeId),
    )) {
      const author = this.authors.get(id);
      if (author === residentId) continue;
      people.add(author === null || author === undefined ? `need:${id}` : `resident:${author}`);
    }
    return people.size;
  }

  async add(id: number, text: string, residentId: number): Promise<void> {
    await this.load();
    this.addLoaded(String(id), text, residentId);
  }

  /** Forgets needs whose text was erased. */
  remove(ids: number[]): void {
    for (const id of ids) {
      this.index.remove(String(id));
      this.authors.delete(String(id));
    }
  }
}
