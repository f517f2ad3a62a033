import type { JobCreator, JobSubject } from '../../broadcast-view';
import { inLocale } from '../surveys-api';
import { formatCount, type View } from '../view';

/** The outcomes shown per channel; "outside the window" only where a channel has any. */
const CHANNEL_OUTCOMES = ['sent', 'failed', 'blocked', 'outsideWindow'] as const;

/** A push's name: its kind, and what it is about ("Survey invitation: Village shops"). */
export function jobTitle(
  view: View,
  job: { kind: string; subject?: JobSubject | undefined },
): string {
  const { t } = view;
  const kind = t(`kinds.${job.kind}`);
  const s = job.subject;
  if (!s) return kind;
  const name = (title: Parameters<typeof inLocale>[0] | undefined, id: string) =>
    (title && inLocale(title, view.locale)) || id;
  if (s.kind === 'survey')
    return t(`trainer.subject.survey_${s.mode}`, { name: name(s.title, s.id) });
  if (s.kind === 'lesson')
    return t('trainer.subject.lesson', {
      name: name(s.title, s.lesson),
      course: name(s.courseTitle, s.course),
    });
  return t('trainer.subject.course', { kind, name: name(s.title, s.id) });
}

/** Who created a push, in words: the console user, the Telegram trainer, or the bot. */
export function creatorText(view: View, creator: JobCreator | undefined, createdBy: string) {
  const { t } = view;
  if (!creator) return t('jobs.created_by', { who: createdBy });
  if (creator.kind === 'telegram') return t('trainer.creator.telegram', { id: creator.userId });
  if (creator.kind === 'system') return t('trainer.creator.system');
  return t('trainer.creator.console', { who: creator.label });
}

/** Per channel: sent, failed, blocked (and outside WeChat's window), updated live (`data-ch`). */
export function ChannelCountsTable(props: {
  view: View;
  channels: Readonly<Record<string, Readonly<Record<string, number>>>> | undefined;
}) {
  const { view } = props;
  const { t } = view;
  const channels = Object.keys(props.channels ?? {}).sort();
  if (channels.length === 0) return null;
  return (
    // On a phone the outcomes' headers would break inside their words: scroll sideways.
    <div class="scroll">
      <table class="channels nowrap" data-channels>
        <thead>
          <tr>
            <th>{t('trainer.channel')}</th>
            {CHANNEL_OUTCOMES.map((o) => (
              <th>{t(`outcomes.${o}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {channels.map((ch) => (
            <tr data-channel={ch}>
              <td>{t(`channels.${ch}`, { defaultValue: ch })}</td>
              {CHANNEL_OUTCOMES.map((o) => (
                <td data-ch={`${ch}.${o}`}>{formatCount(view, props.channels?.[ch]?.[o] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
