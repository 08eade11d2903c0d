/** A service the Living Lab is testing with residents (a shuttle, a workshop…), open to their feedback. */
export interface TestedService {
  id: number;
  /** Short code used in start links and QR codes, e.g. NAVETTE. */
  code: string;
  name: string;
  description: string | null;
  active: boolean;
  createdAt: Date;
  closedAt: Date | null;
}

/** The catalogue of tested services as the dialogs see it. */
export interface TestedServices {
  listActive(): Promise<TestedService[]>;
  findByCode(code: string): Promise<TestedService | undefined>;
}
