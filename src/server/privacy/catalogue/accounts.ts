/** The accounts domain's tables (`accounts/migrations.ts`). */
import type { DataCatalogue } from '../catalogue-types.js';
import { column } from './column.js';

/** People, sessions, one-time tokens, login throttling and single sign-on. */
export const accountsCatalogue: DataCatalogue = {
  people: {
    purpose: "One row per account: the person's email, name, password hash and chosen language.",
    retention:
      'Kept while the account exists. Deleting the account anonymises the row (no email, no password, name "Deleted person") and keeps it so that records pointing to it stay whole.',
    aboutPerson: { column: 'id', by: 'person_id' },
    columns: {
      id: column("The person's id.", 'Every other record names a person by it.', true),
      email: column("The person's email address (null once deleted).", 'Logging in, and every letter Plenary sends them.', true),
      name: column('The name the person gave.', 'Shown to others in organisations, meetings and registers.', true),
      password_hash: column(
        'The argon2id hash of the password (null for single sign-on only, or deleted).',
        'Checking a login without keeping the password.',
        true,
      ),
      email_verified_at_ms: column('When the person proved they read the email.', 'Unverified emails cannot log in or be operators.', true),
      created_at_ms: column('When the account was made.', 'Shown to the person and to operators.', true),
      deleted_at_ms: column('When the account was deleted (null while it exists).', 'Tells an anonymised row from a live one.', true),
      language: column('The language the person chose for the pages (null: not chosen).', 'Letters are written in it.', true),
    },
  },
  sessions: {
    purpose: 'A signed-in browser: the hash of its session cookie and its CSRF token.',
    retention:
      'Deleted at logout, at a password reset and with the account; an expired session no longer works, and the hourly privacy sweep deletes it a day after it expired.',
    aboutPerson: { column: 'person_id', by: 'person_id' },
    columns: {
      token_hash: column("SHA-256 of the session cookie's token.", 'Finds the session without storing the token itself.', false),
      person_id: column('Who is signed in.', 'The session acts as this person.', true),
      csrf_token: column("The session's CSRF token.", 'Every state-changing request must carry it.', false),
      created_at_ms: column('When the person signed in.', 'Shown in their data export.', true),
      expires_at_ms: column('When the session stops working (30 days).', 'Sessions do not last forever.', true),
    },
  },
  account_tokens: {
    purpose: 'One-time links sent by email: email verification and password reset.',
    retention:
      'Used once, then marked used; the hourly privacy sweep deletes a link a day after it was used or expired (a second click within the day is told why it fails); deleted with the account.',
    aboutPerson: { column: 'person_id', by: 'person_id' },
    columns: {
      token_hash: column('SHA-256 of the token in the link.', 'Checks a link without storing it.', false),
      person_id: column('Whose account the link acts on.', 'Verifies or resets that account.', true),
      purpose: column('What the link does (verify email, reset password).', 'A token works only for its purpose.', false),
      created_at_ms: column('When the link was made.', 'Record of when it was asked for.', true),
      expires_at_ms: column('When the link stops working.', 'Old links cannot be used.', false),
      used_at_ms: column('When it was used (null: not yet).', 'A token works once.', true),
    },
  },
  login_failures: {
    purpose: 'Counts of wrong passwords per email: from one client address (IPv6 by /64), and from all untrusted browsers together.',
    retention:
      "A count is forgotten a day after its last failure, and its row deleted at the next failure of any login or by the hourly privacy sweep; counts by address (an IP address) are deleted by the hourly privacy sweep once their last failure is older than `PRIVACY_ADDRESS_RETENTION_DAYS` (default 7) even if no failure follows; a password reset lifts the counts, and all of an email's counts go with the account.",
    columns: {
      email: column(
        'The email someone tried to log in as, whether or not it has an account.',
        'Failures are counted per email so a lock-out tells nobody which emails have accounts.',
        true,
      ),
      scope: column(
        '`address:<client address>` (an IP address, or an IPv6 /64) or `untrusted` (all untrusted browsers together).',
        "A stranger's failures lock only the stranger's address; many addresses together still slow down.",
        true,
      ),
      failures: column('Wrong passwords counted.', 'Locks after five (twenty for all untrusted browsers).', false),
      locked_until_ms: column('Until when this scope is locked out.', 'The doubling back-off, up to an hour.', false),
      last_failure_at_ms: column('When the last failure was.', 'A count is forgotten a day after it; the privacy sweep reads it.', true),
    },
  },
  trusted_devices: {
    purpose:
      'Browsers that have logged in to an account (the hash of their `plenary_device` cookie), throttled by their own failures only.',
    retention:
      'One year after the login that trusted it (then deleted at the next login of anyone, or by the hourly privacy sweep); the oldest beyond twenty per person are forgotten; deleted with the account.',
    aboutPerson: { column: 'person_id', by: 'person_id' },
    columns: {
      token_hash: column("SHA-256 of the device cookie's token.", 'Recognises the browser without storing the token.', false),
      person_id: column('The account this browser logged in to.', "Only that account's logins are trusted from it.", true),
      created_at_ms: column('When the browser logged in.', 'Keeping the newest twenty; shown in the data export.', true),
      expires_at_ms: column('When it stops being trusted (a year).', 'Trust does not last forever.', true),
      failures: column('Wrong passwords from this browser.', 'Its own lock-out.', false),
      locked_until_ms: column('Until when this browser is locked out.', 'The doubling back-off.', false),
      last_failure_at_ms: column('When its last failure was.', 'Failures are forgotten a day after.', false),
    },
  },
  oidc_identities: {
    purpose: 'Links an account at the single-sign-on provider (issuer and subject) to a person.',
    retention: 'Kept while the account exists; deleted with it.',
    aboutPerson: { column: 'person_id', by: 'person_id' },
    columns: {
      issuer: column("The OpenID Connect provider's issuer URL.", 'A subject is unique only within its issuer.', false),
      subject: column("The provider's id for the person.", 'Recognises them at their next single sign-on.', true),
      person_id: column('The person it signs in as.', 'Which account single sign-on opens.', true),
      linked_at_ms: column('When the link was made.', 'Shown in the data export.', true),
    },
  },
  oidc_pending_logins: {
    purpose: 'A single sign-on under way: what the callback needs to finish it.',
    retention: 'Ten minutes; deleted when used, and expired ones at every callback and by the hourly privacy sweep.',
    columns: {
      state_hash: column('SHA-256 of the OAuth state.', 'Matches the callback to its start (login CSRF).', false),
      code_verifier: column('The PKCE code verifier.', 'The code exchange proves it started here.', false),
      nonce: column('The nonce the ID token must carry.', 'Refuses replayed ID tokens.', false),
      next_path: column('The page to return to afterwards.', 'Brings the person back where they were.', false),
      expires_at_ms: column('When the pending login lapses.', 'Abandoned logins are cleaned up.', false),
    },
  },
};
