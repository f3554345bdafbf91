// The token library, in one place.
export { RtcTokenBuilder, RtcRole } from 'agora-token';
