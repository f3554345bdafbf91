// Package rtmtokenbuilder2 stands in for Agora's v2 (AccessToken2, 007) RTM builder.
package rtmtokenbuilder2

import "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/internal/record"

// BuildToken records its arguments; expire is seconds from now.
func BuildToken(appId string, appCertificate string, userId string, expire uint32) (string, error) {
	return record.Call("rtmtokenbuilder2.BuildToken", appId, appCertificate, userId, expire)
}
