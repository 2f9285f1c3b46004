/** Accounts in the browser: the pages (sign up, log in, confirm, passwords, invitations, your data) and the home page's account links. */
export { AccountNav } from './AccountNav.js';
export {
  AcceptInvitationPage,
  AccountSettingsPage,
  ForgotPasswordPage,
  LogInPage,
  ResetPasswordPage,
  SignUpPage,
  VerifyPage,
} from './AccountPages.js';
