/** Token codecs (006 AccessToken, 007 AccessToken2) and the claims model; pure, no I/O. */
export { TokenError, type TokenErrorCode } from './errors.ts';
export { crc32 } from './crc32.ts';
export {
  decodeToken,
  checkSignature,
  verifySignature,
  type DecodedToken,
  type DecodeOptions,
  type SignatureContext,
  type SignatureCheck,
} from './decode.ts';
export {
  decode006,
  encode006,
  check006Signature,
  uidToString,
  APP_ID_LENGTH,
  type Decoded006,
  type Encode006Input,
  type Privilege006,
  type PrivilegesInput,
} from './token006.ts';
export {
  decode007,
  encode007,
  check007Signature,
  type Decoded007,
  type Decode007Options,
  type Encode007Input,
  type Privilege007,
  type Service007,
  type Service007Input,
  type RtcService,
  type RtmService,
  type StreamingService,
  type FpaService,
  type ChatService,
  type FcdnService,
  type ApaasService,
  type Rtm2Service,
  type Rtm2Permission,
  type ConvoAiService,
  type SttService,
  type UnparsedServices,
} from './token007.ts';
export { SERVICE_TYPE, PRIVILEGE_006, serviceName, privilegeName006, privilegeName007, isKnownServiceType, type ServiceType } from './services.ts';
export {
  toClaims,
  compareClaims,
  DEFAULT_TOLERANCE,
  TOKEN_LIFETIME_006,
  type TokenClaims,
  type ServiceClaims,
  type PrivilegeClaim,
  type IdentityClaim,
  type ClaimDifference,
  type CompareOptions,
} from './claims.ts';
export { describeToken, type TokenDescription, type ServiceDescription, type PrivilegeDescription, type TimeDescription } from './describe.ts';
export { formatIso, formatRelative, formatSpan, hex32, maskSecret } from './format.ts';
