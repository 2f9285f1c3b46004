import { afterEach, describe, expect, it } from 'vitest';
import { httpErrorCodes } from '../../../shared/http-errors.js';
import { ErrorCodeSchema } from '../../../shared/protocol.js';
import { installTranslations } from '../intl/catalogue.js';
import { french } from '../intl/french.js';
import { currentLanguage } from '../intl/language.js';
import { errorsEnglish, errorText, refusalText } from './messages.js';

installTranslations('fr', french);
afterEach(() => {
  currentLanguage.value = 'en';
});

describe('error words', () => {
  it('exist for every code the server sends, over WebSocket and HTTP', () => {
    for (const code of [...ErrorCodeSchema.options, ...httpErrorCodes]) expect(Object.hasOwn(errorsEnglish, code), code).toBe(true);
  });

  it('are the browser’s for the codes it words itself, else the server’s sentence, in either language', () => {
    expect(refusalText('room_is_full', 'Room 12 is full.')).toBe('This meeting is full.');
    expect(refusalText('insufficient_credit', 'Green Bakery can pay at most 12.00 credits now.')).toBe(
      'Green Bakery can pay at most 12.00 credits now.',
    );
    expect(refusalText('room_is_full', 'Room 12 is full.', { preferServer: true })).toBe('Room 12 is full.');
    currentLanguage.value = 'fr';
    // The server wrote its sentence in the page's language (the fetch wrapper sends it as Accept-Language).
    expect(refusalText('plan_participants_limit', 'Cette réunion a atteint la limite de sa formule « Gratuit » : 5 personnes.')).toBe(
      'Cette réunion a atteint la limite de sa formule « Gratuit » : 5 personnes.',
    );
    expect(refusalText('room_is_full', 'La salle 12 est pleine.')).toBe('Cette réunion est complète.');
  });

  it('fall back to the catalogue’s words when the server said nothing', () => {
    currentLanguage.value = 'fr';
    expect(refusalText('insufficient_credit', ' ')).toBe(
      'Le payeur ne peut pas payer autant maintenant : c’est plus que son solde plus sa limite de crédit.',
    );
    expect(errorText('banned')).toBe('Vous avez été retiré de cette réunion et ne pouvez pas la rejoindre à nouveau.');
  });
});
