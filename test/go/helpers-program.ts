/**
 * A Go program around the generated helpers (src/go/helpers.ts) that prints what they return for
 * deadlines around "now" and for every interesting role, with the clock it read, so a test can
 * hold them to src/mapping.ts.
 */
import { GO_HELPERS, goHelperSource } from '../../src/go/index.ts';

/** Package directory of the program in the test module. */
export const HELPERS_PACKAGE = 'cmd/helpers_mapping';

/** Deadlines relative to now (seconds), and absolute ones. */
export const RELATIVE_OFFSETS = [-100, -1, 0, 1, 2, 600, 86399, 86400, 86401, 200000];
export const ABSOLUTE_DEADLINES = [0, 1, 1000, 4294967295];
export const ROLES = [0, 1, 2, 3, 101, 65535];

/** What the program prints. */
export interface HelpersOutput {
  before: number;
  after: number;
  deadlines: { ts: number; tokenExpire: number; privilegeExpire: number }[];
  roles: { role: number; v2: number }[];
}

export function helpersProgram(): string {
  return `package main

import (
	"encoding/json"
	"fmt"
	"time"

	rtctokenbuilder "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/rtctokenbuilder2"
)

type deadline struct {
	Ts              uint32 \`json:"ts"\`
	TokenExpire     uint32 \`json:"tokenExpire"\`
	PrivilegeExpire uint32 \`json:"privilegeExpire"\`
}

type role struct {
	Role uint16 \`json:"role"\`
	V2   uint16 \`json:"v2"\`
}

func main() {
	before := time.Now().Unix()
	var deadlines []deadline
	for _, offset := range []int64{${RELATIVE_OFFSETS.join(', ')}} {
		ts := uint32(before + offset)
		deadlines = append(deadlines, deadline{ts, toTokenExpire(ts), toPrivilegeExpire(ts)})
	}
	for _, ts := range []uint32{${ABSOLUTE_DEADLINES.join(', ')}} {
		deadlines = append(deadlines, deadline{ts, toTokenExpire(ts), toPrivilegeExpire(ts)})
	}
	var roles []role
	for _, r := range []rtctokenbuilder.Role{${ROLES.join(', ')}} {
		roles = append(roles, role{uint16(r), uint16(toV2Role(r))})
	}
	out, _ := json.Marshal(map[string]interface{}{"before": before, "after": time.Now().Unix(), "deadlines": deadlines, "roles": roles})
	fmt.Println(string(out))
}

${GO_HELPERS.map((helper) => goHelperSource(helper, 'rtctokenbuilder')).join('\n\n')}
`;
}
