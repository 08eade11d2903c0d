import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const KOZE = path.resolve('bin/koze.js');

/** Runs `koze chat` as a person would, lines piped on stdin; returns what it printed. */
function kozeChat(
  dir: string,
  lines: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KOZE, 'chat', '--as', 'marie'], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, KOZE_DATA_DIR: dir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(`${lines.join('\n')}\n`);
  });
}

it('`koze chat` runs the whole experience in a terminal', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'koze-chat-'));
  try {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, KOZE_DATA_DIR: dir };
    await promisify(execFile)(process.execPath, [KOZE, 'services', 'add', 'NAVETTE', 'Navette des Hauts'], {
      cwd: dir,
      env,
    });
    const { code, stdout, stderr } = await kozeChat(dir, [
      'bonjour',
      'Français',
      'J’accepte',
      'Bellevue',
      'Passer',
      'Passer',
      'Il n’y a plus de bus le dimanche pour descendre au centre-ville',
      'oui',
      '1',
      '/photo l’arrêt sans abri',
      'non',
      'Enregistrer',
      'mes contributions',
      '/start NAVETTE',
      '4',
      'Le chauffeur est très aimable',
      'passer',
      'oui',
      '/voice',
      'mes données',
      'stop',
      'reprendre',
      'supprimer',
      'Oui, tout effacer',
      '/quit',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const expected = [
      'kozé › Bonjour 👋 Je suis Kozé',
      '  1. Français\n         2. Kréol réyoné',
      'notice 2026-01',
      'Dans quel quartier habitez-vous ?',
      'Tout est prêt !',
      /kozé › Je (comprends|ne suis pas tout à fait sûr)/,
      'Où cela se passe-t-il ?',
      'Avez-vous une photo ?',
      'Voulez-vous ajouter quelque chose ?',
      '📷 Photos : 1',
      /C’est enregistré ✅ Référence : B-\d{4}/,
      /Vos dernières contributions :\n\s+• B-\d{4} du /,
      'Quelle note donnez-vous à « Navette des Hauts »',
      'Qu’est-ce qui a bien marché ?',
      /Merci pour votre avis sur « Navette des Hauts » 🙏 Référence : A-\d{4}/,
      'Je ne peux pas encore écouter les messages vocaux',
      '• Contributions : 2',
      'Kozé ne vous enverra plus de messages de lui-même',
      'C’est reparti',
      'Voulez-vous vraiment effacer toutes vos données ?',
      'C’est fait : vos données sont effacées',
    ];
    let from = 0;
    for (const piece of expected) {
      const rest = stdout.slice(from);
      const index = typeof piece === 'string' ? rest.indexOf(piece) : (rest.match(piece)?.index ?? -1);
      expect(index, `${String(piece)} after:\n${rest.slice(0, 400)}`).toBeGreaterThanOrEqual(0);
      from += index + 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);
