import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** A timestamp column with a default: written as a Date or ISO string (or omitted), read as a Date. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** An optional timestamp column. */
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type Channel = 'telegram' | 'whatsapp' | 'console' | 'test';
export type ResidentRole = 'habitant' | 'association' | 'entreprise' | 'institution';
export type ContributionKind = 'need' | 'idea' | 'feedback';
export type CategorySource = 'model' | 'resident' | 'admin';
export type ReviewStatus = 'pending' | 'reviewed';
export type ContributionStatus = 'received' | 'in_review' | 'in_pipeline' | 'done' | 'rejected';

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface Attachment {
  kind: 'image' | 'audio' | 'video' | 'document' | 'sticker' | 'location' | 'other';
  /** Where the file can be fetched from (platform file id or local path); never the bytes. */
  ref: string;
  contentType?: string;
  name?: string;
}

export interface ResidentTable {
  id: Generated<number>;
  channel: Channel;
  channel_user_id: string;
  display_name: string | null;
  locale: Generated<string>;
  language: Generated<'fr' | 'rcf'>;
  consent_version: string | null;
  consent_at: NullableTimestamp;
  consent_refused_at: NullableTimestamp;
  opted_out: Generated<boolean>;
  unreachable_at: NullableTimestamp;
  quartier: string | null;
  role: ResidentRole | null;
  age_band: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConversationReferenceTable {
  resident_id: number;
  channel: Channel;
  conversation_id: string;
  reference: JSONColumnType<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface InboundMessageTable {
  id: Generated<number>;
  channel: Channel;
  platform_message_id: string;
  received_at: Timestamp;
}

export interface ContributionTable {
  id: Generated<number>;
  reference: string;
  kind: ContributionKind;
  resident_id: number | null;
  text: string | null;
  category: string | null;
  confidence: number | null;
  model_version: number | null;
  category_source: CategorySource;
  review_status: Generated<ReviewStatus>;
  quartier: string | null;
  location: JSONColumnType<GeoPoint> | null;
  attachments: Generated<JSONColumnType<Attachment[]>>;
  status: Generated<ContributionStatus>;
  tested_service_id: number | null;
  rating: number | null;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  details: Generated<JSONColumnType<Record<string, unknown>>>;
  /** Drawn by the dialog when a contribution starts: a replayed turn cannot save it twice (0002). */
  idempotency_key: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TestedServiceTable {
  id: Generated<number>;
  code: string;
  name: string;
  description: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  action: string;
  subject: string | null;
  details: Generated<JSONColumnType<Record<string, unknown>>>;
}

export interface BotStateTable {
  id: string;
  data: JSONColumnType<Record<string, unknown>>;
  etag: string;
  updated_at: Timestamp;
}

export interface NlpModelTable {
  version: Generated<number>;
  created_at: Timestamp;
  config: JSONColumnType<Record<string, unknown>>;
  model: JSONColumnType<Record<string, unknown>>;
  metrics: Generated<JSONColumnType<Record<string, unknown>>>;
  training_size: number;
  is_current: Generated<boolean>;
}

export interface Database {
  resident: ResidentTable;
  conversation_reference: ConversationReferenceTable;
  inbound_message: InboundMessageTable;
  contribution: ContributionTable;
  tested_service: TestedServiceTable;
  audit_log: AuditLogTable;
  bot_state: BotStateTable;
  nlp_model: NlpModelTable;
}
