/**
 * Every call through an import of Agora's v1 Go packages (`…/go/src/RtcTokenBuilder`,
 * `…/go/src/RtmTokenBuilder`), bound by the import's local name: what `check` reports, including
 * the six-argument `BuildTokenWithUserAccount` whose name v2 kept.
 */
import { parseGoTolerant } from './parser.ts';

/** A call of a v1 Go builder function; line and column are 1-based. */
export interface GoV1Call {
  line: number;
  column: number;
  /** `rtctokenbuilder.BuildTokenWithUserAccount` as written. */
  callee: string;
  member: string;
  argumentCount: number;
}

const V1_IMPORT_PATH = /\/go\/src\/(RtcTokenBuilder|RtmTokenBuilder)$/;
const DEFAULT_NAMES: Record<string, string> = { RtcTokenBuilder: 'rtctokenbuilder', RtmTokenBuilder: 'rtmtokenbuilder' };

/** The v1 builder calls of a Go file (empty when it imports neither v1 package). */
export function findGoV1Calls(source: string): GoV1Call[] {
  const tree = parseGoTolerant(source);
  try {
    const names = new Set<string>();
    for (const spec of tree.rootNode.descendantsOfType('import_spec')) {
      const match = V1_IMPORT_PATH.exec(spec.childForFieldName('path')?.text.slice(1, -1) ?? '');
      if (!match) continue;
      const name = spec.childForFieldName('name');
      if (name?.type === 'blank_identifier' || name?.type === 'dot') continue;
      names.add(name?.text ?? DEFAULT_NAMES[match[1]]);
    }
    if (names.size === 0) return [];
    const calls: GoV1Call[] = [];
    for (const call of tree.rootNode.descendantsOfType('call_expression')) {
      const callee = call.childForFieldName('function');
      const operand = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : undefined;
      if (!callee || operand?.type !== 'identifier' || !names.has(operand.text)) continue;
      const member = callee.childForFieldName('field')!.text;
      if (!/^Build/.test(member)) continue;
      calls.push({
        line: callee.startPosition.row + 1,
        column: callee.startPosition.column + 1,
        callee: callee.text,
        member,
        argumentCount: call.childForFieldName('arguments')?.namedChildren.filter((n) => n.type !== 'comment').length ?? 0,
      });
    }
    return calls;
  } finally {
    tree.delete();
  }
}
