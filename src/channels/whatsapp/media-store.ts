import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WhatsAppMessage } from './whatsapp-client.ts';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'audio/ogg': 'ogg',
  'video/mp4': 'mp4',
  'application/pdf': 'pdf',
};

export type SavedMedia =
  | { path: string; contentType: string; bytes: number }
  | { error: 'too_large' | 'unavailable'; detail: string };

/**
 * Keeps the photos residents send, under KOZE_DATA_DIR/whatsapp/media/<year-month>/, within a size limit.
 * WhatsApp's own media links expire within days, so what a need's photo shows must be copied while the
 * message is fresh; a file too big is not fetched at all when WhatsApp announces its size.
 */
export class MediaStore {
  constructor(
    readonly dir: string,
    readonly maxBytes: number,
  ) {}

  async save(message: WhatsAppMessage): Promise<SavedMedia> {
    const raw = (message.rawData ?? {}) as { size?: unknown };
    if (typeof raw.size === 'number' && raw.size > this.maxBytes) {
      return { error: 'too_large', detail: `${raw.size} bytes announced, limit ${this.maxBytes}` };
    }
    let media: Awaited<ReturnType<WhatsAppMessage['downloadMedia']>>;
    try {
      media = await message.downloadMedia();
    } catch (error) {
      return { error: 'unavailable', detail: (error as Error)?.message ?? String(error) };
    }
    if (!media?.data) return { error: 'unavailable', detail: 'WhatsApp no longer has this media' };
    const bytes = Buffer.from(media.data, 'base64');
    if (bytes.length > this.maxBytes) {
      return { error: 'too_large', detail: `${bytes.length} bytes, limit ${this.maxBytes}` };
    }
    const contentType = media.mimetype.split(';')[0]!.trim();
    const month = new Date(message.timestamp * 1000).toISOString().slice(0, 7);
    const folder = path.join(this.dir, month);
    // The message id names the file: a message redelivered after a crash rewrites the same file.
    const name = `${message.id.id.replace(/[^A-Za-z0-9_-]/g, '_')}.${EXTENSIONS[contentType] ?? 'bin'}`;
    const file = path.join(folder, name);
    await mkdir(folder, { recursive: true });
    await writeFile(`${file}.part`, bytes);
    await rename(`${file}.part`, file);
    return { path: file, contentType, bytes: bytes.length };
  }
}
