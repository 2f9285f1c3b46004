/** French messages of the `home` catalogue: every English key, the same parameters. */
import { translation } from '../../app/intl/catalogue.js';
import type { homeEnglish } from './messages.js';

export const homeFrench = translation<typeof homeEnglish>()({
  'home.title': 'Lancer une réunion',
  'home.lead': 'Des réunions vidéo privées dans votre navigateur, gérées par une coopérative. Pas besoin de compte pour participer.',
  'home.newMeeting': 'Nouvelle réunion',
  'home.creating': 'Création de votre réunion…',
  'home.createFailed': 'La réunion n’a pas pu être créée : {reason}',
  'home.joinLabel': 'Vous avez un lien ? Collez-le ici',
  'home.join': 'Rejoindre',
  'home.joinInvalid': 'Ce n’est pas un lien de réunion Plenary.',
  'home.documentTitle': 'Des réunions privées, gérées par une coopérative',
  'home.headline': 'Des réunions privées, gérées par une coopérative qui appartient à ses membres',
  'home.intro':
    'Plenary est une coopérative de réunions en ligne : les personnes et les organisations qui l’utilisent la possèdent, la font tourner et décident de son avenir. Des réunions vidéo dans votre navigateur, sur des serveurs alimentés en énergie renouvelable, payées en argent ou en crédit mutuel.',
  'home.aboutLink': 'Comment fonctionne la coopérative',
  'home.why': 'Pourquoi se réunir ici',
  'home.private.title': 'Privé par conception',
  'home.private.body':
    'La coopérative ne regarde jamais ce qui se dit en réunion. Aucun pistage, aucune publicité, et rien n’est chargé depuis les serveurs de quelqu’un d’autre.',
  'home.renewable.title': 'Énergie renouvelable',
  'home.renewable.body':
    'Les réunions tournent sur des serveurs alimentés en électricité renouvelable, sur du matériel que la coopérative choisit et entretient.',
  'home.credit.title': 'Argent ou crédit mutuel',
  'home.credit.body':
    'Payez votre formule en argent, ou en crédits que votre entreprise gagne en échangeant avec les autres membres du réseau.',
  'home.owned.title': 'À ses membres',
  'home.owned.body':
    'Un membre, une voix. La coopérative est un prestataire, pas un censeur : elle rend des comptes à celles et ceux qui l’utilisent.',
  'home.join.title': 'Rejoindre la coopérative',
  'home.member.title': 'Comme membre',
  'home.member.body':
    'Ouvrez un compte pour garder des salles aux liens stables pour votre organisation, planifier des réunions et envoyer des invitations, et donner votre avis sur la marche de la coopérative.',
  'home.member.signUp': 'Ouvrir un compte',
  'home.member.rooms': 'Aller à vos salles',
  'home.business.title': 'Comme entreprise du réseau d’échange',
  'home.business.body':
    'Les entreprises du réseau de crédit mutuel échangent entre elles sans argent liquide : vendez à d’autres membres, gagnez des crédits, et dépensez-les pour ce que les autres membres proposent — y compris les réunions de cette coopérative.',
  'home.business.link': 'Découvrir le réseau',
  'about.title': 'À propos de la coopérative',
  'about.lead':
    'Plenary est une coopérative de plateforme : un service commun possédé et gouverné par celles et ceux qui l’utilisent, et non par des investisseurs.',
  'about.owned.title': 'À qui elle appartient',
  'about.owned.body':
    'À ses membres : les personnes et les organisations qui tiennent leurs réunions ici, et les membres opérationnels qui font tourner les serveurs. Chaque membre a une voix, quel que soit ce qu’il paie.',
  'about.private.title': 'Ce que nous promettons pour vos réunions',
  'about.private.body':
    'Les appels sont privés. La coopérative est un prestataire de service, pas un organe de censure : elle ne surveille pas qui dit quoi, et ne ferme aucun compte sans raison donnée ni possibilité de se défendre. Les pages ne chargent rien d’autres entreprises — ni polices, ni statistiques, ni publicités. Chaque membre peut télécharger ou supprimer ses données.',
  'about.green.title': 'Où elle tourne',
  'about.green.body':
    'Sur quelques serveurs alimentés en électricité renouvelable, choisis et gérés par les membres opérationnels de la coopérative, et d’autres s’ajoutent à mesure qu’elle grandit. Le logiciel est libre : chacun peut le vérifier ou faire tourner le sien.',
  'about.credit.title': 'Comment elle est financée',
  'about.credit.body':
    'Les membres paient leur formule en argent ou en crédit mutuel. Les entreprises du réseau d’échange peuvent s’abonner en crédits plutôt qu’en euros, et la coopérative dépense les crédits qu’elle gagne auprès d’autres membres du réseau — pour ses serveurs, son design, sa communication.',
  'about.start': 'Lancer une réunion',
  'about.network': 'Le réseau d’échange',
});
