/**
 * `request.language`: the language the server answers a request in — the best of `Accept-Language`
 * that Plenary speaks (the web client sends the language its pages are in), else English.
 * Computed on first read, once per request.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { type Language, languages } from '../../shared/languages.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language to answer in (see `http/language.ts`). */
    readonly language: Language;
  }
}

/** The language `Accept-Language` asks for among those Plenary speaks, else English. */
export function acceptedLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'en';
  const [best] = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages([...languages]);
  return (best as Language | undefined) ?? 'en';
}

const chosen = new WeakMap<FastifyRequest, Language>();

/** Decorates every request of `app` (call it on the root instance) with its `language`. */
export function installRequestLanguage(app: FastifyInstance): void {
  app.decorateRequest('language', {
    getter(this: FastifyRequest): Language {
      let language = chosen.get(this);
      if (!language) {
        language = acceptedLanguage(this.headers['accept-language']);
        chosen.set(this, language);
      }
      return language;
    },
  });
}
