import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatPacer, SendWindow } from '../../../src/channels/telegram/outbound-sender.ts';

describe('ChatPacer', () => {
  it('lets a burst go at once, then one message per interval, counted from Telegram’s answers', () => {
    const pacer = new ChatPacer(1, 3);
    const t = 10_000;
    for (let i = 0; i < 3; i++) {
      expect(pacer.waitMs(t)).toBe(0);
      pacer.answered(t);
    }
    expect(pacer.waitMs(t)).toBe(1_000);
    pacer.answered(t + 1_000);
    expect(pacer.waitMs(t + 1_000)).toBe(1_000);
    // A late answer pushes the schedule: Telegram must never see two messages closer than allowed.
    pacer.answered(t + 5_000);
    expect(pacer.waitMs(t + 5_000)).toBe(0);
    expect(pacer.rested(t + 5_000)).toBe(false);
    expect(pacer.rested(t + 6_000)).toBe(true);
  });

  it('without burst, spaces every message', () => {
    const pacer = new ChatPacer(4, 1);
    pacer.answered(0);
    expect(pacer.waitMs(0)).toBe(250);
    expect(pacer.waitMs(250)).toBe(0);
  });
});

describe('SendWindow', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('never lets more than `limit` messages be in flight or answered within a second', async () => {
    vi.useFakeTimers({ now: 0 });
    const window = new SendWindow(3);
    const releases = await Promise.all([window.acquire(), window.acquire(), window.acquire()]);
    let fourth = false;
    const next = window.acquire().then((release) => {
      fourth = true;
      return release;
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fourth).toBe(false); // three still in flight
    releases[0]!(); // answered at t = 5 s
    await vi.advanceTimersByTimeAsync(999);
    expect(fourth).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(fourth).toBe(true);
    (await next)();
    releases[1]!();
    releases[2]!();
  });

  it('serves waiting senders in arrival order', async () => {
    vi.useFakeTimers({ now: 0 });
    const window = new SendWindow(1);
    const order: number[] = [];
    const all = [1, 2, 3].map((n) =>
      window.acquire().then((release) => {
        order.push(n);
        release();
      }),
    );
    await vi.advanceTimersByTimeAsync(3_000);
    await Promise.all(all);
    expect(order).toEqual([1, 2, 3]);
  });
});
