import type { Sentiment } from '../nlp/types.ts';

export type ContributionKind = 'need' | 'idea' | 'feedback';
export type CategorySource = 'model' | 'resident' | 'admin';

/** Reference prefixes: B for besoin, I for idée, A for avis. */
export const REFERENCE_PREFIX: Record<ContributionKind, string> = { need: 'B', idea: 'I', feedback: 'A' };

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** A file the resident sent (photo…): where the channel can fetch it, never the bytes. */
export interface ContributionAttachment {
  kind: 'image' | 'audio' | 'video' | 'document' | 'sticker' | 'location' | 'other';
  ref: string;
  contentType?: string;
  name?: string;
}

/** How the category was decided, with the model's view when it was the model. */
export interface CategoryDecision {
  category: string;
  source: CategorySource;
  confidence: number | null;
  modelVersion: number | null;
}

interface NewContributionBase {
  residentId: number;
  /** Drawn when the dialog started: saving twice with the same key returns the first contribution. */
  idempotencyKey: string;
  text: string;
  category: CategoryDecision | null;
}

export interface NewNeed extends NewContributionBase {
  quartier: string | null;
  /** Where, in the resident's words, when they wrote it rather than picking a quartier. */
  place: string | null;
  location: GeoPoint | null;
  attachments: ContributionAttachment[];
}

export type IdeaCarrier = 'moi' | 'association' | 'entreprise' | 'commune' | 'ne_sait_pas';
export type TestingWish = 'oui' | 'non' | 'peut_etre';

export interface NewIdea extends NewContributionBase {
  quartier: string | null;
  carrier: IdeaCarrier;
  wantsToTest: TestingWish;
}

export interface NewFeedback extends NewContributionBase {
  serviceId: number;
  rating: number;
  worked: string | null;
  improve: string | null;
  recommend: TestingWish;
  sentiment: Sentiment;
  quartier: string | null;
}

export interface SavedContribution {
  reference: string;
  /** False when the same idempotency key had already been saved (a replayed turn). */
  created: boolean;
}

export interface SavedNeed extends SavedContribution {
  /** How many other residents have written a need close to this one. */
  similarResidents: number;
}

/** Contributions as the dialogs see them. */
export interface Contributions {
  saveNeed(need: NewNeed): Promise<SavedNeed>;
  saveIdea(idea: NewIdea): Promise<SavedContribution>;
  saveFeedback(feedback: NewFeedback): Promise<SavedContribution>;
}

export function formatReference(kind: ContributionKind, sequence: number): string {
  return `${REFERENCE_PREFIX[kind]}-${String(sequence).padStart(4, '0')}`;
}
