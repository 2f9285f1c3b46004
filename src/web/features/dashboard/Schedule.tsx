/** Scheduling a meeting in a room, and the list of upcoming meetings with cancellation. */
import { useState } from 'preact/hooks';
import type { ScheduledMeetingView } from '../../../shared/accounts-api.js';
import { callApi } from '../../app/api.js';
import { formatDate } from '../../app/intl/language.js';
import { ActionForm, Field, showToast } from '../../ui/index.js';
import { t } from './messages.js';

/** `2026-03-02T10:30`: the wall-clock time of an instant in a time zone, for a datetime-local field. */
function localInput(instantMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instantMs));
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** Schedules a meeting in a room, or changes `existing` (everyone invited gets the update). */
export function ScheduleForm(props: { roomId: string; existing?: ScheduledMeetingView; onScheduled: () => void }) {
  const { existing } = props;
  const [title, setTitle] = useState(existing?.title ?? '');
  const [startsAtLocal, setStartsAtLocal] = useState(existing ? localInput(existing.startsAtMs, existing.timeZone) : '');
  const [timeZone, setTimeZone] = useState(existing?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [duration, setDuration] = useState(String(existing?.durationMinutes ?? 60));
  const [agenda, setAgenda] = useState(existing?.agenda ?? '');
  const [invitees, setInvitees] = useState(existing?.invitees.join(', ') ?? '');
  const prefix = `schedule-${existing?.id ?? props.roomId}`;
  return (
    <ActionForm
      class="schedule-form"
      label={t('schedule.title')}
      submit={existing ? t('schedule.sendUpdate') : t('schedule.send')}
      onSubmit={async () => {
        await callApi(undefined, existing ? `/api/scheduled-meetings/${existing.id}` : `/api/rooms/${props.roomId}/scheduled-meetings`, {
          method: existing ? 'PUT' : 'POST',
          body: {
            title,
            startsAtLocal,
            timeZone,
            durationMinutes: Number(duration),
            agenda,
            invitees: invitees
              .split(/[\s,;]+/)
              .map((email) => email.trim())
              .filter(Boolean),
          },
        });
        showToast(existing ? t('schedule.updated', { title }) : t('schedule.scheduled', { title }));
        props.onScheduled();
      }}
    >
      <Field id={`${prefix}-title`} label={t('schedule.meetingTitle')} value={title} onInput={setTitle} autoComplete="off" />
      <Field id={`${prefix}-start`} label={t('schedule.start')} type="datetime-local" value={startsAtLocal} onInput={setStartsAtLocal} />
      <Field id={`${prefix}-zone`} label={t('schedule.timeZone')} value={timeZone} onInput={setTimeZone} autoComplete="off" />
      <Field id={`${prefix}-duration`} label={t('schedule.duration')} type="number" value={duration} onInput={setDuration} />
      <div class="field">
        <label for={`${prefix}-agenda`}>{t('schedule.agenda')}</label>
        <textarea id={`${prefix}-agenda`} value={agenda} rows={3} onInput={(event) => setAgenda(event.currentTarget.value)} />
      </div>
      <Field
        id={`${prefix}-invitees`}
        label={t('schedule.invitees')}
        value={invitees}
        onInput={setInvitees}
        required={false}
        hint={t('schedule.inviteesHint')}
      />
    </ActionForm>
  );
}

export function UpcomingMeetings(props: { meetings: ScheduledMeetingView[]; canCancel: boolean; onChanged: () => void }) {
  const [editing, setEditing] = useState<string | undefined>();
  if (props.meetings.length === 0) return null;
  return (
    <section class="upcoming">
      <h4>{t('dashboard.upcoming')}</h4>
      <ul>
        {props.meetings.map((meeting) => (
          <li key={meeting.id}>
            <strong>{meeting.title}</strong> —{' '}
            {formatDate(meeting.startsAtMs, {
              timeZone: meeting.timeZone,
              dateStyle: 'medium',
              timeStyle: 'short',
            })}{' '}
            ({meeting.timeZone}), {t('dashboard.minutes', { count: meeting.durationMinutes })}
            {props.canCancel && (
              <button
                type="button"
                aria-expanded={editing === meeting.id}
                onClick={() => setEditing(editing === meeting.id ? undefined : meeting.id)}
              >
                {t('schedule.edit')}
              </button>
            )}
            {props.canCancel && (
              <button
                type="button"
                class="danger"
                onClick={async () => {
                  await callApi(undefined, `/api/scheduled-meetings/${meeting.id}`, { method: 'DELETE' });
                  props.onChanged();
                }}
              >
                {t('schedule.cancel')}
              </button>
            )}
            {editing === meeting.id && (
              <ScheduleForm
                roomId={meeting.roomId}
                existing={meeting}
                onScheduled={() => {
                  setEditing(undefined);
                  props.onChanged();
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
