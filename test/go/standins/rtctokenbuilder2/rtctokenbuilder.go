// Package rtctokenbuilder2 stands in for Agora's v2 (AccessToken2, 007) RTC builder.
package rtctokenbuilder2

import "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/internal/record"

// Role type
type Role uint16

const (
	RolePublisher  = 1 // for live broadcaster
	RoleSubscriber = 2 // default, for live audience
)

// BuildTokenWithUid records its arguments; both expiries are seconds from now.
func BuildTokenWithUid(appId string, appCertificate string, channelName string, uid uint32, role Role, tokenExpire uint32, privilegeExpire uint32) (string, error) {
	return record.Call("rtctokenbuilder2.BuildTokenWithUid", appId, appCertificate, channelName, uid, role, tokenExpire, privilegeExpire)
}

// BuildTokenWithUserAccount records its arguments.
func BuildTokenWithUserAccount(appId string, appCertificate string, channelName string, account string, role Role, tokenExpire uint32, privilegeExpire uint32) (string, error) {
	return record.Call("rtctokenbuilder2.BuildTokenWithUserAccount", appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire)
}

// BuildTokenWithUidAndPrivilege records its arguments.
func BuildTokenWithUidAndPrivilege(appId string, appCertificate string, channelName string, uid uint32,
	tokenExpire uint32, joinChannelPrivilegeExpire uint32, pubAudioPrivilegeExpire uint32, pubVideoPrivilegeExpire uint32, pubDataStreamPrivilegeExpire uint32) (string, error) {
	return record.Call("rtctokenbuilder2.BuildTokenWithUidAndPrivilege", appId, appCertificate, channelName, uid,
		tokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire)
}

// BuildTokenWithUserAccountAndPrivilege records its arguments.
func BuildTokenWithUserAccountAndPrivilege(appId string, appCertificate string, channelName string, account string,
	tokenExpire uint32, joinChannelPrivilegeExpire uint32, pubAudioPrivilegeExpire uint32, pubVideoPrivilegeExpire uint32, pubDataStreamPrivilegeExpire uint32) (string, error) {
	return record.Call("rtctokenbuilder2.BuildTokenWithUserAccountAndPrivilege", appId, appCertificate, channelName, account,
		tokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire)
}
