import type { Db } from '../storage/database.ts';
import {
  closeTestedService,
  findTestedServiceByCode,
  insertTestedService,
  listTestedServices,
} from '../storage/tested-service.repository.ts';
import type { TestedService, TestedServices } from './tested-service.ts';

/** Thrown when a service code is malformed or already used. */
export class TestedServiceError extends Error {
  constructor(
    readonly code: string,
    readonly reason: 'invalid_code' | 'duplicate' | 'not_found' | 'invalid_name',
  ) {
    super(
      {
        invalid_code: `Invalid service code "${code}": 2 to 32 letters, digits, - or _ (e.g. NAVETTE)`,
        duplicate: `A tested service with code ${code} already exists`,
        not_found: `No active tested service with code ${code}`,
        invalid_name: `The service ${code} needs a name`,
      }[reason],
    );
  }
}

/** Codes travel in start links and QR codes: short, ASCII, upper case. */
export function normaliseServiceCode(code: string): string {
  return code.trim().toUpperCase();
}

const CODE = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;

function toService(row: {
  id: number;
  code: string;
  name: string;
  description: string | null;
  active: boolean;
  created_at: Date;
  closed_at: Date | null;
}): TestedService {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    active: row.active,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  };
}

/** The catalogue of tested services, until the facilitators' tools manage it. */
export class TestedServicesService implements TestedServices {
  constructor(private readonly db: Db) {}

  async add(input: { code: string; name: string; description?: string | null }): Promise<TestedService> {
    const code = normaliseServiceCode(input.code);
    if (!CODE.test(code)) throw new TestedServiceError(code, 'invalid_code');
    const name = input.name.trim();
    if (!name) throw new TestedServiceError(code, 'invalid_name');
    if (await findTestedServiceByCode(this.db, code)) throw new TestedServiceError(code, 'duplicate');
    return toService(
      await insertTestedService(this.db, { code, name, description: input.description?.trim() || null }),
    );
  }

  async list(options: { all?: boolean } = {}): Promise<TestedService[]> {
    return (await listTestedServices(this.db, { activeOnly: !options.all })).map(toService);
  }

  listActive(): Promise<TestedService[]> {
    return this.list();
  }

  async findByCode(code: string): Promise<TestedService | undefined> {
    const row = await findTestedServiceByCode(this.db, normaliseServiceCode(code));
    return row && toService(row);
  }

  async close(code: string): Promise<TestedService> {
    const row = await closeTestedService(this.db, normaliseServiceCode(code), new Date());
    if (!row) throw new TestedServiceError(normaliseServiceCode(code), 'not_found');
    return toService(row);
  }
}
