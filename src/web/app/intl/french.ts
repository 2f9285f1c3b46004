/**
 * Every French catalogue, in one chunk loaded only when French is chosen (see `chooseLanguage`).
 * Each catalogue's name is a key here, so a catalogue without French does not compile.
 */

import type { Translation } from '../../../shared/icu-types.js';
import { accountFrench } from '../../features/account/messages.fr.js';
import type { accountEnglish } from '../../features/account/messages.js';
import { assembliesFrench } from '../../features/assemblies/messages.fr.js';
import type { assembliesEnglish } from '../../features/assemblies/messages.js';
import { bbbFrench } from '../../features/bbb/messages.fr.js';
import type { bbbEnglish } from '../../features/bbb/messages.js';
import { bbbIntegrationsFrench } from '../../features/bbb-integrations/messages.fr.js';
import type { bbbIntegrationsEnglish } from '../../features/bbb-integrations/messages.js';
import { billingFrench } from '../../features/billing/messages.fr.js';
import type { billingEnglish } from '../../features/billing/messages.js';
import { usageFrench } from '../../features/billing/usage-words.fr.js';
import type { usageEnglish } from '../../features/billing/usage-words.js';
import { breakoutsFrench } from '../../features/breakouts/messages.fr.js';
import type { breakoutsEnglish } from '../../features/breakouts/messages.js';
import { dashboardFrench } from '../../features/dashboard/messages.fr.js';
import type { dashboardEnglish } from '../../features/dashboard/messages.js';
import { financesFrench } from '../../features/finances/messages.fr.js';
import type { financesEnglish } from '../../features/finances/messages.js';
import { governanceFrench } from '../../features/governance/messages.fr.js';
import type { governanceEnglish } from '../../features/governance/messages.js';
import { homeFrench } from '../../features/home/messages.fr.js';
import type { homeEnglish } from '../../features/home/messages.js';
import { meetingFrench } from '../../features/meeting/messages.fr.js';
import type { meetingEnglish } from '../../features/meeting/messages.js';
import { networkFrench } from '../../features/network/messages.fr.js';
import type { networkEnglish } from '../../features/network/messages.js';
import { notesFrench } from '../../features/notes/messages.fr.js';
import type { notesEnglish } from '../../features/notes/messages.js';
import { operatorFrench } from '../../features/operator/messages.fr.js';
import type { operatorEnglish } from '../../features/operator/messages.js';
import { organisationFrench } from '../../features/organisation/messages.fr.js';
import type { organisationEnglish } from '../../features/organisation/messages.js';
import { pollsFrench } from '../../features/polls/messages.fr.js';
import type { pollsEnglish } from '../../features/polls/messages.js';
import { prejoinFrench } from '../../features/prejoin/messages.fr.js';
import type { prejoinEnglish } from '../../features/prejoin/messages.js';
import { presentationFrench } from '../../features/presentation/messages.fr.js';
import type { presentationEnglish } from '../../features/presentation/messages.js';
import { roomFrench } from '../../features/room/messages.fr.js';
import type { roomEnglish } from '../../features/room/messages.js';
import { roomSettingsFrench } from '../../features/room-settings/messages.fr.js';
import type { roomSettingsEnglish } from '../../features/room-settings/messages.js';
import { sanctionsFrench } from '../../features/sanctions/messages.fr.js';
import type { sanctionsEnglish } from '../../features/sanctions/messages.js';
import { treasuryFrench } from '../../features/treasury/messages.fr.js';
import type { treasuryEnglish } from '../../features/treasury/messages.js';
import { whiteboardFrench } from '../../features/whiteboard/messages.fr.js';
import type { whiteboardEnglish } from '../../features/whiteboard/messages.js';
import { errorsFrench } from '../errors/messages.fr.js';
import type { errorsEnglish } from '../errors/messages.js';
import { appFrench } from '../messages.fr.js';
import type { appEnglish } from '../messages.js';

/** The French catalogues by name. */
export const french: {
  account: Translation<typeof accountEnglish>;
  assemblies: Translation<typeof assembliesEnglish>;
  bbb: Translation<typeof bbbEnglish>;
  bbbIntegrations: Translation<typeof bbbIntegrationsEnglish>;
  billing: Translation<typeof billingEnglish>;
  app: Translation<typeof appEnglish>;
  errors: Translation<typeof errorsEnglish>;
  finances: Translation<typeof financesEnglish>;
  dashboard: Translation<typeof dashboardEnglish>;
  governance: Translation<typeof governanceEnglish>;
  organisation: Translation<typeof organisationEnglish>;
  operator: Translation<typeof operatorEnglish>;
  home: Translation<typeof homeEnglish>;
  meeting: Translation<typeof meetingEnglish>;
  network: Translation<typeof networkEnglish>;
  notes: Translation<typeof notesEnglish>;
  polls: Translation<typeof pollsEnglish>;
  breakouts: Translation<typeof breakoutsEnglish>;
  presentation: Translation<typeof presentationEnglish>;
  prejoin: Translation<typeof prejoinEnglish>;
  room: Translation<typeof roomEnglish>;
  roomSettings: Translation<typeof roomSettingsEnglish>;
  sanctions: Translation<typeof sanctionsEnglish>;
  treasury: Translation<typeof treasuryEnglish>;
  usage: Translation<typeof usageEnglish>;
  whiteboard: Translation<typeof whiteboardEnglish>;
} = {
  account: accountFrench,
  assemblies: assembliesFrench,
  bbb: bbbFrench,
  bbbIntegrations: bbbIntegrationsFrench,
  billing: billingFrench,
  app: appFrench,
  errors: errorsFrench,
  finances: financesFrench,
  dashboard: dashboardFrench,
  governance: governanceFrench,
  organisation: organisationFrench,
  operator: operatorFrench,
  home: homeFrench,
  meeting: meetingFrench,
  network: networkFrench,
  notes: notesFrench,
  polls: pollsFrench,
  breakouts: breakoutsFrench,
  presentation: presentationFrench,
  prejoin: prejoinFrench,
  room: roomFrench,
  roomSettings: roomSettingsFrench,
  sanctions: sanctionsFrench,
  treasury: treasuryFrench,
  usage: usageFrench,
  whiteboard: whiteboardFrench,
};
