import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLock, DataDirLockedError, readLiveLock } from '../../src/storage/data-dir-lock.ts';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'koze-lock-'));

describe('DataDirLock', () => {
  it('refuses a second owner and names the process holding the directory', async () => {
    const dir = tempDir();
    // Another process holds the lock: a child that takes it and waits.
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./src/storage/data-dir-lock.ts').then(m => { m.DataDirLock.acquire(${JSON.stringify(dir)}, 'holder-process'); console.log('locked'); setInterval(() => {}, 1000); })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      expect(() => DataDirLock.acquire(dir)).toThrow(DataDirLockedError);
      expect(() => DataDirLock.acquire(dir)).toThrow(new RegExp(`pid ${holder.pid}: holder-process`));
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    // Killed without releasing: the lock is stale and is taken over.
    const lock = DataDirLock.acquire(dir);
    expect(readLiveLock(dir)?.pid).toBe(process.pid);
    lock.release();
    expect(readLiveLock(dir)).toBeUndefined();
  });

  it('takes over a lock file whose process no longer exists', () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'koze.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, command: 'gone', startedAt: '' }),
    );
    const lock = DataDirLock.acquire(dir);
    expect(readLiveLock(dir)?.command).not.toBe('gone');
    lock.release();
  });

  it('advertises the HTTP address and a chat secret to local users', () => {
    const dir = tempDir();
    const lock = DataDirLock.acquire(dir);
    const token = lock.advertiseHttp('127.0.0.1', 4321);
    expect(readLiveLock(dir)?.http).toEqual({ host: '127.0.0.1', port: 4321, chatToken: token });
    lock.release();
  });
});
