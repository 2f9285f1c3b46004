/** The dashboard: my rooms (start, copy link, calendar), recent and upcoming meetings, new organisations and rooms. */
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { type DashboardView, DashboardViewSchema, type OwnedRoomView } from '../../../shared/accounts-api.js';
import { callApi } from '../../app/api.js';
import { formatDate } from '../../app/intl/language.js';
import { rememberModeratorCode } from '../../app/local-identity.js';
import { appMessages } from '../../app/messages.js';
import { navigate } from '../../app/router.js';
import { refreshSession, useSession } from '../../app/session.js';
import { ActionForm, EmptyState, Field, failureText, Link, SignInRequired, showToast, usePageTitle } from '../../ui/index.js';
import { t } from './messages.js';
import { ScheduleForm, UpcomingMeetings } from './Schedule.js';

/** The dashboard; `planLimits` (billing's, composed by the app) shows each room's plan limits. */
export function DashboardPage({ planLimits: PlanLimits }: { planLimits?: ComponentType }) {
  const session = useSession();
  const [dashboard, setDashboard] = useState<DashboardView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const reload = useCallback(() => {
    callApi(DashboardViewSchema, '/api/dashboard').then(setDashboard, (failure: unknown) => setError(failureText(failure)));
  }, []);
  usePageTitle(t('dashboard.title'));
  useEffect(() => {
    if (session.kind === 'signed-in') reload();
  }, [session.kind, reload]);
  if (session.kind !== 'signed-in') return <SignInRequired />;
  const { person } = session.session;
  return (
    <main class="page dashboard">
      <h1>{t('dashboard.title')}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="rooms-title">
        <h2 id="rooms-title">{t('dashboard.myRooms')}</h2>
        {dashboard && dashboard.rooms.length === 0 && <EmptyState text={t('dashboard.noRooms')} />}
        <ul class="room-list">
          {dashboard?.rooms.map((room) => (
            <RoomCard key={room.roomId} room={room} onChanged={reload} />
          ))}
        </ul>
      </section>
      {PlanLimits && <PlanLimits />}
      {person.organisations.length > 0 && (
        <section aria-labelledby="orgs-title">
          <h2 id="orgs-title">{t('dashboard.organisations')}</h2>
          <ul>
            {person.organisations.map((organisation) => (
              <li key={organisation.slug}>
                <Link href={`/orgs/${organisation.slug}`}>{organisation.name}</Link> ({appMessages.t(`role.${organisation.role}`)})
              </li>
            ))}
          </ul>
        </section>
      )}
      <div class="two-columns">
        <NewRoomForm organisations={person.organisations.filter((organisation) => organisation.role !== 'member')} onCreated={reload} />
        <NewOrganisationForm />
      </div>
    </main>
  );
}

/** Opens a room (or one of its pages); those who administer it carry its moderator code, so they join as moderators. */
function openRoom(room: OwnedRoomView, page = ''): void {
  if (room.moderatorCode) rememberModeratorCode(room.roomId, room.moderatorCode);
  navigate(`/r/${room.roomId}${page}`);
}

function RoomCard({ room, onChanged }: { room: OwnedRoomView; onChanged: () => void }) {
  const [scheduling, setScheduling] = useState(false);
  const headingId = `room-${room.roomId}`;
  return (
    <li class="card room-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {room.name} {room.organisation && <span class="hint">· {room.organisation}</span>}
      </h3>
      <p class="row">
        <button type="button" class="primary" onClick={() => openRoom(room)}>
          {t('dashboard.start')}
        </button>
        <button
          type="button"
          onClick={async () => {
            const copied = await navigator.clipboard?.writeText(room.url).then(
              () => true,
              () => false,
            );
            if (copied) showToast(t('dashboard.linkCopied'));
            else showToast(t('dashboard.linkNotCopied'), 'info');
          }}
        >
          {t('dashboard.copyLink')}
        </button>
        {room.moderatorCode && (
          <button type="button" onClick={() => openRoom(room, '/settings')}>
            {t('dashboard.settings')}
          </button>
        )}
        {room.calendarUrl && (
          <button type="button" aria-expanded={scheduling} onClick={() => setScheduling(!scheduling)}>
            {t('schedule.schedule')}
          </button>
        )}
      </p>
      <dl class="links">
        <dt>{t('dashboard.guestLink')}</dt>
        <dd>
          <code>{room.url}</code>
        </dd>
        {room.readableUrl && (
          <>
            <dt>{t('dashboard.memberLink')}</dt>
            <dd>
              <code>{room.readableUrl}</code>
            </dd>
          </>
        )}
        {room.calendarUrl && (
          <>
            <dt>{t('dashboard.calendarFeed')}</dt>
            <dd>
              <a href={room.calendarUrl}>{t('dashboard.calendarFeedLink')}</a>
            </dd>
          </>
        )}
      </dl>
      {scheduling && (
        <ScheduleForm
          roomId={room.roomId}
          onScheduled={() => {
            setScheduling(false);
            onChanged();
          }}
        />
      )}
      <UpcomingMeetings meetings={room.upcomingMeetings} canCancel={room.calendarUrl !== null} onChanged={onChanged} />
      <RecentMeetings room={room} />
    </li>
  );
}

function RecentMeetings({ room }: { room: OwnedRoomView }) {
  if (room.recentMeetings.length === 0) return <p class="hint">{t('dashboard.noRecent')}</p>;
  const format = (ms: number) =>
    formatDate(ms, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  return (
    <table>
      <caption>{t('dashboard.recent')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dashboard.started')}</th>
          <th scope="col">{t('dashboard.ended')}</th>
          <th scope="col">{t('dashboard.duration')}</th>
          <th scope="col">{t('dashboard.peak')}</th>
        </tr>
      </thead>
      <tbody>
        {room.recentMeetings.map((meeting) => (
          <tr key={meeting.startedAtMs}>
            <td>{format(meeting.startedAtMs)}</td>
            <td>{meeting.endedAtMs === null ? t('dashboard.live') : format(meeting.endedAtMs)}</td>
            <td>{meeting.durationMs === null ? '' : t('dashboard.minutes', { count: Math.round(meeting.durationMs / 60_000) })}</td>
            <td>{meeting.participantsPeak}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NewRoomForm(props: { organisations: { slug: string; name: string }[]; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [owner, setOwner] = useState('');
  return (
    <ActionForm
      label={t('dashboard.newRoom')}
      submit={t('dashboard.createRoom')}
      onSubmit={async () => {
        const path = owner ? `/api/orgs/${encodeURIComponent(owner)}/rooms` : '/api/me/rooms';
        await callApi(undefined, path, { method: 'POST', body: { name, slug } });
        showToast(t('dashboard.roomCreated', { name }));
        setName('');
        setSlug('');
        props.onCreated();
      }}
    >
      <h2>{t('dashboard.newRoom')}</h2>
      <Field id="room-name" label={t('dashboard.roomName')} value={name} onInput={setName} autoComplete="off" />
      <Field
        id="room-slug"
        label={t('dashboard.roomSlug')}
        value={slug}
        onInput={setSlug}
        autoComplete="off"
        hint={t('dashboard.slugHint')}
      />
      <div class="field">
        <label for="room-owner">{t('dashboard.owner')}</label>
        <select id="room-owner" value={owner} onChange={(event) => setOwner(event.currentTarget.value)}>
          <option value="">{t('dashboard.ownerMe')}</option>
          {props.organisations.map((organisation) => (
            <option key={organisation.slug} value={organisation.slug}>
              {organisation.name}
            </option>
          ))}
        </select>
      </div>
    </ActionForm>
  );
}

function NewOrganisationForm() {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  return (
    <ActionForm
      label={t('dashboard.newOrganisation')}
      submit={t('dashboard.createOrganisation')}
      onSubmit={async () => {
        await callApi(undefined, '/api/orgs', { method: 'POST', body: { name, slug } });
        showToast(t('dashboard.organisationCreated', { name }));
        setName('');
        setSlug('');
        await refreshSession();
      }}
    >
      <h2>{t('dashboard.newOrganisation')}</h2>
      <Field id="org-name" label={t('dashboard.organisationName')} value={name} onInput={setName} autoComplete="organization" />
      <Field
        id="org-slug"
        label={t('dashboard.organisationSlug')}
        value={slug}
        onInput={setSlug}
        autoComplete="off"
        hint={t('dashboard.slugHint')}
      />
    </ActionForm>
  );
}
