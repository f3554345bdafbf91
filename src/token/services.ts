/**
 * Service and privilege tables of both generations (reference 2.2 and 2.3). One place, so the
 * decoder, `describeToken` and the claims model all use the same names.
 */

/** 007 service types known to the codec (reference 2.3). */
export const SERVICE_TYPE = {
  RTC: 1,
  RTM: 2,
  STREAMING: 3,
  FPA: 4,
  CHAT: 5,
  FCDN: 6,
  APAAS: 7,
  RTM2: 8,
  CONVOAI: 9,
  STT: 10,
} as const;

export type ServiceType = (typeof SERVICE_TYPE)[keyof typeof SERVICE_TYPE];

interface ServiceInfo {
  /** Short display name ("RTC"). */
  name: string;
  /** Privilege ids the service defines, with display names. */
  privileges: Readonly<Record<number, string>>;
}

const SERVICES: Readonly<Record<ServiceType, ServiceInfo>> = {
  1: { name: 'RTC', privileges: { 1: 'join channel', 2: 'publish audio', 3: 'publish video', 4: 'publish data stream' } },
  2: { name: 'RTM', privileges: { 1: 'login' } },
  3: { name: 'Streaming', privileges: { 1: 'publish mix stream', 2: 'publish raw stream' } },
  4: { name: 'FPA', privileges: { 1: 'login' } },
  5: { name: 'Chat', privileges: { 1: 'user', 2: 'app' } },
  6: { name: 'FCDN', privileges: { 1: 'publish', 2: 'play' } },
  7: { name: 'APaaS', privileges: { 1: 'room user', 2: 'user', 3: 'app' } },
  8: { name: 'RTM2', privileges: { 1: 'login' } },
  9: { name: 'ConvoAI', privileges: {} },
  10: { name: 'STT', privileges: {} },
};

/** Whether `type` is a 007 service type this codec can parse. */
export function isKnownServiceType(type: number): type is ServiceType {
  return Object.hasOwn(SERVICES, type);
}

/** Display name of a 007 service type ("RTC", or "service 42" for an unknown one). */
export function serviceName(type: number): string {
  return isKnownServiceType(type) ? SERVICES[type].name : `service ${type}`;
}

/** Display name of a 007 privilege within its service ("publish audio", or "privilege 9"). */
export function privilegeName007(serviceType: number, id: number): string {
  const names = isKnownServiceType(serviceType) ? SERVICES[serviceType].privileges : {};
  return Object.hasOwn(names, id) ? names[id] : `privilege ${id}`;
}

/** 006 privilege ids (reference 2.2); the builders only ever write 1–4 and 1000. */
export const PRIVILEGE_006 = {
  JOIN_CHANNEL: 1,
  PUBLISH_AUDIO: 2,
  PUBLISH_VIDEO: 3,
  PUBLISH_DATA: 4,
  PUBLISH_AUDIO_CDN: 5,
  PUBLISH_VIDEO_CDN: 6,
  REQUEST_PUBLISH_AUDIO: 7,
  REQUEST_PUBLISH_VIDEO: 8,
  REQUEST_PUBLISH_DATA: 9,
  INVITE_PUBLISH_AUDIO: 10,
  INVITE_PUBLISH_VIDEO: 11,
  INVITE_PUBLISH_DATA: 12,
  ADMINISTRATE_CHANNEL: 101,
  RTM_LOGIN: 1000,
} as const;

const PRIVILEGE_006_NAMES: Readonly<Record<number, string>> = {
  1: 'join channel',
  2: 'publish audio',
  3: 'publish video',
  4: 'publish data stream',
  5: 'publish audio CDN',
  6: 'publish video CDN',
  7: 'request publish audio',
  8: 'request publish video',
  9: 'request publish data stream',
  10: 'invite publish audio',
  11: 'invite publish video',
  12: 'invite publish data stream',
  101: 'administrate channel',
  1000: 'RTM login',
};

/** Display name of a 006 privilege id ("join channel", or "privilege 77"). */
export function privilegeName006(id: number): string {
  return Object.hasOwn(PRIVILEGE_006_NAMES, id) ? PRIVILEGE_006_NAMES[id] : `privilege ${id}`;
}
