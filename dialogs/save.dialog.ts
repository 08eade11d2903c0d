import type { TurnContext } from 'botbuilder';
import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogDeps } from './deps.ts';
import { yes } from './labels.ts';
import { ask, type Answer, type Msg } from './prompt.ts';

export interface SaveOptions<D> {
  draft: D;
  /** confirm: show the recap and ask; direct: save now; retry: the last attempt failed, ask to try again. */
  mode: 'confirm' | 'direct' | 'retry';
}

export type SaveResult<R> =
  { outcome: 'saved'; saved: R } | { outcome: 'restart' } | { outcome: 'cancelled' };

/**
 * The last step of a need, an idea or a feedback: optionally a recap to confirm, then the save. When the
 * save fails (the database is away), the resident is told and offered to try again: what they took the
 * time to write stays in the dialog state, never lost to an error.
 */
export function saveDialog<D, R>(
  id: string,
  promptId: string,
  deps: DialogDeps,
  spec: {
    recap?: (context: TurnContext, draft: D) => Msg;
    save: (context: TurnContext, draft: D) => Promise<R>;
  },
): WaterfallDialog {
  return new WaterfallDialog(id, [
    async (step: WaterfallStepContext) => {
      const { draft, mode } = step.options as SaveOptions<D>;
      if (mode === 'retry') {
        return ask(step, promptId, {
          prompt: { key: 'save.failed' },
          choices: [
            yes('save.retry', 'save'),
            {
              value: 'cancel',
              label: { key: 'choice.cancel' },
              synonyms: ['annuler', 'non', 'laisser tomber'],
            },
          ],
        });
      }
      if (mode === 'confirm' && spec.recap) {
        return ask(step, promptId, {
          prompt: spec.recap(step.context, draft),
          choices: [
            yes('save.confirm', 'save'),
            {
              value: 'restart',
              label: { key: 'save.restart' },
              synonyms: ['corriger', 'modifier', 'changer', 'korize', 'sanze'],
            },
            {
              value: 'cancel',
              label: { key: 'choice.cancel' },
              synonyms: ['annuler', 'non', 'laisser tomber', 'anile'],
            },
          ],
        });
      }
      return step.next({ kind: 'choice', value: 'save', text: '' } satisfies Answer);
    },
    async (step: WaterfallStepContext) => {
      const { draft } = step.options as SaveOptions<D>;
      const answer = step.result as Answer;
      const value = answer.kind === 'choice' ? answer.value : '';
      if (value === 'restart') return step.endDialog({ outcome: 'restart' } satisfies SaveResult<R>);
      if (value === 'cancel') return step.endDialog({ outcome: 'cancelled' } satisfies SaveResult<R>);
      try {
        const saved = await spec.save(step.context, draft);
        return step.endDialog({ outcome: 'saved', saved } satisfies SaveResult<R>);
      } catch (error) {
        deps.log.error(
          {
            err: error,
            dialog: id,
            channel: step.context.activity.channelId,
            conversation: step.context.activity.conversation?.id,
          },
          'saving a contribution failed',
        );
        return step.replaceDialog(id, { draft, mode: 'retry' } satisfies SaveOptions<D>);
      }
    },
  ]);
}
