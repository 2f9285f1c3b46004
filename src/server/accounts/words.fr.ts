import { translation } from '../../shared/icu.js';
import type { accountsEnglish } from './words.js';

export const accountsFrench = translation<typeof accountsEnglish>()({
  not_signed_in: 'Connectez-vous pour faire ceci.',
  csrf_token_invalid: 'Il manque à cette requête son jeton de sécurité ; rechargez la page et réessayez.',
  invalid_credentials: 'L’adresse e-mail ou le mot de passe est incorrect.',
  wrong_password: 'Le mot de passe est incorrect.',
  email_not_verified: 'Confirmez d’abord votre adresse e-mail : ouvrez le lien que nous vous avons envoyé.',
  login_locked:
    'Trop de tentatives échouées. Réessayez dans {seconds, plural, one {# seconde} other {# secondes}}, ou réinitialisez votre mot de passe.',
  password_too_short: 'Le mot de passe doit comporter au moins {min, number} caractères.',
  password_too_weak: 'Ce mot de passe est trop facile à deviner. {advice}',
  password_too_weak_no_advice:
    'Ce mot de passe est trop facile à deviner. Ajoutez un ou deux mots ; les mots peu courants sont les meilleurs.',
  password_check_unavailable: 'Le mot de passe n’a pas pu être vérifié pour l’instant ; réessayez dans un moment.',
  link_invalid: 'Ce lien n’est pas valide. Demandez-en un nouveau.',
  link_used: 'Ce lien a déjà été utilisé. Demandez-en un nouveau.',
  link_expired: 'Ce lien a expiré. Demandez-en un nouveau.',
  account_deleted: 'Le compte lié à cette connexion a été supprimé.',
  account_not_opened: 'Le compte n’a pas pu être ouvert.',
  sso_email_not_verified:
    'Votre fournisseur de connexion n’a pas confirmé d’adresse e-mail ; aucun compte ne peut donc être ouvert avec elle.',
  sso_other_browser: 'Cette connexion n’a pas commencé dans ce navigateur ; réessayez.',
  sso_expired: 'Cette connexion a expiré ; réessayez.',
  sso_failed: 'Le fournisseur de connexion n’a pas confirmé votre identité ; réessayez.',
  sso_unavailable: 'Le fournisseur de connexion est injoignable ; réessayez plus tard.',
  sign_up_notice_subject: 'Quelqu’un a tenté de s’inscrire à Plenary avec votre adresse e-mail',
  sign_up_notice_text:
    'Bonjour {name},\n\nQuelqu’un, peut-être vous, a tenté d’ouvrir un compte Plenary avec cette adresse e-mail. Elle a déjà un compte : rien n’a donc été modifié.\n\nSi c’était vous, connectez-vous :\n\n{logInLink}\n\nSi vous avez oublié votre mot de passe, choisissez-en un nouveau :\n\n{resetLink}\n\nSi ce n’était pas vous, ignorez ce message : votre compte et votre mot de passe restent tels quels.\n',
  verify_subject: 'Confirmez votre adresse e-mail pour Plenary',
  verify_text:
    'Bonjour {name},\n\nConfirmez votre adresse e-mail en ouvrant ce lien :\n\n{link}\n\nLe lien est valable 48 heures. Si vous ne vous êtes pas inscrit, ignorez ce message.\n',
  reset_subject: 'Réinitialisez votre mot de passe Plenary',
  reset_text:
    'Bonjour {name},\n\nChoisissez un nouveau mot de passe en ouvrant ce lien :\n\n{link}\n\nLe lien est valable une heure. Si vous ne l’avez pas demandé, ignorez ce message.\n',
});
