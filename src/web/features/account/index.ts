/** Accounts in the browser: the pages (sign up, log in, confirm, passwords, invitations, your data). */
export {
  AcceptInvitationPage,
  AccountSettingsPage,
  ForgotPasswordPage,
  LogInPage,
  ResetPasswordPage,
  SignUpPage,
  VerifyPage,
} from './AccountPages.js';
