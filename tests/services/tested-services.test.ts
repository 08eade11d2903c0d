import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TestedServiceError, TestedServicesService } from '../../src/services/tested-services.service.ts';
import { availableEngines, createPostgresDatabase, describeEachEngine } from '../helpers/engines.ts';

const run = promisify(execFile);
const KOZE = path.resolve('bin/koze.js');

describeEachEngine('tested services', (getDatabase) => {
  it('adds, lists, finds and closes services by code', async () => {
    const services = new TestedServicesService(getDatabase().db);
    const navette = await services.add({
      code: ' navette ',
      name: ' Navette des Hauts ',
      description: 'Le samedi',
    });
    expect(navette).toMatchObject({
      code: 'NAVETTE',
      name: 'Navette des Hauts',
      description: 'Le samedi',
      active: true,
      closedAt: null,
    });
    await services.add({ code: 'atelier_num', name: 'Atelier numérique' });
    expect((await services.listActive()).map((s) => s.code)).toEqual(['ATELIER_NUM', 'NAVETTE']);
    expect((await services.findByCode('Navette'))?.id).toBe(navette.id);

    const closed = await services.close('navette');
    expect(closed.active).toBe(false);
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect((await services.listActive()).map((s) => s.code)).toEqual(['ATELIER_NUM']);
    expect((await services.list({ all: true })).map((s) => s.code)).toEqual(['ATELIER_NUM', 'NAVETTE']);
    expect((await services.findByCode('NAVETTE'))?.active).toBe(false);
  });

  it('refuses bad codes, duplicates, empty names and closing what is not open', async () => {
    const services = new TestedServicesService(getDatabase().db);
    await services.add({ code: 'DUP', name: 'Un' });
    await expect(services.add({ code: 'DUP', name: 'Deux' })).rejects.toMatchObject({ reason: 'duplicate' });
    await expect(services.add({ code: 'a b', name: 'x' })).rejects.toMatchObject({ reason: 'invalid_code' });
    await expect(services.add({ code: 'OK', name: '  ' })).rejects.toMatchObject({ reason: 'invalid_name' });
    await expect(services.close('NOPE')).rejects.toBeInstanceOf(TestedServiceError);
    await services.close('DUP');
    await expect(services.close('DUP')).rejects.toMatchObject({ reason: 'not_found' });
  });
});

describe('koze services', () => {
  // Each command is a new process opening the database: PostgreSQL when the test cluster runs (faster
  // than booting PGlite each time), the embedded database otherwise.
  it('adds, lists and closes services from the command line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'koze-services-'));
    const database = availableEngines().includes('postgres')
      ? { DATABASE_URL: await createPostgresDatabase() }
      : {};
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      KOZE_DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      ...database,
    };
    const koze = (...args: string[]) => run(process.execPath, [KOZE, 'services', ...args], { cwd: dir, env });
    try {
      const added = await koze('add', 'navette', 'Navette des Hauts', '--description', 'Le samedi matin');
      expect(added.stdout).toMatch(/^added NAVETTE: Navette des Hauts\n.*start code NAVETTE/);
      const duplicate = await koze('add', 'NAVETTE', 'Autre').catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(duplicate).toMatchObject({
        code: 1,
        stderr: 'koze: A tested service with code NAVETTE already exists\n',
      });
      expect((await koze('close', 'navette')).stdout).toBe('closed NAVETTE: Navette des Hauts\n');
      expect((await koze('list')).stdout).toBe('no tested service open to feedback\n');
      expect((await koze('list', '--all')).stdout).toMatch(
        /^NAVETTE\tNavette des Hauts\tclosed on \d{4}-\d\d-\d\d\tLe samedi matin\n$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
