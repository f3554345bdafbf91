import type { Command } from 'commander';
import pc from 'picocolors';
import type { CliIO, SetExitCode } from '../main.ts';
import { ExitCode } from '../exit-codes.ts';
import {
  TokenError,
  checkSignature,
  crc32,
  decodeToken,
  describeToken,
  formatIso,
  formatRelative,
  hex32,
  maskSecret,
  type DecodedToken,
  type SignatureCheck,
  type SignatureContext,
  type TokenDescription,
} from '../../token/index.ts';

interface DecodeFlags {
  appCertificate?: string;
  channel?: string;
  uid?: string;
  json?: boolean;
}

/** The `signature` member of the JSON output; the certificate only ever appears masked. */
interface SignatureReport {
  checked: boolean;
  valid: boolean;
  certificate: string;
  reason?: SignatureCheck['reason'];
  message: string;
}

/** `decode --json` output. */
export interface DecodeReport {
  token: TokenDescription;
  /** 006 only: whether --channel / --uid match the CRCs in the token. */
  identity?: { channel?: { value: string; matches: boolean }; uid?: { value: string; matches: boolean } };
  signature?: SignatureReport;
  notes: string[];
}

type Colors = ReturnType<typeof pc.createColors>;

/** `--uid 0` is ambiguous on a command line: numeric 0 (the wildcard, CRC 0) or the string "0"; the token's CRC decides. */
function uidFor(token: DecodedToken, uid: string | undefined): string | number | undefined {
  if (uid === '0' && token.version === '006' && token.crcUid === 0) return 0;
  return uid;
}

function notesFor(token: DecodedToken): string[] {
  const notes: string[] = [];
  if (token.version === '007') {
    if (token.expire === 0) notes.push('expire is 0: Agora documents it both as 24 h and as "expires immediately"; builders should use 86400');
    if (token.expire > 86400) {
      const absolute = token.expire >= 1e9 ? ` — it looks like an absolute timestamp (${formatIso(token.expire)}) passed as relative seconds` : '';
      notes.push(`expire ${token.expire} s is more than 24 h; Agora caps the token at 24 h${absolute}`);
    }
    if (token.unparsed) {
      notes.push(`service type ${token.unparsed.type} is unknown to this tool: its ${token.unparsed.bytes.length} byte(s) and any later services were not parsed (the signature still covers them)`);
    }
  }
  const rtc = token.version === '006' ? token.privileges.some((p) => p.id !== 1000) : token.services.some((s) => s.type === 1);
  const wildcard = token.version === '006' ? token.crcUid === 0 : token.services.some((s) => s.type === 1 && s.uid === '');
  if (rtc && wildcard) notes.push('uid is empty: the token was built for uid 0, which any user may join with');
  return notes;
}

function uncheckedMessage(token: DecodedToken): string {
  const rtm = token.version === '006' && token.privileges.some((p) => p.id === 1000);
  return rtm
    ? 'a 006 RTM signature covers the user account, which the token holds only as a CRC: give the account with --channel'
    : 'a 006 signature covers the channel name and uid, which the token holds only as CRCs: give --channel (and --uid unless it is 0)';
}

function buildReport(token: DecodedToken, flags: DecodeFlags): DecodeReport {
  const report: DecodeReport = { token: describeToken(token), notes: notesFor(token) };
  if (token.version === '007' && (flags.channel !== undefined || flags.uid !== undefined)) {
    report.notes.push('--channel and --uid only matter for 006 tokens; a 007 token carries its channel and uid');
  }
  const uid = uidFor(token, flags.uid);
  if (token.version === '006' && (flags.channel !== undefined || uid !== undefined)) {
    report.identity = {};
    if (flags.channel !== undefined) report.identity.channel = { value: flags.channel, matches: crc32(flags.channel) === token.crcChannel };
    if (uid !== undefined) {
      const text = uid === 0 ? '' : String(uid);
      report.identity.uid = { value: text, matches: crc32(text) === token.crcUid };
    }
  }
  if (flags.appCertificate !== undefined) {
    const context: SignatureContext = { channel: flags.channel, uid };
    const result = checkSignature(token, flags.appCertificate, context);
    const unchecked = result.reason === 'needs-channel' || result.reason === 'needs-uid';
    report.signature = {
      checked: !unchecked,
      valid: result.valid,
      certificate: maskSecret(flags.appCertificate),
      ...(result.reason ? { reason: result.reason } : {}),
      message: unchecked ? uncheckedMessage(token) : result.message,
    };
  }
  return report;
}

function when(unix: number, now: number): string {
  return `${formatIso(unix)} (${formatRelative(unix, now)})`;
}

function formatText(report: DecodeReport, now: number, c: Colors): string {
  const t = report.token;
  const lines: string[] = [];
  const row = (label: string, value: string, indent = '  ') => lines.push(`${indent}${c.dim(label.padEnd(10))}  ${value}`);
  lines.push(c.bold(`${t.version} ${t.generation}`));
  row('App ID', t.appId);
  row('Issued', t.issuedAt.derived ? `≈ ${when(t.issuedAt.unix, now)}, derived as expiry − 24 h` : when(t.issuedAt.unix, now));
  const expired = t.expiresAt !== null && t.expiresAt.unix <= now ? `, ${c.red('expired')}` : '';
  const expires = t.expiresAt === null ? c.yellow('unknown (expire 0)') : `${formatIso(t.expiresAt.unix)} (${formatRelative(t.expiresAt.unix, now)}${expired})`;
  row('Expires', t.version === '007' ? `${expires}, expire ${t.expire} s` : expires);
  row('Salt', String(t.salt));
  for (const service of t.services) {
    lines.push(`  ${c.bold(service.name)} ${c.dim(t.version === '006' ? '(from the privilege ids)' : `(service ${service.type})`)}`);
    for (const [key, value] of Object.entries(service.fields)) {
      row(FIELD_LABELS[key] ?? key, fieldText(key, value, report, c), '    ');
    }
    for (const p of service.privileges) {
      const deadline = p.expiresAt === null ? c.green('never') : t.version === '007' ? `${p.value} s → ${when(p.expiresAt.unix, now)}` : when(p.expiresAt.unix, now);
      lines.push(`    ${String(p.id).padStart(4)} ${p.name.padEnd(24)} ${deadline}`);
    }
  }
  if (t.services.length === 0) {
    row('Services', c.yellow('none (no privileges)'));
    if (t.crc) {
      row('channel', fieldText('channelCrc', t.crc.channel, report, c));
      row('uid', fieldText('uidCrc', t.crc.uid, report, c));
    }
  }
  if (report.signature) {
    const s = report.signature;
    const status = s.valid ? c.green('valid') : s.checked ? c.red('NOT valid') : c.yellow('not checked');
    row('Signature', `${status} (certificate ${s.certificate})${s.valid ? '' : `: ${s.message}`}`);
  }
  for (const note of report.notes) lines.push(`  ${c.yellow('note:')} ${note}`);
  return `${lines.join('\n')}\n`;
}

/** Short labels for service payload fields in text output (JSON keeps the field names). */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  channelName: 'channel',
  userId: 'user',
  roomUuid: 'room',
  userUuid: 'user',
  channelCrc: 'channel',
  uidCrc: 'uid',
  userCrc: 'user',
};

function fieldText(key: string, value: unknown, report: DecodeReport, c: Colors): string {
  if (typeof value !== 'number' || !key.endsWith('Crc')) return typeof value === 'string' ? value : JSON.stringify(value);
  // --channel carries the account for a v1 RTM token, whose channel slot holds the user
  const given = key === 'uidCrc' ? report.identity?.uid : report.identity?.channel;
  if (given === undefined) return `CRC ${hex32(value)}`;
  return `CRC ${hex32(value)} ${given.matches ? c.green(`matches ${JSON.stringify(given.value)}`) : c.red(`does not match ${JSON.stringify(given.value)}`)}`;
}


async function run(argument: string, flags: DecodeFlags, io: CliIO): Promise<ExitCode> {
  const colors = pc.createColors(io.isTTY && !io.env.NO_COLOR);
  if (argument === '-' && !io.stdin) {
    io.stderr('agora-token-migrate decode: no standard input to read the token from\n');
    return ExitCode.Error;
  }
  const text = argument === '-' && io.stdin ? await io.stdin() : argument;
  let token: DecodedToken;
  try {
    // unknown service types are kept and noted rather than refused: a newer token is still worth showing
    token = decodeToken(text, { unknownServices: 'keep' });
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    if (flags.json) io.stdout(`${JSON.stringify({ error: { code: error.code, message: error.message } }, null, 2)}\n`);
    io.stderr(`agora-token-migrate decode: malformed token (${error.code}): ${error.message}\n`);
    return ExitCode.Error;
  }
  const report = buildReport(token, flags);
  io.stdout(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatText(report, Math.floor(Date.now() / 1000), colors));
  if (report.signature && !report.signature.checked) {
    io.stderr(`agora-token-migrate decode: ${report.signature.message}\n`);
    return ExitCode.Error;
  }
  return report.signature && !report.signature.valid ? ExitCode.Findings : ExitCode.Ok;
}

/** `decode <token>`: prints what a 006 or 007 token grants and, with a certificate, whether it verifies. */
export function registerDecode(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('decode')
    .description('decode a 006 or 007 token: App ID, issue and expiry times, services, privileges, uid/channel; verify it with --app-certificate')
    .argument('<token>', 'the token, or - to read it from standard input')
    .option('--app-certificate <certificate>', 'verify the signature with this App Certificate (shown masked)')
    .option('--channel <name>', '006 only: the channel name the token was built for, or the user account of an RTM token (006 stores only its CRC)')
    .option('--uid <uid>', '006 only: the uid or account the token was built for (0 = numeric 0 when the token says so)')
    .option('--json', 'print JSON instead of text')
    .addHelpText(
      'after',
      `
Exit codes: 0 decoded (and verified, with --app-certificate); 1 the signature does not verify;
2 malformed token, or a 006 signature that cannot be checked without --channel/--uid.

Examples:
  $ agora-token-migrate decode 007eJxTYBBbsMMnKq7p9Hf...
  $ echo "$TOKEN" | agora-token-migrate decode - --app-certificate "$AGORA_APP_CERTIFICATE" --json
  $ agora-token-migrate decode 006970CA35de... --app-certificate "$CERT" --channel room1 --uid 42
`,
    )
    .action(async (argument: string, flags: DecodeFlags) => {
      setExitCode(await run(argument, flags, io));
    });
}
