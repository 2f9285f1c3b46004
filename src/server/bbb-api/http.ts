/**
 * `/bigbluebutton/api/*`: the BigBlueButton API over HTTP. Off (every path is the app's 404)
 * without `BBB_API_SECRET`. Every answer is XML with status 200, as BigBlueButton answers, but an
 * unknown call or method (404 / 405, still XML) and a `join` that redirects the browser (302).
 * The root answers the API version without a checksum; every call needs one.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { bbbApiLimits } from '../../shared/limits.js';
import type { BbbApi } from './bbb-api.js';
import { type CallAnswer, callMethods, calls, failed, succeeded } from './calls.js';
import { bbbFailure } from './messages.js';
import { readApiRequest } from './request.js';
import { successXml } from './xml.js';

/** What the API's routes need. */
export interface BbbApiHttpOptions {
  api: BbbApi;
  /** This server's public address (`PUBLIC_URL`) given the request's origin: join redirects point there. */
  siteUrl: (requestOrigin: string) => string;
}

/** BigBlueButton's API version this server speaks. */
export const apiVersion = '2.0';

const prefix = '/bigbluebutton/api';

/** The API's routes: the version at the root, every call at `/bigbluebutton/api/<call>`. Registers nothing without a secret. */
export const bbbApiHttp: FastifyPluginAsync<BbbApiHttpOptions> = async (app, options) => {
  const { api } = options;
  if (!api.settings.secret) return;
  // Form and XML bodies arrive as text (read only by `readApiRequest`); no body parser can fail a call with HTML or JSON.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: bbbApiLimits.bodyBytesMax }, (_request, body, done) => done(null, body));
  // A request that cannot be read (a body too large…) is still answered in the API's XML; a fault
  // of the server (the database…) is a 500, in XML too, and logged.
  app.setErrorHandler(async (error, request, reply) => {
    const status = typeof error === 'object' && error !== null && 'statusCode' in error ? Number(error.statusCode) : 500;
    if (status >= 400 && status < 500) {
      request.log.debug({ err: error }, 'a BigBlueButton API request could not be read');
      return send(reply, 'other', failed(bbbFailure('validationError', 'The request could not be read.')), api);
    }
    request.log.error({ err: error }, 'a BigBlueButton API call failed');
    return send(reply.code(500), callOf(request), failed(bbbFailure('internalError')), api);
  });

  const version = async (_request: FastifyRequest, reply: FastifyReply) =>
    send(reply, 'version', succeeded(successXml({ version: apiVersion, apiVersion, bbbVersion: '' })), api);
  app.get(prefix, version);
  app.get(`${prefix}/`, version);

  app.route<{ Params: { call?: string; hookCall?: string } }>({
    method: ['GET', 'POST'],
    url: `${prefix}/hooks/:hookCall`,
    handler: async (request, reply) => route(request, reply, `hooks/${request.params.hookCall ?? ''}`),
  });
  app.route<{ Params: { call?: string; hookCall?: string } }>({
    method: ['GET', 'POST'],
    url: `${prefix}/:call`,
    handler: async (request, reply) => route(request, reply, request.params.call ?? ''),
  });

  /** Answers the call `name`: unknown ones and wrong methods in XML too. */
  async function route(request: FastifyRequest, reply: FastifyReply, name: string): Promise<FastifyReply> {
    if (!Object.hasOwn(calls, name) || !Object.hasOwn(callMethods, name)) {
      return send(reply.code(404), 'other', failed(bbbFailure('unsupportedRequest')), api);
    }
    if (!callMethods[name]?.includes(request.method as 'GET' | 'POST')) {
      return send(
        reply.code(405),
        name,
        failed(bbbFailure('unsupportedRequest', `${name} answers ${callMethods[name]?.join(' and ')} only.`)),
        api,
      );
    }
    return send(reply, name, await answer(request, name, options), api);
  }
};

/** The call a request names (for the metrics), `other` when none. */
function callOf(request: FastifyRequest): string {
  const params = request.params as { call?: unknown; hookCall?: unknown } | undefined;
  if (typeof params?.hookCall === 'string') return `hooks/${params.hookCall}`;
  return typeof params?.call === 'string' ? params.call : 'other';
}

/** Reads the call, finds whose secret signed it (the operator's or an organisation's), and runs it for them. */
async function answer(request: FastifyRequest, name: string, options: BbbApiHttpOptions): Promise<CallAnswer> {
  const { api } = options;
  const read = readApiRequest({
    rawQuery: request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '',
    body: typeof request.body === 'string' ? request.body : undefined,
    contentType: request.headers['content-type'],
  });
  if (!read.ok) return failed(read);
  const { params, signedQuery, checksum } = read.value;
  const signer = checksum ? await api.signerOf(name, signedQuery, checksum.trim()) : undefined;
  if (!signer) return failed(bbbFailure('checksumError'));
  const call = calls[name];
  if (!call) return failed(bbbFailure('unsupportedRequest'));
  return call({ api, signer, params, siteUrl: options.siteUrl(`${request.protocol}://${request.host}`) });
}

function send(reply: FastifyReply, call: string, answer: CallAnswer, api: BbbApi): FastifyReply {
  api.metrics.count(call, answer.returncode);
  reply.header('cache-control', 'no-cache');
  if (answer.kind === 'redirect') return reply.redirect(answer.location, 302);
  return reply.type('text/xml; charset=utf-8').send(answer.xml);
}
