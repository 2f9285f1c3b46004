import { translation } from '../../shared/icu.js';
import type { httpEnglish } from './words.js';

export const httpFrench = translation<typeof httpEnglish>()({
  invalid_request_at: 'La requête n’est pas valide : {where}{problem}.',
  invalid_json: 'Le corps de la requête n’est pas du JSON valide.',
  rate_limited: 'Trop de requêtes ; patientez un instant puis réessayez.',
  unsupported_media_type: 'Envoyez le corps de la requête en application/json.',
  request_too_large: 'Le corps de la requête est trop volumineux.',
  bad_request: 'La requête n’a pas pu être comprise.',
  internal_error: 'Un problème est survenu de notre côté ; veuillez réessayer.',
  cross_origin_refused: 'Cette requête doit venir de ce site.',
  cross_origin_join_refused: 'On ne peut rejoindre les réunions que depuis ce site.',
  not_found: 'Il n’y a rien à cette adresse.',
  api_turned_off: 'L’{name} est désactivée : aucun {setting} n’est configuré.',
  authentication_required: 'Envoyez le jeton de l’{name} sous la forme « Authorization: Bearer <{setting}> ».',
  invalid_api_token: 'Ce jeton d’API n’est pas valide.',
});
