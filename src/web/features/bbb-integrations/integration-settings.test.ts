/** The integrations panel's pure rules. */
import { describe, expect, it } from 'vitest';
import { apiIsOff, maskedSecret, serverUrlOf } from './integration-settings.js';

describe('the integrations panel', () => {
  it('gives Moodle and Nextcloud the API URL without its api/, as they add it', () => {
    expect(serverUrlOf({ apiUrl: 'https://meet.example.coop/bigbluebutton/api/' })).toBe('https://meet.example.coop/bigbluebutton/');
    expect(serverUrlOf({ apiUrl: 'https://meet.example.coop/bigbluebutton/api' })).toBe('https://meet.example.coop/bigbluebutton/');
  });

  it('hides a secret behind dots, never more than 24, never its characters', () => {
    const secret = 'A'.repeat(48);
    expect(maskedSecret(secret)).toBe('•'.repeat(24));
    expect(maskedSecret('abc')).toBe('•••');
    expect(maskedSecret(secret)).not.toContain('A');
  });

  it('takes only the missing route for the API being off, not a refusal', () => {
    expect(apiIsOff({ status: 404, code: 'not_found' })).toBe(true);
    expect(apiIsOff({ status: 404, code: 'organisation_not_found' })).toBe(false);
    expect(apiIsOff({ status: 403, code: 'role_required' })).toBe(false);
    expect(apiIsOff({ status: 0, code: 'network_error' })).toBe(false);
  });
});
