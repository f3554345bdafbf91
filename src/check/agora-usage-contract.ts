/**
 * TEMPORARY copy of the `src/analysis/agora-usage.ts` contract, so the rule layer compiles before
 * the shared analysis lands; deleted (imports switched) as soon as it does.
 */
import type { ModuleKind } from '../types.ts';

export interface Position {
  line: number;
  column: number;
}
export interface AgoraImport extends Position {
  source: string;
  generation: 'v1' | 'v2';
  kind: 'package' | 'deep' | 'vendored';
  form: string;
  names: string[];
}
export interface ExpiryArg extends Position {
  index: number;
  kind: 'relative' | 'absolute' | 'zero' | 'missing' | 'unknown';
  text: string;
}
export interface BuilderCall extends Position {
  generation: 'v1' | 'v2';
  builder: 'rtc' | 'rtm' | 'access-token';
  method: string;
  argCount: number;
  expiry: ExpiryArg[];
}
export interface RoleRef extends Position {
  object: 'RtcRole' | 'RtmRole';
  member: string;
  generation: 'v1' | 'v2';
}
export interface AgoraUsage {
  imports: AgoraImport[];
  calls: BuilderCall[];
  roleRefs: RoleRef[];
  markers: Position[];
  parseError?: { message: string; line: number; column: number };
}
export type AnalyzeAgoraUsage = (source: string, filePath: string, options?: { moduleKind?: ModuleKind }) => AgoraUsage;
