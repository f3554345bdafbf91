/** Published test vectors (reference 2.5): the packages' own tests, reproduced by an independent encoder. */
export const APP_ID = '970CA35de60c44645bbae8a215061b33';
export const CERTIFICATE = '5CFd2fd1755d40ecb72977518be15d3b';
export const CHANNEL = '7d72365eb983485397e3e3f9d460bdda';
export const UID = 2882341273;
export const SALT = 1;
export const TS = 1111111;
export const PRIVILEGE_TS = 1446455471;

export const V006_JOIN = `006${APP_ID}IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW`;
export const V006_PUBLISHER = `006${APP_ID}IACMv3I+fsRSejxy6luEwzA/1t/zbEHWfJCJ5m8ssFP/fLdIfRBXoFHlIgABAAAAR/QQAAQAAQCvKDdWAgCvKDdWAwCvKDdWBACvKDdW`;
export const V006_RTM = `006${APP_ID}IAAsR0qgiCxv0vrpRcpkz5BrbfEWCBZ6kvR6t7qG/wJIQob86ogAAAAAEAABAAAAR/QQAAEA6AOvKDdW`;
export const RTM_ACCOUNT = 'test_user';

export const V007_RTC =
  '007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj';
export const V007_RTC_RTM =
  '007eJxTYOAQsrQ5s3TfH+1tvy8zZZ46EpCc0V43JXdGd2jS8porKo4KDJbmBs6OxqYpqWYGySYmZiamSUmJqRaJRoamBmaGScbG7l8EGCKYGBgYGRgYmBgYGVgYGMF8JjDJDCZZwKQCg3mKuZGxmWlqkqWFsYmFqbGleapxqnGaZYqJmUFSSkoiF4ORhYWRsYmhkbkxyCyISZwMJanFJfGlxalFACKnKng=';
export const EXPIRE_007 = 600;

/** Every published vector with what it encodes; the 006 ones need channel/uid to verify. */
export const VECTORS = [
  { name: '006 join', token: V006_JOIN, channel: CHANNEL, uid: UID as string | number },
  { name: '006 publisher', token: V006_PUBLISHER, channel: CHANNEL, uid: UID as string | number },
  { name: '006 RTM', token: V006_RTM, channel: RTM_ACCOUNT, uid: '' as string | number },
  { name: '007 RTC', token: V007_RTC, channel: CHANNEL, uid: UID as string | number },
  { name: '007 RTC + RTM', token: V007_RTC_RTM, channel: CHANNEL, uid: UID as string | number },
] as const;
