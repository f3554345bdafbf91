/** `verify`: matrix mode (v1 vs v2 builders through the mapping) and the two-server differential check. */
export { verifyMatrix, defaultMatrixCases, describeExpiry, TEST_APP_ID, TEST_APP_CERTIFICATE, ALL_SYMBOLS_CHANNEL, LONGEST_CHANNEL } from './matrix.ts';
export type { VerifyMapping, VerifyMatrixOptions, MatrixReport, MatrixCaseResult, MatrixSide } from './matrix.ts';
export { verifyServers, DEFAULT_REQUEST_CASES, DEFAULT_TIMEOUT_MS, DEFAULT_MAX_REQUESTS, maskIn } from './servers.ts';
export type { VerifyServersOptions, ServersReport, ServerCaseResult, ServerResponse, TokenComparison } from './servers.ts';
export { parseCasesFile, toMatrixCases, toRequestCases } from './cases.ts';
export type { CasesFile, CasesSettings, MatrixCase, RtcMatrixCase, RtmMatrixCase, MatrixExpiry, RequestCase } from './cases.ts';
export { formatMatrixReport, formatServersReport } from './format.ts';
export { VerifyInputError, CasesFileError } from './errors.ts';
export { findTokens, compareValues, isTokenString, isTimeFieldName, TOKEN_PATTERN } from './values.ts';
export type { FoundToken, ValueDifference, CompareValuesOptions } from './values.ts';
export { withFrozenClock } from './clock.ts';
