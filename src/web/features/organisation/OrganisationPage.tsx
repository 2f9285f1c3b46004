/** An organisation's people (with roles), inviting by email, and resolving `/r/<org>/<room>`. */
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { type OrganisationView, OrganisationViewSchema, RoomLookupViewSchema } from '../../../shared/accounts-api.js';
import { ApiFailure, callApi } from '../../app/api.js';
import { appMessages } from '../../app/messages.js';
import { navigate } from '../../app/router.js';
import { useSession } from '../../app/session.js';
import { ActionForm, Field, failureText, SignInRequired, showToast, usePageTitle } from '../../ui/index.js';
import { t } from './messages.js';

/** The plan section another feature (billing) draws for this organisation; `manages`: its owners and admins may change it. */
export type PlanPanelComponent = ComponentType<{ slug: string; manages: boolean }>;

/** The BigBlueButton integrations section another feature draws for this organisation's owners and admins (`manages`). */
export type IntegrationsPanelComponent = ComponentType<{ slug: string; manages: boolean }>;

export function OrganisationPage({
  slug,
  planPanel: PlanPanel,
  integrationsPanel: IntegrationsPanel,
}: {
  slug: string;
  planPanel?: PlanPanelComponent;
  integrationsPanel?: IntegrationsPanelComponent;
}) {
  const session = useSession();
  const [organisation, setOrganisation] = useState<OrganisationView | undefined>();
  const [error, setError] = useState<string | undefined>();
  usePageTitle(organisation?.name ?? slug);
  const reload = useCallback(() => {
    callApi(OrganisationViewSchema, `/api/orgs/${encodeURIComponent(slug)}`).then(setOrganisation, (failure: unknown) =>
      setError(failureText(failure)),
    );
  }, [slug]);
  useEffect(() => {
    if (session.kind === 'signed-in') reload();
  }, [session.kind, reload]);
  if (session.kind !== 'signed-in') return <SignInRequired />;
  const manages = organisation?.role === 'owner' || organisation?.role === 'admin';
  return (
    <main class="page organisation">
      <h1>{organisation?.name ?? slug}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {organisation && (
        <table>
          <caption>{t('organisation.people')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('organisation.name')}</th>
              <th scope="col">{t('organisation.email')}</th>
              <th scope="col">{t('organisation.role')}</th>
            </tr>
          </thead>
          <tbody>
            {organisation.members.map((member) => (
              <tr key={member.personId}>
                <td>{member.name}</td>
                <td>{member.email}</td>
                <td>
                  {manages ? (
                    <RoleChoice slug={slug} member={member} onChanged={reload} onFailed={setError} />
                  ) : (
                    appMessages.t(`role.${member.role}`)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manages && <InviteForm slug={slug} />}
      {organisation && PlanPanel && <PlanPanel slug={slug} manages={manages} />}
      {organisation && manages && IntegrationsPanel && <IntegrationsPanel slug={slug} manages={manages} />}
    </main>
  );
}

function RoleChoice(props: {
  slug: string;
  member: OrganisationView['members'][number];
  onChanged: () => void;
  onFailed: (message: string) => void;
}) {
  const id = `role-${props.member.personId}`;
  return (
    <>
      <label for={id} class="visually-hidden">
        {t('organisation.roleOf', { name: props.member.name })}
      </label>
      <select
        id={id}
        value={props.member.role}
        onChange={async (event) => {
          const role = event.currentTarget.value;
          try {
            await callApi(undefined, `/api/orgs/${encodeURIComponent(props.slug)}/members/${encodeURIComponent(props.member.personId)}`, {
              method: 'PUT',
              body: { role },
            });
          } catch (failure) {
            props.onFailed(failureText(failure));
          }
          props.onChanged();
        }}
      >
        <option value="owner">{appMessages.t('role.owner')}</option>
        <option value="admin">{appMessages.t('role.admin')}</option>
        <option value="member">{appMessages.t('role.member')}</option>
      </select>
    </>
  );
}

function InviteForm({ slug }: { slug: string }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<'member' | 'admin'>('member');
  return (
    <ActionForm
      label={t('organisation.invite')}
      submit={t('organisation.sendInvitation')}
      onSubmit={async () => {
        await callApi(undefined, `/api/orgs/${encodeURIComponent(slug)}/invitations`, { method: 'POST', body: { email, role } });
        showToast(t('organisation.invitationSent', { email }));
        setEmail('');
      }}
    >
      <h2>{t('organisation.invite')}</h2>
      <Field id="invite-email" label={t('organisation.email')} type="email" value={email} onInput={setEmail} autoComplete="off" />
      <div class="field">
        <label for="invite-role">{t('organisation.role')}</label>
        <select id="invite-role" value={role} onChange={(event) => setRole(event.currentTarget.value === 'admin' ? 'admin' : 'member')}>
          <option value="member">{appMessages.t('role.member')}</option>
          <option value="admin">{appMessages.t('role.admin')}</option>
        </select>
      </div>
    </ActionForm>
  );
}

/** `/r/<org>/<room>`: looks the room up (members only) and opens its ordinary page. */
export function ReadableRoomLink({ organisation, room }: { organisation: string; room: string }) {
  const session = useSession();
  const [failed, setFailed] = useState<string | undefined>();
  useEffect(() => {
    if (session.kind !== 'signed-in') return;
    // `/r/~<handle>/<room>` is a person's own room; `/r/<org>/<room>` an organisation's.
    const lookup = organisation.startsWith('~')
      ? `/api/people/${encodeURIComponent(organisation.slice(1))}/rooms/${encodeURIComponent(room)}`
      : `/api/orgs/${encodeURIComponent(organisation)}/rooms/${encodeURIComponent(room)}`;
    callApi(RoomLookupViewSchema, lookup).then(
      (found) => {
        history.replaceState(null, '', `/r/${found.roomId}`);
        navigate(`/r/${found.roomId}`);
      },
      (failure: unknown) =>
        setFailed(failure instanceof ApiFailure && failure.status === 404 ? t('organisation.roomNotFound') : failureText(failure)),
    );
  }, [session.kind, organisation, room]);
  if (session.kind === 'signed-out') return <SignInRequired />;
  return (
    <main class="page centered" aria-busy={!failed}>
      {failed ? (
        <h1 class="error sign-in-required" role="alert">
          {failed}
        </h1>
      ) : (
        <p class="status">{t('organisation.openingRoom')}</p>
      )}
    </main>
  );
}
