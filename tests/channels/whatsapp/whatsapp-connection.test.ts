import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChromiumMissingError } from '../../../src/channels/whatsapp/whatsapp-errors.ts';
import {
  isFromWhatsAppWeb,
  WhatsAppConnection,
  type WhatsAppStatus,
} from '../../../src/channels/whatsapp/whatsapp-connection.ts';
import { FakeWhatsAppClient, raw } from './fake-whatsapp-client.ts';

const silent = pino({ level: 'silent' });

/** A connection whose successive clients behave as listed (the last one repeats). */
function connectionOver(behaviours: ConstructorParameters<typeof FakeWhatsAppClient>[0][], extra = {}) {
  const clients: FakeWhatsAppClient[] = [];
  const statuses: WhatsAppStatus[] = [];
  const forgotten: number[] = [];
  const connection = new WhatsAppConnection({
    logger: silent,
    initTimeoutMs: 60_000,
    retryDelayMs: 5_000,
    watchdogMs: 30_000,
    createClient: async () => {
      const client = new FakeWhatsAppClient(behaviours[Math.min(clients.length, behaviours.length - 1)]);
      clients.push(client);
      return client;
    },
    forgetSession: async () => void forgotten.push(Date.now()),
    ...extra,
  });
  connection.on('status', (status) => statuses.push(status));
  return { connection, clients, statuses, forgotten };
}

describe('WhatsApp connection lifecycle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // no jitter: backoff delays are exact
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('bounds a hanging initialize() with the timeout, throws the browser away, and retries with backoff', async () => {
    const { connection, clients, statuses } = connectionOver(['hang', 'hang', 'ready']);
    connection.start();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(connection.status).toBe('linking');
    expect(clients).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(connection.status).toMatch(/^error: Starting WhatsApp Web did not finish within 60 s/);
    expect(clients[0]!.destroyed).toBe(true);

    // Retries after 5 s, then 10 s (the ±20 % jitter is pinned to 0 here).
    await vi.advanceTimersByTimeAsync(4_990);
    expect(clients).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(clients).toHaveLength(2);
    expect(clients[1]!.initializeCalls).toBe(1);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(clients[1]!.destroyed).toBe(true);
    await vi.advanceTimersByTimeAsync(9_960);
    expect(clients).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(40);
    expect(clients).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(10);
    expect(connection.status).toBe('ready');
    expect(statuses).toEqual([expect.stringMatching(/^error: Starting WhatsApp Web/), 'ready']);
    await connection.stop();
  });

  it('retries a page that fails to load (no network) the same way', async () => {
    const { connection, clients } = connectionOver([
      new Error('net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/'),
      'ready',
    ]);
    connection.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(connection.status).toBe('error: net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/');
    expect(clients[0]!.destroyed).toBe(true);
    await vi.advanceTimersByTimeAsync(6_100);
    expect(connection.status).toBe('ready');
    await connection.stop();
  });

  it('keeps the latest QR code while linking, and forgets it once linked', async () => {
    const { connection, clients } = connectionOver(['qr']);
    const shown: string[] = [];
    connection.on('qr', (qr) => shown.push(qr));
    connection.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(connection.status).toBe('linking');
    expect(connection.qr).toMatch(/^2@/);
    clients[0]!.emit('qr', '2@refreshed');
    expect(connection.qr).toBe('2@refreshed');
    expect(shown).toHaveLength(2);

    // Waiting for the phone is not a hang: no timeout while the QR code is shown.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(clients).toHaveLength(1);
    clients[0]!.scan();
    expect(connection.status).toBe('ready');
    expect(connection.qr).toBeUndefined();
    await connection.stop();
  });

  it('reconnects after a disconnection, with backoff, and ignores the old client', async () => {
    const { connection, clients, statuses } = connectionOver(['ready']);
    const received: string[] = [];
    connection.on('message', (m) => received.push(m.body));
    connection.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(connection.status).toBe('ready');

    clients[0]!.emit('disconnected', 'NAVIGATION');
    expect(connection.status).toBe('disconnected');
    await vi.advanceTimersByTimeAsync(10);
    expect(clients[0]!.destroyed).toBe(true);
    clients[0]!.receive(raw.text('262692111111@c.us', 'from a dead client'));

    await vi.advanceTimersByTimeAsync(6_100);
    expect(clients).toHaveLength(2);
    expect(connection.status).toBe('ready');
    clients[1]!.receive(raw.text('262692111111@c.us', 'bonjour'));
    expect(received).toEqual(['bonjour']);
    expect(statuses).toEqual(['ready', 'disconnected', 'ready']);
    await connection.stop();
  });

  it('forgets the session when the phone unlinks Kozé (LOGOUT), and shows a new QR code', async () => {
    const { connection, clients, forgotten } = connectionOver(['ready', 'qr']);
    connection.start();
    await vi.advanceTimersByTimeAsync(10);
    clients[0]!.emit('disconnected', 'NAVIGATION');
    await vi.advanceTimersByTimeAsync(6_000);
    expect(forgotten).toHaveLength(0); // a mere disconnection keeps the session
    expect(connection.status).toBe('linking'); // the second client (a QR) — in this test's script
    await connection.stop();

    const again = connectionOver(['ready', 'qr']);
    again.connection.start();
    await vi.advanceTimersByTimeAsync(10);
    again.clients[0]!.emit('disconnected', 'LOGOUT');
    await vi.advanceTimersByTimeAsync(6_000);
    expect(again.forgotten).toHaveLength(1);
    expect(again.connection.status).toBe('linking');
    expect(again.connection.qr).toBeDefined();
    await again.connection.stop();
  });

  it('notices a Chromium that died under a ready client and reconnects', async () => {
    const { connection, clients } = connectionOver(['ready']);
    connection.start();
    await vi.advanceTimersByTimeAsync(10);
    clients[0]!.browserAlive = false;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(connection.status).toBe('disconnected');
    await vi.advanceTimersByTimeAsync(6_100);
    expect(clients).toHaveLength(2);
    expect(connection.status).toBe('ready');
    await connection.stop();
  });

  it('forgets a session WhatsApp refuses and starts the link flow again', async () => {
    const { connection, clients, forgotten, statuses } = connectionOver(['ready', 'qr']);
    connection.start();
    await vi.advanceTimersByTimeAsync(10);
    clients[0]!.emit('auth_failure', 'Unable to log in. Are the session details valid?');
    expect(connection.status).toBe('error: WhatsApp refused the saved session; link the phone again');
    await vi.advanceTimersByTimeAsync(10);
    expect(clients[0]!.destroyed).toBe(true);
    expect(forgotten).toHaveLength(1);
    expect(clients).toHaveLength(2);
    expect(connection.status).toBe('linking');
    expect(connection.qr).toBeDefined();
    expect(statuses).toContain('error: WhatsApp refused the saved session; link the phone again');
    await connection.stop();
  });

  it('starts one new client, not two, when the session is refused while initialize() is still running', async () => {
    const { connection, clients } = connectionOver(['hang', 'qr']);
    connection.start();
    await vi.advanceTimersByTimeAsync(1_000);
    clients[0]!.emit('auth_failure', 'restore failed');
    await vi.advanceTimersByTimeAsync(10);
    expect(clients).toHaveLength(2);
    expect(connection.status).toBe('linking');
    // The abandoned initialize() times out later: it must not start a third client nor change the status.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(clients).toHaveLength(2);
    expect(connection.status).toBe('linking');
    expect(connection.qr).toBeDefined();
    await connection.stop();
  });

  it('says which Debian package to install when Chromium is missing, and stops trying', async () => {
    let attempts = 0;
    const connection = new WhatsAppConnection({
      logger: silent,
      initTimeoutMs: 60_000,
      createClient: async () => {
        attempts += 1;
        throw new ChromiumMissingError('/usr/bin/chromium');
      },
    });
    const off: Error[] = [];
    connection.on('off', (error) => off.push(error));
    connection.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(connection.status).toMatch(
      /^error: Chromium was not found at \/usr\/bin\/chromium: install Debian's package "chromium"/,
    );
    expect(off).toHaveLength(1);
    expect(attempts).toBe(1);
    await connection.stop();
  });

  it('lets a reply wait for a reconnection in progress, and fails it cleanly when none comes', async () => {
    const { connection, clients } = connectionOver(['ready']);
    connection.start();
    await vi.advanceTimersByTimeAsync(10);
    clients[0]!.emit('disconnected', 'CONFLICT');
    const waiting = connection.whenReady(60_000);
    await vi.advanceTimersByTimeAsync(6_100);
    await expect(waiting).resolves.toBe(clients[1]);

    clients[1]!.emit('disconnected', 'CONFLICT');
    await connection.stop();
    const failing = connection.whenReady(1_000);
    const outcome = expect(failing).rejects.toThrow(/WhatsApp is not connected \(disconnected\)/);
    await vi.advanceTimersByTimeAsync(1_000);
    await outcome;
  });

  it('stops retrying once stopped', async () => {
    const { connection, clients } = connectionOver([new Error('net::ERR_INTERNET_DISCONNECTED')]);
    connection.start();
    await vi.advanceTimersByTimeAsync(10);
    await connection.stop();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(clients).toHaveLength(1);
  });

  it('keeps rejections whatsapp-web.js leaves unhandled from stopping Kozé, and only those', async () => {
    const library = new Error('Protocol error (Runtime.callFunctionOn): Target closed');
    library.stack = `${library.message}\n    at CdpCDPSession.send (/srv/koze/node_modules/puppeteer-core/lib/cjs/puppeteer/cdp/CdpSession.js:89:19)`;
    const wwebjs = new Error('Evaluation failed');
    wwebjs.stack = `${wwebjs.message}\n    at Client.inject (/srv/koze/node_modules/whatsapp-web.js/src/Client.js:131:40)`;
    expect(isFromWhatsAppWeb(library)).toBe(true);
    expect(isFromWhatsAppWeb(wwebjs)).toBe(true);
    expect(isFromWhatsAppWeb('auth timeout')).toBe(true);
    expect(isFromWhatsAppWeb(new Error('a bug of ours'))).toBe(false);
    expect(isFromWhatsAppWeb(undefined)).toBe(false);

    const before = process.listenerCount('unhandledRejection');
    const { connection } = connectionOver(['ready']);
    connection.start();
    expect(process.listenerCount('unhandledRejection')).toBe(before + 1);
    await connection.stop();
    expect(process.listenerCount('unhandledRejection')).toBe(before);
  });
});
