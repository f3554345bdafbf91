// Package rtmtokenbuilder stands in for Agora's v1 (AccessToken, 006) RTM builder.
package rtmtokenbuilder

import "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/internal/record"

// Role Type
type Role uint16

// Role consts
const (
	RoleRtmUser = 1
)

// BuildToken records its arguments; privilegeExpiredTs is an absolute unix time.
func BuildToken(appID string, appCertificate string, userAccount string, role Role, privilegeExpiredTs uint32) (string, error) {
	return record.Call("rtmtokenbuilder.BuildToken", appID, appCertificate, userAccount, role, privilegeExpiredTs)
}
