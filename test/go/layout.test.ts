/**
 * Layouts the compiled fixtures do not show, checked as text and with gofmt: a call with one
 * argument per line, an import that has to move within its group once renamed, a file with no
 * `time` import and no import block, and a package that is not Agora's.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateGoSource } from '../../src/go/index.ts';
import { tempDir } from '../run/helpers.ts';

const V1 = 'github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src';

/** Files gofmt would change, of `sources` written to a temp dir. */
function gofmtDirty(sources: Record<string, string>): string[] {
  const dir = tempDir('atm-gofmt-');
  for (const [name, text] of Object.entries(sources)) writeFileSync(path.join(dir, name), text);
  return execFileSync('gofmt', ['-l', dir], { encoding: 'utf8' }).split('\n').filter(Boolean).map((f) => path.basename(f));
}

function migrate(source: string): string | undefined {
  return migrateGoSource({ path: 'x.go', source }).output;
}

describe('Go layout', () => {
  it('keeps one argument per line, comments and the trailing comma', () => {
    const input = `package main

import (
	"time"

	rtc "${V1}/RtcTokenBuilder"
)

func token(uid uint32) (string, error) {
	return rtc.BuildTokenWithUID(
		"app", // app id
		"cert",
		"room",
		uid,
		rtc.RoleAttendee, // v1 publisher rights
		uint32(time.Now().Unix())+600,
	)
}
`;
    const output = migrate(input);
    expect(output).toBe(`package main

import (
	rtc "${V1}/rtctokenbuilder2"
)

func token(uid uint32) (string, error) {
	return rtc.BuildTokenWithUid(
		"app", // app id
		"cert",
		"room",
		uid,
		rtc.RolePublisher, // v1 publisher rights
		600, 600,
	)
}
`);
    expect(gofmtDirty({ 'in.go': input, 'out.go': output! })).toEqual([]);
    expect(migrate(output!)).toBeUndefined();
  });

  it('moves a renamed import to its sorted place in the group', () => {
    const input = `package main

import (
	"fmt"

	"${V1}/RtcTokenBuilder"
	"${V1}/chatTokenBuilder"
)

func main() {
	fmt.Println(rtctokenbuilder.BuildTokenWithUID("a", "c", "ch", 1, rtctokenbuilder.RolePublisher, 0))
	fmt.Println(chatTokenBuilder.Version)
}
`;
    const output = migrate(input)!;
    expect(output).toContain(`\t"${V1}/chatTokenBuilder"\n\trtctokenbuilder "${V1}/rtctokenbuilder2"\n)`);
    expect(output).toContain('BuildTokenWithUid("a", "c", "ch", 1, rtctokenbuilder.RolePublisher, 86400, 0)');
    expect(gofmtDirty({ 'in.go': input, 'out.go': output })).toEqual([]);
  });

  it('adds the time import for the helpers when the file has a single import', () => {
    const input = `package tokens

import "${V1}/RtcTokenBuilder"

// Token builds a token valid until deadline.
func Token(uid uint32, deadline uint32) (string, error) {
	return rtctokenbuilder.BuildTokenWithUID("a", "c", "ch", uid, rtctokenbuilder.RoleSubscriber, deadline)
}
`;
    const output = migrate(input)!;
    expect(output.startsWith(`package tokens

import rtctokenbuilder "${V1}/rtctokenbuilder2"
import "time"

`)).toBe(true);
    expect(output).toContain('toTokenExpire(deadline), toPrivilegeExpire(deadline))');
    expect(gofmtDirty({ 'in.go': input, 'out.go': output })).toEqual([]);
    expect(migrate(output)).toBeUndefined();
  });

  it('maps a deprecated constant inside a run-time role argument too', () => {
    const input = `package main

import "${V1}/RtcTokenBuilder"

func pick(admin bool) rtctokenbuilder.Role {
	if admin {
		return rtctokenbuilder.RoleAdmin
	}
	return rtctokenbuilder.RoleSubscriber
}

func main() {
	rtctokenbuilder.BuildTokenWithUID("a", "c", "ch", 1, pick(rtctokenbuilder.RoleAdmin == 101), 0)
}
`;
    const output = migrate(input)!;
    expect(output).toContain('\t\treturn rtctokenbuilder.RolePublisher\n');
    expect(output).toContain('BuildTokenWithUid("a", "c", "ch", 1, toV2Role(pick(101 /* RoleAdmin */ == 101)), 86400, 0)');
    expect(gofmtDirty({ 'out.go': output })).toEqual([]);
    expect(migrate(output)).toBeUndefined();
  });

  it('leaves look-alikes alone: a local package of the same name that is not Agora v1', () => {
    // no-op: the import path is not Agora's v1 package directory
    const input = `package main

import "example.com/tokens/rtctokenbuilder"

func main() {
	rtctokenbuilder.BuildTokenWithUID("a", "c", "ch", 1, rtctokenbuilder.RoleAdmin, 0)
}
`;
    expect(migrate(input)).toBeUndefined();
  });
});
