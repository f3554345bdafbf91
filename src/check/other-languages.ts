/**
 * v1 token builders in the other languages of AgoraIO/Tools (reference section 8), found by
 * line-oriented patterns over comment-blanked text. Each pattern keys on what only v1 has: module,
 * package and class names without the `2` suffix, camelCase Python methods, Go's `BuildTokenWithUID`.
 * A repository already on the `*2` builders matches none of them.
 */
import type { RawFinding } from './finding.ts';
import type { RuleId } from './rules.ts';
import { blankComments, LineIndex, type CommentSyntax } from './source-text.ts';

export type OtherLanguage = 'go' | 'python' | 'java' | 'php' | 'cpp' | 'csharp';

interface Pattern {
  regex: RegExp;
  message: (match: RegExpExecArray) => string;
  /** The pattern applies only when the file's code also matches this. */
  onlyIf?: RegExp;
  /** Matches inside string literals too (import paths, include names); otherwise strings are blanked. */
  inStrings?: boolean;
}

interface LanguageSpec {
  ruleId: RuleId;
  syntax: CommentSyntax;
  /** The file is a vendored copy of the v1 library itself: its own definitions are not uses. */
  librarySource?: RegExp;
  patterns: Pattern[];
}

const LANGUAGES: Record<OtherLanguage, LanguageSpec> = {
  go: {
    ruleId: 'go-v1-builder',
    syntax: 'c',
    patterns: [
      {
        // …/go/src/RtcTokenBuilder (package rtctokenbuilder); v2 is the lower-case …/rtctokenbuilder2
        regex: /"[^"\n]*\/(RtcTokenBuilder|RtmTokenBuilder|AccessToken)"/g,
        inStrings: true,
        message: (m) => `Imports the v1 Go package ${m[0]}, which builds AccessToken (006).`,
      },
      {
        // v2 spells it BuildTokenWithUid
        regex: /\.\s*BuildTokenWithUID\s*\(/g,
        message: () => 'Calls the v1 `BuildTokenWithUID(…, privilegeExpiredTs)`, which builds AccessToken (006).',
      },
      {
        regex: /\.\s*(RoleAttendee|RoleAdmin|RoleRtmUser)\b/g,
        message: (m) => `Uses the v1 role \`${m[1]}\`, which the v2 packages do not have.`,
      },
    ],
  },
  python: {
    ruleId: 'python-v1-builder',
    syntax: 'python',
    librarySource: /^[ \t]*class[ \t]+Rt[cm]TokenBuilder\b[^]*^[ \t]+def[ \t]+build(?:TokenWith\w+|Token)[ \t]*\(/m,
    patterns: [
      {
        regex: /^[ \t]*from[ \t]+((?:[\w.]*\.)?(?:RtcTokenBuilder|RtmTokenBuilder|AccessToken))[ \t]+import\b/gm,
        message: (m) => `Imports the v1 module \`${m[1]}\` (v2 is \`${m[1]}2\`), which builds AccessToken (006).`,
      },
      {
        regex: /^[ \t]*import[ \t]+((?:[\w.]*\.)?(?:RtcTokenBuilder|RtmTokenBuilder|AccessToken))\b(?!\.)/gm,
        message: (m) => `Imports the v1 module \`${m[1]}\` (v2 is \`${m[1]}2\`), which builds AccessToken (006).`,
      },
      {
        regex: /^[ \t]*(?:from[ \t]+agora_token_builder\b|import[ \t]+agora_token_builder\b)/gm,
        message: () => 'Imports `agora_token_builder` (PyPI agora-token-builder), the v1 API that builds AccessToken (006).',
      },
      {
        // v2 Python methods are snake_case (build_token_with_uid); camelCase is v1 only
        regex: /\.\s*(buildTokenWith\w+)\s*\(/g,
        message: (m) => `Calls the v1 \`${m[1]}(…, privilegeExpiredTs)\`; v2 is snake_case with relative seconds.`,
      },
      {
        regex: /\bRtmTokenBuilder\s*\.\s*buildToken\s*\(/g,
        message: () => 'Calls the v1 `RtmTokenBuilder.buildToken(…, role, privilegeExpiredTs)`; v2 is `build_token(app_id, app_certificate, user_id, expire)`.',
      },
    ],
  },
  java: {
    ruleId: 'java-v1-builder',
    syntax: 'c',
    librarySource: /\bclass\s+(?:RtcTokenBuilder|RtmTokenBuilder|AccessToken)\b/,
    patterns: [
      {
        regex: /\bio\.agora\.(?:media|rtm)\.(RtcTokenBuilder|RtmTokenBuilder|AccessToken)\b/g,
        message: (m) => `Uses the v1 class \`${m[0]}\` (v2 is \`${m[0]}2\`), which builds AccessToken (006).`,
      },
      {
        regex: /\bnew\s+(RtcTokenBuilder|RtmTokenBuilder|AccessToken)\s*\(/g,
        message: (m) => `Creates the v1 \`${m[1]}\` (v2 is \`${m[1]}2\`), which builds AccessToken (006).`,
        // only where the bare name can only mean Agora's class
        onlyIf: /\bimport\s+io\.agora\.(?:media|rtm)\.\*\s*;|^\s*package\s+io\.agora\.(?:media|rtm)\s*;/m,
      },
    ],
  },
  php: {
    ruleId: 'php-v1-builder',
    syntax: 'php',
    librarySource: /\bclass\s+(?:RtcTokenBuilder|RtmTokenBuilder)\b/,
    patterns: [
      {
        // RtcTokenBuilder2:: is v2 and does not match (`2` is not `:`)
        regex: /\b(RtcTokenBuilder|RtmTokenBuilder)\s*::\s*(\w+)/g,
        message: (m) => `Uses the v1 class \`${m[1]}::${m[2]}\` (v2 is \`${m[1]}2\`), which builds AccessToken (006) from an absolute timestamp.`,
      },
      {
        regex: /\b(?:require|include)(?:_once)?\b[^;\n]*?\b((?:RtcTokenBuilder|RtmTokenBuilder|AccessToken)\.php)\b/g,
        inStrings: true,
        message: (m) => `Loads the v1 \`${m[1]}\`, which builds AccessToken (006).`,
      },
    ],
  },
  cpp: {
    ruleId: 'cpp-v1-builder',
    syntax: 'c',
    librarySource: /\bclass\s+(?:RtcTokenBuilder|RtmTokenBuilder)\b/,
    patterns: [
      {
        regex: /#\s*include\s*[<"](?:[^>"\n]*\/)?((?:RtcTokenBuilder|RtmTokenBuilder|AccessToken)\.h)[>"]/g,
        inStrings: true,
        message: (m) => `Includes the v1 header \`${m[1]}\`, which builds AccessToken (006).`,
      },
      {
        regex: /\b(RtcTokenBuilder|RtmTokenBuilder)\s*::\s*(\w+)/g,
        message: (m) => `Uses the v1 \`${m[1]}::${m[2]}\` (v2 is \`${m[1]}2\`), which builds AccessToken (006).`,
      },
    ],
  },
  csharp: {
    ruleId: 'csharp-v1-builder',
    syntax: 'c',
    librarySource: /\bclass\s+(?:RtcTokenBuilder|RtmTokenBuilder)\b/,
    patterns: [
      {
        regex: /\b(RtcTokenBuilder|RtmTokenBuilder)\s*\.\s*(\w+)/g,
        message: (m) => `Uses the v1 \`${m[1]}.${m[2]}\` (v2 is \`${m[1]}2\`), which builds AccessToken (006).`,
      },
      {
        regex: /\bnew\s+(RtcTokenBuilder|RtmTokenBuilder)\s*\(/g,
        message: (m) => `Creates the v1 \`${m[1]}\` (v2 is \`${m[1]}2\`), which builds AccessToken (006).`,
      },
    ],
  },
};

/** Any token-builder call (v1 or v2), for the certificate check: `(` offsets of `….buildToken…(` and `::BuildToken…(`. */
const BUILDER_CALL = /(?:\.|::|->)\s*(?:build_token\w*|[bB]uild[tT]oken\w*)\s*\(/g;

/** Language of a file by extension, if `check` scans it line by line. */
export function otherLanguageOf(fileName: string): OtherLanguage | undefined {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  switch (ext) {
    case 'go':
      return 'go';
    case 'py':
      return 'python';
    case 'java':
      return 'java';
    case 'php':
      return 'php';
    case 'h':
    case 'hh':
    case 'hpp':
    case 'cc':
    case 'cpp':
    case 'cxx':
      return 'cpp';
    case 'cs':
      return 'csharp';
    default:
      return undefined;
  }
}

/** Comment syntax of a language (for the certificate check and suppressions). */
export function commentSyntaxOf(language: OtherLanguage): CommentSyntax {
  return LANGUAGES[language].syntax;
}

export interface OtherLanguageScan {
  findings: RawFinding[];
  /** Offsets (in the file text) of the `(` of every builder call, v1 or v2. */
  builderCallParens: number[];
  /** The text with comments blanked (same offsets). */
  code: string;
}

/** Scans one file of another language for v1 builder use (at most one finding per line). */
export function scanOtherLanguage(language: OtherLanguage, text: string): OtherLanguageScan {
  const spec = LANGUAGES[language];
  const code = blankComments(text, spec.syntax);
  const bare = blankComments(text, spec.syntax, { strings: true });
  const index = new LineIndex(text);
  const builderCallParens = [...bare.matchAll(BUILDER_CALL)].map((m) => m.index + m[0].length - 1);
  if (spec.librarySource?.test(bare)) return { findings: [], builderCallParens, code };
  const byLine = new Map<number, RawFinding>();
  for (const pattern of spec.patterns) {
    if (pattern.onlyIf && !pattern.onlyIf.test(bare)) continue;
    for (const match of (pattern.inStrings ? code : bare).matchAll(pattern.regex)) {
      // report at the name, not at leading whitespace or the quote
      const lead = match[0].length - match[0].trimStart().length;
      const { line, column } = index.position(match.index + lead);
      const existing = byLine.get(line);
      if (existing && existing.column <= column) continue;
      byLine.set(line, { ruleId: spec.ruleId, line, column, message: pattern.message(match) });
    }
  }
  return { findings: [...byLine.values()], builderCallParens, code };
}
