import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { ByteReader, ByteWriter } from './bytes.ts';
import { decodeBase64 } from './base64.ts';
import { TokenError } from './errors.ts';
import { privilegeEntries, type PrivilegesInput } from './token006.ts';
import { SERVICE_TYPE, isKnownServiceType, serviceName } from './services.ts';

/**
 * AccessToken2 "007" (reference 2.3):
 *   "007" + base64( zlib( bytes signature, signing_info ) )
 *   signing_info = string appId, u32 issueTs, u32 expire, u32 salt, u16 n, n × service
 *   service = u16 type, map32 {privilegeId: seconds after issueTs, 0 = never}, payload by type
 *   signature = HMAC(HMAC(HMAC(u32le(issueTs), cert), u32le(salt)) as key, signing_info)
 */

export const VERSION_007 = '007';
/** Inflated content larger than this is refused: a real token is well under 1 KiB. */
const MAX_CONTENT_BYTES = 1 << 20;

/** One 007 privilege: seconds after issueTs, 0 = never expires. */
export interface Privilege007 {
  id: number;
  expire: number;
}

interface ServiceBase<T extends number> {
  type: T;
  privileges: Privilege007[];
}

export interface RtcService extends ServiceBase<typeof SERVICE_TYPE.RTC> {
  channelName: string;
  /** "" is the wildcard (numeric uid 0). */
  uid: string;
}
export interface RtmService extends ServiceBase<typeof SERVICE_TYPE.RTM> {
  userId: string;
}
export interface StreamingService extends ServiceBase<typeof SERVICE_TYPE.STREAMING> {
  channelName: string;
  account: string;
}
export type FpaService = ServiceBase<typeof SERVICE_TYPE.FPA>;
export interface ChatService extends ServiceBase<typeof SERVICE_TYPE.CHAT> {
  userId: string;
}
export interface FcdnService extends ServiceBase<typeof SERVICE_TYPE.FCDN> {
  channelName: string;
  account: string;
}
export interface ApaasService extends ServiceBase<typeof SERVICE_TYPE.APAAS> {
  roomUuid: string;
  userUuid: string;
  /** Signed 16-bit on the wire. */
  role: number;
}
/** RTM2 resource permissions: per resource type, per permission type, a list of resource names. */
export interface Rtm2Permission {
  resourceType: number;
  permissions: { permissionType: number; resources: string[] }[];
}
export interface Rtm2Service extends ServiceBase<typeof SERVICE_TYPE.RTM2> {
  userId: string;
  permissions: Rtm2Permission[];
}
export type ConvoAiService = ServiceBase<typeof SERVICE_TYPE.CONVOAI>;
export type SttService = ServiceBase<typeof SERVICE_TYPE.STT>;

/** A decoded 007 service, discriminated by `type` (1–10). */
export type Service007 =
  | RtcService
  | RtmService
  | StreamingService
  | FpaService
  | ChatService
  | FcdnService
  | ApaasService
  | Rtm2Service
  | ConvoAiService
  | SttService;

/** Encoder form of a service: privileges may also be given as an id → seconds object. */
export type Service007Input = WithPrivilegesInput<Service007>;
/** Distributes over the union so each member keeps its own payload fields. */
type WithPrivilegesInput<S> = S extends Service007 ? Omit<S, 'privileges'> & { privileges: PrivilegesInput<Privilege007> } : never;

/** Raw bytes from an unknown service type on, kept when decoding with `unknownServices: 'keep'`. */
export interface UnparsedServices {
  /** The first unknown service type met. */
  type: number;
  /** Service bytes from that type on (the wire gives no length, so nothing after it can be parsed). */
  bytes: Buffer;
}

/** A decoded 007 token. */
export interface Decoded007 {
  version: '007';
  /** HMAC-SHA256 as stored (32 bytes in a well-formed token). */
  signature: Buffer;
  appId: string;
  /** Issue time, unix seconds. */
  issueTs: number;
  /** Token lifetime, seconds after issueTs (Agora honours at most 86400). */
  expire: number;
  salt: number;
  /** The service count written in the token (equals services.length unless some are unparsed). */
  serviceCount: number;
  services: Service007[];
  unparsed?: UnparsedServices;
  /** The signed bytes exactly as stored, so verification does not depend on re-encoding. */
  signingInfo: Buffer;
}

/** Everything needed to build a 007 token deterministically. */
export interface Encode007Input {
  appId: string;
  appCertificate: string;
  issueTs: number;
  expire: number;
  salt: number;
  /** Written sorted by type (stable, like agora-token 2.0.6), whatever order they are given in. */
  services: readonly Service007Input[];
}

/** How decode007 treats a service type it does not know. */
export interface Decode007Options {
  /**
   * 'error' (default): throw TokenError('service'). 'keep': stop parsing there and keep the raw
   * bytes in `unparsed`, as agora-token 2.0.6 does; the signature still verifies because it covers
   * the raw bytes.
   */
  unknownServices?: 'error' | 'keep';
}

function readPrivileges(reader: ByteReader, what: string): Privilege007[] {
  return reader.map32(`${what} privileges`).map(({ key, value }) => ({ id: key, expire: value }));
}

function readService(reader: ByteReader, type: number): Service007 {
  const what = `service ${type} (${serviceName(type)})`;
  const privileges = readPrivileges(reader, what);
  switch (type) {
    case SERVICE_TYPE.RTC:
      return { type, privileges, channelName: reader.string(`${what} channel name`), uid: reader.string(`${what} uid`) };
    case SERVICE_TYPE.RTM:
      return { type, privileges, userId: reader.string(`${what} user id`) };
    case SERVICE_TYPE.STREAMING:
    case SERVICE_TYPE.FCDN:
      return { type, privileges, channelName: reader.string(`${what} channel name`), account: reader.string(`${what} account`) };
    case SERVICE_TYPE.FPA:
    case SERVICE_TYPE.CONVOAI:
    case SERVICE_TYPE.STT:
      return { type, privileges };
    case SERVICE_TYPE.CHAT:
      return { type, privileges, userId: reader.string(`${what} user id`) };
    case SERVICE_TYPE.APAAS:
      return {
        type,
        privileges,
        roomUuid: reader.string(`${what} room uuid`),
        userUuid: reader.string(`${what} user uuid`),
        role: reader.i16(`${what} role`),
      };
    case SERVICE_TYPE.RTM2: {
      const userId = reader.string(`${what} user id`);
      const permissions: Rtm2Permission[] = [];
      const resourceTypes = reader.u16(`${what} resource type count`);
      for (let i = 0; i < resourceTypes; i++) {
        const resourceType = reader.u16(`${what} resource type`);
        const count = reader.u16(`${what} permission count`);
        const entries: Rtm2Permission['permissions'] = [];
        for (let j = 0; j < count; j++) {
          const permissionType = reader.u16(`${what} permission type`);
          const resourceCount = reader.u16(`${what} resource count`);
          const resources: string[] = [];
          for (let k = 0; k < resourceCount; k++) resources.push(reader.string(`${what} resource`));
          entries.push({ permissionType, resources });
        }
        permissions.push({ resourceType, permissions: entries });
      }
      return { type, privileges, userId, permissions };
    }
    default:
      throw new TokenError('service', `unknown 007 service type ${type}`);
  }
}

function inflate(compressed: Buffer): Buffer {
  try {
    return inflateSync(compressed, { maxOutputLength: MAX_CONTENT_BYTES });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TokenError('zlib', `007 token body does not inflate (${reason}); it may be truncated or not a 007 token`);
  }
}

/** Decodes a 007 token string; throws TokenError. */
export function decode007(token: string, options: Decode007Options = {}): Decoded007 {
  if (!token.startsWith(VERSION_007)) throw new TokenError('prefix', 'not a 007 token');
  const content = new ByteReader(inflate(decodeBase64(token.slice(VERSION_007.length), '007 token body')), '007 content');
  const signature = content.bytes('signature');
  const signingStart = content.position;
  const appId = content.string('App ID');
  const issueTs = content.u32('issueTs');
  const expire = content.u32('expire');
  const salt = content.u32('salt');
  const serviceCount = content.u16('service count');
  const services: Service007[] = [];
  let unparsed: UnparsedServices | undefined;
  for (let i = 0; i < serviceCount; i++) {
    const serviceStart = content.position;
    const type = content.u16('service type');
    if (!isKnownServiceType(type)) {
      if (options.unknownServices !== 'keep') {
        throw new TokenError('service', `007 service #${i + 1} has unknown type ${type} (known: 1–10)`);
      }
      unparsed = { type, bytes: content.slice(serviceStart, content.length) };
      break;
    }
    services.push(readService(content, type));
  }
  if (unparsed === undefined) content.end();
  // the signature covers everything after itself, parsed or not
  const signingInfo = content.slice(signingStart, content.length);
  const decoded: Decoded007 = { version: '007', signature, appId, issueTs, expire, salt, serviceCount, services, signingInfo };
  if (unparsed) decoded.unparsed = unparsed;
  return decoded;
}

function writeService(writer: ByteWriter, service: Service007Input): void {
  const what = `service ${service.type}`;
  writer.u16(service.type, `${what} type`);
  writer.map32(privilegeEntries(service.privileges, (p) => ({ key: p.id, value: p.expire })), `${what} privileges`);
  switch (service.type) {
    case SERVICE_TYPE.RTC:
      writer.string(service.channelName, `${what} channel name`).string(service.uid, `${what} uid`);
      return;
    case SERVICE_TYPE.RTM:
    case SERVICE_TYPE.CHAT:
      writer.string(service.userId, `${what} user id`);
      return;
    case SERVICE_TYPE.STREAMING:
    case SERVICE_TYPE.FCDN:
      writer.string(service.channelName, `${what} channel name`).string(service.account, `${what} account`);
      return;
    case SERVICE_TYPE.FPA:
    case SERVICE_TYPE.CONVOAI:
    case SERVICE_TYPE.STT:
      return;
    case SERVICE_TYPE.APAAS:
      writer.string(service.roomUuid, `${what} room uuid`).string(service.userUuid, `${what} user uuid`).i16(service.role, `${what} role`);
      return;
    case SERVICE_TYPE.RTM2:
      writer.string(service.userId, `${what} user id`).u16(service.permissions.length, `${what} resource type count`);
      for (const { resourceType, permissions } of [...service.permissions].sort((a, b) => a.resourceType - b.resourceType)) {
        writer.u16(resourceType, `${what} resource type`).u16(permissions.length, `${what} permission count`);
        for (const { permissionType, resources } of [...permissions].sort((a, b) => a.permissionType - b.permissionType)) {
          writer.u16(permissionType, `${what} permission type`).u16(resources.length, `${what} resource count`);
          for (const resource of resources) writer.string(resource, `${what} resource`);
        }
      }
      return;
    default: {
      const unknown: { type: unknown } = service;
      throw new TokenError('value', `cannot encode unknown 007 service type ${String(unknown.type)}`);
    }
  }
}

function u32le(value: number): Buffer {
  return new ByteWriter().u32(value).toBuffer();
}

function sign007(appCertificate: string, issueTs: number, salt: number, signingInfo: Buffer): Buffer {
  const k1 = createHmac('sha256', u32le(issueTs)).update(Buffer.from(appCertificate, 'utf8')).digest();
  const k2 = createHmac('sha256', u32le(salt)).update(k1).digest();
  return createHmac('sha256', k2).update(signingInfo).digest();
}

/** Builds a 007 token as agora-token does (Node's default deflate), with issueTs and salt given. */
export function encode007(input: Encode007Input): string {
  const writer = new ByteWriter()
    .string(input.appId, 'App ID')
    .u32(input.issueTs, 'issueTs')
    .u32(input.expire, 'expire')
    .u32(input.salt, 'salt')
    .u16(input.services.length, 'service count');
  for (const service of [...input.services].sort((a, b) => a.type - b.type)) writeService(writer, service);
  const signingInfo = writer.toBuffer();
  const content = new ByteWriter().bytes(sign007(input.appCertificate, input.issueTs, input.salt, signingInfo), 'signature').raw(signingInfo).toBuffer();
  return VERSION_007 + deflateSync(content).toString('base64');
}

/** Whether a 007 token's signature was made with `appCertificate` (self-contained, unlike 006). */
export function check007Signature(token: Decoded007, appCertificate: string): boolean {
  const expected = sign007(appCertificate, token.issueTs, token.salt, token.signingInfo);
  return expected.length === token.signature.length && timingSafeEqual(expected, token.signature);
}
