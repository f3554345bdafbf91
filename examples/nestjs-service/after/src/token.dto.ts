import { BadRequestException } from './http-exception';

/** Body of POST /tokens/rtc: exactly one of `uid` and `account`. */
export interface RtcTokenRequest {
  channelName: string;
  uid?: number;
  account?: string;
  /** RtcRole value the client sends: 0 attendee, 1 publisher, 2 subscriber, 101 admin. */
  role: number;
}

export interface RecorderTokenRequest {
  channelName: string;
  uid: number;
}

const MAX_UID = 4294967295;
const AGORA_NAME = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]+$/;
const ROLES = [0, 1, 2, 101];

function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestException('body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function agoraName(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength || !AGORA_NAME.test(value)) {
    throw new BadRequestException(`${field} must be 1-${maxLength} characters from Agora's allowed set`);
  }
  return value;
}

function uid(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_UID) {
    throw new BadRequestException(`uid must be an integer from 0 to ${MAX_UID}`);
  }
  return value;
}

/** Validates POST /tokens/rtc; channel names are limited to 63 bytes and user accounts to 255. */
export function parseRtcTokenRequest(body: unknown): RtcTokenRequest {
  const input = asObject(body);
  const channelName = agoraName(input.channelName, 'channelName', 63);
  if (typeof input.role !== 'number' || !ROLES.includes(input.role)) {
    throw new BadRequestException('role must be one of 0, 1, 2, 101');
  }
  if ((input.uid === undefined) === (input.account === undefined)) {
    throw new BadRequestException('give exactly one of uid and account');
  }
  return input.uid !== undefined
    ? { channelName, uid: uid(input.uid), role: input.role }
    : { channelName, account: agoraName(input.account, 'account', 255), role: input.role };
}

export function parseRecorderTokenRequest(body: unknown): RecorderTokenRequest {
  const input = asObject(body);
  return { channelName: agoraName(input.channelName, 'channelName', 63), uid: uid(input.uid) };
}

/** RTM user ids are at most 64 characters. */
export function parseRtmUserId(value: string): string {
  return agoraName(value, 'userId', 64);
}
