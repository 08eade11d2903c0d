import { existsSync } from 'node:fs';
import path from 'node:path';
import { ChromiumMissingError } from './whatsapp-errors.ts';

/**
 * What Kozé uses of whatsapp-web.js's `Client`: its events (`qr`, `authenticated`, `auth_failure`, `ready`,
 * `disconnected`, `message`) and a handful of methods. The real `Client` satisfies it; tests use a fake with
 * the same surface that emits the library's real `Message` objects.
 */
export interface WhatsAppClient {
  // The library types its listeners loosely; each handler here states what its event carries.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeAllListeners(event?: string): unknown;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  sendMessage(
    chatId: string,
    content: string,
    options?: { linkPreview?: boolean },
  ): Promise<{ id: { _serialized: string } }>;
  getChatById(chatId: string): Promise<{ sendStateTyping(): Promise<unknown> } | undefined>;
  /** The linked account, once ready. */
  info?: { wid?: { user?: string }; pushname?: string };
  /** Chromium, once launched: watched so that a crashed browser leads to a reconnection. */
  pupBrowser?: {
    isConnected(): boolean;
    process(): { kill(signal?: NodeJS.Signals): boolean } | null;
  } | null;
}

/** What Kozé reads of whatsapp-web.js's `Message`. */
export interface WhatsAppMessage {
  id: { id: string; _serialized: string; fromMe: boolean; remote?: unknown };
  from: string;
  fromMe: boolean;
  isStatus: boolean;
  broadcast?: boolean;
  /** 'chat', 'location', 'image', 'ptt', 'audio', 'video', 'sticker', 'document', … */
  type: string;
  /** The text, or the caption of a media message. */
  body: string;
  /** Unix time, in seconds. */
  timestamp: number;
  hasMedia: boolean;
  location?: { latitude: number | string; longitude: number | string; description?: string };
  /** The raw WhatsApp Web model: `notifyName` (the sender's profile name), `mimetype`, `size`, `filename`. */
  rawData?: object;
  downloadMedia(): Promise<
    { mimetype: string; data: string; filename?: string | null; filesize?: number | null } | undefined
  >;
}

/** Where a WhatsApp session lives under KOZE_DATA_DIR, and how Chromium is launched. */
export interface WhatsAppClientOptions {
  /** KOZE_DATA_DIR/whatsapp: LocalAuth session, WhatsApp Web version cache, downloaded media. */
  dir: string;
  chromiumPath: string;
  /** Bounds Chromium's own start-up, which puppeteer would otherwise let run for 30 s. */
  launchTimeoutMs: number;
  /** More Chromium flags (tests put WhatsApp Web behind a proxy that never answers). */
  extraArgs?: string[];
}

/** LocalAuth keeps the Chromium profile (the linked session) in `<dataPath>/session`. */
export const sessionProfileDir = (dir: string) => path.join(dir, 'session');

/**
 * Chromium flags for a headless server: no GPU, /tmp instead of a small /dev/shm, and none of the background
 * traffic (updates, sync, field trials) that a blocked network would only make slower. As root Chromium refuses
 * to start with its sandbox, hence --no-sandbox there only.
 */
export function chromiumArgs(): string[] {
  const args = [
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  return args;
}

/**
 * A real whatsapp-web.js client driving Debian's Chromium, with its session under KOZE_DATA_DIR. The library
 * (and puppeteer behind it) is loaded only when WhatsApp is used.
 */
export async function createWhatsAppWebClient(options: WhatsAppClientOptions): Promise<WhatsAppClient> {
  if (!existsSync(options.chromiumPath)) throw new ChromiumMissingError(options.chromiumPath);
  const { default: wwebjs } = await import('whatsapp-web.js');
  return new wwebjs.Client({
    authStrategy: new wwebjs.LocalAuth({ dataPath: options.dir }),
    // The library's default cache is ./.wwebjs_cache in the working directory: keep it with the session.
    webVersionCache: { type: 'local', path: path.join(options.dir, 'web-cache') },
    puppeteer: {
      executablePath: options.chromiumPath,
      headless: true,
      args: [...chromiumArgs(), ...(options.extraArgs ?? [])],
      timeout: options.launchTimeoutMs,
      // Kozé stops the browser itself on SIGINT/SIGTERM, after the turns in flight have been answered.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    },
  }) satisfies WhatsAppClient;
}
