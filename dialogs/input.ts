import type { Activity } from 'botbuilder';

/** Longest text Kozé keeps from one message; the rest is cut and the resident told. */
export const MAX_TEXT_LENGTH = 4000;

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export type AttachmentKind = 'image' | 'audio' | 'video' | 'sticker' | 'document' | 'other';

/** A file the resident sent, as the channel describes it (an id or URL to fetch it, never the bytes). */
export interface ReceivedAttachment {
  kind: AttachmentKind;
  ref: string;
  contentType?: string;
  name?: string;
}

/**
 * What one incoming message carries, whatever the channel. The convention adapters follow is described in
 * dialogs/README.md: a shared location in `value` (`{ type: 'location', latitude, longitude }`) or as an
 * attachment of type `application/vnd.koze.location+json`; files as attachments with their MIME type
 * (stickers `application/x-sticker`); a start code in `value` (`{ type: 'start', service: 'NAVETTE' }`).
 */
export interface Input {
  /** The text, trimmed ('' when none). */
  text: string;
  location?: GeoPoint;
  attachments: ReceivedAttachment[];
  /** A start code from a deep link or a QR code. */
  start?: { service?: string };
}

export const LOCATION_CONTENT_TYPE = 'application/vnd.koze.location+json';
export const STICKER_CONTENT_TYPE = 'application/x-sticker';

function asPoint(value: unknown): GeoPoint | undefined {
  const v = value as { latitude?: unknown; longitude?: unknown } | null | undefined;
  const latitude = Number(v?.latitude);
  const longitude = Number(v?.longitude);
  if (v?.latitude === undefined || v?.longitude === undefined) return undefined;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { latitude, longitude };
}

export function attachmentKind(contentType: string | undefined, name?: string): AttachmentKind {
  const type = (contentType ?? '').toLowerCase();
  if (type === STICKER_CONTENT_TYPE || type.includes('sticker') || /\.tgs$/i.test(name ?? ''))
    return 'sticker';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('application/') || type.startsWith('text/')) return 'document';
  return 'other';
}

export function readInput(activity: Partial<Activity>): Input {
  const input: Input = {
    text: typeof activity.text === 'string' ? activity.text.trim() : '',
    attachments: [],
  };
  const value = activity.value as { type?: unknown; service?: unknown } | undefined;
  if (value && typeof value === 'object') {
    if (value.type === 'location') input.location = asPoint(value);
    if (value.type === 'start') {
      input.start =
        typeof value.service === 'string' && value.service.trim() ? { service: value.service.trim() } : {};
    }
  }
  for (const attachment of activity.attachments ?? []) {
    if (!attachment || typeof attachment !== 'object') continue;
    if (attachment.contentType === LOCATION_CONTENT_TYPE) {
      input.location ??= asPoint(attachment.content);
      continue;
    }
    const ref =
      attachment.contentUrl ?? (typeof attachment.content === 'string' ? attachment.content : undefined);
    input.attachments.push({
      kind: attachmentKind(attachment.contentType, attachment.name),
      ref: ref ?? attachment.name ?? '',
      ...(attachment.contentType ? { contentType: attachment.contentType } : {}),
      ...(attachment.name ? { name: attachment.name } : {}),
    });
  }
  // Bot Framework clients share a place as a schema.org entity.
  for (const entity of activity.entities ?? []) {
    const geo =
      (entity as { type?: string; geo?: unknown }).type === 'Place'
        ? (entity as { geo?: unknown }).geo
        : undefined;
    if (geo) input.location ??= asPoint(geo);
  }
  return input;
}

/** True when the text says nothing a person could act on: empty, emojis, punctuation. */
export function isBlank(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}
