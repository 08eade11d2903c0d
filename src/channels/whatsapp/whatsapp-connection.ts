import { EventEmitter } from 'node:events';
import type { Logger } from '../../logger.ts';
import type { WhatsAppClient, WhatsAppMessage } from './whatsapp-client.ts';
import {
  ChromiumMissingError,
  WhatsAppNotReadyError,
  WhatsAppSessionInUseError,
  WhatsAppTimeoutError,
} from './whatsapp-errors.ts';

/** The link's state as /health reports it: 'linking' | 'ready' | 'disconnected' | 'error: …'. */
export type WhatsAppStatus = 'linking' | 'ready' | 'disconnected' | `error: ${string}`;

export interface ConnectionOptions {
  /** Creates a fresh client for each attempt: a client whose start failed is thrown away with its browser. */
  createClient: () => Promise<WhatsAppClient>;
  logger: Logger;
  /** Longest wait for a client to start (Chromium launched, WhatsApp Web loaded, QR or session shown). */
  initTimeoutMs: number;
  /** Delay before the first retry, doubled at each failure up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** How often a ready connection checks that Chromium is still alive. */
  watchdogMs?: number;
  /** Called before the first attempt (claims the session) and after stop (releases it). */
  claim?: () => Promise<{ release(): void }>;
  /** Forgets the saved session, after WhatsApp refused it (auth_failure): the next start asks for a QR. */
  forgetSession?: () => Promise<void>;
}

export interface ConnectionEvents {
  status: [WhatsAppStatus];
  qr: [string];
  ready: [{ number: string | undefined; name: string | undefined }];
  message: [WhatsAppMessage];
  /** WhatsApp stopped for good: the operator must act (install Chromium, stop the other process). */
  off: [Error];
}

/**
 * True for a rejection whatsapp-web.js leaves unhandled in its own background work (its page listeners are
 * async functions nobody awaits: a re-injection after a logout that times out, a page closing under it).
 */
export function isFromWhatsAppWeb(reason: unknown): boolean {
  if (reason === 'auth timeout' || reason === 'ready timeout') return true; // thrown as bare strings
  const stack = reason instanceof Error ? (reason.stack ?? '') : '';
  return /[\\/]node_modules[\\/](whatsapp-web\.js|puppeteer-core|puppeteer|@puppeteer)[\\/]/.test(stack);
}

/** Random ±20 % so that many Kozés (or a Kozé and its own retries) do not hammer in step. */
const jitter = (ms: number) => Math.round(ms * (0.8 + Math.random() * 0.4));

/**
 * Keeps Kozé linked to WhatsApp through whatever happens to a browser driving a web page: `initialize()`
 * hanging forever on a blocked network (bounded by a timeout, then retried with backoff), disconnections
 * (reconnected with backoff), a session WhatsApp refuses (`auth_failure`: forgotten, and the QR link flow
 * starts again), Chromium crashing (noticed by a watchdog) or missing (a clear error naming the Debian
 * package). Nothing here throws into the rest of Kozé: trouble ends up in `status`, in the log, and in a retry.
 */
export class WhatsAppConnection extends EventEmitter<ConnectionEvents> {
  private current: WhatsAppClient | undefined;
  private currentStatus: WhatsAppStatus = 'linking';
  private latestQr: string | undefined;
  private failures = 0;
  private stopped = false;
  private started = false;
  private claim: { release(): void } | undefined;
  /** Bumped by every (re)start: an older start loop that wakes up sees it is stale and gives way. */
  private runs = 0;
  private readonly pauses = new Map<NodeJS.Timeout, () => void>();
  private watchdog: NodeJS.Timeout | undefined;
  private readonly log: Logger;

  constructor(private readonly options: ConnectionOptions) {
    super();
    this.log = options.logger.child({ channel: 'whatsapp' });
  }

  get status(): WhatsAppStatus {
    return this.currentStatus;
  }

  /** The latest QR code to scan while linking (for the terminal now, an admin page later); undefined otherwise. */
  get qr(): string | undefined {
    return this.latestQr;
  }

  /** The client in use, when WhatsApp is ready. */
  get client(): WhatsAppClient | undefined {
    return this.currentStatus === 'ready' ? this.current : undefined;
  }

  /** Starts linking in the background; returns at once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    process.on('unhandledRejection', this.onStrayRejection);
    void this.run();
  }

  /**
   * Node stops the process on an unhandled rejection: one from whatsapp-web.js's background work must not take
   * Kozé down (the disconnection and watchdog paths deal with a client that really broke). Anything else is a
   * bug and keeps Node's behaviour, unless another part of Kozé listens for it.
   */
  private readonly onStrayRejection = (reason: unknown) => {
    if (isFromWhatsAppWeb(reason)) {
      this.log.warn({ err: reason }, 'whatsapp-web.js failed in the background');
      return;
    }
    if (process.listenerCount('unhandledRejection') === 1) throw reason;
  };

  /** Resolves with the client once WhatsApp is ready, or rejects after `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<WhatsAppClient> {
    if (this.client) return Promise.resolve(this.client);
    return new Promise((resolve, reject) => {
      const onStatus = () => {
        if (!this.client) return;
        clearTimeout(timer);
        this.off('status', onStatus);
        resolve(this.client);
      };
      const timer = setTimeout(() => {
        this.off('status', onStatus);
        reject(new WhatsAppNotReadyError(this.currentStatus));
      }, timeoutMs);
      this.on('status', onStatus);
    });
  }

  /** Closes the browser (the session stays linked on disk) and stops retrying. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watchdog);
    for (const [timer, wake] of this.pauses) {
      clearTimeout(timer);
      wake();
    }
    this.pauses.clear();
    const client = this.current;
    this.current = undefined;
    if (client) await this.dispose(client);
    this.claim?.release();
    this.claim = undefined;
    process.off('unhandledRejection', this.onStrayRejection);
  }

  private setStatus(status: WhatsAppStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    if (status !== 'linking') this.latestQr = undefined;
    this.emit('status', status);
  }

  private async run(): Promise<void> {
    try {
      if (this.options.claim) this.claim = await this.options.claim();
    } catch (error) {
      this.fail(error, undefined);
      return;
    }
    await this.connect();
  }

  /** Attempts to start a client until one starts, or Kozé stops. */
  private async connect(): Promise<void> {
    const run = ++this.runs;
    while (!this.stopped && run === this.runs) {
      try {
        await this.attempt();
        return;
      } catch (error) {
        // Stopped, or a restart (auth_failure, disconnection) already took over during this attempt.
        if (this.stopped || run !== this.runs) return;
        if (error instanceof ChromiumMissingError || error instanceof WhatsAppSessionInUseError) {
          this.fail(error, undefined);
          return;
        }
        const delay = this.nextDelay();
        this.fail(error, delay);
        await this.pause(delay);
      }
    }
  }

  /** One start: a new client, its events wired, `initialize()` raced against the timeout. */
  private async attempt(): Promise<void> {
    const client = await this.options.createClient();
    if (this.stopped) {
      await this.dispose(client);
      return;
    }
    this.current = client;
    let shown!: () => void;
    // Started means: initialize() returned AND a QR code or the restored session is there. Either may hang.
    const visible = new Promise<void>((resolve) => (shown = resolve));
    this.wire(client, shown);
    const initializing = client.initialize();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new WhatsAppTimeoutError('Starting WhatsApp Web', this.options.initTimeoutMs)),
        this.options.initTimeoutMs,
      );
    });
    try {
      await Promise.race([Promise.all([initializing, visible]), timeout]);
    } catch (error) {
      // The abandoned initialize() may still settle later: nobody listens to it any more.
      initializing.catch(() => undefined);
      if (this.current === client) this.current = undefined;
      await this.dispose(client);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private wire(client: WhatsAppClient, shown: () => void): void {
    const mine = () => this.current === client && !this.stopped;
    client.on('qr', (qr: string) => {
      if (!mine()) return;
      this.latestQr = qr;
      this.setStatus('linking');
      this.emit('qr', qr);
      shown();
    });
    client.on('authenticated', () => {
      if (mine()) this.log.info('WhatsApp session accepted; loading chats');
    });
    client.on('ready', () => {
      if (!mine()) return;
      this.failures = 0;
      shown();
      this.setStatus('ready');
      this.watch(client);
      const info = { number: client.info?.wid?.user, name: client.info?.pushname };
      this.log.info(`WhatsApp ready${info.number ? ` as +${info.number}` : ''}`);
      this.emit('ready', info);
    });
    client.on('auth_failure', (message: string) => {
      if (!mine()) return;
      this.log.error(
        `WhatsApp refused the saved session (${message || 'no reason given'}): the phone may have unlinked Kozé. ` +
          'The session is forgotten and a new QR code follows: scan it in WhatsApp → Linked devices.',
      );
      this.setStatus('error: WhatsApp refused the saved session; link the phone again');
      void this.restart(client, { forget: true, delayMs: 0 });
    });
    client.on('disconnected', (reason: string) => {
      if (!mine()) return;
      const delayMs = this.nextDelay();
      this.log.warn(`WhatsApp disconnected (${reason}); reconnecting in ${Math.round(delayMs / 1000)} s`);
      this.setStatus('disconnected');
      // LOGOUT: the phone unlinked Kozé. The session is worthless; the next start shows a QR code.
      void this.restart(client, { forget: reason === 'LOGOUT', delayMs });
    });
    client.on('message', (message: WhatsAppMessage) => {
      if (mine()) this.emit('message', message);
    });
    // An EventEmitter without an 'error' listener throws: WhatsApp trouble must never take Kozé down.
    client.on('error', (error: unknown) => {
      if (mine()) this.log.error({ err: error }, 'WhatsApp client error');
    });
  }

  /** A ready client whose Chromium died (crash, OOM killer) emits nothing: notice it and reconnect. */
  private watch(client: WhatsAppClient): void {
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => {
      if (this.current !== client || this.stopped) return clearInterval(this.watchdog);
      if (client.pupBrowser && !client.pupBrowser.isConnected()) {
        clearInterval(this.watchdog);
        this.log.warn('Chromium stopped under WhatsApp; reconnecting');
        this.setStatus('disconnected');
        void this.restart(client, { forget: false, delayMs: this.nextDelay() });
      }
    }, this.options.watchdogMs ?? 30_000);
    this.watchdog.unref?.();
  }

  /** Throws the client away and starts a new one after `delayMs`. */
  private async restart(client: WhatsAppClient, how: { forget: boolean; delayMs: number }): Promise<void> {
    if (this.current !== client) return;
    this.current = undefined;
    this.runs += 1; // a start in progress for this client must not retry on its own
    clearInterval(this.watchdog);
    await this.dispose(client);
    if (how.forget) {
      await this.options
        .forgetSession?.()
        .catch((error) => this.log.error({ err: error }, 'could not forget the session'));
    }
    if (this.stopped) return;
    if (how.delayMs > 0) await this.pause(how.delayMs);
    if (!this.stopped) await this.connect();
  }

  /** Destroys a client and its browser, never waiting long nor throwing. */
  private async dispose(client: WhatsAppClient): Promise<void> {
    client.removeAllListeners();
    // Listeners are gone: an 'error' emitted during destruction must still not throw.
    client.on('error', () => undefined);
    const destroyed = client.destroy().then(
      () => true,
      () => false,
    );
    const inTime = await Promise.race([
      destroyed,
      new Promise<false>((r) => setTimeout(() => r(false), 10_000).unref()),
    ]);
    if (!inTime) client.pupBrowser?.process()?.kill('SIGKILL');
  }

  /** Reports a failed start: retried after `retryInMs`, or for good (the operator must act) when undefined. */
  private fail(error: unknown, retryInMs: number | undefined): void {
    const reason = error instanceof Error ? error.message : String(error);
    if (retryInMs === undefined) {
      this.log.error(`WhatsApp is off: ${reason}. Telegram and the HTTP server keep working.`);
      this.emit('off', error instanceof Error ? error : new Error(reason));
    } else {
      this.log.warn(`WhatsApp could not start: ${reason}; next attempt in ${Math.round(retryInMs / 1000)} s`);
    }
    this.setStatus(`error: ${reason}`);
  }

  private nextDelay(): number {
    this.failures += 1;
    const base = this.options.retryDelayMs ?? 5_000;
    const max = this.options.maxRetryDelayMs ?? 300_000;
    return Math.min(max, jitter(base * 2 ** (this.failures - 1)));
  }

  /** Waits, unless Kozé stops meanwhile. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pauses.delete(timer);
        resolve();
      }, ms);
      this.pauses.set(timer, resolve);
    });
  }
}
