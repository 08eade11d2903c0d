import type { TurnContext } from 'botbuilder';
import type { ContributionLine, Resident } from '../src/residents/resident.ts';
import { excerpt, formatDate, packBubbles } from './bubbles.ts';
import type { MessageKey } from './catalog/catalog.ts';
import type { DialogDeps } from './deps.ts';
import { categoryLabel } from './labels.ts';

/** How many contributions "mes contributions" shows. */
export const RECENT_CONTRIBUTIONS = 5;

const CHANNEL_NAMES: Record<string, string> = {
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  console: 'console',
  test: 'test',
};

function contributionLine(deps: DialogDeps, context: TurnContext, c: ContributionLine): string {
  const { t } = deps;
  const topic =
    c.kind === 'feedback'
      ? (c.serviceName ?? t(context, 'kind.feedback'))
      : c.category
        ? categoryLabel(t, context, c.category)
        : t(context, `kind.${c.kind}`);
  return t(context, 'contributions.line', {
    reference: c.reference,
    date: formatDate(c.createdAt),
    topic,
    status: t(context, `status.${c.status}` as MessageKey),
  });
}

/** "Mes contributions": the latest ones, with reference, date, category and status. */
export async function sendContributions(
  deps: DialogDeps,
  context: TurnContext,
  resident: Resident,
): Promise<void> {
  const { t } = deps;
  const list = await deps.contributions.listForResident(resident.id, RECENT_CONTRIBUTIONS);
  if (list.length === 0) {
    await context.sendActivity(t(context, 'contributions.none'));
    return;
  }
  const lines = [t(context, 'contributions.header'), ...list.map((c) => contributionLine(deps, context, c))];
  for (const bubble of packBubbles(lines)) await context.sendActivity(bubble);
}

/** "Mes données": everything Kozé holds about the resident, in the chat. */
export async function sendMyData(deps: DialogDeps, context: TurnContext, resident: Resident): Promise<void> {
  const { t } = deps;
  const data = await deps.residents.describe(resident.id);
  if (!data) return;
  const r = data.resident;
  const unset = t(context, 'mydata.unset');
  const lines = [
    t(context, 'mydata.header'),
    t(context, 'mydata.channel', { channel: CHANNEL_NAMES[r.channel] ?? r.channel }),
    t(context, 'mydata.language', {
      language: t(context, r.language === 'rcf' ? 'language.rcf' : 'language.fr'),
    }),
    t(context, 'mydata.consent', {
      date: r.consentAt ? formatDate(r.consentAt) : unset,
      version: r.consentVersion ?? unset,
    }),
    t(context, 'mydata.quartier', { quartier: r.quartier ?? unset }),
    t(context, 'mydata.role', { role: r.role ? t(context, `role.${r.role}` as MessageKey) : unset }),
    t(context, 'mydata.age', { age: r.ageBand ? t(context, `age.${r.ageBand}` as MessageKey) : unset }),
    t(context, r.optedOut ? 'mydata.proactive.off' : 'mydata.proactive.on'),
    t(context, data.reachable ? 'mydata.reference' : 'mydata.noReference'),
    t(context, 'mydata.contributions', { count: data.contributionCount }),
  ];
  const bubbles = packBubbles(lines);
  if (data.contributions.length > 0) {
    const items = data.contributions.map((c) =>
      t(context, 'mydata.contribution', {
        reference: c.reference,
        date: formatDate(c.createdAt),
        text: c.text ? excerpt(c.text, 80) : '—',
      }),
    );
    bubbles.push(...packBubbles(items));
  }
  bubbles.push(t(context, 'mydata.footer', { months: deps.settings.retentionMonths }));
  for (const bubble of bubbles) await context.sendActivity(bubble);
}
