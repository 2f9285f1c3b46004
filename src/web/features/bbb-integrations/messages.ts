/** Words of an organisation's BigBlueButton integrations panel. English is the source; French is in `messages.fr.ts`. */
import { defineCatalogue } from '../../app/intl/catalogue.js';

/** The English messages (ICU). */
export const bbbIntegrationsEnglish = {
  'integrations.heading': 'BigBlueButton integrations',
  'integrations.lead':
    'Connect your organisation’s own Moodle, Nextcloud or Greenlight: enter this URL and secret in its BigBlueButton settings. The meetings it creates are your organisation’s and count against its plan.',
  'integrations.loading': 'Loading the integration settings…',
  'integrations.apiUrl': 'API URL (Greenlight)',
  'integrations.serverUrl': 'Server URL (Moodle, Nextcloud)',
  'integrations.secret': 'Secret',
  'integrations.noSecret': 'No secret yet: make one to connect an integration.',
  'integrations.hidden': 'Hidden',
  'integrations.show': 'Show the secret',
  'integrations.hide': 'Hide the secret',
  'integrations.copy': 'Copy the secret',
  'integrations.copied': 'Secret copied.',
  'integrations.notCopied': 'The secret could not be copied: show it and select it instead.',
  'integrations.madeBy': 'Made on {date} by {name}.',
  'integrations.madeOn': 'Made on {date}.',
  'integrations.make': 'Make a secret',
  'integrations.made': 'Secret made. Enter it in your integration.',
  'integrations.rotate': 'Rotate the secret',
  'integrations.rotateQuestion':
    'Replace the secret? The current one stops working at once: every integration using it stops working until you enter the new secret in it.',
  'integrations.rotateYes': 'Replace the secret',
  'integrations.rotateNo': 'Keep the current secret',
  'integrations.rotated': 'New secret made. The old one no longer works: enter the new one in your integrations now.',
} as const;

/** The catalogue: `bbbIntegrationsMessages.t(key, parameters)`. */
export const bbbIntegrationsMessages = defineCatalogue('bbbIntegrations', bbbIntegrationsEnglish);

/** A message of this catalogue in the current language (see `Catalogue.t`). */
export const t = bbbIntegrationsMessages.t;
