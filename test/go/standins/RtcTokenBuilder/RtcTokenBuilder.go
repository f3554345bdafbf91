// Package rtctokenbuilder stands in for Agora's v1 (AccessToken, 006) RTC builder.
package rtctokenbuilder

import "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/internal/record"

// Role Type
type Role uint16

// Role consts
const (
	RoleAttendee   = 0
	RolePublisher  = 1
	RoleSubscriber = 2
	RoleAdmin      = 101
)

// BuildTokenWithUID records its arguments; privilegeExpiredTs is an absolute unix time.
func BuildTokenWithUID(appID string, appCertificate string, channelName string, uid uint32, role Role, privilegeExpiredTs uint32) (string, error) {
	return record.Call("rtctokenbuilder.BuildTokenWithUID", appID, appCertificate, channelName, uid, role, privilegeExpiredTs)
}

// BuildTokenWithUserAccount records its arguments.
func BuildTokenWithUserAccount(appID string, appCertificate string, channelName string, userAccount string, role Role, privilegeExpiredTs uint32) (string, error) {
	return record.Call("rtctokenbuilder.BuildTokenWithUserAccount", appID, appCertificate, channelName, userAccount, role, privilegeExpiredTs)
}

// BuildTokenWithUIDAndPrivilege records its arguments; every deadline is an absolute unix time.
func BuildTokenWithUIDAndPrivilege(appID string, appCertificate string, channelName string, uid uint32,
	joinChannelPrivilegeExpiredTs uint32, pubAudioPrivilegeExpiredTs uint32,
	pubVideoPrivilegeExpiredTs uint32, pubDataStreamPrivilegeExpiredTs uint32) (string, error) {
	return record.Call("rtctokenbuilder.BuildTokenWithUIDAndPrivilege", appID, appCertificate, channelName, uid,
		joinChannelPrivilegeExpiredTs, pubAudioPrivilegeExpiredTs, pubVideoPrivilegeExpiredTs, pubDataStreamPrivilegeExpiredTs)
}

// BuildTokenWithUserAccountAndPrivilege records its arguments.
func BuildTokenWithUserAccountAndPrivilege(appID string, appCertificate string, channelName string, userAccount string,
	joinChannelPrivilegeExpiredTs uint32, pubAudioPrivilegeExpiredTs uint32,
	pubVideoPrivilegeExpiredTs uint32, pubDataStreamPrivilegeExpiredTs uint32) (string, error) {
	return record.Call("rtctokenbuilder.BuildTokenWithUserAccountAndPrivilege", appID, appCertificate, channelName, userAccount,
		joinChannelPrivilegeExpiredTs, pubAudioPrivilegeExpiredTs, pubVideoPrivilegeExpiredTs, pubDataStreamPrivilegeExpiredTs)
}
