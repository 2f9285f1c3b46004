/** The accounts domain's words: its error sentences and its emails (French in `words.fr.ts`). */
import { defineWords } from '../platform/words.js';
import { accountsFrench } from './words.fr.js';

export const accountsEnglish = {
  not_signed_in: 'Log in to do this.',
  csrf_token_invalid: 'This request lacks its security token; reload the page and try again.',
  invalid_credentials: 'The email or the password is not right.',
  wrong_password: 'The password is not right.',
  email_not_verified: 'Confirm your email address first: open the link we sent you.',
  login_locked: 'Too many failed attempts. Try again in {seconds, plural, one {# second} other {# seconds}}, or reset your password.',
  password_too_short: 'The password must be at least {min, number} characters long.',
  password_too_weak: 'This password is too easy to guess. {advice}',
  password_too_weak_no_advice: 'This password is too easy to guess. Add another word or two; uncommon words are best.',
  password_check_unavailable: 'The password could not be checked just now; try again in a moment.',
  link_invalid: 'This link is not valid. Ask for a new one.',
  link_used: 'This link has already been used. Ask for a new one.',
  link_expired: 'This link has expired. Ask for a new one.',
  account_deleted: 'The account linked to this sign-in has been deleted.',
  account_not_opened: 'The account could not be opened.',
  sso_email_not_verified: 'Your sign-in provider did not confirm an email address, so no account can be opened with it.',
  sso_other_browser: 'This sign-in did not start in this browser; try again.',
  sso_expired: 'This sign-in has expired; try again.',
  sso_failed: 'The sign-in provider did not confirm who you are; try again.',
  sso_unavailable: 'The sign-in provider cannot be reached; try again later.',
  sign_up_notice_subject: 'Someone tried to sign up to Plenary with your email address',
  sign_up_notice_text:
    'Hello {name},\n\nSomeone, perhaps you, tried to open a Plenary account with this email address. It already has an account, so nothing was changed.\n\nIf it was you, log in:\n\n{logInLink}\n\nIf you have forgotten your password, choose a new one:\n\n{resetLink}\n\nIf it was not you, ignore this message: your account and your password stay as they are.\n',
  verify_subject: 'Confirm your email address for Plenary',
  verify_text:
    'Hello {name},\n\nConfirm your email address by opening this link:\n\n{link}\n\nThe link is valid for 48 hours. If you did not sign up, ignore this message.\n',
  reset_subject: 'Reset your Plenary password',
  reset_text:
    'Hello {name},\n\nChoose a new password by opening this link:\n\n{link}\n\nThe link is valid for one hour. If you did not ask for it, ignore this message.\n',
} as const;

export const accountsWords = defineWords('accounts', accountsEnglish, { fr: accountsFrench });
