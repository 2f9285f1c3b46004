/** Sign up, log in, confirm the email, forgotten and new password, accept an invitation. */
import { useEffect, useState } from 'preact/hooks';
import './account.css';
import { z } from 'zod';
import { SessionViewSchema } from '../../../shared/accounts-api.js';
import { callApi } from '../../app/api.js';
import { errorText } from '../../app/errors/messages.js';
import { appMessages } from '../../app/messages.js';
import { navigate } from '../../app/router.js';
import { refreshSession, setSession, tokenFromAddress, useSession } from '../../app/session.js';
import { ConfirmForm } from '../../ui/ConfirmForm.js';
import { ActionForm, Field, failureText, Link, SignInRequired, usePageTitle } from '../../ui/index.js';
import { t } from './messages.js';

function AccountLayout(props: { title: string; children: preact.ComponentChildren }) {
  usePageTitle(props.title);
  return (
    <main class="page account">
      <h1>{props.title}</h1>
      {props.children}
    </main>
  );
}

export function SignUpPage() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <AccountLayout title={t('account.checkEmailTitle')}>
        <p role="status">{t('account.checkEmailBody', { email })}</p>
      </AccountLayout>
    );
  }
  return (
    <AccountLayout title={t('account.signUpTitle')}>
      <ActionForm
        label={t('account.signUpTitle')}
        submit={t('account.signUp')}
        onSubmit={async () => {
          await callApi(undefined, '/api/account/signup', { method: 'POST', body: { name, email, password } });
          setDone(true);
        }}
      >
        <Field id="name" label={t('account.name')} value={name} onInput={setName} autoComplete="name" />
        <Field id="email" label={t('account.email')} type="email" value={email} onInput={setEmail} autoComplete="email" />
        <Field
          id="password"
          label={t('account.password')}
          type="password"
          value={password}
          onInput={setPassword}
          autoComplete="new-password"
          hint={t('account.passwordHint')}
        />
      </ActionForm>
      <p>
        <Link href="/login">{t('account.haveAccount')}</Link>
      </p>
    </AccountLayout>
  );
}

const SingleSignOnSchema = z.object({ enabled: z.boolean(), name: z.string().nullable() });

/** "Sign in with …" when single sign-on is configured, and the error a failed attempt came back with. */
function SingleSignOn({ next }: { next: string | null }) {
  const [provider, setProvider] = useState<string | undefined>();
  const error = new URLSearchParams(location.search).get('error');
  useEffect(() => {
    callApi(SingleSignOnSchema, '/api/account/sso').then(
      (reply) => setProvider(reply.enabled ? (reply.name ?? '') : undefined),
      () => undefined,
    );
  }, []);
  return (
    <>
      {error && (
        <p class="error" role="alert">
          {errorText(error)}
        </p>
      )}
      {provider !== undefined && (
        <p>
          <a class="button" href={`/api/account/sso/start${next ? `?next=${encodeURIComponent(next)}` : ''}`}>
            {t('account.singleSignOn', { name: provider })}
          </a>
        </p>
      )}
    </>
  );
}

export function LogInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = new URLSearchParams(location.search).get('next');
  return (
    <AccountLayout title={t('account.logInTitle')}>
      <ActionForm
        label={t('account.logInTitle')}
        submit={t('account.logIn')}
        onSubmit={async () => {
          setSession(await callApi(SessionViewSchema, '/api/account/login', { method: 'POST', body: { email, password } }));
          navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/dashboard');
        }}
      >
        <Field id="email" label={t('account.email')} type="email" value={email} onInput={setEmail} autoComplete="email" />
        <Field
          id="password"
          label={t('account.password')}
          type="password"
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
        />
      </ActionForm>
      <SingleSignOn next={next} />
      <p>
        <Link href="/forgot-password">{t('account.forgot')}</Link> · <Link href="/signup">{t('account.noAccount')}</Link>
      </p>
    </AccountLayout>
  );
}

/** Runs one POST with the address's token when the page opens, and shows the outcome. */
function TokenPage(props: { title: string; path: string; success: string; next: { href: string; label: string } }) {
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | undefined>();
  useEffect(() => {
    callApi(undefined, props.path, { method: 'POST', body: { token: tokenFromAddress() } }).then(
      () => setOutcome({ ok: true, text: props.success }),
      (failure: unknown) => setOutcome({ ok: false, text: failureText(failure) }),
    );
  }, [props.path, props.success]);
  return (
    <AccountLayout title={props.title}>
      {!outcome && <p role="status">{t('account.working')}</p>}
      {outcome && (
        <p class={outcome.ok ? 'notice' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
      {outcome?.ok && (
        <p>
          <Link href={props.next.href} class="button">
            {props.next.label}
          </Link>
        </p>
      )}
    </AccountLayout>
  );
}

export function VerifyPage() {
  return (
    <TokenPage
      title={t('account.verifyTitle')}
      path="/api/account/verify"
      success={t('account.verified')}
      next={{ href: '/login', label: t('account.logIn') }}
    />
  );
}

export function AcceptInvitationPage() {
  const session = useSession();
  if (session.kind === 'loading') return <AccountLayout title={t('account.acceptTitle')}>{null}</AccountLayout>;
  if (session.kind === 'signed-out') {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <AccountLayout title={t('account.acceptTitle')}>
        <p>{t('account.acceptLogIn')}</p>
        <p>
          <Link href={`/login?next=${next}`} class="button">
            {t('account.logIn')}
          </Link>{' '}
          <Link href="/signup">{t('account.signUp')}</Link>
        </p>
      </AccountLayout>
    );
  }
  return <AcceptInvitation />;
}

function AcceptInvitation() {
  useEffect(() => () => void refreshSession(), []);
  return (
    <TokenPage
      title={t('account.acceptTitle')}
      path="/api/invitations/accept"
      success={t('account.accepted')}
      next={{ href: '/dashboard', label: appMessages.t('nav.dashboard') }}
    />
  );
}

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  return (
    <AccountLayout title={t('account.forgotTitle')}>
      {sent ? (
        <p role="status">{t('account.resetSent', { email })}</p>
      ) : (
        <ActionForm
          label={t('account.forgotTitle')}
          submit={t('account.sendReset')}
          onSubmit={async () => {
            await callApi(undefined, '/api/account/password-reset/request', { method: 'POST', body: { email } });
            setSent(true);
          }}
        >
          <Field id="email" label={t('account.email')} type="email" value={email} onInput={setEmail} autoComplete="email" />
        </ActionForm>
      )}
    </AccountLayout>
  );
}

export function ResetPasswordPage() {
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  return (
    <AccountLayout title={t('account.resetTitle')}>
      {done ? (
        <p role="status">
          {t('account.resetDone')} <Link href="/login">{t('account.logIn')}</Link>
        </p>
      ) : (
        <ActionForm
          label={t('account.resetTitle')}
          submit={t('account.setPassword')}
          onSubmit={async () => {
            await callApi(undefined, '/api/account/password-reset', { method: 'POST', body: { token: tokenFromAddress(), password } });
            setSession(undefined);
            setDone(true);
          }}
        >
          <Field
            id="password"
            label={t('account.newPassword')}
            type="password"
            value={password}
            onInput={setPassword}
            autoComplete="new-password"
            hint={t('account.passwordHint')}
          />
        </ActionForm>
      )}
    </AccountLayout>
  );
}

/** Your data: export (JSON, CSV) and delete the account. */
export function AccountSettingsPage() {
  const session = useSession();
  const [password, setPassword] = useState('');
  if (session.kind !== 'signed-in') return <SignInRequired />;
  return (
    <AccountLayout title={t('account.yourData')}>
      <section class="card" aria-labelledby="export-title">
        <h2 id="export-title">{t('account.exportTitle')}</h2>
        <p>{t('account.exportBody')}</p>
        <p class="row">
          <a class="button" href="/api/account/export?format=json" download>
            {t('account.exportJson')}
          </a>
          <a class="button" href="/api/account/export?format=csv" download>
            {t('account.exportCsv')}
          </a>
        </p>
      </section>
      <ConfirmForm
        label={t('account.deleteTitle')}
        submit={t('account.delete')}
        question={t('account.deleteConfirm')}
        yes={t('account.deleteYes')}
        no={t('account.deleteNo')}
        onSubmit={async () => {
          await callApi(undefined, '/api/account/delete', { method: 'POST', body: { password } });
          setSession(undefined);
          navigate('/');
        }}
      >
        <h2>{t('account.deleteTitle')}</h2>
        <p>{t('account.deleteBody')}</p>
        <Field
          id="delete-password"
          label={t('account.password')}
          type="password"
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
        />
      </ConfirmForm>
    </AccountLayout>
  );
}
