/** Words of the account pages: sign up, log in, email confirmation, passwords, invitations, your data. English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const accountEnglish = {
  'account.signUpTitle': 'Create your account',
  'account.signUp': 'Sign up',
  'account.name': 'Your name',
  'account.email': 'Email address',
  'account.password': 'Password',
  'account.newPassword': 'New password',
  'account.passwordHint': 'At least 10 characters and hard to guess: a few uncommon words work well. Not your name or email.',
  'account.haveAccount': 'Already have an account? Log in',
  'account.noAccount': 'No account yet? Sign up',
  'account.checkEmailTitle': 'Check your email',
  'account.checkEmailBody':
    'We sent a message to {email}. Open the link in it to confirm your address, then log in. If this address already has an account, the message tells you how to log in or reset your password.',
  'account.logInTitle': 'Log in',
  'account.logIn': 'Log in',
  'account.forgot': 'Forgot your password?',
  'account.working': 'One moment…',
  'account.verifyTitle': 'Confirm your email',
  'account.verified': 'Your email address is confirmed. You can log in now.',
  'account.forgotTitle': 'Reset your password',
  'account.sendReset': 'Send me a reset link',
  'account.resetSent': 'If an account uses {email}, a reset link is on its way.',
  'account.resetTitle': 'Choose a new password',
  'account.setPassword': 'Set password',
  'account.resetDone': 'Your password is changed and every session is logged out.',
  'account.yourData': 'Your data',
  'account.exportTitle': 'Export your data',
  'account.exportBody': 'Download everything Plenary holds about you: your account, organisations, rooms and scheduled meetings.',
  'account.exportJson': 'Download as JSON',
  'account.exportCsv': 'Download as CSV',
  'account.deleteTitle': 'Delete your account',
  'account.deleteBody': 'Your name, email and password are removed. Meetings and the co-op’s records stay, without your name.',
  'account.delete': 'Delete my account',
  'account.deleteConfirm': 'Delete your account for good? This cannot be undone.',
  'account.deleteYes': 'Yes, delete it',
  'account.deleteNo': 'Keep my account',
  'account.singleSignOn': 'Sign in with {name}',
  'account.acceptTitle': 'Join an organisation',
  'account.acceptLogIn': 'Log in (or sign up with the invited email address) to accept this invitation.',
  'account.accepted': 'You have joined the organisation.',
} as const;

/** The catalogue: `accountMessages.t(key, parameters)`. */
export const accountMessages = defineCatalogue('account', accountEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = accountMessages.t;
