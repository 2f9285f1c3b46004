/** What the integrations panel shows, worked out from the server's view (pure, tested). */
import type { BbbIntegrationView } from '../../../shared/bbb-integrations-api.js';
import type { ApiFailure } from '../../app/api.js';

/**
 * The server URL Moodle and Nextcloud ask for: the API URL without its last `api/`
 * (`https://meet.example.coop/bigbluebutton/`); they add `api/` themselves. Greenlight takes the API URL.
 */
export function serverUrlOf(view: Pick<BbbIntegrationView, 'apiUrl'>): string {
  return view.apiUrl.replace(/api\/?$/, '');
}

/** The secret as shown while hidden: as many dots as it has characters, at most 24. */
export function maskedSecret(secret: string): string {
  return '•'.repeat(Math.min(secret.length, 24));
}

/** Whether a failure to read the view means the BigBlueButton API is off on this server (its routes are not there): then the panel is not shown. */
export function apiIsOff(failure: Pick<ApiFailure, 'status' | 'code'>): boolean {
  return failure.status === 404 && failure.code === 'not_found';
}
