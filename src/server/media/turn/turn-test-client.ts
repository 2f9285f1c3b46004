/**
 * A minimal TURN client over UDP for tests (RFC 5389 STUN, RFC 8656 TURN): Allocate with the
 * long-term credential mechanism, and CreatePermission, written byte by byte. Not used in production.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

const magicCookie = 0x2112a442;
const method = { binding: 0x0001, allocate: 0x0003, refresh: 0x0004, createPermission: 0x0008 } as const;
const attribute = {
  username: 0x0006,
  messageIntegrity: 0x0008,
  errorCode: 0x0009,
  realm: 0x0014,
  nonce: 0x0015,
  xorPeerAddress: 0x0012,
  xorRelayedAddress: 0x0016,
  lifetime: 0x000d,
  requestedTransport: 0x0019,
} as const;

/** A decoded STUN response. */
export interface StunResponse {
  /** `success` or `error` (class bits of the message type). */
  kind: 'success' | 'error';
  /** The ERROR-CODE's number (401, 403, 438…), on errors. */
  errorCode: number | undefined;
  attributes: Map<number, Buffer>;
}

function encodeAttribute(type: number, value: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(type, 0);
  header.writeUInt16BE(value.length, 2);
  const padding = Buffer.alloc((4 - (value.length % 4)) % 4);
  return Buffer.concat([header, value, padding]);
}

/** Encodes a request; with `key`, appends MESSAGE-INTEGRITY (HMAC-SHA1 over all before it, length counting it). */
function encodeRequest(type: number, attributes: [number, Buffer][], key?: Buffer): Buffer {
  const body = Buffer.concat(attributes.map(([attributeType, value]) => encodeAttribute(attributeType, value)));
  const header = Buffer.alloc(20);
  header.writeUInt16BE(type, 0);
  header.writeUInt16BE(body.length + (key ? 24 : 0), 2);
  header.writeUInt32BE(magicCookie, 4);
  randomBytes(12).copy(header, 8);
  const message = Buffer.concat([header, body]);
  if (!key) return message;
  const integrity = createHmac('sha1', key).update(message).digest();
  return Buffer.concat([message, encodeAttribute(attribute.messageIntegrity, integrity)]);
}

function decodeResponse(message: Buffer): StunResponse {
  const type = message.readUInt16BE(0);
  const length = message.readUInt16BE(2);
  const attributes = new Map<number, Buffer>();
  for (let offset = 20; offset + 4 <= 20 + length; ) {
    const attributeType = message.readUInt16BE(offset);
    const attributeLength = message.readUInt16BE(offset + 2);
    attributes.set(attributeType, message.subarray(offset + 4, offset + 4 + attributeLength));
    offset += 4 + attributeLength + ((4 - (attributeLength % 4)) % 4);
  }
  const isError = (type & 0x0110) === 0x0110;
  const errorValue = attributes.get(attribute.errorCode);
  const errorCode = errorValue ? ((errorValue[2] ?? 0) & 0x07) * 100 + (errorValue[3] ?? 0) : undefined;
  return { kind: isError ? 'error' : 'success', errorCode, attributes };
}

/** The XOR-PEER-ADDRESS value of an IPv4 address and port. */
function xorAddress(address: string, port: number): Buffer {
  const value = Buffer.alloc(8);
  value.writeUInt8(0x01, 1);
  value.writeUInt16BE(port ^ (magicCookie >>> 16), 2);
  const octets = address.split('.').map(Number);
  value.writeUInt32BE(
    ((((octets[0] ?? 0) << 24) | ((octets[1] ?? 0) << 16) | ((octets[2] ?? 0) << 8) | (octets[3] ?? 0)) ^ magicCookie) >>> 0,
    4,
  );
  return value;
}

/** Decodes an XOR-…-ADDRESS (IPv4) to `address:port`. */
export function decodeXorAddress(value: Buffer): string {
  const port = value.readUInt16BE(2) ^ (magicCookie >>> 16);
  const raw = (value.readUInt32BE(4) ^ magicCookie) >>> 0;
  return `${raw >>> 24}.${(raw >>> 16) & 255}.${(raw >>> 8) & 255}.${raw & 255}:${port}`;
}

/** One UDP client of a TURN server at `host:port`. Call `close()` when done. */
export class TurnTestClient {
  private readonly socket: Socket = createSocket('udp4');
  private realm: Buffer = Buffer.alloc(0);
  private nonce: Buffer = Buffer.alloc(0);
  private key: Buffer = Buffer.alloc(0);
  private username = '';

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  private exchange(request: Buffer, timeoutMs = 1_000): Promise<StunResponse | undefined> {
    return new Promise((resolve) => {
      const transactionId = request.subarray(8, 20);
      const onMessage = (message: Buffer) => {
        if (message.length < 20 || !message.subarray(8, 20).equals(transactionId)) return;
        clearTimeout(timer);
        this.socket.off('message', onMessage);
        resolve(decodeResponse(message));
      };
      const timer = setTimeout(() => {
        this.socket.off('message', onMessage);
        resolve(undefined);
      }, timeoutMs);
      this.socket.on('message', onMessage);
      this.socket.send(request, this.port, this.host);
    });
  }

  /** Sends Binding requests until one is answered (the server is up) or `timeoutMs` passes. */
  async waitUntilAnswering(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await this.exchange(encodeRequest(method.binding, []), 250)) return true;
    }
    return false;
  }

  /**
   * Allocates a UDP relay with `username`/`password`: the first, unauthenticated request learns
   * the realm and nonce from the 401; the second carries USERNAME, REALM, NONCE and
   * MESSAGE-INTEGRITY keyed with MD5(username:realm:password). Returns the second response.
   */
  async allocate(username: string, password: string): Promise<StunResponse | undefined> {
    const transport: [number, Buffer] = [attribute.requestedTransport, Buffer.from([17, 0, 0, 0])];
    const challenge = await this.exchange(encodeRequest(method.allocate, [transport]));
    if (challenge?.errorCode !== 401) return challenge;
    this.realm = challenge.attributes.get(attribute.realm) ?? Buffer.alloc(0);
    this.nonce = challenge.attributes.get(attribute.nonce) ?? Buffer.alloc(0);
    this.key = createHash('md5')
      .update(`${username}:${this.realm.toString('utf8')}:${password}`)
      .digest();
    this.username = username;
    return this.exchange(encodeRequest(method.allocate, [transport, ...this.credentials()], this.key));
  }

  private credentials(): [number, Buffer][] {
    return [
      [attribute.username, Buffer.from(this.username, 'utf8')],
      [attribute.realm, this.realm],
      [attribute.nonce, this.nonce],
    ];
  }

  /** Asks, on the allocation made by `allocate`, for a permission to reach `address` (IPv4). */
  createPermission(address: string, port = 9): Promise<StunResponse | undefined> {
    return this.exchange(
      encodeRequest(method.createPermission, [[attribute.xorPeerAddress, xorAddress(address, port)], ...this.credentials()], this.key),
    );
  }

  /** Refreshes the allocation made by `allocate` for `lifetimeSeconds` (0 releases it). */
  refresh(lifetimeSeconds: number): Promise<StunResponse | undefined> {
    const lifetime = Buffer.alloc(4);
    lifetime.writeUInt32BE(lifetimeSeconds, 0);
    return this.exchange(encodeRequest(method.refresh, [[attribute.lifetime, lifetime], ...this.credentials()], this.key));
  }

  /** The relayed address of a successful Allocate response, `address:port`. */
  static relayedAddressOf(response: StunResponse): string | undefined {
    const value = response.attributes.get(attribute.xorRelayedAddress);
    return value ? decodeXorAddress(value) : undefined;
  }

  close(): void {
    this.socket.close();
  }
}
