/** Scheduling a meeting in a room, and the list of upcoming meetings with cancellation. */
import { useState } from 'preact/hooks';
import type { ScheduledMeetingView } from '../../../shared/accounts-api.js';
import { t } from '../../app/i18n.js';
import { ActionForm, Field } from '../account/Form.js';
import { sessionApi } from '../account/session.js';

export function ScheduleForm(props: { roomId: string; onScheduled: () => void }) {
  const [title, setTitle] = useState('');
  const [startsAtLocal, setStartsAtLocal] = useState('');
  const [timeZone, setTimeZone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [duration, setDuration] = useState('60');
  const [agenda, setAgenda] = useState('');
  const [invitees, setInvitees] = useState('');
  const prefix = `schedule-${props.roomId}`;
  return (
    <ActionForm
      class="schedule-form"
      label={t('schedule.title')}
      submit={t('schedule.send')}
      onSubmit={async () => {
        await sessionApi(undefined, `/api/rooms/${props.roomId}/scheduled-meetings`, {
          method: 'POST',
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
  if (props.meetings.length === 0) return null;
  return (
    <section class="upcoming">
      <h4>{t('dashboard.upcoming')}</h4>
      <ul>
        {props.meetings.map((meeting) => (
          <li key={meeting.id}>
            <strong>{meeting.title}</strong> —{' '}
            {new Date(meeting.startsAtMs).toLocaleString(undefined, {
              timeZone: meeting.timeZone,
              dateStyle: 'medium',
              timeStyle: 'short',
            })}{' '}
            ({meeting.timeZone}), {t('dashboard.minutes', { count: meeting.durationMinutes })}
            {props.canCancel && (
              <button
                type="button"
                class="danger"
                onClick={async () => {
                  await sessionApi(undefined, `/api/scheduled-meetings/${meeting.id}`, { method: 'DELETE' });
                  props.onChanged();
                }}
              >
                {t('schedule.cancel')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
