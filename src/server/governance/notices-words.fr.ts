import { translation } from '../../shared/icu.js';
import type { noticeEnglish } from './notices-words.js';

export const noticeFrench = translation<typeof noticeEnglish>()({
  opened_subject: 'Vote ouvert : {title}',
  opened_text:
    'Bonjour,\n\nLes membres de la coopérative votent sur « {title} » jusqu’au {closes}. Lisez, discutez et votez : {link}\n\nVous pouvez changer votre vote jusqu’à la clôture.',
  closing_subject: 'Plus qu’un jour pour voter : {title}',
  closing_text: 'Bonjour,\n\nLe vote sur « {title} » se clôt le {closes}. Si vous n’avez pas encore voté : {link}',
  outcome_subject: 'Résultat : {title}',
  outcome_text:
    'Bonjour,\n\nLe vote sur « {title} » est clos : {result, select, passed {la proposition est adoptée} failed {la proposition est rejetée} inquorate {trop peu de membres ont voté pour qu’il compte (quorum non atteint)} elected {les membres ont choisi} tie {il se termine par une égalité} other {son résultat est scellé}}. Le décompte, la participation et la déclaration de l’organisateur : {link}',
});
