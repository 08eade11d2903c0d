import type { Language } from '../nlp/types.ts';

export type ResidentRole = 'habitant' | 'association' | 'entreprise' | 'institution';
export const RESIDENT_ROLES: readonly ResidentRole[] = [
  'habitant',
  'association',
  'entreprise',
  'institution',
];

/** Age bands offered in the profile; stored as these codes. */
export const AGE_BANDS = ['-18', '18-29', '30-44', '45-59', '60-74', '75+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** A person who talks to Kozé on one channel. */
export interface Resident {
  id: number;
  channel: string;
  channelUserId: string;
  language: Language;
  /** Version of the notice the resident agreed to; null when they have not (or have refused). */
  consentVersion: string | null;
  consentAt: Date | null;
  consentRefusedAt: Date | null;
  /** True after STOP: no proactive message (surveys, news) until REPRENDRE. */
  optedOut: boolean;
  quartier: string | null;
  role: ResidentRole | null;
  ageBand: string | null;
  createdAt: Date;
}

export interface ResidentKey {
  channel: string;
  channelUserId: string;
}

export interface ProfilePatch {
  quartier?: string | null;
  role?: ResidentRole | null;
  ageBand?: string | null;
}

/** What the resident sees in "mes données": everything Kozé holds about them. */
export interface ResidentData {
  resident: Resident;
  /** True when a conversation reference is kept for proactive messages. */
  reachable: boolean;
  /** How many contributions the resident has (all of them, even when `contributions` is cut). */
  contributionCount: number;
  /** The latest contributions (at most 50). */
  contributions: ContributionLine[];
}

/** One contribution as listed to its author. */
export interface ContributionLine {
  reference: string;
  kind: 'need' | 'idea' | 'feedback';
  createdAt: Date;
  category: string | null;
  status: 'received' | 'in_review' | 'in_pipeline' | 'done' | 'rejected';
  text: string | null;
  serviceName: string | null;
}

/**
 * The residents' side of Kozé as the dialogs see it. Every method that changes several rows does it in one
 * transaction.
 */
export interface Residents {
  find(key: ResidentKey): Promise<Resident | undefined>;
  /** Records consent to notice `version` (creating the resident if needed) and the conversation reference. */
  consent(
    input: ResidentKey & { language: Language; locale: string; version: string; reference: object },
  ): Promise<Resident>;
  /** Records a refusal, and nothing else about the person. */
  refuse(input: ResidentKey & { language: Language }): Promise<void>;
  updateProfile(id: number, patch: ProfilePatch): Promise<void>;
  setLanguage(id: number, language: Language): Promise<void>;
  setOptedOut(id: number, optedOut: boolean): Promise<void>;
  /** Keeps the latest way to reach the resident later (surveys, news about their needs). */
  rememberConversation(resident: Resident, reference: object): Promise<void>;
  describe(id: number): Promise<ResidentData | undefined>;
  /**
   * Erases the resident: identity, profile, conversation reference and bot state go; their contributions
   * keep only kind, category, quartier and month. Returns how many contributions were anonymised.
   */
  erase(id: number, botStateKeys: string[]): Promise<{ contributions: number }>;
}
