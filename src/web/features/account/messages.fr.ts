/** French messages of the `account` catalogue: every English key, the same parameters. */
import { translation } from '../../app/intl/catalogue.js';
import type { accountEnglish } from './messages.js';

export const accountFrench = translation<typeof accountEnglish>()({
  'account.signUpTitle': 'Créer votre compte',
  'account.signUp': 'Créer un compte',
  'account.name': 'Votre nom',
  'account.email': 'Adresse e-mail',
  'account.password': 'Mot de passe',
  'account.newPassword': 'Nouveau mot de passe',
  'account.passwordHint':
    'Au moins 10 caractères et difficile à deviner : quelques mots peu courants conviennent bien. Ni votre nom ni votre e-mail.',
  'account.haveAccount': 'Vous avez déjà un compte ? Connectez-vous',
  'account.noAccount': 'Pas encore de compte ? Créez-en un',
  'account.checkEmailTitle': 'Consultez vos e-mails',
  'account.checkEmailBody':
    'Nous avons envoyé un message à {email}. Ouvrez le lien qu’il contient pour confirmer votre adresse, puis connectez-vous. Si cette adresse a déjà un compte, le message vous indique comment vous connecter ou réinitialiser votre mot de passe.',
  'account.logInTitle': 'Connexion',
  'account.logIn': 'Se connecter',
  'account.forgot': 'Mot de passe oublié ?',
  'account.working': 'Un instant…',
  'account.verifyTitle': 'Confirmer votre e-mail',
  'account.verified': 'Votre adresse e-mail est confirmée. Vous pouvez vous connecter.',
  'account.forgotTitle': 'Réinitialiser votre mot de passe',
  'account.sendReset': 'M’envoyer un lien de réinitialisation',
  'account.resetSent': 'Si un compte utilise {email}, un lien de réinitialisation est en route.',
  'account.resetTitle': 'Choisir un nouveau mot de passe',
  'account.setPassword': 'Enregistrer le mot de passe',
  'account.resetDone': 'Votre mot de passe est changé et toutes les sessions sont déconnectées.',
  'account.yourData': 'Vos données',
  'account.exportTitle': 'Exporter vos données',
  'account.exportBody':
    'Téléchargez tout ce que Plenary conserve à votre sujet : votre compte, vos organisations, vos salles et vos réunions planifiées.',
  'account.exportJson': 'Télécharger en JSON',
  'account.exportCsv': 'Télécharger en CSV',
  'account.deleteTitle': 'Supprimer votre compte',
  'account.deleteBody':
    'Votre nom, votre e-mail et votre mot de passe sont effacés. Les réunions et les registres de la coopérative restent, sans votre nom.',
  'account.delete': 'Supprimer mon compte',
  'account.deleteConfirm': 'Supprimer votre compte pour de bon ? C’est irréversible.',
  'account.deleteYes': 'Oui, le supprimer',
  'account.deleteNo': 'Garder mon compte',
  'account.singleSignOn': 'Se connecter avec {name}',
  'account.acceptTitle': 'Rejoindre une organisation',
  'account.acceptLogIn': 'Connectez-vous (ou créez un compte avec l’adresse e-mail invitée) pour accepter cette invitation.',
  'account.accepted': 'Vous avez rejoint l’organisation.',
});
